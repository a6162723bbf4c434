// What a question asks, in the article's vocabulary: tokens for retrieval, the kind of answer wanted, the
// entities, periods and ordinals it names (hard constraints), and names the article never mentions
// (evidence for "not found").
import type { Article } from '../corpus/article.js';
import { personShaped } from '../corpus/entities.js';
import { DEICTIC_START, FUNCTION_CHARS, LATIN_PERIOD, ORG_ENDINGS } from '../genre/names.js';
import { normalizeQuestion, compact } from '../text/normalize.js';
import { inDictionary, isCommonWord, retrievalTokens, STOP_WORDS, tag, tokenize } from '../text/segment.js';
import { familyWords, findMeasures } from '../genre/measures.js';
import { expandShortYears, periodsAskedIn } from '../genre/period.js';
import { eventsAsked } from '../genre/events.js';
import type { Period } from '../genre/period.js';
import { afterDepartureAsked, careerBeforeAsked, NEW_HOLDER_ASKED, classifyQuestion, isDeicticTime, slotNouns, withoutFocus, type AnswerType } from './answer-type.js';
import { compactArticle } from '../corpus/cite.js';
import { perArticle } from '../corpus/per-article.js';
import { readQuestion, type Reading } from './reading.js';
import { lineAsked } from './line.js';
import { isColloquialFrame, sameSense } from '../text/function-words.js';

export interface QueryAnalysis {
  original: string;
  normalized: string;
  /** Normalized, with names, English, typos and everyday words read into the article's Chinese. */
  text: string;
  /** The question as read (names, typos, English) without the words added for related senses. */
  core: string;
  tokens: string[];
  /** How typed words were read (homophone typos, English, names, everyday words). */
  readings: Reading[];
  /** Whole content words (non-search cut) that evidence should hold; focus words left out. */
  words: string[];
  /** Nouns naming the kind of answer after 哪/什么 ("哪个城市"): never evidence that a passage says something. */
  slots: string[];
  /** Of those, the predicate words (one-character verbs, adverbs, place and time words): chat says them
   * colloquially (买, 当, 干, 越来越) where the article writes its own compound (收购, 担任, 从事). */
  light: Set<string>;
  /** For a word the article does not use: the article's words for the same sense. */
  alternatives: Map<string, string[]>;
  answerType: AnswerType;
  entities: string[];
  /** Every name each entity goes by in the article (canonical, short forms, aliases). */
  entityNames: Map<string, string[]>;
  /** The entities that are people. */
  people: string[];
  years: string[];
  /** Periods asked about (去年/今年 read against the posting date). */
  periods: Period[];
  /** Measures named (营收, 不良率 …), each with the words of its family. */
  measures: { canonical: string; words: string[] }[];
  /** Ordinals of counted things ("首批" = 1批, "第二批" = 2批): evidence must carry the same one. */
  ordinals: string[];
  asksQuantity: boolean;
  asksWhen: boolean;
  asksWhy: boolean;
  /** "X来Y之前在哪干过": where a person asked about was before a move. */
  asksCareerBefore: boolean;
  /** "X离职以后去了哪家公司": what came after someone left. */
  asksAfterDeparture: boolean;
  /** Name-like words (people, places, organisations, capitalised Latin words) that the article never uses. */
  unknownNames: string[];
  /** Nouns of the question the article never uses, with no article word for the same sense ("总部", "员工"). */
  absentNouns: string[];
  /** Words the article writes as a company's name, though no entity was found for them ("青禾等公司"). */
  unlistedOwners: string[];
  /** The business line asked before a bare 收入 ("电池回收业务收入多少" -> 电池回收业务), if any (see line.ts). */
  line?: string;
}

const NAME_TAGS = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'x', 'eng']);
const ENGLISH_STOP = new Set(
  'what when who whom which where why how is are was were did does do the a an of in on for to and by at as with its it can could would please tell me about i you he she they we'.split(' '),
);

