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
  /** Term -> the documents holding it (ascending index) and its count there: a search visits only those,
   *  not every document (at 50× our article, scanning ~7,000 documents per question was most of its time). */
  postings: Map<string, { docs: number[]; tfs: number[] }>;
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
  const postings = new Map<string, { docs: number[]; tfs: number[] }>();
  termFreqs.forEach((tf, doc) => {
    for (const [t, f] of tf) {
      const p = postings.get(t);
      if (p) {
        p.docs.push(doc);
        p.tfs.push(f);
      } else postings.set(t, { docs: [doc], tfs: [f] });
    }
  });
  const docFreq = new Map<string, number>();
  for (const [t, p] of postings) docFreq.set(t, p.docs.length);
  // A document's length is its token count: the sum of its term counts.
  const lengths = termFreqs.map((tf) => [...tf.values()].reduce((a, b) => a + b, 0));
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  return { ids, termFreqs, lengths, avgLength, docFreq, postings, options: { ...DEFAULT_BM25, ...options } };
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
  // Scores accumulate term by term in query order, so each document's sum is added in the same order as a
  // document-by-document scan would (identical floating-point results). Flat arrays, not a Map per
  // document: a common character bigram touches thousands of chunks of a long article.
  const scores = new Float64Array(index.ids.length);
  const touched: number[] = [];
  for (const t of terms) {
    const w = idf(index, t);
    const { docs, tfs } = index.postings.get(t)!;
    for (let j = 0; j < docs.length; j++) {
      const i = docs[j]!;
      const f = tfs[j]!;
      const norm = 1 - b + (b * index.lengths[i]!) / index.avgLength;
      if (scores[i] === 0) touched.push(i);
      scores[i] = scores[i]! + w * ((f * (k1 + 1)) / (f + k1 * norm));
    }
  }
  // Ties keep document order, as the stable sort of a document-order scan did.
  const top = touched.filter((i) => scores[i]! > 0).sort((x, y) => scores[y]! - scores[x]! || x - y).slice(0, limit);
  return top.map((i) => ({ id: index.ids[i]!, score: scores[i]!, matched: terms.filter((t) => index.termFreqs[i]!.has(t)) }));
}
