// Feedback and the gaps log. Nothing else in the bot depends on this working, and nothing on the
// interaction path waits for the database:
//
// - A write (an answer record, a vote) is tried once at once on a connection that never waits for a lock
//   (busy_timeout 0). When the database is locked, full, read-only or not open yet, or other writes are
//   already waiting, the write goes to the back of a queue instead, and a timer retries the queue in
//   order (so a vote never lands before the answer it is about).
// - The guarantee: a write that is not stored at once is first appended to a journal file and fsync'd
//   (`<DATABASE_PATH>.pending/<name>-<pid>.jsonl`) before the call returns, so before the user is told
//   "thanks". A crash or restart loses nothing acknowledged: at open, every journal whose process is gone
//   (or is this pid again, after a container restart) is adopted and replayed. Each write carries an id
//   recorded in `applied_writes` in the same transaction that applies it, so a replay never applies a
//   write twice. A journal is emptied only when every write in it is stored.
// - When even the journal cannot be written (disk full, read-only file system) the write is kept in
//   memory only and the caller is told it is not safe (a vote says "cannot be stored right now").
// - Problems are said once per episode (locked, disk full, read-only, permissions, corrupt) in the log
//   and in status(), and storing resumes by itself when the cause goes away.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, fdatasyncSync, ftruncateSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../log.js';
import { describeError } from '../errors.js';
import { openDb, SCHEMA_VERSION, type Db } from './db.js';

export interface AnswerRecord {
  id: string;
  question: string;
  kind: 'fact' | 'passage' | 'not_found';
  confidence: number;
  citationIds: string[];
  keyTerms: string[];
}

/** `queued`: not in the database yet, but in the fsync'd journal (it will be stored). */
export type VoteResult = { ok: true; replaced: boolean; queued?: boolean } | { ok: false; reason: 'unknown_answer' | 'unavailable' };

export interface GapGroup {
  keyTerms: string;
  count: number;
  lastSeen: string;
  reasons: Record<string, number>;
  examples: string[];
}

export interface FeedbackStore {
  /** One line for /about and logs. */
  status(): string;
  /** False when the database cannot be used at all (corrupt, missing for a reader, not configured). */
  usable(): boolean;
  recordAnswer(a: AnswerRecord, now?: number): void;
  getAnswer(id: string): AnswerRecord | undefined;
  vote(answerId: string, userId: string, value: 1 | -1, now?: number): VoteResult;
  gaps(limit?: number): GapGroup[];
  prune(retentionDays: number, now?: number): number;
  /** Writes not in the database yet. */
  pending(): number;
  /** Retries the queue until it is empty or timeoutMs passes; true when everything is stored. */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Last attempt to store the queue (may wait CLOSE_WAIT_MS for a lock); what is left stays in the journal. */
  close(): void;
}

export interface FeedbackOptions {
  path: string;
  /** Per-deployment salt for hashing user ids; when unset one is made and kept in the database. */
  salt?: string;
  /** Answers below this confidence count as gaps. */
  lowConfidence: number;
  log: Logger;
  /** Names this process's journal of pending writes (one per shard); default "bot". */
  journalName?: string;
}

/** First retry of a locked database: short, since most locks are brief. */
const RETRY_FIRST_MS = 50;
/** Retries back off up to this: a held lock is checked twice a second without busy-looping. */
const RETRY_MAX_MS = 500;
/** Disk full, read-only or not openable: these pass slowly (an operator frees space), so check every 2 s. */
const RETRY_SLOW_MS = 2000;
/** Writes kept waiting at most; beyond this the oldest waiting writes are given up (and said so). */
const MAX_PENDING = 50_000;
/** Writes applied in one transaction while draining the queue: keeps each step a few milliseconds. */
const BATCH = 200;
/** At close (shutdown, end of a CLI run) the last attempt may wait this long for a lock. */
const CLOSE_WAIT_MS = 2000;

type Write =
  | { id: string; op: 'answer'; at: number; answer: AnswerRecord }
  | { id: string; op: 'vote'; at: number; answerId: string; user: { hash: string } | { raw: string }; value: 1 | -1 };

type Trouble = 'busy' | 'full' | 'readonly-fs' | 'readonly-file' | 'permission' | 'corrupt' | 'other';

const codeOf = (err: unknown) => String((err as { code?: unknown })?.code ?? '');