// Chat fillers that carry no content: politeness openers and sentence-final particles (a particle inside a
// name, as in 星花, is not at a clause end and stays).
const FILLER_OPENERS = /^(?:请问一下|请问|麻烦问一下|麻烦问下|我想问一下|我想问|想问一下|想问下|我想知道|想知道|问一下|问下|那个|就是说?|嗯+|诶|哎)[，,、\s]*/;
const FILLER_ENDINGS = /(?<=\p{Script=Han})(?:呀|啊|呢|嘛|啦|哈|哦|喔|吧)+(?=[？?！!。.，,\s]|$)/gu;
const REPEATED_PUNCTUATION = /([？?！!。.，,])[？?！!。.，,]+/g;

// Discourse fillers anywhere in a chat question: "说白了", "简单来说", "到底", "究竟".
// So is talk about the article itself ("文章里说", "文中提到的", "按原文").
const FILLER_PHRASES = /说白了|简单(?:来|地)?说|通俗(?:点|地)?(?:来)?说|直白(?:点|地)?说|到底|究竟|具体来说|(?:根据|按照?)?(?:这篇)?(?:文章|文中|原文)(?:里|中)?(?:说|提到|讲|写|介绍)(?:的|了|到)?|(?:根据|按照?)(?:这篇)?(?:文章|原文)/g;

export function stripFillers(q: string): string {
  return q.replace(FILLER_OPENERS, '').replace(FILLER_PHRASES, ' ').replace(FILLER_ENDINGS, '').replace(REPEATED_PUNCTUATION, '$1').replace(/\s+/g, ' ').trim() || q;
}

// Ordinals of counted events: 首批, 头一批, 第一批 (all "1批"), 第二次 … A quarter (第三季度) is a period, not one.
const ORDINAL = /(首|头一?|(?:排|位列|位居|排名)?第([一二三四五六七八九十两\d]+))(批|次|轮|期|届|代|笔|名|位|大)|(?:排|位列|位居|排名)第([一二三四五六七八九十两\d]+)/g;
const CN_DIGITS = '零一二三四五六七八九十';
// A rank ("第五名", "排第五", "首位") is one kind of ordinal whatever its classifier.
const RANK = /^[名位大]?$/;
const ordinalKey = (m: RegExpMatchArray): string => {
  const digits = m[2] ?? m[4];
  const n = digits === undefined ? 1 : /^\d+$/.test(digits) ? Number(digits) : digits === '两' ? 2 : CN_DIGITS.indexOf(digits);
  return `${n}${RANK.test(m[3] ?? '') ? '位' : m[3]}`;
};
// Funding rounds are ordinals written with letters: "A轮", "B 轮", "Pre-A轮".
const ROUND = /(?<![A-Za-z])((?:Pre-)?[A-F])\+?\s*轮/gi;
// "分别位居 2 - 4 位": a list's ranks, one each; "排老二" is second place in chat.
const RANK_RANGE = /(?:位居|位列|排名|排在|排)第?\s*(\d+)\s*[-－~～至到]\s*(\d+)\s*[位名]/g;
const RANK_BY_SIBLING = /(?:排|是|当)?老([二三四五])/g;
// "项目分两期建设，一期20GWh…": a project's phases are ordinals written without 第 ("二期" is 第二期).
const PHASE = /(?<![第分两几\d一二三四五六七八九十])([一二三四五])期(?![间限货])/g;
const rangeKeys = (m: RegExpMatchArray): string[] => {
  const [from, to] = [Number(m[1]), Number(m[2])];
  return to >= from && to - from < MAX_RANK_SPAN ? Array.from({ length: to - from + 1 }, (_, i) => `${from + i}位`) : [];
};
/** A rank range longer than this is a span of numbers, not a list of places. */
const MAX_RANK_SPAN = 10;
/** Ordinal keys ("1批", "2次", "B轮", "2位") in a text. */
export const ordinalsIn = (text: string): string[] => [
  ...[...text.matchAll(ORDINAL)].map(ordinalKey),
  ...[...text.matchAll(ROUND)].map((m) => `${m[1]!.toUpperCase()}轮`),
  ...[...text.matchAll(RANK_RANGE)].flatMap(rangeKeys),
  ...[...text.matchAll(RANK_BY_SIBLING)].map((m) => `${CN_DIGITS.indexOf(m[1]!)}位`),
  ...[...text.matchAll(PHASE)].map((m) => `${CN_DIGITS.indexOf(m[1]!)}期`),
];

