// The words around an answer, in the asker's language. Quotes from the article stay verbatim Chinese;
// only the frame changes.
export type Language = 'zh' | 'en';

/** English when the question is written in Latin letters with no Chinese of its own. */
export const languageOf = (question: string): Language => (/\p{Script=Han}/u.test(question) || !/[A-Za-z]{2,}/.test(question) ? 'zh' : 'en');

export const FRAME = {
  zh: {
    notAnswered: '文章没有回答这个问题。',
    mostRelevant: '文章中最相关的是：',
    notMentioned: (names: string[]) => `文章没有提到${names.map((n) => `“${n}”`).join('、')}。`,
    ordinalMissing: '文章没有给出问题所说的这一批次（或次序）的信息。',
    reading: (pairs: [string, string][]) => `（按${pairs.map(([, read]) => `“${read}”`).join('、')}理解）`,
    assumed: (parts: string[]) => `（接上一个问题，按“${parts.join(' ')}”理解）`,
    pronoun: (pronoun: string, who: string) => `（“${pronoun}”按文章的主角“${who}”理解）`,
    empty: '问题是空的：请输入一个关于这篇文章的问题。',
    tooLong: (n: number, max: number) => `问题太长（${n} 个字符），请缩短到 ${max} 个字符以内。`,
  },
  en: {
    notAnswered: 'The article does not answer this question.',
    mostRelevant: 'The most relevant passage in the article: ',
    notMentioned: (names: string[]) => `The article never mentions ${names.map((n) => `“${n}”`).join(', ')}.`,
    ordinalMissing: 'The article gives nothing about that batch (or that place in the order).',
    reading: (pairs: [string, string][]) => ` (read as ${pairs.map(([typed, read]) => `“${read}” for “${typed}”`).join(', ')})`,
    assumed: (parts: string[]) => ` (following on from the previous question: ${parts.join(' ')})`,
    pronoun: (pronoun: string, who: string) => ` (“${pronoun}” read as the article's main person, ${who})`,
    empty: 'The question is empty: ask something about the article.',
    tooLong: (n: number, max: number) => `The question is too long (${n} characters); keep it under ${max}.`,
  },
} as const;
