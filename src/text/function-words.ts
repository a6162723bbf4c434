// Chinese words that say the same thing about time and sequence, naming and speaking in different registers: chat
// says 之前, 现在 and 叫 where written text says 此前, 目前 and 又称. A dictionary's glosses do not pair them reliably (they are
// in the article anyway, so no "related word" is looked up), and they decide which sentence answers
// "之前在哪" or "现在是什么职务". Language knowledge, the same for every article.
const GROUPS: readonly (readonly string[])[] = [
  ['之前', '以前', '此前', '先前', '原先', '早前', '此前曾'],
  ['之后', '以后', '此后', '后来', '随后', '其后'],
  ['现在', '目前', '现今', '如今', '当前', '眼下', '现任'],
  // Naming verbs: "X也叫什么" is answered by "X又称…", "俗称…", "简称…".
  ['叫', '叫做', '称', '称为', '称之为', '又称', '又名', '名为', '名叫', '简称', '别称', '俗称', '亦称', '得名'],
  // Being in charge: chat's "管", "管着" are news's "负责", "掌管", "分管" (and a head's "负责人").
  ['管', '管着', '管过', '管理', '负责', '掌管', '分管', '主管', '执掌', '统管', '负责人'],
  // Speech verbs: chat's "提到", "谈到", "说过" are news's "表示", "指出", "称".
  ['说', '说过', '提到', '谈到', '讲到', '讲', '表示', '指出', '透露', '强调', '介绍'],
];

const byWord = new Map(GROUPS.flatMap((g) => g.map((w) => [w, g.filter((x) => x !== w)] as const)));

/** Other words with the same sense ("之前" -> 此前, 以前 …; "提到" -> 表示 …), none for other words. */
export const sameSense = (word: string): readonly string[] => byWord.get(word) ?? [];

// Colloquial words that frame a chat question rather than name what it is about: deictic time phrases
// ("那会儿", "那时候"), question pro-forms ("干嘛", "咋样", "啥样"), hedges ("算是", "到底"). Written
// news never repeats them, so a sentence must not be judged by whether it does.
const COLLOQUIAL_FRAME = new Set([
  '那会儿', '那会', '那时候', '那时', '当时', '那阵子', '那几年', '这几年', '这些年', '最近', '近来',
  '干嘛', '干啥', '咋样', '咋', '啥样', '怎么回事', '咋回事', '拿来', '用来', '算是', '算', '有没有', '是不是',
  '能不能', '会不会', '一下', '一般', '大概', '大约', '左右', '具体', '主要', '基本', '都', '还', '各',
]);
/** True for a colloquial framing word (see COLLOQUIAL_FRAME). */
export const isColloquialFrame = (word: string): boolean => COLLOQUIAL_FRAME.has(word);

/** Chinese classifiers (量词): a numeral counts something only with one of them ("两种", "五个赛季", "23人",
 * "三所大学"); without it 三 or 五 is part of a word (三星, 五金). */
export const CLASSIFIERS = '个位家笔年倍成次名项条款种类只头本部座所间届场人岁天周月代层季集首架艘辆台枚支张件块批轮期';

/** A third-person pronoun pointing back at a person ("他加入…"), not the 他 of 其他, 他人, 吉他. */
export const PERSON_PRONOUN = /(?<![其吉利排])[他她](?![人乡国])/;
