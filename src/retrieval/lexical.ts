// BM25 over the article's chunks. Tokenising every chunk is most of the cost (jieba, bigrams), so a start
// with a cache folder reads the postings back (derived-cache.ts, keyed like the other derived data).
import type { Article } from '../corpus/article.js';
import { derivedCached, derivedKey, type CacheEvents } from '../corpus/derived-cache.js';
import type { Chunk, ChunkId } from '../types.js';
import { retrievalTokens } from '../text/segment.js';
import { bm25FromPostings, buildBm25, idf, postingsFromFlat, postingsToFlat, searchBm25, type Bm25Index, type Scored } from './bm25.js';

export interface LexicalIndex {
  bm25: Bm25Index<ChunkId>;
  search(tokens: string[], limit?: number): Scored<ChunkId>[];
  /** Inverse document frequency of a term over the chunks (high for rare terms). */
  idf(term: string): number;
}

export function buildLexicalIndex(chunks: Chunk[]): LexicalIndex {
  return lexicalIndex(buildBm25(chunks.map((c) => ({ id: c.id, tokens: retrievalTokens(c.text) }))));
}

/** What the cache keeps of a BM25 index: its postings as one flat number list (bm25.ts postingsToFlat). */
interface PostingsJSON {
  terms: string[];
  flat: number[];
}

/** buildLexicalIndex, its term counts cached under `cacheDir` (none: built every time). */
export function cachedLexicalIndex(cacheDir: string | undefined, article: Article, events?: CacheEvents): LexicalIndex {
  if (!cacheDir) return buildLexicalIndex(article.chunks);
  const ids = article.chunks.map((c) => c.id);
  const bm25 = derivedCached<PostingsJSON, Bm25Index<ChunkId>>(
    cacheDir,
    'bm25',
    derivedKey(article),
    () => {
      const value = buildBm25(article.chunks.map((c) => ({ id: c.id, tokens: retrievalTokens(c.text) })));
      return { value, json: postingsToFlat(value.postings) };
    },
    (json) => {
      if (!Array.isArray(json?.terms) || !Array.isArray(json.flat)) throw new Error('not postings');
      return bm25FromPostings(ids, postingsFromFlat(json.terms, json.flat, ids.length));
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
