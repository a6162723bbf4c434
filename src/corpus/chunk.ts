// Turns paragraphs into retrievable chunks with stable citation ids ("§03¶5", or "§03¶5.2" for the
// second part of a paragraph that was too long to cite whole).
import { chunkId, type Chunk, type Paragraph, type Section, type Sentence } from '../types.js';
import { trimMarkup } from './sentences.js';

/** Bump when chunk boundaries or ids change: index manifests record it. */
export const CHUNKER_VERSION = 2;

export interface ChunkOptions {
  /** Paragraphs longer than this (in characters) are split on sentence boundaries. */
  maxChars: number;
}
export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 180 };

export const paragraphId = (section: string, index: number): string => `§${section}¶${index}`;

// A run-on "sentence" this many times maxChars long (lists, Wikipedia tables flattened into one line) is
// cut at clause marks so that no chunk is a wall of text.
const RUN_ON_FACTOR = 2;
// Where a run-on sentence may be cut: after a comma, enumeration comma, semicolon or colon.
const CLAUSE_MARK = /[，、,；;：:]/g;
// A part shorter than this fraction of maxChars is a stub ("收购提出（2022年2月）。") and takes the next sentence.
const STUB_FRACTION = 0.25;

/** Cuts a run-on sentence after clause marks (or, with none, every maxChars) into pieces of at most maxChars. */
function cutRunOn(raw: string, s: Sentence, maxChars: number): Sentence[] {
  if (s.end - s.start <= RUN_ON_FACTOR * maxChars) return [s];
  const cuts = [...s.text.matchAll(CLAUSE_MARK)].map((m) => m.index + m[0].length);
  const out: Sentence[] = [];
  let from = 0;
  let lastCut = 0;
  for (const cut of [...cuts, s.text.length]) {
    while (cut - from > maxChars) {
      const to = lastCut > from ? lastCut : hardCut(s.text, from + maxChars);
      out.push(piece(raw, s.start + from, s.start + to));
      from = to;
    }
    lastCut = cut;
  }
  if (from < s.text.length) out.push(piece(raw, s.start + from, s.end));
  return out.filter((p) => p.end > p.start);
}

/** A cut position that does not split a surrogate pair. */
const hardCut = (text: string, at: number): number => (/[\udc00-\udfff]/.test(text[at] ?? '') ? at + 1 : at);

function piece(raw: string, start: number, end: number): Sentence {
  const span = trimMarkup(raw, start, end);
  return { ...span, text: raw.slice(span.start, span.end) };
}

/** Groups a paragraph's sentences into parts of similar size, none over maxChars unless one sentence is. */
function groupSentences(raw: string, p: Paragraph, maxChars: number): Sentence[][] {
  const sentences = p.sentences.flatMap((s) => cutRunOn(raw, s, maxChars));
  // Aim for parts of similar size rather than a full part and a stub.
  const parts = Math.ceil((p.end - p.start) / maxChars);
  const target = Math.min(maxChars, Math.ceil((p.end - p.start) / parts));
  const groups: Sentence[][] = [];
  let current: Sentence[] = [];
  let length = 0;
  for (const s of sentences) {
    const len = s.end - s.start;
    const isStub = length < STUB_FRACTION * maxChars && length + len <= maxChars;
    if (current.length > 0 && length + len > target && !isStub) {
      groups.push(current);
      current = [];
      length = 0;
    }
    current.push(s);
    length += len;
  }
  if (current.length) groups.push(current);
  return groups;
}

export function chunkParagraphs(
  raw: string,
  paragraphs: Paragraph[],
  sections: Section[],
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): Chunk[] {
  const titles = new Map(sections.map((s) => [s.number, s.title]));
  const chunks: Chunk[] = [];
  for (const p of paragraphs) {
    const groups = groupSentences(raw, p, options.maxChars);
    const base = paragraphId(p.section, p.index);
    groups.forEach((group, i) => {
      const start = group[0]!.start;
      const end = group[group.length - 1]!.end;
      chunks.push({
        id: chunkId(groups.length === 1 ? base : `${base}.${i + 1}`),
        section: p.section,
        sectionTitle: titles.get(p.section) ?? '',
        paragraph: p.index,
        part: groups.length === 1 ? undefined : i + 1,
        start,
        end,
        text: raw.slice(start, end),
        sentences: group,
      });
    });
  }
  return chunks;
}
