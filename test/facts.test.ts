import { describe, expect, it } from 'vitest';
import { isVerbatim } from '../src/corpus/cite.js';
import { applyOverrides, validateFacts, loadOverrides, overridesPath } from '../src/facts/book.js';
import { extractFacts } from '../src/facts/extract.js';
import type { FigureFact } from '../src/facts/schema.js';
import { compact } from '../src/text/normalize.js';
import { getArticle, getEngine } from './helpers.js';

describe('the fact book', () => {
  const { facts } = getEngine().facts;
  const article = getArticle();

  it('holds at least 60 facts, each with a verbatim quote and a known chunk', () => {
    expect(facts.length).toBeGreaterThanOrEqual(60);
    for (const f of facts) {
      expect(isVerbatim(article, f.source.quote), f.id).toBe(true);
      expect(article.chunkById.has(f.source.chunkId as never), f.id).toBe(true);
    }
  });

  it('passes validation as a whole: value text in its quote, no contradictions', () => {
    expect(validateFacts(article, facts)).toEqual([]);
    for (const f of facts.filter((x): x is FigureFact => x.type === 'figure')) {
      expect(compact(f.source.quote)).toContain(compact(f.text));
    }
  });

  it('comes mostly from extraction, not from the override file', () => {
    const extracted = facts.filter((f) => f.origin === 'extracted').length;
    expect(extracted / facts.length).toBeGreaterThan(0.6);
  });

  it('resolves implicit years and records how', () => {
    const ceo = facts.find((f) => f.type === 'event' && f.entity === '韩歆毅' && f.event === 'CEO');
    expect(ceo?.type === 'event' && ceo.date.iso).toBe('2025-03-01');
    expect(ceo?.type === 'event' && ceo.date.resolution).toBeTruthy();
  });

  it('attaches changes to the figure they describe', () => {
    const profit = facts.find((f) => f.type === 'figure' && f.entity === '蚂蚁集团' && f.measure === '利润' && f.period?.key === '2024Q1-3') as FigureFact;
    expect(profit.value).toBe(329.8);
    expect(profit.change?.value).toBe(105.7);
    const tiantian = facts.filter((f): f is FigureFact => f.type === 'figure' && f.entity === '天天基金');
    expect(tiantian.map((f) => f.change?.value).sort()).toEqual([21.56, 27.4]);
  });

  it('catches an override that matches nothing, and contradictions', () => {
    const extracted = extractFacts(article);
    const bad = applyOverrides(extracted, { corrections: [{ match: { chunkId: '§99¶1', text: '1' }, set: {}, why: 'x' }], additions: [], removals: [] });
    expect(bad.problems[0]).toMatch(/matched 0/);
    const base = facts.find((f): f is FigureFact => f.type === 'figure' && f.entity === '网商银行' && f.measure === '不良率')!;
    const twin = { ...base, id: 'twin', value: 9.99, text: '9.99%' };
    expect(validateFacts(article, [base, twin]).join(' ')).toMatch(/contradicts|not in its quote/);
    const forged = { ...base, id: 'forged', source: { ...base.source, quote: '网商银行不良率为 0.1%。' } };
    expect(validateFacts(article, [forged]).join(' ')).toMatch(/not in chunk|not verbatim/);
  });

  it('reads its override file with every entry explained', () => {
    const o = loadOverrides(overridesPath(article));
    expect(o.corrections.every((c) => c.why.length > 5)).toBe(true);
  });
});

