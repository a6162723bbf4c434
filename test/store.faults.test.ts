// The feedback store when the disk misbehaves: a lock held by another process, a crash with writes
// queued, a full disk, a read-only file system. Real SQLite files, real processes, real mounts.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../src/log.js';
import { openFeedbackStore, type AnswerRecord } from '../src/store/feedback.js';
import { holdWriteLock, mountTmpfs, remountReadOnly, unmount, waitUntil } from './drills.js';

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'store-')), 'bot.sqlite');
const answer = (id: string, over: Partial<AnswerRecord> = {}): AnswerRecord => ({ id, question: `问题 ${id}`, kind: 'not_found', confidence: 0, citationIds: [], keyTerms: ['k'], ...over });
const count = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const mounts: string[] = [];
afterAll(() => mounts.forEach(unmount));

describe('a write lock held by another process', () => {
  it('writes never wait: they are queued, retried, and all stored once the lock is released', async () => {
    const path = dbPath();
    const lines: string[] = [];
    const store = openFeedbackStore({ path, lowConfidence: 0.5, log: createLogger('debug', (l) => lines.push(l)) });
    store.recordAnswer(answer('before'));
    const holder = await holdWriteLock(path, 1500);
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) store.recordAnswer(answer(`a${i}`));
    const votes = Array.from({ length: 20 }, (_, i) => store.vote(`a${i}`, `user${i}`, i % 2 ? 1 : -1));
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000); // 70 writes during a held lock: no write waited for it
    expect(votes.every((v) => v.ok)).toBe(true);
    expect(store.pending()).toBe(70);
    expect(store.status()).toMatch(/busy: .*locked by another process.*70 writes waiting in the journal/);
    await holder.released;
    await waitUntil(() => store.pending() === 0, 5000, 'the queue to drain');
    expect(count(path, 'answers')).toBe(51);
    expect(count(path, 'votes')).toBe(20);
    expect(count(path, 'gaps')).toBe(51 + 10); // every not_found answer, and the ten 👎
    expect(store.status()).toMatch(/^feedback store ok/);
    expect(lines.filter((l) => l.includes('"level":"warn"') && l.includes('busy'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('storing again'))).toBe(true);
    store.close();
  });

  it('a process killed with writes queued loses none of them: the next start replays its journal, once', async () => {
    const path = dbPath();
    openFeedbackStore({ path, lowConfidence: 0.5, log: silentLogger }).close();
    const holder = await holdWriteLock(path, 60_000);
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { openFeedbackStore } = await import('./src/store/feedback.ts');
      const { silentLogger } = await import('./src/log.ts');
      const s = openFeedbackStore({ path: ${JSON.stringify(path)}, lowConfidence: 0.5, log: silentLogger, journalName: 'bot' });
      for (let i = 0; i < 30; i++) s.recordAnswer({ id: 'k' + i, question: 'q' + i, kind: 'passage', confidence: 0.9, citationIds: [], keyTerms: ['k'] });
      for (let i = 0; i < 30; i++) if (!s.vote('k' + i, 'u' + i, 1).ok) process.exit(5);
      process.stdout.write('acknowledged ' + s.pending() + '\\n');
      setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await waitUntil(() => out.includes('acknowledged'), 20_000, 'the writer to acknowledge its writes');
    expect(out).toContain('acknowledged 60');
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const journals = readdirSync(`${path}.pending`);
    expect(journals).toEqual([expect.stringMatching(/^bot-\d+\.jsonl$/)]);
    const saved = join(mkdtempSync(join(tmpdir(), 'journal-')), journals[0]!);
    copyFileSync(join(`${path}.pending`, journals[0]!), saved);
    // Release the lock (kill the holder: its open transaction rolls back) and start again.
    await holdWriteLockRelease(holder);
    const next = openFeedbackStore({ path, lowConfidence: 0.5, log: silentLogger });
    await waitUntil(() => next.pending() === 0, 5000, 'the replay');
    expect(count(path, 'answers')).toBe(30);
    expect(count(path, 'votes')).toBe(30);
    next.close();
    expect(readdirSync(`${path}.pending`)).toEqual([]);
    // The same journal replayed again (a crash after the commit, before the journal was emptied): no duplicates.
    copyFileSync(saved, join(`${path}.pending`, journals[0]!));
    const again = openFeedbackStore({ path, lowConfidence: 0.5, log: silentLogger });
    await waitUntil(() => again.pending() === 0, 5000, 'the second replay');
    expect(count(path, 'answers')).toBe(30);
    expect(count(path, 'gaps')).toBe(0);
    again.close();
  }, 60_000);
});

