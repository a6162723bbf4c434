// BM25 over the article's chunks. Tokenising every chunk is most of the cost (jieba, bigrams), so a start
// with a cache folder reads each chunk's term counts back (derived-cache.ts, keyed like the other derived data).
import type { Article } from '../corpus/article.js';
import { derivedCached, derivedKey, type CacheEvents } from '../corpus/derived-cache.js';
import type { Chunk, ChunkId } from '../types.js';
import { retrievalTokens } from '../text/segment.js';
import { bm25FromCounts, buildBm25, idf, searchBm25, type Bm25Index, type Scored } from './bm25.js';

export interface LexicalIndex {
  bm25: Bm25Index<ChunkId>;
  search(tokens: string[], limit?: number): Scored<ChunkId>[];
  /** Inverse document frequency of a term over the chunks (high for rare terms). */
  idf(term: string): number;
}

export function buildLexicalIndex(chunks: Chunk[]): LexicalIndex {
  return lexicalIndex(buildBm25(chunks.map((c) => ({ id: c.id, tokens: retrievalTokens(c.text) }))));
}

/** Per chunk (in order), its terms and their counts: what the cache keeps of a BM25 index. */
type CountsJSON = [string, number][][];

/** buildLexicalIndex, its term counts cached under `cacheDir` (none: built every time). */
export function cachedLexicalIndex(cacheDir: string | undefined, article: Article, events?: CacheEvents): LexicalIndex {
  if (!cacheDir) return buildLexicalIndex(article.chunks);
  const ids = article.chunks.map((c) => c.id);
  const bm25 = derivedCached<CountsJSON, Bm25Index<ChunkId>>(
    cacheDir,
    'bm25',
    derivedKey(article),
    () => {
      const value = buildBm25(article.chunks.map((c) => ({ id: c.id, tokens: retrievalTokens(c.text) })));
      return { value, json: value.termFreqs.map((tf) => [...tf]) };
    },
    (counts) => {
      if (!Array.isArray(counts) || counts.length !== ids.length) throw new Error('term counts do not match the chunks');
      for (const doc of counts) if (!Array.isArray(doc) || doc.some((e) => typeof e?.[0] !== 'string' || !(e[1] > 0))) throw new Error('not term counts');
      return bm25FromCounts(ids, counts.map((doc) => new Map(doc)));
    },
    events,
  );
  return lexicalIndex(bm25);
}

function lexicalIndex(bm25: Bm25Index<ChunkId>): LexicalIndex {
  return {
    bm25,
    search: (tokens, limit = 10) => searchBm25(bm25, tokens, limit),
    idf: (term) => idf(bm25, term),
  };
}