describe('fact routing', () => {
  const engine = getEngine();
  const ask = (q: string) => engine.answer(q);

  it('answers a figure for the right entity and period with its sentence', async () => {
    const a = await ask('网商银行在2024年前三季度的净利润是多少？');
    expect(a.kind).toBe('fact');
    expect(compact(a.answer)).toContain('22.6亿元');
    expect(a.citations[0]!.quote).toContain('22.6 亿元');
  });

  it('answers in English too', async () => {
    // CC-CEDICT has no "non-performing"; its "bad" (不良) and "ratio" (率) compose the article's 不良率.
    const a = await ask("What was MYbank's bad loan ratio in 2023?");
    expect(a.kind).toBe('fact');
    expect(a.answer).toContain('2.28%');
  });

  it('refuses a period the article does not give and says which it does', async () => {
    const a = await ask('网商银行2022年的营收是多少？');
    expect(a.kind).toBe('not_found');
    expect(a.answer).toContain('2024 年前三季度');
    const b = await ask('蚂蚁基金2030年净利润多少？');
    expect(b.kind).toBe('not_found');
    expect(b.answer).toContain('2024 年');
  });

  it('does not give a figure of another entity', async () => {
    const a = await ask('兴业消金2024年上半年的营收是多少？');
    expect(a.kind).toBe('not_found');
    expect(a.answer).not.toContain('59.85');
  });

  it('asks which entity when the question names none', async () => {
    const a = await ask('营收是多少？');
    expect(a.kind).toBe('not_found');
    expect(a.answer).toMatch(/蚂蚁基金/);
  });

  it('answers a change when the question asks for growth', async () => {
    const a = await ask('招联消金的净利润下降了多少？');
    expect(a.kind).toBe('fact');
    expect(a.answer).toContain('16.22%');
  });

  it('two named entities with no fact linking them fall through to retrieval (found by fuzzing)', async () => {
    const a = await ask('以及阿里巴巴回购雅虎所持股份。蚂蚁保本质也是代销,核心同样是“获客+转化”的逻辑。');
    expect(a.answer.length).toBeGreaterThan(0);
    if (a.kind !== 'not_found') expect(a.citations.length).toBeGreaterThan(0);
  });

  it('says when the article does not date an event for the person or place asked about', async () => {
    const left = await ask('韩歆毅哪一年离开蚂蚁？');
    expect(left.kind).toBe('not_found');
    expect(left.answer).toContain('徐鹏');
    const joined = await ask('韩歆毅什么时候加入中金？');
    expect(joined.kind).toBe('not_found');
    expect(joined.answer).not.toMatch(/^20/);
    expect((await ask('何征宇什么时候担任CTO？')).kind).toBe('not_found');
  });

  it('reads 去年 and 今年 against the posting year (2025)', async () => {
    expect((await ask('网商银行去年前三季度的营收是多少？')).answer).toContain('152.87');
    expect((await ask('网商银行今年的营收是多少？')).kind).toBe('not_found');
  });

  it('reads quarters written in Chinese', async () => {
    const a = await ask('蚂蚁集团2024年第四季度的利润是多少？');
    expect(a.kind).toBe('not_found');
    expect(a.answer).toContain('2024 年第4季度');
  });

  it('reaches every figure of a known measure by a question naming its entity, period and measure', async () => {
    const { MEASURES } = await import('../src/genre/measures.js');
    const known = new Set(MEASURES.map((m) => m.canonical));
    const figures = engine.facts.facts.filter((f): f is FigureFact => f.type === 'figure' && known.has(f.measure));
    expect(figures.length).toBeGreaterThanOrEqual(40);
    for (const f of figures) {
      const a = await engine.figure(f.entity, f.measureText, f.period?.label);
      // A fact, or the passage that states it (two lines of one measure in a sentence may be quoted instead).
      expect(['fact', 'passage'], `${f.id} ${a.answer}`).toContain(a.kind);
      expect(compact(a.answer), f.id).toContain(compact(f.text));
    }
  });

  it('says when the article gives only a change, not the figure itself', async () => {
    const a = await ask('招行2024年的营收是多少？');
    expect(a.kind).toBe('not_found');
    expect(a.answer).toContain('只给出了变化');
    expect(a.answer).toContain('-0.48%');
    expect(a.answer).not.toContain('220.05');
  });

  it('answers "when" questions from dated events', async () => {
    const a = await ask('韩歆毅什么时候加入阿里巴巴？');
    expect(a.kind).toBe('fact');
    expect(compact(a.answer)).toContain('2011年9月');
  });

  it('/figure parts: a bare year is read as that year', async () => {
    const a = await engine.figure('网商银行', '不良率', '2023');
    expect(a.kind).toBe('fact');
    expect(a.answer).toContain('2.28%');
    expect((await engine.figure('网商银行', '不良率', '2021')).kind).toBe('not_found');
  });

  it('answers a bare "entity + measure" question as a figure', async () => {
    expect((await ask('花呗的用户规模？')).answer).toContain('4 亿');
    expect((await ask('2023年网商银行的不良贷款率？')).kind).toBe('fact');
    expect((await ask('韩歆毅在中金待了几年？')).answer).toMatch(/10\s*年/);
  });

  it('understands colloquial measures (赚了多少钱, 合作商户)', async () => {
    expect((await ask('网商银行前三季度赚了多少钱？')).answer).toContain('22.6');
    expect((await ask('花呗有多少合作商户？')).answer).toContain('4000');
  });

  it('handles units asked in another form', async () => {
    const a = await ask('蚂蚁收购数米基金花了多少钱？');
    expect(compact(a.answer)).toContain('2亿元');
    const b = await ask('阿里巴巴持有蚂蚁集团百分之几的股份？');
    expect(b.answer).toContain('33%');
  });
});
