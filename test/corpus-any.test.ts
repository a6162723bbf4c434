// Any article, not just ours: small corpus folders holding only meta.json and the article (plain text,
// markdown, one block with no paragraph breaks, a single paragraph) — test/fixtures/corpora/ — each started
// as its own engine, all in this one process. Each answers its own questions with verbatim citations and
// refuses the other articles' questions. meta.json problems are named in the error.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngineFrom, type Engine } from '../src/answer/engine.js';
import { openArticle } from '../src/corpus/article.js';
import { isVerbatim } from '../src/corpus/cite.js';
import { cachedEntities, cachedQuotedRecords } from '../src/corpus/derived-cache.js';
import { deriveEntities } from '../src/corpus/entities.js';
import { loadArticle, sha256 } from '../src/corpus/load.js';
import { UserFacingError } from '../src/errors.js';
import { loadFactBook } from '../src/facts/book.js';

const FIXTURES = resolve('test/fixtures/corpora');

interface Case {
  /** Folder under test/fixtures/corpora. */
  dir: string;
  /** Questions this article answers, with a text the answer must hold. */
  own: [question: string, expected: string][];
  /** A question only some other fixture answers. */
  foreign: string;
}

const CASES: Case[] = [
  { dir: 'plain', own: [['临港港务集团2023年的营收是多少？', '86.4'], ['罗振川是哪天出任临港港务集团董事长的？', '3 月 1 日']], foreign: '澄江乳业2023年的营收是多少？' },
  { dir: 'markdown', own: [['青岚茶业2023年的营收是多少？', '3.2亿元'], ['谁接任了青岚茶业总经理？', '苏若溪']], foreign: '北辰航天公司2023年的营收是多少？' },
  { dir: 'block', own: [['北辰航天公司2023年的营收是多少？', '15.6亿元'], ['北辰航天公司2023年完成了多少次发射？', '11次']], foreign: '临港港务集团2023年的营收是多少？' },
  { dir: 'single', own: [['澄江乳业2023年的营收是多少？', '42.7亿元'], ['澄江乳业2023年的净利润是多少？', '3.6亿元']], foreign: '青岚茶业2023年的营收是多少？' },
];

function start(dir: string): Engine {
  const article = openArticle(dir);
  return createEngineFrom({ article, facts: loadFactBook(article) });
}

describe('any article: engines on several corpus folders in one process', () => {
  const engines = new Map(CASES.map((c) => [c.dir, start(join(FIXTURES, c.dir))]));

  it('each fixture is a corpus folder with only meta.json and the article it names', () => {
    for (const c of CASES) {
      const e = engines.get(c.dir)!;
      expect(e.article.aliases.aliases).toEqual([]);
      expect(e.article.chunks.length).toBeGreaterThan(0);
      expect(e.article.meta.title.length).toBeGreaterThan(0);
    }
    // The block and the single paragraph have no paragraph breaks at all.
    expect(readFileSync(join(FIXTURES, 'block/article.txt'), 'utf8')).not.toMatch(/\n/);
    expect(engines.get('single')!.article.paragraphs).toHaveLength(1);
  });

  for (const c of CASES) {
    it(`${c.dir}: answers its own questions with verbatim citations`, async () => {
      const e = engines.get(c.dir)!;
      for (const [q, expected] of c.own) {
        const a = await e.answer(q);
        expect(a.kind, q).not.toBe('not_found');
        expect(a.answer, q).toContain(expected);
        expect(a.citations.length, q).toBeGreaterThan(0);
        for (const cite of a.citations) {
          expect(e.article.raw.includes(cite.quote) || isVerbatim(e.article, cite.quote), cite.quote).toBe(true);
          expect(e.article.chunkById.has(cite.id), cite.id).toBe(true);
        }
      }
    });

    it(`${c.dir}: refuses another article's question`, async () => {
      const a = await engines.get(c.dir)!.answer(c.foreign);
      expect(a.kind, `${c.dir} asked "${c.foreign}": ${a.answer}`).toBe('not_found');
      expect(a.citations).toEqual([]);
    });
  }

  it('two engines side by side do not share state: the same question gets each its own article', async () => {
    const plain = engines.get('plain')!;
    const single = engines.get('single')!;
    const [p, s] = await Promise.all([plain.answer('临港港务集团2023年的营收是多少？'), single.answer('临港港务集团2023年的营收是多少？')]);
    expect(p.kind).not.toBe('not_found');
    expect(s.kind).toBe('not_found');
    expect(plain.article.entities.get('临港港务集团')).toBeDefined();
    expect(single.article.entities.get('临港港务集团')).toBeUndefined();
  });
});

