// Text normalisation shared by questions and the article: one place decides what "the same text" means.
// The traditional -> simplified bundle only (109 KB): the full one (1.2 MB) also carries the other direction's
// dictionaries, parsed at import and held for nothing (same conversions: checked over every CJK character).
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

// C0/C1 controls (except tab/newline), zero-width and bidi formatting characters, BOM, lone surrogates.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Cleans a user's question: NFKC (full-width digits and letters become ASCII), traditional -> simplified,
 * invisible characters dropped, whitespace collapsed. */
export function normalizeQuestion(input: string): string {
  const cleaned = input.replace(LONE_SURROGATE, '').normalize('NFKC').replace(INVISIBLE, '');
  // Spaces between Chinese characters are typing noise ("星河 基金"); between Latin words they separate.
  return toSimplified(cleaned).replace(/\s+/g, ' ').replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '').trim();
}

/** Traditional and variant characters folded to simplified. Questions are folded when read; the article
 * is folded wherever it is matched (not where it is quoted), since articles mix scripts too (牠, 舖, 著). */
export const foldScript = (s: string): string => toSimplified(s);

/** Whitespace-free, NFKC, script-folded form used to compare words, quotes and figures
 * ("162.91 亿元" == "162.91亿元", "凉茶舖" == "凉茶铺"). */
export const compact = (s: string): string => remembered(compactMemo, s, () => toSimplified(s.normalize('NFKC')).replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '').toLowerCase());

/** Answering normalises the same article sentences question after question: results are kept, up to
 * MEMO_LIMIT texts per function (then the memo starts afresh, so memory stays bounded). */
const MEMO_LIMIT = 20_000;
const compactMemo = new Map<string, string>();
const tightMemo = new Map<string, string>();
export function remembered<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    v = make();
    memo.set(key, v);
  }
  return v;
}

/** Removes the spaces the source puts around numbers next to CJK ("2024 年 3 月") but keeps the ones
 * between Latin words ("Cloud First"), so segmentation sees "2024年3月". */
export function tightenSpacing(s: string): string {
  return remembered(tightMemo, s, () => tightenSpacingNow(s));
}

function tightenSpacingNow(s: string): string {
  return s
    .replace(/[\u00a0\u3000]/g, ' ')
    .replace(/(?<=[\p{Script=Han}\d%.,，。、：:（）()“”])\s+(?=[\p{Script=Han}\d%（）()“”])/gu, '')
    .replace(/(?<=[\p{Script=Han}])\s+(?=[A-Za-z])|(?<=[A-Za-z])\s+(?=[\p{Script=Han}])/gu, '');
}
