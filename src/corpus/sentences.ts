// Sentence splitting on Chinese (and ASCII) sentence ends, returning offsets into the raw text.
import type { Sentence } from '../types.js';

// A sentence ends at 。！？；!? or an ellipsis, plus any closing quotes/brackets right after it.
const END = /[。！？!?；…]+[”’」』）)]*/g;

export function splitSentences(raw: string, start: number, end: number): Sentence[] {
  const text = raw.slice(start, end);
  const out: Sentence[] = [];
  let from = 0;
  for (const m of text.matchAll(END)) {
    const to = m.index + m[0].length;
    push(from, to);
    from = to;
  }
  push(from, text.length);
  return out;

  function push(a: number, b: number): void {
    const piece = text.slice(a, b);
    const lead = piece.length - piece.trimStart().length;
    const trail = piece.length - piece.trimEnd().length;
    if (b - trail <= a + lead) return;
    const s = start + a + lead;
    const e = start + b - trail;
    out.push({ start: s, end: e, text: raw.slice(s, e) });
  }
}
