// Okapi BM25 over pre-tokenised documents. Plain data in, ranked ids out; tokenisation is the caller's.

export interface Bm25Options {
  k1: number;
  b: number;
}
export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75 };

export interface Bm25Index<Id> {
  ids: Id[];
  termFreqs: Map<string, number>[];
  lengths: number[];
  avgLength: number;
  docFreq: Map<string, number>;
  options: Bm25Options;
}

export interface Scored<Id> {
  id: Id;
  score: number;
  /** Query terms that matched this document. */
  matched: string[];
}

export function buildBm25<Id>(docs: { id: Id; tokens: string[] }[], options: Partial<Bm25Options> = {}): Bm25Index<Id> {
  const termFreqs = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d.tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return tf;
  });
  return bm25FromCounts(docs.map((d) => d.id), termFreqs, options);
}

/** The index from each document's term counts (what buildBm25 counts from tokens; a cache keeps them). */
export function bm25FromCounts<Id>(ids: Id[], termFreqs: Map<string, number>[], options: Partial<Bm25Options> = {}): Bm25Index<Id> {
  const docFreq = new Map<string, number>();
  for (const tf of termFreqs) for (const t of tf.keys()) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  // A document's length is its token count: the sum of its term counts.
  const lengths = termFreqs.map((tf) => [...tf.values()].reduce((a, b) => a + b, 0));
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  return { ids, termFreqs, lengths, avgLength, docFreq, options: { ...DEFAULT_BM25, ...options } };
}

/** Robertson–Spärck Jones IDF, floored at a small positive value so common terms still count a little. */
export function idf<Id>(index: Bm25Index<Id>, term: string): number {
  const n = index.ids.length;
  const df = index.docFreq.get(term) ?? 0;
  return Math.max(0.05, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}

export function searchBm25<Id>(index: Bm25Index<Id>, queryTokens: string[], limit = 10): Scored<Id>[] {
  const { k1, b } = index.options;
  const terms = [...new Set(queryTokens)].filter((t) => index.docFreq.has(t));
  const results: Scored<Id>[] = [];
  index.termFreqs.forEach((tf, i) => {
    let score = 0;
    const matched: string[] = [];
    for (const t of terms) {
      const f = tf.get(t);
      if (!f) continue;
      const norm = 1 - b + (b * index.lengths[i]!) / index.avgLength;
      score += idf(index, t) * ((f * (k1 + 1)) / (f + k1 * norm));
      matched.push(t);
    }
    if (score > 0) results.push({ id: index.ids[i]!, score, matched });
  });
  results.sort((x, y) => y.score - x.score);
  return results.slice(0, limit);
}
