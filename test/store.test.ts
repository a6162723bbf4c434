import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../src/log.js';
import { SCHEMA_VERSION } from '../src/store/db.js';
import { openFeedbackStore, type AnswerRecord } from '../src/store/feedback.js';

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'store-')), 'bot.sqlite');
const open = (path: string, log = silentLogger) => openFeedbackStore({ path, lowConfidence: 0.5, log });
const record = (id: string, over: Partial<AnswerRecord> = {}): AnswerRecord => ({
  id, question: '马云现在担任什么职务？', kind: 'not_found', confidence: 0, citationIds: [], keyTerms: ['担任', '职务', '马云'], ...over,
});
const immutable: string[] = [];
afterEach(() => {
  for (const f of immutable.splice(0)) {
    try { execFileSync('chattr', ['-i', f]); } catch { /* not root or no chattr */ }
    chmodSync(f, 0o644);
  }
});

describe('the feedback store on a real SQLite file', () => {
  it('migrates an empty file to the current schema, in WAL mode', () => {
    const path = dbPath();
    writeFileSync(path, '');
    const store = open(path);
    expect(store.status()).toMatch(/ok: .*schema v2, WAL/);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name)).toEqual(["answers", "applied_writes", "gaps", "meta", "votes"]);
    db.close();
    // Opening again runs no migration twice.
    expect(open(path).status()).toMatch(/ok/);
  });

  it('stores a vote with a hashed user id and replaces a second vote by the same user', () => {
    const path = dbPath();
    const store = open(path);
    store.recordAnswer(record('a1', { kind: 'passage', confidence: 0.9, question: '网商银行的客户主要是哪些人？', citationIds: ['§04¶16'] }));
    expect(store.vote('a1', '123456789012345678', -1)).toEqual({ ok: true, replaced: false });
    expect(store.vote('a1', '123456789012345678', 1)).toEqual({ ok: true, replaced: true });
    expect(store.vote('a1', '999999999999999999', -1)).toEqual({ ok: true, replaced: false });
    expect(store.vote('nope', '1', 1)).toEqual({ ok: false, reason: 'unknown_answer' });
    store.close();
    const db = new Database(path, { readonly: true });
    const votes = db.prepare('SELECT * FROM votes ORDER BY vote').all() as Record<string, unknown>[];
    expect(votes).toHaveLength(2);
    expect(votes[1]).toMatchObject({ answer_id: 'a1', vote: 1, kind: 'passage', citation_ids: '["§04¶16"]', question: '网商银行的客户主要是哪些人？' });
    expect(readFileSync(path).includes('123456789012345678')).toBe(false);
    // The first user's 👎 was taken back by the 👍; the second user's 👎 stands.
    expect((db.prepare(`SELECT COUNT(*) AS n FROM gaps WHERE reason = 'downvote'`).get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('groups gaps by key terms, most frequent first, and prunes old rows', () => {
    const store = open(dbPath());
    const day = 86_400_000;
    store.recordAnswer(record('g1'), Date.now() - 200 * day);
    store.recordAnswer(record('g2', { question: '马云担任什么职务' }));
    store.recordAnswer(record('g3', { question: '今天北京的天气怎么样？', keyTerms: ['北京', '天气'] }));
    store.recordAnswer(record('g4', { kind: 'passage', confidence: 0.3, question: '百灵大模型是什么？', keyTerms: ['百灵大模型'] }));
    store.recordAnswer(record('g5', { kind: 'fact', confidence: 0.95, question: '花呗有多少用户？', keyTerms: ['花呗', '用户'] }));
    const gaps = store.gaps();
    expect(gaps[0]).toMatchObject({ keyTerms: '担任 职务 马云', count: 2, reasons: { not_found: 2 } });
    expect(gaps.map((g) => g.keyTerms)).toEqual(expect.arrayContaining(['北京 天气', '百灵大模型']));
    expect(gaps.map((g) => g.keyTerms)).not.toContain('花呗 用户');
    expect(store.prune(90)).toBe(2); // g1's answer row and its gap
    expect(store.gaps()[0]!.count).toBe(1);
  });

  it('two writers at once (two processes) both land every row', async () => {
    const path = dbPath();
    open(path).close();
    const writer = (tag: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', `
          const { openFeedbackStore } = await import('./src/store/feedback.ts');
          const { silentLogger } = await import('./src/log.ts');
          const s = openFeedbackStore({ path: ${JSON.stringify(path)}, lowConfidence: 0.5, log: silentLogger });
          for (let i = 0; i < 300; i++) {
            s.recordAnswer({ id: '${tag}' + i, question: 'q' + i, kind: 'not_found', confidence: 0, citationIds: [], keyTerms: ['k' + (i % 7)] });
            s.vote('${tag}' + i, 'user' + i, i % 2 ? 1 : -1);
          }
          // Writes that met the other writer's lock were queued, not waited for: store them now.
          if (!(await s.flush(20000)) || !/ok/.test(s.status())) { console.error(s.status()); process.exit(3); }
          s.close();
        `], { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('exit', resolve);
      });
    expect(await Promise.all([writer('A'), writer('B')])).toEqual([0, 0]);
    const db = new Database(path, { readonly: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n).toBe(600);
    expect((db.prepare('SELECT COUNT(*) AS n FROM votes').get() as { n: number }).n).toBe(600);
    db.close();
  });

  it('a briefly locked database waits and then writes', async () => {
    const path = dbPath();
    const store = open(path);
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    setTimeout(() => other.exec('COMMIT'), 150);
    await new Promise((r) => setTimeout(r, 10));
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { openFeedbackStore } = await import('./src/store/feedback.ts');
      const { silentLogger } = await import('./src/log.ts');
      const s = openFeedbackStore({ path: ${JSON.stringify(path)}, lowConfidence: 0.5, log: silentLogger });
      s.recordAnswer({ id: 'late', question: 'q', kind: 'not_found', confidence: 0, citationIds: [], keyTerms: ['k'] });
      process.exit(s.getAnswer('late') ? 0 : 4);
    `], { stdio: 'inherit' });
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
    other.close();
    store.close();
  });

  it('a read-only file: answers go on, the problem is named once', () => {
    const path = dbPath();
    const first = open(path);
    first.recordAnswer(record('before'));
    first.close();
    chmodSync(path, 0o444);
    immutable.push(path);
    try { execFileSync('chattr', ['+i', path], { stdio: 'ignore' }); } catch { /* chmod is enough when not root */ }
    const lines: string[] = [];
    const store = open(path, createLogger('debug', (l) => lines.push(l)));
    expect(() => store.recordAnswer(record('after'))).not.toThrow();
    expect(() => store.recordAnswer(record('after2'))).not.toThrow();
    expect(store.status()).toMatch(/unavailable|failing/);
    expect(store.status()).toContain(path);
    expect(lines.filter((l) => l.includes('"level":"error"') || l.includes('"level":"warn"'))).toHaveLength(1);
  });

  it('a corrupt file: the store is unavailable with a message naming the file', () => {
    const path = dbPath();
    writeFileSync(path, Buffer.from('this is not an sqlite database at all, just bytes'.repeat(100)));
    const store = open(path);
    expect(store.status()).toMatch(new RegExp(`unavailable: cannot open ${path}.*not a database`));
    expect(() => store.recordAnswer(record('x'))).not.toThrow();
    expect(store.vote('x', 'u', 1)).toEqual({ ok: false, reason: 'unavailable' });
    expect(store.gaps()).toEqual([]);
  });
});
