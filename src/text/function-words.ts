// Chinese words that say the same thing about time and sequence in different registers: chat says 之前
// and 现在 where written news says 此前 and 目前. A dictionary's glosses do not pair them reliably (they are
// in the article anyway, so no "related word" is looked up), and they decide which sentence answers
// "之前在哪" or "现在是什么职务". Language knowledge, the same for every article.
const GROUPS: readonly (readonly string[])[] = [
  ['之前', '以前', '此前', '先前', '原先', '早前', '此前曾'],
  ['之后', '以后', '此后', '后来', '随后', '其后'],
  ['现在', '目前', '现今', '如今', '当前', '眼下', '现任'],
];

const byWord = new Map(GROUPS.flatMap((g) => g.map((w) => [w, g.filter((x) => x !== w)] as const)));

/** Other words with the same temporal sense ("之前" -> 此前, 以前 …), none for other words. */
export const sameTimeSense = (word: string): readonly string[] => byWord.get(word) ?? [];