// The holder above is told to keep its lock for a minute; this drill ends it early the way a crash would.
async function holdWriteLockRelease(holder: Awaited<ReturnType<typeof holdWriteLock>>) {
  holder.kill();
  await holder.released.catch(() => {});
}

describe('disk full (a 1 MiB tmpfs filled up)', () => {
  it('says "disk full", keeps answering, and stores everything once space returns', async () => {
    const mount = mountTmpfs('1m');
    mounts.push(mount);
    const path = join(mount, 'bot.sqlite');
    const lines: string[] = [];
    const store = openFeedbackStore({ path, lowConfidence: 0.5, log: createLogger('debug', (l) => lines.push(l)) });
    store.recordAnswer(answer('first'));
    // Fill the disk to the last byte.
    const filler = join(mount, 'filler');
    let written = 0;
    for (const size of [256 * 1024, 64 * 1024, 8 * 1024, 1024, 64, 1]) {
      for (;;) {
        try {
          writeFileSync(filler, Buffer.alloc(written + size));
          written += size;
        } catch {
          writeFileSync(filler, Buffer.alloc(written));
          break;
        }
      }
    }
    const big = 'x'.repeat(5_000); // more than any page the database still has free
    for (let i = 0; i < 10; i++) expect(() => store.recordAnswer(answer(`full${i}`, { question: big + i }))).not.toThrow();
    expect(store.pending()).toBeGreaterThan(0);
    expect(store.status()).toMatch(/disk full/);
    expect(store.status()).toMatch(/in memory only/); // the journal sits on the same full disk
    expect(lines.filter((l) => /"level":"error"/.test(l) && /disk full/.test(l))).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/permissions or replace it/);
    // A retry on the full disk fails too (polled: the first retry comes within a few hundred ms).
    await waitUntil(() => lines.some((l) => l.includes('retry failed') && l.includes('"trouble":"full"')), 5000, 'a failed retry on the full disk');
    rmSync(filler);
    await waitUntil(() => store.pending() === 0, 10_000, 'storing to resume after space returned').catch((e) => { console.log(store.status(), lines.join('\n')); throw e; });
    expect(store.status()).toMatch(/^feedback store ok/);
    expect(count(path, 'answers')).toBe(11);
    store.close();
  }, 30_000);
});

describe('a read-only file system', () => {
  it('is reported as read-only, for a database folder that does not exist and for an existing database', () => {
    const mount = mountTmpfs('256k');
    mounts.push(mount);
    openFeedbackStore({ path: join(mount, 'existing', 'bot.sqlite'), lowConfidence: 0.5, log: silentLogger }).close();
    mkdirSync(join(mount, 'empty'));
    remountReadOnly(mount);
    for (const path of [join(mount, 'data', 'bot.sqlite'), join(mount, 'empty', 'bot.sqlite'), join(mount, 'existing', 'bot.sqlite')]) {
      const lines: string[] = [];
      const store = openFeedbackStore({ path, lowConfidence: 0.5, log: createLogger('debug', (l) => lines.push(l)) });
      store.recordAnswer(answer('ro'));
      expect(store.status(), path).toMatch(/read-only file system \(EROFS\)/);
      expect(store.status()).not.toMatch(/ENOENT|unable to open database file$/);
      expect(store.vote('ro', 'u', 1)).toEqual({ ok: false, reason: 'unavailable' }); // not even the journal can be written: say so
      expect(existsSync(`${path}.pending`)).toBe(false);
      store.close();
    }
  });
});
