import { describe, expect, it } from 'vitest';
import { isVerbatim } from '../src/corpus/cite.js';
import { getArticle, getEngine } from './helpers.js';

const engine = getEngine();
const article = getArticle();

describe('answers from passages', () => {
  it('quotes the sentence that answers, verbatim, with its id', async () => {
    const a = await engine.answer('网商银行主要服务哪些客户？');
    expect(a.kind).toBe('passage');
    expect(a.answer).toContain('小微企业');
    for (const c of a.citations) {
      expect(isVerbatim(article, c.quote)).toBe(true);
      expect(article.chunkById.get(c.id)!.text).toContain(c.quote);
    }
  });

  it('answers English questions from passages through the glossary', async () => {
    const a = await engine.answer("Who are MYbank's main customers?");
    expect(a.kind).toBe('passage');
    expect(a.answer).toContain('小微企业');
    const b = await engine.answer('How long did Han Xinyi work at CICC?');
    expect(['fact', 'passage']).toContain(b.kind); // extraction gives the 10 years to 中金 (no reviewed override any more); the passage states it
    expect(b.answer).toMatch(/10\s*年/);
  });

  it("lets the article's own subject stay implicit in a paragraph, and a name set one paragraph earlier carry over", async () => {
    expect((await engine.answer('蚂蚁集团投资了哪些出行领域的公司？')).answer).toContain('哈罗');
    expect((await engine.answer('韩歆毅设立了哪些新部门？')).answer).toContain('APP 事业部');
  });

  it('carries on to the next sentence when it holds what the question asks', async () => {
    expect((await engine.answer('江浩曾经在哪些银行任职？')).answer).toContain('建设银行');
  });

  it("finds evidence worded the article's way: synonyms and compound words", async () => {
    expect((await engine.answer('支付宝为何重视碰一下？')).answer).toMatch(/微信|近场支付/);
    expect((await engine.answer('韩歆毅是哪所大学毕业的？')).answer).toContain('清华');
  });

  it('goes past a lead-in sentence that only restates the question', async () => {
    const a = await engine.answer('支付宝为何如此看重碰一下？');
    expect(a.kind).toBe('passage');
    expect(a.answer).toMatch(/微信|近场支付/);
  });

  it('says not found for names the article never mentions, and offers the nearest passage', async () => {
    for (const q of ['拼多多的营收是多少？', '雷军是谁？', 'What is Tencent doing in AI?']) {
      const a = await engine.answer(q);
      expect(a.kind, q).toBe('not_found');
      expect(a.citations).toEqual([]);
    }
  });

  it('says not found when the owner asked about is not in the article, even if tagged a common noun', async () => {
    for (const q of ['百度的CEO是谁？', '小米的营收是多少？']) expect((await engine.answer(q)).kind, q).toBe('not_found');
  });

  it('says not found when only the names match and the thing asked for is absent', async () => {
    for (const q of ['蚂蚁集团的估值是多少？', '蚂蚁集团的总部在哪里？', '蚂蚁集团有多少员工？']) expect((await engine.answer(q)).kind, q).toBe('not_found');
  });

  it('says not found rather than quote a sentence that only shares a paragraph with the question', async () => {
    for (const q of ['蚂蚁集团什么时候上市？', '字节跳动什么时候成立？', 'When will Ant Group go public?']) {
      expect((await engine.answer(q)).kind, q).toBe('not_found');
    }
  });

  it('says not found when the evidence lacks the period asked about', async () => {
    const a = await engine.answer('2019年支付宝投入多少现金扶持内容创作者？');
    expect(a.kind).toBe('not_found');
  });
});

describe('bad input gets a clear answer, never a crash', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['whitespace', ' \t \u3000 '],
    ['zero-width only', '\u200b\u200c\u200d\ufeff'],
    ['emoji only', '😀🚀🔥'],
    ['control characters', '\u0001\u0002韩歆毅\u0007是谁'],
    ['full-width digits', '网商银行２０２３年的不良率是多少？'],
    ['traditional', '韓歆毅什麼時候擔任總裁？'],
    ['mixed', 'Han Xinyi 什么时候成为 CEO？'],
    ['markdown and mentions', '@everyone **韩歆毅** <@123> [link](http://x)'],
    ['lone surrogate', '韩歆毅\ud800是谁'],
  ];
  for (const [name, q] of cases) {
    it(name, async () => {
      const a = await engine.answer(q);
      expect(['fact', 'passage', 'not_found']).toContain(a.kind);
      expect(a.answer.length).toBeGreaterThan(0);
      for (const c of a.citations) expect(isVerbatim(article, c.quote)).toBe(true);
    });
  }

  it('empty questions carry an error code', async () => {
    expect((await engine.answer('')).error?.code).toBe('EMPTY_QUESTION');
  });

  it('a 100,000-character question is refused with its length', async () => {
    const a = await engine.answer('蚂'.repeat(100_000));
    expect(a.error?.code).toBe('QUESTION_TOO_LONG');
    expect(a.answer).toContain('100000');
    expect(a.ms).toBeLessThan(1000);
  });

  it('full-width digits and traditional characters still find the figure', async () => {
    expect((await engine.answer('网商银行２０２３年的不良率是多少？')).answer).toContain('2.28%');
    expect((await engine.answer('韓歆毅什麼時候擔任總裁？')).answer.replace(/\s/g, '')).toContain('2024年3月19日');
  });
});
