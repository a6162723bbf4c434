// BM25 over the article's chunks.
import type { Chunk, ChunkId } from '../types.js';
import { retrievalTokens } from '../text/segment.js';
import { buildBm25, idf, searchBm25, type Bm25Index, type Scored } from './bm25.js';

export interface LexicalIndex {
  bm25: Bm25Index<ChunkId>;
  search(tokens: string[], limit?: number): Scored<ChunkId>[];
  /** Inverse document frequency of a term over the chunks (high for rare terms). */
  idf(term: string): number;
}

export function buildLexicalIndex(chunks: Chunk[]): LexicalIndex {
  const bm25 = buildBm25(chunks.map((c) => ({ id: c.id, tokens: retrievalTokens(c.text) })));
  return {
    bm25,
    search: (tokens, limit = 10) => searchBm25(bm25, tokens, limit),
    idf: (term) => idf(bm25, term),
  };
}
