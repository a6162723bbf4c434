import { describe, expect, it } from 'vitest';
import { buildBm25, searchBm25 } from '../src/retrieval/bm25.js';
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

  it('finds the paragraph about a figure in the article', () => {
    const { lexical, article } = getEngine();
    const top = lexical.search(tokenize('网商银行 不良率 2023'), 3);
    expect(article.chunkById.get(top[0]!.id)!.text).toContain('2.28%');
  });
});