export function analyzeQuestion(question: string, article: Article): QueryAnalysis {
  const normalized = expandShortYears(normalizeQuestion(question), Number(article.meta.published.slice(0, 4)));
  const articleCompact = compactArticle(article);
  const inArticle = (w: string) => articleCompact.includes(compact(w));
  const read = readQuestion(stripFillers(normalized), article);
  const { text } = read;
  // A question that names a measure and asks nothing else ("曜森的市值", "What's X's market cap?") asks
  // for its figure.
  // (The question as read — typos mended — names them; as typed only when the reading names none.)
  const inCore = findMeasures(read.core);
  const named = uniqueMeasures(inCore.length ? [...inCore] : [...findMeasures(normalized)]);
  const asked = classifyQuestion(text);
  // "青禾宝是干啥的": what a thing does is what it is; only a person holds a post.
  const thingDoes = asked === 'role' && WHAT_IT_DOES.test(text) && !article.entities.find(read.core).some((e) => e.kind === 'person');
  // "What was X's net profit": an English what-question naming a measure asks its figure.
  const answerType: AnswerType = thingDoes ? 'definition' : asked === 'other' && named.length && WHAT_FIGURE.test(normalized) ? 'number' : asked;
  const tokens = retrievalTokens(text);
  // The kind of answer named after 哪/什么 ("哪个国家") is the slot: not an unknown name, and no evidence
  // against a passage that lacks the word (where the article uses it, "哪家公司" still finds "远航公司").
  const slots = new Set(slotNouns(read.core).filter((n) => !article.entities.find(n).length));
  // (A word glued to a question word, "归谁", is the question's frame, not its content.)
  const words = contentWords(withoutFocus(read.core, answerType), inArticle, article).filter(
    (w) => (!slots.has(w) || inArticle(w)) && !(QUESTION_PIECE.test(w) && !inArticle(w)),
  );
  const alternatives = new Map<string, string[]>();
  for (const r of read.readings) {
    if (r.how === 'related') alternatives.set(r.typed, [...(alternatives.get(r.typed) ?? []), r.read]);
    if (r.also?.length) alternatives.set(r.read, [...(alternatives.get(r.read) ?? []), ...r.also]);
  }
  for (const w of words) if (sameSense(w).length) alternatives.set(w, [...(alternatives.get(w) ?? []), ...sameSense(w)]);
  // A measure typed one way ("月活") is evidenced by any word of its family ("活跃用户").
  for (const m of named) {
    const family = familyWords(m.measure.family).filter((x) => x !== m.word);
    alternatives.set(m.word, [...(alternatives.get(m.word) ?? []), ...family]);
  }
  // Names the asker typed (or whose English or pinyin they typed); words added for related senses only widen the search.
  const entities = [...new Set(article.entities.find(read.core).map((e) => e.canonical))];
  const entityNames = new Map(entities.map((e) => [e, article.entities.get(e)?.names ?? [e]]));
  return {
    original: question,
    normalized,
    text,
    core: read.core,
    tokens,
    readings: read.readings,
    words,
    light: lightWords(words, read.core, article),
    slots: [...slots],
    alternatives,
    answerType,
    entities,
    entityNames,
    people: entities.filter((e) => article.entities.get(e)?.kind === 'person'),
    // Years and periods are what the asker typed: words added for related senses ("今年" beside 去年) are not.
    years: [...new Set([...read.core.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => m[0]))],
    // (So are ordinals: "原来" widened to 首次 asks for no first time.)
    ordinals: ordinalsIn(read.core),
    periods: periodsAskedIn(read.core, Number(article.meta.published.slice(0, 4)), Number(article.meta.published.slice(5, 7))).map(({ key, label }) => ({ key, label })),
    // What the asker typed names the measure; words added for related senses only widen the search.
    // (An English measure name, "market cap", is found as typed, before its words were translated apart.)
    measures: named.map((m) => ({ canonical: m.measure.canonical, words: familyWords(m.measure.family) })),
    asksQuantity: answerType === 'number' || answerType === 'comparison',
    asksWhen: answerType === 'date',
    asksWhy: answerType === 'reason',
    asksCareerBefore: entities.some((e) => article.entities.get(e)?.kind === 'person') && careerBeforeAsked(read.core),
    asksAfterDeparture: afterDepartureAsked(read.core),
    // "此鱼", "该行", "本片" point back at what the article is about; they name nothing new.
    unknownNames: unknownNames(text, article, entities.length > 0, inArticle).filter((n) => !slots.has(n) && !DEICTIC_START.test(n)),
    absentNouns: absentNouns(read.core, article, alternatives).filter((n) => !slots.has(n) && !DEICTIC_START.test(n)),
    line: lineAsked(read.core, entityNames),
    unlistedOwners: words.filter((w) => /^\p{Script=Han}{2,}$/u.test(w) && !article.entities.find(w).length && ownerInArticle(w, article)),
  };
}

