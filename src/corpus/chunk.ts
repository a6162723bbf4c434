// Turns paragraphs into retrievable chunks with stable citation ids ("§03¶5", or "§03¶5.2" for the
// second part of a paragraph that was too long to cite whole).
import { chunkId, type Chunk, type Paragraph, type Section } from '../types.js';

/** Bump when chunk boundaries or ids change: index manifests record it. */
export const CHUNKER_VERSION = 1;

export interface ChunkOptions {
  /** Paragraphs longer than this (in characters) are split on sentence boundaries. */
  maxChars: number;
}
export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 180 };

export const paragraphId = (section: string, index: number): string => `§${section}¶${index}`;

export function chunkParagraphs(
  raw: string,
  paragraphs: Paragraph[],
  sections: Section[],
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): Chunk[] {
  const titles = new Map(sections.map((s) => [s.number, s.title]));
  const chunks: Chunk[] = [];
  for (const p of paragraphs) {
    const groups: (typeof p.sentences)[] = [];
    let current: typeof p.sentences = [];
    let length = 0;
    // Aim for parts of similar size rather than a full part and a stub.
    const parts = Math.ceil((p.end - p.start) / options.maxChars);
    const target = Math.min(options.maxChars, Math.ceil((p.end - p.start) / parts));
    for (const s of p.sentences) {
      const len = s.end - s.start;
      if (current.length > 0 && length + len > target) {
        groups.push(current);
        current = [];
        length = 0;
      }
      current.push(s);
      length += len;
    }
    if (current.length) groups.push(current);
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