/** The nearest folder of `path` that exists (what a failed mkdir or open would have written into). */
function nearestExisting(path: string): string {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Why a write to `path` failed, in words an operator can act on. */
export function diagnose(err: unknown, path: string): { trouble: Trouble; message: string } {
  const code = codeOf(err);
  const text = describeError(err);
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || /database is locked/i.test(text)) {
    return { trouble: 'busy', message: `${path} is locked by another process (${text}); if this lasts, find the process holding it (fuser ${path})` };
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /disk is full|no space left/i.test(text)) return { trouble: 'full', message: `disk full: no space left to write ${path} (${code || text})` };
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || /not a database|malformed/i.test(text)) {
    return { trouble: 'corrupt', message: `${path} is not a usable SQLite database (${text}). Move it aside (a new one is made), then restart` };
  }
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || /readonly|read-only|unable to open/i.test(text)) {
    // Ask the file system itself: the folder (or the file) refuses writing, and why.
    for (const target of [existsSync(path) ? path : null, nearestExisting(path)]) {
      if (!target) continue;
      try {
        accessSync(target, constants.W_OK);
      } catch (e) {
        const c = codeOf(e);
        if (c === 'EROFS') return { trouble: 'readonly-fs', message: `${target} is on a read-only file system (EROFS), so ${path} cannot be written. Point DATABASE_PATH at a writable disk, or remount it read-write` };
        if (c === 'EACCES' || c === 'EPERM') return { trouble: 'permission', message: `no permission to write ${target} (${c}; running as uid ${process.getuid?.() ?? '?'}). Fix its owner or mode, or point DATABASE_PATH elsewhere` };
      }
    }
    if (code.startsWith('SQLITE_READONLY') || /readonly/i.test(text)) {
      return { trouble: 'readonly-file', message: `${path} is read-only (${text}). Make it writable (chmod u+w; chattr -i if it is immutable) or point DATABASE_PATH elsewhere` };
    }
  }
  return { trouble: 'other', message: `writing ${path} failed (${text}); check the file and its folder (space, permissions, the disk's health)` };
}

/** The journal: one fsync'd JSON line per pending write. */
class Journal {
  private fd: number;
  private size: number;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
    this.size = fstatSync(this.fd).size;
  }
  /** Appends and fsyncs; throws (and leaves the file as it was) when that fails. */
  append(lines: string): void {
    const before = this.size;
    try {
      writeSync(this.fd, lines);
      fdatasyncSync(this.fd);
      this.size += Buffer.byteLength(lines);
    } catch (err) {
      // A torn append must not glue itself to the next line.
      try {
        ftruncateSync(this.fd, before);
      } catch { /* the next read skips a torn line anyway */ }
      throw err;
    }
  }
  clear(): void {
    if (this.size === 0) return;
    ftruncateSync(this.fd, 0);
    fdatasyncSync(this.fd);
    this.size = 0;
  }
  close(): void {
    const empty = this.size === 0;
    closeSync(this.fd);
    if (empty) {
      try {
        unlinkSync(this.path);
      } catch { /* gone already */ }
    }
  }
}

const readJournal = (path: string): Write[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Write];
      } catch {
        return []; // a line torn by a crash mid-append was never acknowledged
      }
    });

const alive = (pid: number) => {
  if (pid === process.pid) return false; // a journal with our own pid is from a previous run (container restart)
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === 'EPERM';
  }
};

export function openFeedbackStore(options: FeedbackOptions): FeedbackStore {
  const store = new SqliteFeedbackStore(options);
  store.start();
  // A plain object of bound functions, as before: callers may pass the methods around on their own.
  return {
    status: () => store.status(),
    usable: () => store.usable(),
    pending: () => store.pending(),
    recordAnswer: (a, now) => store.recordAnswer(a, now),
    getAnswer: (id) => store.getAnswer(id),
    vote: (answerId, userId, value, now) => store.vote(answerId, userId, value, now),
    gaps: (limit) => store.gaps(limit),
    prune: (retentionDays, now) => store.prune(retentionDays, now),
    flush: (timeoutMs) => store.flush(timeoutMs),
    close: () => store.close(),
  };
}