// "青禾等公司", "像青禾这样的互联网平台": what follows a word when the article names a company by it.
const OWNER_AFTER = /^(?:等|这样的|这类|之类|旗下)/;
/** The article writes the word as a company's name somewhere. */
function ownerInArticle(w: string, article: Article): boolean {
  const text = compactArticle(article);
  for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) if (OWNER_AFTER.test(text.slice(at + w.length, at + w.length + 3))) return true;
  return false;
}

const WHAT_FIGURE = /^\s*what\s+(?:was|is|were|are)\b/i;
const WHAT_IT_DOES = /是(?:干|做|搞)(?:啥|什么|嘛)的/;

const uniqueMeasures = <T extends { measure: { canonical: string } }>(found: T[]): T[] =>
  found.filter((m, i) => found.findIndex((x) => x.measure.canonical === m.measure.canonical) === i);

/** Whole words; a compound the article never uses ("大学毕业") still asks about its parts it does use ("毕业"). */
function contentWords(text: string, inArticle: (w: string) => boolean, article: Article): string[] {
  // The article's names are words of their own: cut the question around them, so the segmenter cannot
  // glue a name to the verb after it ("华金干", "鸡毛松有").
  const hay = compactArticle(article);
  const names = article.entities.find(text).map((m) => ({ ...m, name: nameRun(text, m.at, m.name, hay) }));
  const pieces: string[] = [];
  let from = 0;
  for (const m of names) {
    if (m.at < from) continue;
    pieces.push(text.slice(from, m.at));
    from = m.at + m.name.length;
  }
  pieces.push(text.slice(from));
  const whole = [...names.map((m) => m.name), ...pieces.flatMap((p) => tokenize(p, false)).map((w) => unglued(w, inArticle))];
  const parts = whole.flatMap((w) =>
    [...w].length >= 3 && !inArticle(w) ? tokenize(w).filter((p) => p !== w && [...p].length >= 2 && inArticle(p)) : [],
  );
  return [...new Set([...whole, ...parts])];
}

/** Longest run a partly known name is extended to. */
const MAX_NAME_RUN = 12;

/** A name the entity list holds only in part ("阿夸" of 阿夸弗雷斯卡) runs on as far as the article always
 * writes it: while every mention in the article goes on with the question's next character. It stops where
 * a word of the language starts ("林默离职" is the name, then 离职). */
