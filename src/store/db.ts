// The SQLite file behind feedback and the gaps log: WAL so shards can write at once and readers never
// wait for a writer, and migrations in code keyed by PRAGMA user_version. Opening may wait for a lock
// (start-up); after that the connection never waits (busy_timeout 0): see feedback.ts.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Each entry moves the schema from version i to i + 1. Append only; never edit a shipped one. */
export const MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE answers (
     id TEXT PRIMARY KEY, question TEXT NOT NULL, kind TEXT NOT NULL, confidence REAL NOT NULL,
     citation_ids TEXT NOT NULL, key_terms TEXT NOT NULL, asked_at INTEGER NOT NULL);
   CREATE TABLE votes (
     answer_id TEXT NOT NULL, user_hash TEXT NOT NULL, vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
     question TEXT NOT NULL, kind TEXT NOT NULL, citation_ids TEXT NOT NULL, voted_at INTEGER NOT NULL,
     PRIMARY KEY (answer_id, user_hash));
   CREATE TABLE gaps (
     id INTEGER PRIMARY KEY, question TEXT NOT NULL, key_terms TEXT NOT NULL,
     reason TEXT NOT NULL CHECK (reason IN ('not_found', 'low_confidence', 'downvote')), answer_id TEXT, at INTEGER NOT NULL);
   CREATE INDEX gaps_by_terms ON gaps (key_terms);
   CREATE INDEX answers_by_time ON answers (asked_at);`,
  // Ids of queued writes already applied: replaying a journal (after a crash between the commit and the
  // journal's truncation, or by two processes adopting the same orphan) applies each write once.
  `CREATE TABLE applied_writes (id TEXT PRIMARY KEY, at INTEGER NOT NULL);
   CREATE INDEX applied_by_time ON applied_writes (at);`,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** How long opening (and migrating) may wait for another process's lock: start-up only, never an interaction. */
export const OPEN_BUSY_TIMEOUT_MS = 5000;

export function openDb(path: string, options: { readonly?: boolean; busyTimeoutMs?: number } = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? OPEN_BUSY_TIMEOUT_MS}`);
  // Reading the schema version touches the file: a corrupt file fails here, not on first use.
  const version = db.pragma('user_version', { simple: true }) as number;
  if (options.readonly) return db;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(`schema version ${version} is newer than this bot knows (${SCHEMA_VERSION}); upgrade the bot`);
  }
  const migrate = db.transaction(() => {
    // Re-read inside the write transaction: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  if (version < SCHEMA_VERSION) migrate.immediate();
  return db;
}