function prepareStatements(d: Db) {
  return {
    insertAnswer: d.prepare(`INSERT OR REPLACE INTO answers (id, question, kind, confidence, citation_ids, key_terms, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    insertGap: d.prepare(`INSERT INTO gaps (question, key_terms, reason, answer_id, at) VALUES (?, ?, ?, ?, ?)`),
    selectAnswer: d.prepare(`SELECT * FROM answers WHERE id = ?`),
    selectVote: d.prepare(`SELECT vote FROM votes WHERE answer_id = ? AND user_hash = ?`),
    upsertVote: d.prepare(
      `INSERT INTO votes (answer_id, user_hash, vote, question, kind, citation_ids, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
    ),
    deleteDownvoteGap: d.prepare(`DELETE FROM gaps WHERE answer_id = ? AND reason = 'downvote' AND question = ? AND at = (SELECT MIN(at) FROM gaps WHERE answer_id = ? AND reason = 'downvote')`),
    markApplied: d.prepare(`INSERT OR IGNORE INTO applied_writes (id, at) VALUES (?, ?)`),
  };
}

/** The salt kept in the database, made (once, by whichever process gets there first) when there is none. */
function readOrMakeSalt(d: Db): string {
  const row = d.prepare(`SELECT value FROM meta WHERE key = 'salt'`).get() as { value: string } | undefined;
  if (row) return row.value;
  d.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)`).run(randomBytes(16).toString('hex'));
  return (d.prepare(`SELECT value FROM meta WHERE key = 'salt'`).get() as { value: string }).value;
}

const toRecord = (r: Record<string, unknown>): AnswerRecord => ({
  id: r.id as string,
  question: r.question as string,
  kind: r.kind as AnswerRecord['kind'],
  confidence: r.confidence as number,
  citationIds: JSON.parse(r.citation_ids as string),
  keyTerms: (r.key_terms as string).split(' ').filter(Boolean),
});

type GapRow = { key_terms: string; count: number; last: number; reasons: string; examples: string };

const toGapGroup = (r: GapRow): GapGroup => ({
  keyTerms: r.key_terms,
  count: r.count,
  lastSeen: new Date(r.last).toISOString(),
  reasons: r.reasons.split(',').reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {}),
  examples: JSON.parse(r.examples),
});

/** The SQLite feedback store: its state, the write queue and journal, and the operations of FeedbackStore. */
class SqliteFeedbackStore {
  private readonly log: Logger;
  private readonly path: string;
  private readonly journalDir: string;
  private readonly journalName: string;
  private db: Db | null = null;
  private salt: string | null;
  private trouble: { trouble: Trouble; message: string } | null = null;
  private fatal: string | null = null; // the file is corrupt: nothing will be stored until it is replaced
  private readonly queue: Write[] = [];
  private journal: Journal | null = null;
  private journalProblem: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private delay = RETRY_FIRST_MS;
  private closed = false;
  private statements: ReturnType<typeof prepareStatements> | null = null;

  constructor(private readonly options: FeedbackOptions) {
    this.log = options.log;
    this.path = options.path;
    this.journalDir = `${options.path}.pending`;
    this.journalName = `${(options.journalName ?? 'bot').replace(/[^\w.-]/g, '_')}-${process.pid}.jsonl`;
    this.salt = options.salt ?? null;
  }

  start(): void {
    this.tryOpen(true);
    this.adoptOrphans();
    if (this.queue.length) this.drain();
  }

  /** Logs a change of trouble once per episode (and keeps the latest message of the same trouble). */
  private say(next: { trouble: Trouble; message: string } | null): void {
    const { log, path } = this;
    if (next?.trouble === this.trouble?.trouble) {
      this.trouble = next;
      return;
    }
    const was = this.trouble;
    this.trouble = next;
    if (!next) {
      log.info(`feedback store: storing again (${was?.trouble === 'busy' ? 'lock released' : 'problem cleared'}); ${this.queue.length} writes waiting`, { path });
      return;
    }
    if (next.trouble === 'busy') log.warn(`feedback store busy: ${next.message}; writes are queued (journal ${this.journal ? join(this.journalDir, this.journalName) : 'in memory only'}) and retried, answers continue`, { path });
    else if (next.trouble === 'corrupt') log.error(`feedback store unavailable: ${next.message}. Answers continue; votes and gaps are not recorded.`, { path });
    else log.error(`feedback store failing: ${next.message}. Answers continue; votes and gaps are queued and stored when this is fixed (checked every ${RETRY_SLOW_MS / 1000} s).`, { path });
  }

  /** Opens the database: at start-up it may wait for a lock; a retry later (from the timer) never does. */
  private tryOpen(firstTime = false): boolean {
    const { path } = this;
    if (this.db) return true;
    if (this.fatal) return false;
    try {
      const d = openDb(path, firstTime ? {} : { busyTimeoutMs: 0 });
      d.pragma('busy_timeout = 0'); // from here on nothing waits for a lock
      this.statements = prepareStatements(d);
      if (!this.salt) this.salt = readOrMakeSalt(d);
      this.db = d;
      return true;
    } catch (err) {
      const d = diagnose(err, path);
      if (d.trouble === 'corrupt' || /newer than this bot/.test(describeError(err))) this.fatal = `feedback store unavailable: cannot open ${path} (${describeError(err)}). Answers continue; votes and gaps are not recorded. Move the file aside (a new one is made) or upgrade the bot, then restart.`;
      this.say(this.fatal ? { trouble: 'corrupt', message: d.message } : d);
      return false;
    }
  }

  private hashUser(userId: string): string {
    return createHash('sha256').update(`${this.salt}:${userId}`).digest('hex').slice(0, 32);
  }

  private userHashOf(w: Extract<Write, { op: 'vote' }>): string {
    return 'hash' in w.user ? w.user.hash : this.hashUser(w.user.raw);
  }

  private applyOne(w: Write): void {
    const s = this.statements!;
    if (s.markApplied.run(w.id, w.at).changes === 0) return; // applied before (a replay)
    if (w.op === 'answer') this.applyAnswer(w);
    else this.applyVote(w);
  }

  private applyAnswer(w: Extract<Write, { op: 'answer' }>): void {
    const s = this.statements!;
    const a = w.answer;
    const terms = a.keyTerms.join(' ');
    s.insertAnswer.run(a.id, a.question, a.kind, a.confidence, JSON.stringify(a.citationIds), terms, w.at);
    if (a.kind === 'not_found') s.insertGap.run(a.question, terms, 'not_found', a.id, w.at);
    else if (a.confidence < this.options.lowConfidence) s.insertGap.run(a.question, terms, 'low_confidence', a.id, w.at);
  }

  private applyVote(w: Extract<Write, { op: 'vote' }>): void {
    const s = this.statements!;
    const row = s.selectAnswer.get(w.answerId) as Record<string, unknown> | undefined;
    if (!row) {
      this.log.info('feedback store: a vote for an answer that was never recorded is dropped', { answerId: w.answerId });
      return;
    }
    const a = toRecord(row);
    const user = this.userHashOf(w);
    const previous = s.selectVote.get(w.answerId, user) as { vote: number } | undefined;
    s.upsertVote.run(w.answerId, user, w.value, a.question, a.kind, JSON.stringify(a.citationIds), w.at);
    // The gaps log follows the user's current vote: a 👎 adds one, changing it to 👍 takes it back.
    if (w.value === -1 && previous?.vote !== -1) s.insertGap.run(a.question, a.keyTerms.join(' '), 'downvote', w.answerId, w.at);
    if (w.value === 1 && previous?.vote === -1) s.deleteDownvoteGap.run(w.answerId, a.question, w.answerId);
  }

  /** Applies writes in one transaction without waiting; true when they are stored. */
  private applyNow(writes: Write[]): boolean {
    if (!this.tryOpen()) return false;
    try {
      this.db!.transaction(() => writes.forEach((w) => this.applyOne(w))).immediate();
      if (this.trouble) this.say(null);
      return true;
    } catch (err) {
      this.say(diagnose(err, this.path));
      return false;
    }
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer || !this.queue.length) return;
    this.timer = setTimeout(() => this.drain(), ms);
    this.timer.unref?.();
  }

  private drain(): void {
    const { queue } = this;
    this.timer = undefined;
    while (queue.length) {
      const batch = queue.slice(0, BATCH);
      if (!this.applyNow(batch)) {
        this.delay = this.trouble?.trouble === 'busy' ? Math.min(RETRY_MAX_MS, this.delay * 2) : RETRY_SLOW_MS;
        this.log.debug('feedback store: retry failed; trying again later', { trouble: this.trouble?.trouble ?? (this.fatal ? 'corrupt' : 'not open'), pending: queue.length, nextInMs: this.delay });
        this.schedule(this.delay);
        return;
      }
      queue.splice(0, batch.length);
    }
    this.delay = RETRY_FIRST_MS;
    try {
      this.journal?.clear();
    } catch (err) {
      this.log.warn('feedback store: could not empty the journal (its writes are stored; a replay skips them)', { error: describeError(err) });
    }
  }

  /** Stores a write at once when nothing is waiting and the database takes it; else journals and queues it. */
  private submit(w: Write): { stored: boolean; durable: boolean } {
    const { queue } = this;
    if (this.fatal) return { stored: false, durable: false };
    if (!queue.length && this.db && this.applyNow([w])) return { stored: true, durable: true };
    const durable = this.journalWrite(w);
    if (queue.length >= MAX_PENDING) {
      queue.shift();
      this.log.warn(`feedback store: more than ${MAX_PENDING} writes waiting; the oldest is given up`, { path: this.path });
    }
    queue.push(w);
    this.schedule(this.delay);
    return { stored: false, durable };
  }

  /** Appends a write to the journal; false when it could not be (it is then kept in memory only). */
  private journalWrite(w: Write): boolean {
    try {
      this.ensureJournal()?.append(JSON.stringify(w) + '\n');
      return this.journal !== null;
    } catch (err) {
      const d = diagnose(err, this.journal?.path ?? this.journalDir);
      if (this.journalProblem !== d.message) this.log.warn(`feedback store: cannot write the journal of pending writes (${d.message}); they are kept in memory only until the database takes them`);
      this.journalProblem = d.message;
      return false;
    }
  }

  private ensureJournal(): Journal | null {
    if (this.journal) return this.journal;
    mkdirSync(this.journalDir, { recursive: true });
    this.journal = new Journal(join(this.journalDir, this.journalName));
    this.journalProblem = null;
    return this.journal;
  }

  /** Adopts the journals of processes that are gone: their writes join our queue (and our journal). */
  private adoptOrphans(): void {
    const { journalDir } = this;
    let files: string[];
    try {
      files = readdirSync(journalDir).filter((f) => f.endsWith('.jsonl'));
    } catch {
      return; // no journal folder: nothing was ever pending
    }
    for (const f of files) {
      const pid = Number(/-(\d+)\.jsonl$/.exec(f)?.[1]);
      if (!pid || alive(pid)) continue;
      const file = join(journalDir, f);
      try {
        this.adoptJournal(f, file);
      } catch (err) {
        this.log.warn('feedback store: cannot adopt a journal of pending writes; it is left in place for the next start', { journal: file, error: describeError(err) });
      }
    }
  }

  /** Queues the writes of one orphaned journal (named `f`), copied into ours, and removes it. */
  private adoptJournal(f: string, file: string): void {
    const writes = readJournal(file);
    if (writes.length) {
      if (f !== this.journalName) this.ensureJournal()!.append(writes.map((w) => JSON.stringify(w) + '\n').join(''));
      else this.ensureJournal();
      this.queue.push(...writes);
      this.log.info('feedback store: replaying writes left pending by an earlier run', { journal: file, writes: writes.length });
    }
    if (f !== this.journalName) unlinkSync(file);
  }

  private pendingAnswer(id: string): AnswerRecord | undefined {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const w = this.queue[i]!;
      if (w.op === 'answer' && w.answer.id === id) return w.answer;
    }
    return undefined;
  }

  /** A read that never waits: undefined when the database is not at hand or busy. */
  private read<T>(fn: (d: Db) => T): T | undefined {
    if (!this.db) return undefined;
    try {
      return fn(this.db);
    } catch (err) {
      this.log.debug('feedback store: read skipped', { error: describeError(err) });
      return undefined;
    }
  }

  status(): string {
    const { queue, trouble } = this;
    if (this.fatal) return this.fatal;
    const waiting = queue.length ? `; ${queue.length} writes waiting${this.journal && !this.journalProblem ? ' in the journal' : ' in memory only'}` : '';
    if (trouble) return `feedback store ${trouble.trouble === 'busy' ? 'busy' : 'failing'}: ${trouble.message}${waiting}. Answers continue.`;
    return `feedback store ok: ${this.path} (schema v${SCHEMA_VERSION}, WAL)${waiting}`;
  }

  usable(): boolean {
    return !this.fatal;
  }

  pending(): number {
    return this.queue.length;
  }

  recordAnswer(a: AnswerRecord, now = Date.now()): void {
    this.submit({ id: randomUUID(), op: 'answer', at: now, answer: { ...a, citationIds: [...a.citationIds], keyTerms: [...a.keyTerms] } });
  }

  getAnswer(id: string): AnswerRecord | undefined {
    return this.pendingAnswer(id) ?? this.read((d) => {
      const row = d.prepare(`SELECT * FROM answers WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
      return row ? toRecord(row) : undefined;
    });
  }

  vote(answerId: string, userId: string, value: 1 | -1, now = Date.now()): VoteResult {
    const { salt } = this;
    if (this.fatal) return { ok: false, reason: 'unavailable' };
    const known = this.pendingAnswer(answerId) !== undefined || this.read((d) => d.prepare(`SELECT 1 FROM answers WHERE id = ?`).get(answerId) !== undefined);
    if (known === false) return { ok: false, reason: 'unknown_answer' }; // undefined: cannot tell now; accept it
    const user = salt ? { hash: this.hashUser(userId) } : { raw: userId };
    const same = (w: Write) => w.op === 'vote' && w.answerId === answerId && ('hash' in w.user && 'hash' in user ? w.user.hash === user.hash : 'raw' in w.user && 'raw' in user && w.user.raw === user.raw);
    const replaced = this.queue.some(same) || (salt !== null && this.read((d) => d.prepare(`SELECT 1 FROM votes WHERE answer_id = ? AND user_hash = ?`).get(answerId, this.hashUser(userId)) !== undefined) === true);
    const { stored, durable } = this.submit({ id: randomUUID(), op: 'vote', at: now, answerId, user, value });
    return stored || durable ? { ok: true, replaced, ...(stored ? {} : { queued: true }) } : { ok: false, reason: 'unavailable' };
  }

  gaps(limit = 10): GapGroup[] {
    return (
      this.read((d) => {
        const rows = d
          .prepare(
            `SELECT key_terms, COUNT(*) AS count, MAX(at) AS last, GROUP_CONCAT(reason) AS reasons,
                    (SELECT json_group_array(q) FROM (SELECT DISTINCT g2.question AS q FROM gaps g2 WHERE g2.key_terms = g.key_terms LIMIT 3)) AS examples
             FROM gaps g GROUP BY key_terms ORDER BY count DESC, last DESC LIMIT ?`,
          )
          .all(limit) as GapRow[];
        return rows.map(toGapGroup);
      }) ?? []
    );
  }

  prune(retentionDays: number, now = Date.now()): number {
    const cutoff = now - retentionDays * 86_400_000;
    const tables = ['answers WHERE asked_at', 'votes WHERE voted_at', 'gaps WHERE at'];
    return (
      this.read((d) =>
        d.transaction(() => {
          d.prepare(`DELETE FROM applied_writes WHERE at < ?`).run(cutoff);
          return tables.reduce((n, t) => n + d.prepare(`DELETE FROM ${t} < ?`).run(cutoff).changes, 0);
        }).immediate(),
      ) ?? 0
    );
  }

  async flush(timeoutMs = 10_000): Promise<boolean> {
    const { queue } = this;
    const until = Date.now() + timeoutMs;
    while (queue.length && Date.now() < until) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.drain();
      if (queue.length) await new Promise((r) => setTimeout(r, Math.min(this.delay, Math.max(0, until - Date.now()))));
    }
    return queue.length === 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length && this.db) {
      try {
        this.db.pragma(`busy_timeout = ${CLOSE_WAIT_MS}`);
      } catch { /* closing anyway */ }
      this.drain();
      clearTimeout(this.timer);
    }
    if (this.queue.length) this.log.warn(`feedback store: ${this.queue.length} writes not stored yet; ${this.journal ? `they stay in ${this.journal.path} and are stored at the next start` : 'the journal could not be written, so they are lost'}`, { path: this.path });
    this.journal?.close();
    this.db?.close();
  }
}

/** A store that records nothing and says why (database missing, unopenable, or not configured). */
export function unavailableStore(reason: string): FeedbackStore {
  return {
    status: () => reason,
    usable: () => false,
    recordAnswer() {},
    getAnswer: () => undefined,
    vote: () => ({ ok: false, reason: 'unavailable' }),
    gaps: () => [],
    prune: () => 0,
    pending: () => 0,
    flush: async () => true,
    close() {},
  };
}