function nameRun(text: string, at: number, name: string, hay: string): string {
  let run = name;
  while (run.length < MAX_NAME_RUN) {
    const next = text[at + run.length] ?? '';
    const pair = text.slice(at + run.length, at + run.length + 2);
    if (!/\p{Script=Han}/u.test(next) || (pair.length === 2 && inDictionary(pair)) || !alwaysFollowedBy(hay, compact(run), next)) break;
    run += next;
  }
  return run;
}
/** Every occurrence of the word in the text is followed by that character (and there is one). */
function alwaysFollowedBy(hay: string, word: string, next: string): boolean {
  let seen = false;
  for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
    if (hay[at + word.length] !== next) return false;
    seen = true;
  }
  return seen;
}
// Characters the segmenter glues onto a name it does not know ("高登现效力", "兆康苑为总站"): function
// characters and the adverb 现 ("now").
const GLUED_CHARS = new Set([...FUNCTION_CHARS, '现', '曾', '均', '共', '约', '即']);
/** A word the article lacks that is an article word with a function character glued on either side
 * ("高登现" -> 高登, "在建行" -> 建行) is that article word. */
export function unglued(w: string, inArticle: (w: string) => boolean): string {
  const chars = [...w];
  if (chars.length < 3 || inArticle(w)) return w;
  if (GLUED_CHARS.has(chars[chars.length - 1]!) && inArticle(chars.slice(0, -1).join(''))) return chars.slice(0, -1).join('');
  if (GLUED_CHARS.has(chars[0]!) && inArticle(chars.slice(1).join(''))) return chars.slice(1).join('');
  return w;
}

// Tags of predicate and function words: adverbs, localisers, prepositions, conjunctions, particles,
// pronouns, time words (a period asked is a constraint of its own, checked apart).
const LIGHT_TAGS = /^(?:d|f|p|c|u[a-z]*|r|t)$/

// The dictionary tags some nouns as pronouns ("本科/r"): a pronoun is light only in a pronoun's shape.
const PRONOUN_SHAPE = /^[这那哪怎什自他她它我你您咱其此某每各谁啥]/;
const lightTag = (w: string, t: string): boolean => LIGHT_TAGS.test(t) && (t !== 'r' || PRONOUN_SHAPE.test(w));

/** Words of the question that only frame its predicate: a single Han character that is not a name, a
 * word the segmenter tags as adverb, localiser, time word … (see LIGHT_TAGS), a colloquial framing word, or
 * one of the general language's commonest words (说, 开始, 作用) that is not a business measure. */
function lightWords(words: string[], core: string, article: Article): Set<string> {
  const tags = new Map(tag(core).map(({ word, tag: t }) => [word.trim(), t]));
  // Two characters the segmenter's model glued into no word of the language or the article ("刚进", "各差",
  // "搞来") are a predicate's pieces, not a name.
  const glued = (w: string) => /^\p{Script=Han}{2}$/u.test(w) && !inDictionary(w) && !compactArticle(article).includes(w) && !personShaped(w);
  // A verb's directional complement ("买下来", "拿出来") is grammar; a deictic time word ("当年") places nothing.
  const framing = (w: string) =>
    isColloquialFrame(w) || (isCommonWord(w) && !findMeasures(w).length) || glued(w) || DIRECTIONAL.test(w) || isDeicticTime(w) || ATTRIBUTE_NOUNS.has(w);
  return new Set(
    // (A one-character verb with its aspect particle, "干过", "当了", is as light as the verb.)
    words.filter((w) => !article.entities.find(w).length && (/^\p{Script=Han}[了过着]?$/u.test(w) || lightTag(w, tags.get(w) ?? '') || framing(w))),
  );
}

