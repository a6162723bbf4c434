// Sentence splitting on Chinese (and Latin) sentence ends, returning offsets into the raw text.
// Markdown markup is kept out of the edges of every sentence, so a quote never starts with `**` or `- `.
import type { Sentence, Span } from '../types.js';

// A Chinese sentence ends at 。！？；!? or an ellipsis, plus any closing quotes/brackets right after it.
const CJK_END = /[。！？!?；…]+[”’」』）)]*/g;
// An ASCII full stop followed by closing quotes/brackets, then (after optional emphasis) a space or the end.
const LATIN_PERIOD = /\.[”’"')\]]*(?=(?:\*{1,3}|_{1,3})?(?:\s|$))/g;
// "?" and "!" inside a URL or a markdown image (`![alt](…)`, `page?id=3`) are not sentence ends.
const URL_TOKEN = /:\/\/|^www\.|\?\w+=|^!\[/;
const ASCII_TOKEN_CHAR = /[\x21-\x7e]/;
// Words whose trailing period is an abbreviation, not a sentence end.
const ABBREVIATION = /^(?:ltd|inc|co|corp|dr|mr|mrs|ms|prof|st|vs|etc|no|fig|jr|sr|approx|dept|est|vol|eq|al)$/i;
// Dotted initialisms ("U.S", "e.g", "i.e") and single initials ("J. Smith").
const INITIALISM = /^(?:[A-Za-z]\.)*[A-Za-z]$/;
const HAN = /\p{Script=Han}/u;
const LOWERCASE_START = /^[\s\u00a0]*[a-z]/;

// Markup that may open a line or a sentence: spaces, ATX hashes, quote markers, list bullets, emphasis,
// code ticks, table pipes.
// HTML line breaks and paragraph tags ("<br>", "</p>") that web-scraped text carries are markup too.
const LEADING_MARKUP = /^(?:[\s\u00a0\u3000\ufeff]+|<\/?(?:br|p|div|span)\s*\/?>|#{1,6}(?=\s)|>+|[-*+](?=\s)|\d{1,3}[.)](?=\s)|\*+|_{2,}|`+|~~|\|)/i;
// Markup that may close a sentence: spaces, emphasis, code ticks, strikethrough, closing hashes (but not
// the "#" of "C#"), table pipes.
const TRAILING_MARKUP = /(?:[\s\u00a0\u3000]+|<\/?(?:br|p|div|span)\s*\/?>|\*+|_{2,}|`+|~~|(?<![A-Za-z])#+|\|)$/i;

/** Narrows [start, end) of `raw` past whitespace and markdown markup at both edges. */
export function trimMarkup(raw: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  for (let m = LEADING_MARKUP.exec(raw.slice(s, e)); m && s < e; m = LEADING_MARKUP.exec(raw.slice(s, e))) {
    s += m[0].length;
  }
  for (let m = TRAILING_MARKUP.exec(raw.slice(s, e)); m && s < e; m = TRAILING_MARKUP.exec(raw.slice(s, e))) {
    e -= m[0].length;
  }
  return { start: s, end: Math.max(s, e) };
}

/** The ASCII run (no spaces) around position i, e.g. a URL a "?" sits in. */
function asciiTokenAround(text: string, i: number): string {
  let a = i;
  let b = i + 1;
  while (a > 0 && ASCII_TOKEN_CHAR.test(text[a - 1]!)) a -= 1;
  while (b < text.length && ASCII_TOKEN_CHAR.test(text[b]!)) b += 1;
  return text.slice(a, b);
}

function isCjkEnd(text: string, index: number, match: string): boolean {
  if (/[^!?]/.test(match.replace(/[”’」』）)]+$/, ''))) return true;
  return !URL_TOKEN.test(asciiTokenAround(text, index));
}

/** A full stop ends a sentence only in Latin text, after a word that is not an abbreviation or initial. */
function isLatinEnd(text: string, from: number, index: number, after: number): boolean {
  const sentence = text.slice(from, index);
  if (HAN.test(sentence)) return false;
  const word = /[A-Za-z0-9.]*$/.exec(sentence)![0];
  if (!/[A-Za-z0-9]$/.test(word)) return false;
  if (ABBREVIATION.test(word) || INITIALISM.test(word)) return false;
  return !LOWERCASE_START.test(text.slice(after).replace(/^[*_]+/, ''));
}

/** End offsets (within text) of each sentence, in order. */
function sentenceEnds(text: string): number[] {
  const found: { index: number; end: number; latin: boolean }[] = [];
  for (const m of text.matchAll(CJK_END)) {
    if (isCjkEnd(text, m.index, m[0])) found.push({ index: m.index, end: m.index + m[0].length, latin: false });
  }
  for (const m of text.matchAll(LATIN_PERIOD)) found.push({ index: m.index, end: m.index + m[0].length, latin: true });
  found.sort((x, y) => x.index - y.index);
  const ends: number[] = [];
  let from = 0;
  for (const f of found) {
    if (f.index < from) continue;
    if (f.latin && !isLatinEnd(text, from, f.index, f.end)) continue;
    ends.push(f.end);
    from = f.end;
  }
  return ends;
}

export function splitSentences(raw: string, start: number, end: number): Sentence[] {
  const text = raw.slice(start, end);
  const out: Sentence[] = [];
  let from = 0;
  for (const to of [...sentenceEnds(text), text.length]) {
    const span = trimMarkup(raw, start + from, start + to);
    if (span.end > span.start) out.push({ ...span, text: raw.slice(span.start, span.end) });
    from = to;
  }
  return out;
}
