import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkParagraphs, DEFAULT_CHUNK_OPTIONS } from '../src/corpus/chunk.js';
import { splitSentences } from '../src/corpus/sentences.js';
import { parseStructure, type ArticleStructure } from '../src/corpus/structure.js';
import type { Span } from '../src/types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/articles');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const OUR_ARTICLE = join(import.meta.dirname, '../corpus/article.txt');

// What a quote shown to a person must never start or end with.
const MARKUP_START = /^(?:[#*`>|]|__|[-+]\s|\d+\.\s)/;
const MARKUP_END = /(?:[#*`|]|__)$/;
const HAN = /\p{Script=Han}/gu;

const inside = (i: number, spans: Span[]): boolean => spans.some((s) => s.start <= i && i < s.end);

/** Every sentence is a raw slice with no markup at its edges. */
function expectCleanSentences(raw: string, s: ArticleStructure): void {
  for (const p of s.paragraphs) {
    expect(raw.slice(p.start, p.end)).toBe(p.text);
    for (const x of p.sentences) {
      expect(raw.slice(x.start, x.end)).toBe(x.text);
      expect(x.text).not.toMatch(MARKUP_START);
      expect(x.text).not.toMatch(MARKUP_END);
      expect(x.text).toBe(x.text.trim());
    }
  }
}

/** Every Han character outside the title, headings and boilerplate lies inside some sentence. */
function lostHan(raw: string, s: ArticleStructure): string {
  const kept = s.paragraphs.flatMap((p) => p.sentences);
  const skipped = [...(s.title ? [s.title] : []), ...s.boilerplate, ...s.sections.flatMap((x) => (x.heading ? [x.heading] : []))];
  return [...raw.matchAll(HAN)]
    .filter((m) => !inside(m.index, skipped) && !inside(m.index, kept))
    .map((m) => m[0])
    .join('');
}

function checkAll(raw: string, s: ArticleStructure): void {
  expectCleanSentences(raw, s);
  expect(lostHan(raw, s)).toBe('');
  const chunks = chunkParagraphs(raw, s.paragraphs, s.sections);
  expect(chunks.length).toBeGreaterThanOrEqual(s.paragraphs.length);
  for (const c of chunks) expect(raw.slice(c.start, c.end)).toBe(c.text);
}

const paragraphCounts = (s: ArticleStructure): number[] =>
  s.sections.map((x) => s.paragraphs.filter((p) => p.section === x.number).length);

describe('our article keeps its sections, paragraphs and chunk ids', () => {
  const raw = readFileSync(OUR_ARTICLE, 'utf8');
  const s = parseStructure(raw);
  const chunks = chunkParagraphs(raw, s.paragraphs, s.sections, DEFAULT_CHUNK_OPTIONS);

  it('has the same sections and paragraph counts as before', () => {
    expect(s.sections.map((x) => x.number)).toEqual(['00', '01', '02', '03', '04', '05', '06']);
    expect(paragraphCounts(s)).toEqual([10, 28, 22, 16, 19, 18, 16]);
    expect(raw.slice(s.title!.start, s.title!.end)).toBe('抖音和快手那个先研发,韩歆毅接任蚂蚁集团CEO,AI战略调整引发高层变动');
  });

  it('has the same 136 chunk ids with the same offsets', () => {
    expect(chunks).toHaveLength(136);
    const byId = new Map(chunks.map((c) => [c.id as string, c]));
    expect(byId.get('§00¶1')).toMatchObject({ start: 72, end: 94 });
    expect(byId.get('§03¶13.2')).toMatchObject({ start: 6156, end: 6249 });
    expect(byId.get('§03¶13.3')).toMatchObject({ start: 6249, end: 6274 });
    expect(byId.get('§04¶18.1')).toMatchObject({ start: 8064, end: 8159 });
    expect(byId.get('§06¶16')!.text.startsWith('投资界合作伙伴虎嗅网授权发布本文')).toBe(true);
    const listing = chunks.map((c) => `${c.id} ${c.start} ${c.end}\n`).join('');
    expect(createHash('sha256').update(listing).digest('hex')).toBe('fe6f2b489967bd12876842a2f094a27c58d1f48f0b42d7d03a72e2bde249eae2');
  });

  it('gives the same structure when the metadata title is passed', () => {
    const titled = parseStructure(raw, { title: '韩歆毅接任蚂蚁集团CEO，AI战略调整引发高层变动' });
    expect(titled).toEqual(s);
  });

  it('loses no text', () => checkAll(raw, s));
});

describe('plain text with blank lines and short heading lines', () => {
  const raw = fixture('plain.txt');
  const s = parseStructure(raw);

  it('takes the first short line as the title and short lines before longer paragraphs as headings', () => {
    expect(raw.slice(s.title!.start, s.title!.end)).toBe('城市更新的三个难题');
    expect(s.sections.map((x) => [x.number, x.title])).toEqual([
      ['00', '城市更新的三个难题'],
      ['01', '资金从哪里来'],
      ['02', '居民意见如何统一'],
      ['03', '施工周期怎样压缩'],
    ]);
    expect(paragraphCounts(s)).toEqual([1, 1, 1, 1]);
    expect(s.paragraphs[2]!.sentences.map((x) => x.text)).toEqual([
      '一栋楼里几十户人家，对加装电梯的态度往往截然不同。',
      '低层住户担心采光和噪音，高层住户则迫切需要电梯！',
      '协商常常持续一年以上。',
    ]);
  });

  it('loses no text', () => checkAll(raw, s));

  it('does not take the lines of a list for headings', () => {
    const list = '水果清单\n\n苹果\n香蕉\n橙子\n这些水果都产自本省的山区果园，每年秋季集中上市。';
    const l = parseStructure(list);
    expect(l.sections).toHaveLength(1);
    expect(l.paragraphs.map((p) => p.text)).toEqual(['苹果', '香蕉', '橙子', '这些水果都产自本省的山区果园，每年秋季集中上市。']);
  });
});

describe('markdown with headings, bold lead-ins, bullets, links, quotes and tables', () => {
  const raw = fixture('markdown.md');
  const s = parseStructure(raw);

  it('reads the title and the headings in order', () => {
    expect(raw.slice(s.title!.start, s.title!.end)).toBe('新能源汽车电池回收调查');
    expect(s.sections.map((x) => [x.number, x.title])).toEqual([
      ['00', '新能源汽车电池回收调查'],
      ['01', '一、行业概况'],
      ['02', '二、主要企业'],
      ['03', '2.1 价格走势'],
    ]);
    // Section 02: five bullet items, the link paragraph, the quote and three table rows.
    expect(paragraphCounts(s)).toEqual([0, 3, 10, 1]);
  });

  it('keeps the bold markers out of the sentences of a bold lead-in', () => {
    const p = s.paragraphs.find((x) => x.text.includes('第一阶段'))!;
    expect(p.sentences.map((x) => x.text)).toEqual(['第一阶段（2015-2018）：回收体系几乎空白。', '当时的退役电池大多流入小作坊，拆解方式粗放，污染严重。']);
  });

  it('makes each bullet item a paragraph with the marker outside', () => {
    const items = s.paragraphs.filter((p) => p.section === '02').slice(0, 5);
    expect(items.map((p) => p.text)).toEqual([
      '格林美**：国内最早布局电池回收的企业之一，年处理能力超过30万吨。',
      '邦普循环：宁德时代的子公司，采用“定向循环”模式。',
      '华友钴业：在浙江和广西建有回收基地。',
      '第一条有序列表项，说明回收网点的数量。',
      '第二条有序列表项，说明梯次利用的场景。',
    ]);
  });

  it('does not split a link at the "?" or "." of its URL, and reads table rows without edge pipes', () => {
    const link = s.paragraphs.find((p) => p.text.startsWith('详细名单'))!;
    expect(link.sentences).toHaveLength(1);
    expect(s.paragraphs.map((p) => p.text)).toContain('格林美 | 30万吨');
    expect(s.paragraphs.map((p) => p.text)).toContain('回收不是简单的拆解，而是一条完整的产业链。');
    expect(s.paragraphs.some((p) => p.text.includes('---'))).toBe(false);
  });

  it('loses no text', () => checkAll(raw, s));
});

describe('a hard-wrapped markdown paragraph', () => {
  const raw = fixture('wrapped.md');
  const s = parseStructure(raw);

  it('joins the wrapped lines into one paragraph and keeps separate paragraphs apart', () => {
    expect(s.sections.map((x) => x.title)).toEqual(['湿地保护的经验', '背景', '做法']);
    expect(paragraphCounts(s)).toEqual([0, 2, 1]);
    const first = s.paragraphs[0]!;
    expect(first.text.split('\n')).toHaveLength(3);
    expect(first.sentences).toHaveLength(2);
    expect(s.paragraphs[2]!.text.endsWith('生态旅游的工作')).toBe(true);
  });

  it('loses no text', () => checkAll(raw, s));
});

describe('numbered headings of Chinese reports', () => {
  const raw = fixture('numbered.txt');
  const s = parseStructure(raw);

  it('starts a section at 第一章, 一、, （一） and 2.1', () => {
    expect(s.title).toBeUndefined();
    expect(s.sections.map((x) => x.title)).toEqual(['', '第一章 总体情况', '一、基础设施', '（一）道路工程', '（二）桥梁工程', '2.1 资金保障']);
    expect(paragraphCounts(s)).toEqual([0, 1, 1, 1, 1, 1]);
    expect(s.paragraphs[0]!.sentences[0]!.text).toContain('162.91亿元');
  });

  it('loses no text', () => checkAll(raw, s));

  it('reads a run of numbered lines with no text between them as a list, not as headings', () => {
    const list = '工作要点\n\n一、加强组织领导\n二、完善工作机制\n三、强化督促检查\n\n以上三点请各单位认真落实，并在月底前报送进展情况。';
    const l = parseStructure(list);
    expect(l.sections).toHaveLength(1);
    expect(l.paragraphs.map((p) => p.text)).toEqual(['一、加强组织领导', '二、完善工作机制', '三、强化督促检查', '以上三点请各单位认真落实，并在月底前报送进展情况。']);
  });
});

describe('one paragraph, one block', () => {
  it('keeps the only paragraph of a one-paragraph article (no title taken from it)', () => {
    const raw = fixture('one-paragraph.txt');
    for (const title of [undefined, '尤金袋鼠', raw]) {
      const s = parseStructure(raw, { title });
      expect(s.title).toBeUndefined();
      expect(s.paragraphs).toHaveLength(1);
      expect(s.paragraphs[0]!.sentences).toHaveLength(4);
      checkAll(raw, s);
    }
  });

  it('keeps a one-line article that has no sentence end', () => {
    const s = parseStructure('只有一行没有句号的文字');
    expect(s.title).toBeUndefined();
    expect(s.paragraphs.map((p) => p.text)).toEqual(['只有一行没有句号的文字']);
  });

  it('chunks a 5,000-character block with no line breaks at sentence ends', () => {
    const raw = fixture('block.txt');
    const s = parseStructure(raw);
    checkAll(raw, s);
    const chunks = chunkParagraphs(raw, s.paragraphs, s.sections);
    expect(chunks.length).toBeGreaterThan(25);
    for (const c of chunks) {
      expect(c.end - c.start).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxChars);
      expect(c.text.endsWith('。')).toBe(true);
    }
  });

  it('cuts a run-on block with no sentence end into chunks of at most maxChars', () => {
    const raw = '这是一段没有句号的长文字，'.repeat(400);
    const s = parseStructure(raw);
    const chunks = chunkParagraphs(raw, s.paragraphs, s.sections);
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) expect(c.end - c.start).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxChars);
    expect(chunks.map((c) => c.text).join('')).toBe(raw);
  });
});

describe('sentence ends', () => {
  const split = (text: string): string[] => splitSentences(text, 0, text.length).map((s) => s.text);

  it('splits Latin text at a full stop after a word, not in numbers, initialisms or after "TSEM)."', () => {
    const raw = fixture('latin.md');
    const s = parseStructure(raw);
    checkAll(raw, s);
    expect(s.paragraphs[0]!.sentences.map((x) => x.text)).toEqual([
      'Tower Semiconductor Ltd. (TSEM). The company is based in Israel.',
      'It sells to U.S. customers and reported revenue of $1.57B in 2025.',
      'See the filing at https://example.com/report?id=7&x=1 for details.',
      'Analysts expect 162.91 million in Q1 — an increase.',
    ]);
    expect(s.paragraphs[1]!.sentences.map((x) => x.text)).toEqual(['Outlook.', 'Growth depends on SiPho demand.', '公司预计2027年产能翻倍。']);
  });

  it('splits at 。 followed by markup and keeps closing quotes with the sentence', () => {
    expect(split('**第一阶段：起步。** Tower成立于1993年，最初是项目。')).toEqual(['第一阶段：起步。', 'Tower成立于1993年，最初是项目。']);
    expect(split('他说：“我们会继续。”随后离开了。')).toEqual(['他说：“我们会继续。”', '随后离开了。']);
    expect(split('为什么是他?因为他懂财务。')).toEqual(['为什么是他?', '因为他懂财务。']);
  });

  it('never starts or ends a sentence with markup', () => {
    expect(split('- `代码`说明。> 引用的话。__强调__')).toEqual(['代码`说明。', '引用的话。', '强调']);
  });
});

describe('section numbers', () => {
  it('uses three digits when there are more than 99 sections', () => {
    const raw = Array.from({ length: 120 }, (_, i) => `## 第${i + 1}节\n\n第${i + 1}节的正文内容。`).join('\n\n');
    const s = parseStructure(raw);
    expect(s.sections).toHaveLength(121);
    expect(s.sections[0]!.number).toBe('000');
    expect(s.sections[120]!.number).toBe('120');
    expect(s.paragraphs[0]!.section).toBe('001');
  });
});