// Attributes a reference text states without naming them ("X是香港歌手" gives the 职业, "X位于…" the 地理位置,
// "X（英文：…）" the 英文名): the word asks for the attribute and need not stand in the answer.
const ATTRIBUTE_NOUNS = new Set([
  '职业', '身份', '国籍', '英文名', '英文名称', '英文全称', '地理位置', '位置', '定义', '含义', '意思', '死因', '祖籍', '籍贯', '出生地', '全称', '别称', '别名', '学名', '体裁', '类型', '种类', '颜色', '形状',
]);

// A verb with a directional complement, or the complement alone ("买下来", "下来", "做起来").
const DIRECTIONAL = /^\p{Script=Han}{0,2}(?:下来|下去|起来|出来|上来|上去|过来|回来|回去|进来|进去)$/u;

// Characters that glue words into a phrase ("进", "过", "干" are verbs, 的/了 particles): a "name" holding
// one is the segmenter joining a name to what follows. Place words (上海, 中山) keep theirs.
// (得 joins a verb to its complement: "涨得更快" is a predicate.)
const GLUE_CHARS = new Set([...FUNCTION_CHARS].filter((c) => !'上下中里内外时年月日前后来'.includes(c)).concat([...'进干当做搞买卖得']));

/** Nouns the article never uses as a word of its own, and for which the reader found no article word. */
function absentNouns(text: string, article: Article, alternatives: Map<string, string[]>): string[] {
  const haystack = compactArticle(article);
  // English words still untranslated ("python") are things the article does not talk about either.
  const foreign = [...text.matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]).filter((w) => !haystack.includes(w.toLowerCase()) && !ENGLISH_STOP.has(w.toLowerCase()));
  return foreign.concat(tag(text)
    .filter(({ word, tag: t }) => /^n[a-z]*$|^vn$/.test(t) && /^\p{Script=Han}{2,}$/u.test(word) && !STOP_WORDS.has(word) && !QUESTION_PIECE.test(word))
    .map(({ word }) => word)
    .filter((w) => !article.lexicon.vocabulary.has(w) && !alternatives.has(w) && !article.entities.find(w).length));
}

// The article's words and names, listed once per article (abbreviations are looked for in them).
const longerWords = perArticle((article) => [...article.lexicon.vocabulary, ...article.entities.entities.flatMap((e) => e.names)].filter((x) => x.length > 2));
// The lower-cased words of the article's names ("star", "fund" of Star Fund), once per article.
const nameWords = perArticle((article) => new Set(article.entities.entities.flatMap((e) => e.names.flatMap((n) => n.toLowerCase().split(/\s+/)))));
/** Chinese abbreviates a name by keeping characters of it in order, the first among them ("印尼" of
 * 印度尼西亚, "北大" of 北京大学): a word of 2–3 characters so kept in a longer article word or name. */
function abbreviates(w: string, article: Article): boolean {
  const chars = [...w];
  if (chars.length < 2 || chars.length > 3 || !/^\p{Script=Han}+$/u.test(w)) return false;
  return longerWords(article).some((x) => {
    if (x.length <= w.length || !x.startsWith(chars[0]!)) return false;
    let at = 1;
    for (const c of chars.slice(1)) {
      at = x.indexOf(c, at);
      if (at < 0) return false;
      at++;
    }
    return true;
  });
}

// "新设的部门", "新建的工厂": what was newly done, not a name (jieba may tag 新设 as an organisation).
const NEWLY_DONE = /^新[设建开增招任来成组推上办立聘出发]$/;
// Question words and measure phrases that jieba may glue to a neighbour ("哪俩", "多少钱"): never a name.
const QUESTION_PIECE = /[哪谁啥几么吗呢]|多少|多[大久长高远重宽深厚快]|什么|怎么|如何|为何|^老[二三四五]$/;

/** Name-like words of the question that the article never uses: evidence the question is about something
 * else. A word that contains one of the article's names ("华金干", "钱晓东进") or a question word is the
 * segmenter gluing words together, not a new name. */
