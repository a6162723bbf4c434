// Chinese word segmentation for retrieval: jieba search-mode cuts with the genre's terms kept whole,
// numbers kept as single tokens, stop words and punctuation dropped. One segmenter serves every article:
// it holds knowledge of the language, never one article's names (those are found per article).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { GENRE_WORDS } from './genre-words.js';
import { compact, foldScript, remembered, tightenSpacing } from './normalize.js';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    // The package's dict.js would also read its 6 MB TF-IDF table (unused here) and keep both files in memory
    // for the life of the process; the dictionary file is read here and dropped once jieba has parsed it.
    const dict = readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
    jieba = Jieba.withDict(dict);
    common = commonWordsOf(dict);
    // High frequency so the terms win over the default dictionary's shorter words; tagged as nouns.
    jieba.loadDict(Buffer.from(GENRE_WORDS.map((w) => `${w} 100000 n`).join('\n')));
  }
  return jieba;
}

// The dictionary counts how often each word occurs in general Chinese text. Only the commonest few thousand
// are kept: a question word that common (说, 现在, 主要, 开始) frames what is asked in any text rather than
// pick out the passage that answers it.
const COMMON_WORD_COUNT = 5000;
let common: Set<string> = new Set();
// Read straight from the bytes ("word count tag" per line): decoding the 6 MB file into 350,000 strings to
// keep a few thousand costs start time and memory.
function commonWordsOf(dict: Buffer): Set<string> {
  const kept = new Set<string>();
  const SPACE = 0x20;
  const NEWLINE = 0x0a;
  for (let start = 0; start < dict.length; ) {
    let end = dict.indexOf(NEWLINE, start);
    if (end < 0) end = dict.length;
    const space = dict.indexOf(SPACE, start);
    if (space > start && space < end) {
      let count = 0;
      for (let i = space + 1; i < end && dict[i]! >= 0x30 && dict[i]! <= 0x39; i++) count = count * 10 + (dict[i]! - 0x30);
      if (count >= COMMON_WORD_COUNT) kept.add(dict.toString('utf8', start, space));
    }
    start = end + 1;
  }
  return kept;
}
/** True for a word among the general language's commonest (by the segmenter's dictionary counts). */
export function isCommonWord(word: string): boolean {
  segmenter();
  return common.has(word);
}

/** Loads the segmenter's dictionary now (it takes ~100 ms), so the first question does not wait for it. */
export function warmSegmenter(): void {
  segmenter();
}

export const STOP_WORDS = new Set(
  (
    '的 了 是 在 和 与 及 以及 也 都 就 而 被 把 对 于 从 到 为 为了 有 这 那 其 之 等 个 吗 呢 吧 啊 呀 么 ' +
    '多少 什么 时候 哪 哪个 哪些 哪家 哪里 哪年 哪一年 哪天 哪所 几 怎么 怎样 怎么样 如何 为什么 谁 何时 ' +
    '什么时候 请问 一下 我 你 他 她 它 们 我们 你们 他们 这个 那个 一个 是否 吗 还 又 并且 或 或者 ' +
    '所 将 会 能 可以 已经 曾 让 给 向 中 上 下 里 时 后 前 年 月 日 号 元 次 该 此 由 以 则 即 并 呢 啥 怎 ' +
    'the a an of in on for to and by at as with its it is are was were be been did does do what which ' +
    'who whom how why when where much many that this there from about s'
  ).split(/\s+/),
);

const NUMBER = /\d+(?:\.\d+)?/g;
const WORDLIKE = /[\p{Script=Han}A-Za-z0-9]/u;

export interface Token {
  text: string;
  kind: 'word' | 'number';
}

// "2024年收入": the dictionary's 年收入 (annual income) swallows the 年 of a year. After digits, 年/月/日
// belong to the date: the rest is a word of its own.
const DATE_UNIT_GLUED = /^[年月日](?=\p{Script=Han})/u;
function unglueDates<T>(words: T[], text: (w: T) => string, make: (w: T, piece: string) => T): T[] {
  const out: T[] = [];
  words.forEach((w, i) => {
    const t = text(w);
    const prev = i > 0 ? text(words[i - 1]!) : '';
    // (A dictionary word like 年底 or 年初 stays: it is part of the date.)
    if (DATE_UNIT_GLUED.test(t) && /\d$/.test(prev) && ([...t].length >= 3 || !segmenter().cut(t, false).every((x) => x === t))) out.push(make(w, t[0]!), make(w, t.slice(1)));
    else out.push(w);
  });
  return out;
}

/** Tokens for indexing or querying. `forSearch` adds the sub-words of long words (jieba search mode). */
export function tokenize(input: string, forSearch = true): string[] {
  const text = foldScript(tightenSpacing(input.normalize('NFKC'))).toLowerCase();
  const out: string[] = [];
  for (const m of text.matchAll(NUMBER)) out.push(m[0]);
  const words = unglueDates(forSearch ? segmenter().cutForSearch(text, true) : segmenter().cut(text, true), (w) => w, (_, p) => p);
  for (const raw of words) {
    const w = raw.trim();
    if (!w || !WORDLIKE.test(w) || STOP_WORDS.has(w)) continue;
    if (/^\d+(\.\d+)?%?$/.test(w)) continue; // numbers were taken whole above
    out.push(w);
  }
  return out;
}

/** Part-of-speech tags from jieba (HMM on), used to spot names the article never mentions. */
export function tag(input: string): { word: string; tag: string }[] {
  // The same sentences are tagged question after question (is there a name, a place, a time word?).
  return remembered(tagMemo, input, () => tagNow(input)).slice();
}
const tagMemo = new Map<string, { word: string; tag: string }[]>();
function tagNow(input: string): { word: string; tag: string }[] {
  return unglueDates(segmenter().tag(tightenSpacing(input.normalize('NFKC')), true), (w) => w.word, (w, p) => ({ word: p, tag: p.length === 1 ? 'm' : w.tag }));
}

/** Character bigrams of each Chinese/Latin run: matching that does not depend on where jieba cuts. */
export function charBigrams(text: string): readonly string[] {
  // (Sentences are weighed question after question: their bigrams are remembered.)
  return remembered(bigramMemo, text, () =>
    compact(text)
      .split(/[^\p{Script=Han}a-z0-9.]+/u)
      .flatMap((piece) => {
        const chars = [...piece];
        return chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
      }),
  );
}
const bigramMemo = new Map<string, string[]>();

/** What BM25 indexes and queries: words (search mode) plus character bigrams. */
export const retrievalTokens = (text: string): string[] => [...tokenize(text), ...charBigrams(tightenSpacing(text))];

/** True when the general dictionary knows the word whole; a word only the HMM found ("启衡", "衡付") is
 * most likely a name. */
export function inDictionary(word: string): boolean {
  return segmenter().cut(word, false).length === 1;
}

/** The text cut into words as written (no lowercasing, nothing dropped): lengths add up to the text's. */
export function cut(text: string): string[] {
  return unglueDates(segmenter().cut(text, true), (w) => w, (_, p) => p);
}
