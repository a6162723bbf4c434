// English question frames: question words and period expressions, rewritten into the Chinese the engine
// reads. Language knowledge only; content words reach the article's terms through the bilingual
// dictionary, and names through the article's entities and their pinyin.

/** English question words and period phrases -> Chinese. Longer phrases first. */
export const ENGLISH_FRAMES: [RegExp, string][] = [
  // Talk about the article itself says nothing about what is asked ("the article brings it up").
  [/\b(?:according to|in|from) (?:the|this) (?:article|piece|story|post)\b|\b(?:the|this) (?:article|piece|story|post) (?:brings (?:it|this|that) up|mentions (?:it|this|that)|says|talks about (?:it|this|that)|mentioned(?: it)?)\b/gi, ' '],
  // Contractions: "what's" asks what something is.
  [/\b(what|who|where|how|when|why|which)['’]s\b/gi, '$1 is'],
  // "What is Paytm?": one name after "what is" asks what it is.
  [/\bwhat\s+(?:is|are|was)\s+([\p{L}\d·.\-]+)\s*\?*\s*$/giu, '$1是什么'],
  [/\bfirst three quarters of (\d{4})\b/gi, '$1年前三季度'],
  [/\b(\d{4}) first three quarters\b|\b(\d{4}) Q1[-–]Q?3\b|\bQ1[-–]Q?3 (\d{4})\b/gi, '$1$2$3年前三季度'],
  [/\bfirst half of (\d{4})\b|\bH1 (\d{4})\b|\b(\d{4}) H1\b/gi, '$1$2$3年上半年'],
  [/\bsecond half of (\d{4})\b|\bH2 (\d{4})\b|\b(\d{4}) H2\b/gi, '$1$2$3年下半年'],
  [/\bQ([1-4]) (\d{4})\b|\b(\d{4}) Q([1-4])\b/gi, '$2$3年Q$1$4'],
  // The same periods with no year ("in the first nine months", "the first half"): the reader dates them.
  [/\b(?:the )?first (?:nine|9) months\b|\b(?:the )?first three quarters\b/gi, '前三季度'],
  [/\b(?:the )?first half(?: of the year)?\b|\bH1\b/gi, '上半年'],
  [/\b(?:the )?second half(?: of the year)?\b|\bH2\b/gi, '下半年'],
  [/\b(?:in|for|during|of) (\d{4})\b/gi, '$1年'],
  // Month names are dates, not names: "in December" -> 12月.
  ...['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map(
    // ("May I ask…" is the verb.)
    (m, i): [RegExp, string] => [new RegExp(`\\b${m}\\b${m === 'May' ? '(?!\\s+(?:I|we|you)\\b)' : ''}`, 'g'), `${i + 1}月`],
  ),
  [/(\d{1,2})月\s*,?\s*(\d{4})\b/g, '$2年$1月'],
  // A quarter with no year ("the q3 report") is the quarter of the year the reader infers.
  ...['一', '二', '三', '四'].map((n, i): [RegExp, string] => [new RegExp(`(?<![年\\d]\\s*)\\bQ${i + 1}\\b(?!\\s*\\d)`, 'gi'), `${n}季度`]),
  [/\blast year\b/gi, '去年'],
  [/\bthis year\b/gi, '今年'],
  [/\bwhen will\b/gi, '什么时候将'],
  // "When did…" asks a time; a "when" inside the question ("how much … when the deal ended") is a clause.
  [/(^\s*(?:(?:so|and|but|ok|okay|then|hey|um|uh|also)[,\s]+)?|[,;]\s*|\band\s+)when\b|\bwhat date\b|\bwhich day\b|\bwhat day\b/gi, '$1什么时候'],
  [/\bwhen\b/gi, '时'],
  [/\bhow long\b/gi, '多长时间'],
  [/\bwhich year\b|\bwhat year\b/gi, '哪一年'],
  [/\bhow (?:much|many)\b/gi, '多少'],
  // "before he came to Lanqiao", "before joining": the time before a move.
  [/\bbefore (?:(?:he|she|they) )?(?:came to|joined|joining|coming to|moved to|went to)\b/gi, '加入之前'],
  [/\bbefore\b/gi, '之前'],
  // "What did X pay for Y", "what did it cost": the amount paid is asked.
  [/\bwhat\b(?=[^?]*\b(?:pay|paid|spend|spent|cost|costs)\b)/gi, '多少钱'],
  [/\b(?:pay|paid|spend|spent|cost|costs)(?: for)?\b/gi, '花了'],
  [/\bhow old\b/gi, '多少岁'],
  [/\bwhat percentage\b|\bwhat share\b|\bwhat proportion\b/gi, '占比多少'],
  // "Who runs / heads / leads X": the person in charge (not "经营", which a company does too).
  [/\bwho (?:now |currently )?(?:runs|heads|leads|manages|is in charge of|is running|is heading)\b/gi, '谁负责'],
  // Leaving a company, and going somewhere ("after he left Lanqiao", "where did he go").
  [/\b(?:left|leaves|leaving|quit|quits|quitting)\b/gi, '离开'],
  [/\b(?:go|goes|went|gone)\b/gi, '去'],
  // Leaving a post, in the words of the genre's event verbs.
  [/\bstep(?:s|ping|ped)? down\b|\bresign(?:s|ed|ing)?\b/gi, '卸任'],
  [/\btak(?:e|es|ing) over\b|\bsucceed(?:s|ed|ing)?\b|\breplac(?:e|es|ed|ing)\b/gi, '接任'],
  [/\bwho\b|\bwhom\b/gi, '谁'],
  [/\bwhy\b/gi, '为什么'],
  [/\bwhere\b/gi, '哪里'],
  [/\bwhich\b/gi, '哪个'],
  [/\bhow\b/gi, '怎么'],
  [/\bcompared (?:with|to)\b|\bthan\b/gi, '比'],
  [/\bhigher\b|\bmore\b|\bbigger\b|\blarger\b/gi, '更高'],
  [/\blower\b|\bless\b|\bsmaller\b|\bfewer\b/gi, '更低'],
];

/** Applies the frames; words it does not know stay as they are for the dictionary to read. */
export function translateFrames(q: string): string {
  let out = q;
  for (const [re, zh] of ENGLISH_FRAMES) out = out.replace(re, (...m) => ` ${zh.replace(/\$(\d)/g, (_, i) => (typeof m[Number(i)] === 'string' ? m[Number(i)] : ''))} `);
  return out.replace(/\s+/g, ' ').trim();
}

export const hasEnglish = (q: string): boolean => /[A-Za-z]{3,}/.test(q.replace(/\b[A-Z0-9]{2,}\b/g, ''));