function unknownNames(text: string, article: Article, namesKnown: boolean, inArticle: (w: string) => boolean): string[] {
  const unknown = new Set<string>();
  const tagged = tag(text);
  // (The genre's event words, "换帅", "离职", are what happened, never who; an abbreviation of an article
  // word, "印尼" for 印度尼西亚, is that word.)
  const plausible = (w: string) =>
    !inArticle(w) &&
    !eventsAsked(w).length &&
    !abbreviates(w, article) &&
    unglued(w, inArticle) === w &&
    !QUESTION_PIECE.test(w) &&
    // ("新来的财务老大": 新来 says who is asked, the one appointed now; it names no one.)
    !NEW_HOLDER_ASKED.test(w) &&
    !NEWLY_DONE.test(w) &&
    !article.entities.find(w).length &&
    // "Star Funds" is a plural of a name's word ("Star Fund").
    !nameWords(article).has(w.toLowerCase().replace(/s$/, '')) &&
    (/^[A-Za-z]+$/.test(w) || ![...w].some((c) => GLUE_CHARS.has(c)));
  // "百度的CEO", "腾讯的市值": the word before 的 names whose thing is asked about. jieba often tags
  // company names as plain nouns, so an owner the article never mentions counts as an unknown name too.
  tagged.forEach(({ word, tag: t }, i) => {
    const w = word.trim();
    // Only a possessive 的 counts: one followed by the thing owned, not the 的 that ends "是…毕业的".
    const owned = tagged[i + 2];
    if (!owned || !/^[neax]/.test(owned.tag) || !/[\p{Script=Han}A-Za-z]/u.test(owned.word)) return;
    // (An idiom or set phrase before 的 describes; it owns nothing: "板上钉钉的事".)
    if (tagged[i + 1]?.word !== '的' || !/^\p{Script=Han}{2,}$/u.test(w) || /^[trmdvafil]/.test(t) || STOP_WORDS.has(w)) return;
    if (plausible(w)) unknown.add(w);
  });
  // A question naming nothing the article knows is about its leading noun ("字节跳动什么时候成立"):
  // absent from the article, the question is about something else, whatever jieba tags it.
  // (Not a place phrase: "剧中", "书里" say where in the work, not who.)
  const lead = namesKnown
    ? undefined
    : tagged.find(({ word, tag: t }) => /^[nx]/.test(t) && /^\p{Script=Han}{2,}$/u.test(word.trim()) && !STOP_WORDS.has(word.trim()) && !/[中里内]$/.test(word.trim()));
  if (lead && plausible(lead.word.trim())) unknown.add(lead.word.trim());
  for (const { word, tag: t } of tagged) {
    const w = word.trim();
    if (!NAME_TAGS.has(t) || !/[\p{Script=Han}A-Za-z]/u.test(w) || LATIN_PERIOD.test(w)) continue;
    if (/^[A-Za-z]+$/.test(w)) {
      // Latin words count as names only when capitalised, not ordinary question words, and not a plural of
      // a word the article writes ("CEOs").
      if (!/^[A-Z]/.test(w) || ENGLISH_STOP.has(w.toLowerCase()) || w.length < 2 || inArticle(w.replace(/s$/, '')) || LATIN_PERIOD.test(w)) continue;
    } else if ([...w].length < 2 || STOP_WORDS.has(w)) continue;
    // A segmenter's unknown word ('x') is a name only in a name's shape: a person's, or an organisation's.
    else if (t === 'x' && !personShaped(w) && !ORG_ENDINGS.some((e) => w.endsWith(e))) continue;
    // A two-character dictionary word the tagger calls a name but no surname starts ("换人") is a word.
    else if (/^nr/.test(t) && [...w].length === 2 && inDictionary(w) && !personShaped(w)) continue;
    if (plausible(w)) unknown.add(w);
  }
  return [...unknown];
}
