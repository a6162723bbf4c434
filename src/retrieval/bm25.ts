// Okapi BM25 over pre-tokenised documents. Plain data in, ranked ids out; tokenisation is the caller's.

export interface Bm25Options {
  k1: number;
  b: number;
}
export const DEFAULT_BM25: Bm25Options = { k1: 1.2, b: 0.75 };

export interface Bm25Index<Id> {
  ids: Id[];
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
  const postings = new Map<string, { docs: number[]; tfs: number[] }>();
  docs.forEach((d, doc) => {
    for (const t of d.tokens) {
      const p = postings.get(t);
      if (!p) postings.set(t, { docs: [doc], tfs: [1] });
      else if (p.docs[p.docs.length - 1] === doc) p.tfs[p.tfs.length - 1]!++;
      else {
        p.docs.push(doc);
        p.tfs.push(1);
      }
    }
  });
  return bm25FromPostings(docs.map((d) => d.id), postings, options);
}

/** The index from its postings (what buildBm25 counts from tokens; a cache keeps them). */
export function bm25FromPostings<Id>(ids: Id[], postings: Map<string, { docs: number[]; tfs: number[] }>, options: Partial<Bm25Options> = {}): Bm25Index<Id> {
  const docFreq = new Map<string, number>();
  // A document's length is its token count: the sum of its term counts.
  const lengths = ids.map(() => 0);
  for (const [t, p] of postings) {
    docFreq.set(t, p.docs.length);
    p.docs.forEach((doc, j) => (lengths[doc]! += p.tfs[j]!));
  }
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  return { ids, lengths, avgLength, docFreq, postings, options: { ...DEFAULT_BM25, ...options } };
}

/** Postings as one flat number list per the cache: per term (in `terms` order) its document count, then (doc, tf) pairs. */
export function postingsToFlat(postings: Bm25Index<unknown>['postings']): { terms: string[]; flat: number[] } {
  const terms: string[] = [];
  const flat: number[] = [];
  for (const [t, p] of postings) {
    terms.push(t);
    flat.push(p.docs.length);
    p.docs.forEach((doc, j) => flat.push(doc, p.tfs[j]!));
  }
  return { terms, flat };
}

/** postingsToFlat undone; throws when the list does not fit `docCount` documents (a damaged cache entry). */
export function postingsFromFlat(terms: string[], flat: number[], docCount: number): Bm25Index<unknown>['postings'] {
  const postings: Bm25Index<unknown>['postings'] = new Map();
  let at = 0;
  for (const t of terms) {
    const n = flat[at++]!;
    const docs: number[] = [];
    const tfs: number[] = [];
    for (let j = 0; j < n; j++, at += 2) {
      const doc = flat[at]!;
      const tf = flat[at + 1]!;
      if (!(doc >= 0 && doc < docCount && tf > 0) || (docs.length > 0 && doc <= docs[docs.length - 1]!)) throw new Error('postings do not fit the chunks');
      docs.push(doc);
      tfs.push(tf);
    }
    if (typeof t !== 'string' || n < 1) throw new Error('not postings');
    postings.set(t, { docs, tfs });
  }
  if (at !== flat.length) throw new Error('postings do not add up');
  return postings;
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
  const top = topK(touched, (x, y) => scores[y]! - scores[x]! || x - y, limit);
  return top.map((i) => ({ id: index.ids[i]!, score: scores[i]!, matched: terms.filter((t) => holds(index.postings.get(t)!.docs, i)) }));
}

/**
 * The first `k` of `items` in `order` (a total order), as sorting them all and slicing would give, in one
 * pass: a long article's common bigram touches thousands of chunks, and only the best few are wanted.
 */
function topK(items: number[], order: (x: number, y: number) => number, k: number): number[] {
  const top: number[] = [];
  if (k <= 0) return top;
  for (const x of items) {
    if (top.length === k && order(x, top[k - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && order(x, top[at - 1]!) < 0) at--;
    top.splice(at, 0, x);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Whether an ascending list holds `doc` (binary search). */
function holds(docs: number[], doc: number): boolean {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return docs[lo] === doc;
}
