import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBm25, idf, postingsFromFlat, postingsToFlat, searchBm25, type Bm25Index, type Scored } from '../src/retrieval/bm25.js';
import { tokenize } from '../src/text/segment.js';
import { getEngine } from './helpers.js';

describe('BM25', () => {
  it('ranks the document with the rare term first and length-normalises', () => {
    const idx = buildBm25([
      { id: 'a', tokens: ['蚂蚁', '支付宝', '支付宝'] },
      { id: 'b', tokens: ['蚂蚁', '不良率'] },
      { id: 'c', tokens: ['蚂蚁', '蚂蚁', '蚂蚁', '蚂蚁', '不良率', '其他', '其他', '其他'] },
    ]);
    const r = searchBm25(idx, ['不良率', '蚂蚁']);
    expect(r.map((x) => x.id)).toEqual(['b', 'c', 'a']);
    expect(r[0]!.matched).toEqual(['不良率', '蚂蚁']);
    expect(searchBm25(idx, ['没有'])).toEqual([]);
  });

  it('searching the postings ranks and scores exactly as scanning every document does', () => {
    // The plain definition: every document scored term by term in query order, then a stable sort.
    const scan = (index: Bm25Index<number>, docs: string[][], query: string[]): Scored<number>[] => {
      const { k1, b } = index.options;
      const terms = [...new Set(query)].filter((t) => index.docFreq.has(t));
      const out: Scored<number>[] = [];
      docs.map((d) => new Map([...new Set(d)].map((t) => [t, d.filter((x) => x === t).length]))).forEach((tf, i) => {
        let score = 0;
        const matched: string[] = [];
        for (const t of terms) {
          const f = tf.get(t);
          if (!f) continue;
          score += idf(index, t) * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * index.lengths[i]!) / index.avgLength)));
          matched.push(t);
        }
        if (score > 0) out.push({ id: index.ids[i]!, score, matched });
      });
      return out.sort((x, y) => y.score - x.score);
    };
    const word = fc.constantFrom('甲', '乙', '丙', '丁', '戊', '己', '庚');
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 12 }), { minLength: 1, maxLength: 30 }), fc.array(word, { maxLength: 5 }), fc.integer({ min: 1, max: 40 }), (docs, query, limit) => {
        const index = buildBm25(docs.map((tokens, id) => ({ id, tokens })));
        expect(index.lengths).toEqual(docs.map((d) => d.length));
        expect(searchBm25(index, query, limit)).toEqual(scan(index, docs, query).slice(0, limit));
        // The flat form the cache keeps gives the same postings back.
        const { terms, flat } = postingsToFlat(index.postings);
        expect(postingsFromFlat(terms, flat, docs.length)).toEqual(index.postings);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the paragraph about a figure in the article', () => {
    const { lexical, article } = getEngine();
    const top = lexical.search(tokenize('网商银行 不良率 2023'), 3);
    expect(article.chunkById.get(top[0]!.id)!.text).toContain('2.28%');
  });
});
