// Citations are slices of the raw article, so a quote can never drift from the text.
import type { Article } from '../corpus/article.js';
import { perArticle } from './per-article.js';
import type { Chunk, Citation, Sentence } from '../types.js';
import { compact } from '../text/normalize.js';

/** The chunk holding an offset: chunks are in text order, so a binary search finds it (a long article has
 * thousands and every sentence asks). */
export function chunkOfOffset(article: Article, offset: number): Chunk | undefined {
  const chunks = article.chunks;
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid]!;
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

export function citeSpan(article: Article, sentence: Sentence): Citation {
  const chunk = chunkOfOffset(article, sentence.start);
  if (!chunk) throw new Error(`cite: offset ${sentence.start} is outside every chunk`);
  return { id: chunk.id, quote: article.raw.slice(sentence.start, sentence.end).trim() };
}

/** True when the quote stands in the article word for word (whitespace aside). */
export function isVerbatim(article: Article, quote: string): boolean {
  const q = compact(quote);
  return q.length > 0 && compactArticle(article).includes(q);
}

/** The article's text compacted (see compact), once per article. */
export const compactArticle = perArticle((article) => compact(article.raw));