describe('meta.json validation names the problem', () => {
  const base = JSON.parse(readFileSync(join(FIXTURES, 'plain/meta.json'), 'utf8')) as Record<string, unknown>;
  const folder = (meta: Record<string, unknown>, article = readFileSync(join(FIXTURES, 'plain/article.txt'), 'utf8')) => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-any-'));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    writeFileSync(join(dir, String(meta.file ?? 'article.txt')), article);
    return dir;
  };
  const failure = (dir: string): UserFacingError => {
    try {
      openArticle(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(UserFacingError);
      return err as UserFacingError;
    }
    throw new Error(`openArticle(${dir}) did not fail`);
  };

  it('a missing field is named', () => {
    const { published: _drop, ...meta } = base;
    const err = failure(folder(meta));
    expect(err.code).toBe('CORPUS_JSON_INVALID');
    expect(err.message).toMatch(/meta\.json/);
    expect(err.message).toMatch(/published/);
  });

  it('a bad date says the format it wants', () => {
    const err = failure(folder({ ...base, published: '2024/04/10' }));
    expect(err.message).toMatch(/published/);
    expect(err.message).toMatch(/YYYY-MM-DD/);
  });

  it('a file that is not .txt or .md is refused by name', () => {
    const err = failure(folder({ ...base, file: 'article.pdf' }));
    expect(err.message).toMatch(/file/);
    expect(err.message).toMatch(/\.txt or \.md/);
  });

  it('an article that does not match its sha256 is refused, and the right sha256 is accepted', () => {
    const text = readFileSync(join(FIXTURES, 'plain/article.txt'), 'utf8');
    const err = failure(folder({ ...base, sha256: sha256(text + '改') }, text));
    expect(err.code).toBe('CORPUS_CHECKSUM');
    expect(err.message).toMatch(/sha256/);
    expect(err.message).toMatch(/article\.txt/);
    expect(openArticle(folder({ ...base, sha256: sha256(text) }, text)).sha256).toBe(sha256(text));
  });

  it('a malformed sha256 and invalid JSON are named', () => {
    expect(failure(folder({ ...base, sha256: 'abc' })).message).toMatch(/sha256 must be 64 lowercase hex digits/);
    const dir = folder(base);
    writeFileSync(join(dir, 'meta.json'), '{"title": ');
    expect(failure(dir).message).toMatch(/not valid JSON/);
  });

  it('an article file that is missing is named with its path', () => {
    const dir = folder(base);
    const meta = { ...base, file: 'gone.txt' };
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    const err = failure(dir);
    expect(err.code).toBe('CORPUS_UNREADABLE');
    expect(err.message).toContain(join(dir, 'gone.txt'));
  });

  it('a corpus folder copied elsewhere works (nothing depends on its place)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-any-copy-'));
    for (const f of ['meta.json', 'article.md']) copyFileSync(join(FIXTURES, 'markdown', f), join(dir, f));
    const a = await start(dir).answer('青岚茶业2023年的营收是多少？');
    expect(a.answer).toContain('3.2亿元');
  });
});

describe('derived-data cache (src/corpus/derived-cache.ts) on any corpus folder', () => {
  it('entities and facts read back from the cache equal the derived ones; a damaged entry is rebuilt; another text misses', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'derived-cache-'));
    for (const c of CASES) {
      const article = openArticle(join(FIXTURES, c.dir));
      const loaded = loadArticle(join(FIXTURES, c.dir));
      const texts = article.paragraphs.map((p) => p.text);
      let derived = 0;
      const entities = () => cachedEntities(cacheDir, loaded, () => (derived++, deriveEntities(texts, loaded.aliases)));
      const fresh = entities();
      const cached = entities();
      expect(derived, c.dir).toBe(1);
      expect(cached.entities).toEqual(fresh.entities);
      for (const e of fresh.entities) expect(cached.find(e.canonical).map((m) => m.canonical)).toEqual(fresh.find(e.canonical).map((m) => m.canonical));
      let loads = 0;
      const book = () =>
        cachedQuotedRecords(cacheDir, 'facts', article, () => (loads++, loadFactBook(article)), (b) => b.facts, (facts) => ({ facts, byId: new Map(facts.map((f) => [f.id, f])) }));
      const first = book();
      expect(book().facts).toEqual(first.facts);
      expect(loads, c.dir).toBe(1);
    }
    // A damaged entry is rebuilt, not trusted.
    for (const f of readdirSync(cacheDir).filter((n) => n.startsWith('derived-entities-'))) writeFileSync(join(cacheDir, f), '{"nope":');
    const loaded = loadArticle(join(FIXTURES, 'plain'));
    let derived = 0;
    const again = cachedEntities(cacheDir, loaded, () => (derived++, deriveEntities(openArticle(join(FIXTURES, 'plain')).paragraphs.map((p) => p.text), loaded.aliases)));
    expect(derived).toBe(1);
    expect(again.get('临港港务集团')).toBeDefined();
  });
});
