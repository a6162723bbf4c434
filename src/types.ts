// Shared domain types. Brands keep ids from being mixed up with plain strings.
export type ChunkId = string & { readonly __brand: 'ChunkId' };
export const chunkId = (s: string): ChunkId => s as ChunkId;

/** A half-open range [start, end) of UTF-16 offsets into the article as received. */
export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  /** Exactly `raw.slice(start, end)`. */
  text: string;
}

export interface Paragraph extends Span {
  section: string; // "00" .. "06"
  index: number; // 1-based within its section
  text: string;
  sentences: Sentence[];
}

export interface Section {
  number: string; // "00" is the lead before the first numbered heading
  title: string;
  heading?: Span; // where the heading line stands in the raw text
}

export interface Chunk extends Span {
  id: ChunkId;
  section: string;
  sectionTitle: string;
  paragraph: number;
  /** 1-based part when a long paragraph was split; undefined when the chunk is the whole paragraph. */
  part?: number;
  text: string;
  sentences: Sentence[];
}

export interface Citation {
  id: ChunkId;
  /** Verbatim text of the article (a slice of it, trimmed). */
  quote: string;
}

export type AnswerKind = 'fact' | 'passage' | 'not_found';
