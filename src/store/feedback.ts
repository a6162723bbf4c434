// Feedback and the gaps log. Nothing else in the bot depends on this working: when the database cannot
// be opened or written, it says so once (status and log) and every call becomes a no-op.
import { createHash, randomBytes } from 'node:crypto';
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

export type VoteResult = { ok: true; replaced: boolean } | { ok: false; reason: 'unknown_answer' | 'unavailable' };

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
  recordAnswer(a: AnswerRecord, now?: number): void;
  getAnswer(id: string): AnswerRecord | undefined;
  vote(answerId: string, userId: string, value: 1 | -1, now?: number): VoteResult;
  gaps(limit?: number): GapGroup[];
  prune(retentionDays: number, now?: number): number;
  close(): void;
}

export interface FeedbackOptions {
  path: string;
  /** Per-deployment salt for hashing user ids; when unset one is made and kept in the database. */
  salt?: string;
  /** Answers below this confidence count as gaps. */
  lowConfidence: number;
  log: Logger;
}

export function openFeedbackStore(options: FeedbackOptions): FeedbackStore {
  const { log } = options;
  let db: Db;
  try {
    db = openDb(options.path);
  } catch (err) {
    const reason = `feedback store unavailable: cannot open ${options.path} (${describeError(err)}). Answers continue; votes and gaps are not recorded. Fix or move the file, then restart.`;
    log.warn(reason);
    return unavailableStore(reason);
  }
  let broken: string | null = null;
  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    if (broken) return fallback;
    try {
      return fn();
    } catch (err) {
      const message = describeError(err);
      // A locked database is passing; read-only or corrupt files are not and are reported once.
      if (/SQLITE_BUSY|locked/i.test(message)) log.warn(`feedback store busy: ${what} skipped`, { error: message });
      else {
        broken = `feedback store failing: ${what} on ${options.path} failed (${message}). Answers continue; fix the file's permissions or replace it, then restart.`;
        log.error(broken);
      }
      return fallback;
    }
  };

  const salt =
    options.salt ??
    guard('reading the salt', randomBytes(16).toString('hex'), () => {
      const row = db.prepare(`SELECT value FROM meta WHERE key = 'salt'`).get() as { value: string } | undefined;
      if (row) return row.value;
      const fresh = randomBytes(16).toString('hex');
      db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)`).run(fresh);
      return (db.prepare(`SELECT value FROM meta WHERE key = 'salt'`).get() as { value: string }).value;
    });
  const hashUser = (userId: string) => createHash('sha256').update(`${salt}:${userId}`).digest('hex').slice(0, 32);

  const insertAnswer = db.prepare(`INSERT OR REPLACE INTO answers (id, question, kind, confidence, citation_ids, key_terms, asked_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertGap = db.prepare(`INSERT INTO gaps (question, key_terms, reason, answer_id, at) VALUES (?, ?, ?, ?, ?)`);
  const selectAnswer = db.prepare(`SELECT * FROM answers WHERE id = ?`);
  const selectVote = db.prepare(`SELECT vote FROM votes WHERE answer_id = ? AND user_hash = ?`);
  const upsertVote = db.prepare(
    `INSERT INTO votes (answer_id, user_hash, vote, question, kind, citation_ids, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`,
  );
  const deleteDownvoteGap = db.prepare(`DELETE FROM gaps WHERE answer_id = ? AND reason = 'downvote' AND question = ? AND at = (SELECT MIN(at) FROM gaps WHERE answer_id = ? AND reason = 'downvote')`);
  const toRecord = (r: Record<string, unknown>): AnswerRecord => ({
    id: r.id as string,
    question: r.question as string,
    kind: r.kind as AnswerRecord['kind'],
    confidence: r.confidence as number,
    citationIds: JSON.parse(r.citation_ids as string),
    keyTerms: (r.key_terms as string).split(' ').filter(Boolean),
  });

  return {
    status: () => broken ?? `feedback store ok: ${options.path} (schema v${SCHEMA_VERSION}, WAL)`,
    recordAnswer(a, now = Date.now()) {
      guard('recording an answer', undefined, () => {
        const terms = a.keyTerms.join(' ');
        db.transaction(() => {
          insertAnswer.run(a.id, a.question, a.kind, a.confidence, JSON.stringify(a.citationIds), terms, now);
          if (a.kind === 'not_found') insertGap.run(a.question, terms, 'not_found', a.id, now);
          else if (a.confidence < options.lowConfidence) insertGap.run(a.question, terms, 'low_confidence', a.id, now);
        }).immediate();
      });
    },
    getAnswer: (id) => guard('reading an answer', undefined, () => {
      const row = selectAnswer.get(id) as Record<string, unknown> | undefined;
      return row ? toRecord(row) : undefined;
    }),
    vote(answerId, userId, value, now = Date.now()) {
      return guard<VoteResult>('recording a vote', { ok: false, reason: 'unavailable' }, () =>
        db.transaction((): VoteResult => {
          const row = selectAnswer.get(answerId) as Record<string, unknown> | undefined;
          if (!row) return { ok: false, reason: 'unknown_answer' };
          const a = toRecord(row);
          const user = hashUser(userId);
          const previous = selectVote.get(answerId, user) as { vote: number } | undefined;
          upsertVote.run(answerId, user, value, a.question, a.kind, JSON.stringify(a.citationIds), now);
          // The gaps log follows the user's current vote: a 👎 adds one, changing it to 👍 takes it back.
          if (value === -1 && previous?.vote !== -1) insertGap.run(a.question, a.keyTerms.join(' '), 'downvote', answerId, now);
          if (value === 1 && previous?.vote === -1) deleteDownvoteGap.run(answerId, a.question, answerId);
          return { ok: true, replaced: previous !== undefined };
        }).immediate(),
      );
    },
    gaps(limit = 10) {
      return guard('reading gaps', [] as GapGroup[], () => {
        const rows = db
          .prepare(
            `SELECT key_terms, COUNT(*) AS count, MAX(at) AS last, GROUP_CONCAT(reason) AS reasons,
                    (SELECT json_group_array(q) FROM (SELECT DISTINCT g2.question AS q FROM gaps g2 WHERE g2.key_terms = g.key_terms LIMIT 3)) AS examples
             FROM gaps g GROUP BY key_terms ORDER BY count DESC, last DESC LIMIT ?`,
          )
          .all(limit) as { key_terms: string; count: number; last: number; reasons: string; examples: string }[];
        return rows.map((r) => ({
          keyTerms: r.key_terms,
          count: r.count,
          lastSeen: new Date(r.last).toISOString(),
          reasons: r.reasons.split(',').reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {}),
          examples: JSON.parse(r.examples),
        }));
      });
    },
    prune(retentionDays, now = Date.now()) {
      return guard('pruning', 0, () => {
        const cutoff = now - retentionDays * 86_400_000;
        return db.transaction(() =>
          ['answers WHERE asked_at', 'votes WHERE voted_at', 'gaps WHERE at'].reduce((n, t) => n + db.prepare(`DELETE FROM ${t} < ?`).run(cutoff).changes, 0),
        ).immediate();
      });
    },
    close: () => db.close(),
  };
}

/** A store that records nothing and says why (database missing, unopenable, or not configured). */
export function unavailableStore(reason: string): FeedbackStore {
  return {
    status: () => reason,
    recordAnswer() {},
    getAnswer: () => undefined,
    vote: () => ({ ok: false, reason: 'unavailable' }),
    gaps: () => [],
    prune: () => 0,
    close() {},
  };
}
