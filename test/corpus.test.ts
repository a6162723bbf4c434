import { copyFileSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../src/corpus/article.js';
import { loadArticle, DEFAULT_CORPUS_DIR } from '../src/corpus/load.js';
const DEFAULT_META_PATH = join(DEFAULT_CORPUS_DIR, 'meta.json');
import { parseStructure } from '../src/corpus/structure.js';
import { UserFacingError } from '../src/errors.js';
import { compact } from '../src/text/normalize.js';
import { getArticle } from './helpers.js';

describe('ingestion of the article as received', () => {
  const a = getArticle();

  it('finds the six numbered sections and the lead', () => {
    expect(a.sections.map((s) => s.number)).toEqual(['00', '01', '02', '03', '04', '05', '06']);
    expect(a.sections[1]!.title).toBe('为什么是韩歆毅?');
    expect(a.sections[4]!.title).toContain('网商银行');
  });

  it('leaves the forum boilerplate out of every chunk', () => {
    const all = a.chunks.map((c) => c.text).join('\n');
    expect(all).not.toContain('发表于');
    expect(all).not.toContain('查看完整版本');
    expect(all).not.toContain('页: [1]');
  });

  it('puts every paragraph in chunks that cover it exactly once, in order', () => {
    for (const p of a.paragraphs) {
      const parts = a.chunks.filter((c) => c.section === p.section && c.paragraph === p.index);
      expect(parts.length).toBeGreaterThan(0);
      expect(compact(parts.map((c) => c.text).join(''))).toBe(compact(p.text));
    }
    const covered = a.chunks.reduce((n, c) => n + (c.end - c.start), 0);
    expect(covered).toBeLessThanOrEqual(a.paragraphs.reduce((n, p) => n + (p.end - p.start), 0));
    expect(new Set(a.chunks.map((c) => c.id)).size).toBe(a.chunks.length);
  });

  it('keeps offsets that slice back to the same text', () => {
    for (const c of a.chunks) {
      expect(a.raw.slice(c.start, c.end)).toBe(c.text);
      for (const s of c.sentences) expect(a.raw.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('has no NBSP indentation inside chunk text and keeps the spaced numbers as written', () => {
    for (const c of a.chunks) expect(c.text.startsWith('\u00a0')).toBe(false);
    expect(a.chunks.some((c) => c.text.includes('162.91 亿元'))).toBe(true);
  });

  it('uses ids like §03¶5 that are stable across runs', () => {
    const again = buildArticle(loadArticle());
    expect(again.chunks.map((c) => c.id)).toEqual(a.chunks.map((c) => c.id));
    expect(a.chunks[0]!.id).toBe('§00¶1');
    expect(a.chunks.every((c) => /^§\d{2}¶\d+(\.\d+)?$/.test(c.id))).toBe(true);
  });

  it('splits long paragraphs on sentence ends, never mid-sentence', () => {
    const small = buildArticle(loadArticle(), { chunk: { maxChars: 60 } });
    const split = small.chunks.filter((c) => c.part);
    expect(split.length).toBeGreaterThan(10);
    for (const c of split) {
      expect(c.sentences.length).toBeGreaterThan(0);
      const last = c.text.trim().slice(-1);
      const isLastPart = !small.chunks.some((d) => d.section === c.section && d.paragraph === c.paragraph && (d.part ?? 0) > (c.part ?? 0));
      if (!isLastPart) expect('。！？!?；…”').toContain(last);
    }
  });

  it('copes with CRLF line ends and a BOM as well', () => {
    const raw = '\ufeffhwyzw 发表于 2025-4-23 05:48:49\r\n\r\n标题\r\n\r\n\u00a0 \u00a0 第一段。第二句!\r\n\r\n\u00a0 \u00a0 01小标题\r\n\r\n\u00a0 \u00a0 正文。\r\n页: [1]\r\n';
    const s = parseStructure(raw);
    expect(s.paragraphs.map((p) => p.text)).toEqual(['第一段。第二句!', '正文。']);
    expect(s.sections.map((x) => x.number)).toEqual(['00', '01']);
  });
});

describe('loading failures name the file and what to do', () => {
  it('a missing article file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    const meta = JSON.parse(readFileSync(DEFAULT_META_PATH, 'utf8'));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    expect(() => loadArticle(dir)).toThrowError(new RegExp(`${dir}/article.txt.*ENOENT`));
  });

  it('a damaged article file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    copyFileSync(DEFAULT_META_PATH, join(dir, 'meta.json'));
    writeFileSync(join(dir, 'article.txt'), 'not the article');
    expect(() => loadArticle(dir)).toThrowError(/does not match the sha256/);
  });

  it('invalid metadata', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ title: '' }));
    expect(() => loadArticle(dir)).toThrow(UserFacingError);
    writeFileSync(join(dir, 'meta.json'), '{oops');
    expect(() => loadArticle(dir)).toThrowError(/not valid JSON/);
  });

  it('a missing metadata file', () => {
    expect(() => loadArticle('/nonexistent')).toThrowError(/\/nonexistent\/meta.json/);
  });
});
