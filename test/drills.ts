// Helpers for fault drills at the OS boundary: another process holding SQLite's write lock, and small
// tmpfs mounts for "disk full" and "read-only file system" (mounting needs root or CAP_SYS_ADMIN).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LockHolder {
  /** Resolves when the other process has let go of the lock (committed and exited). */
  released: Promise<void>;
  /** Wall-clock time the lock was taken (Date.now()). */
  lockedAt: number;
  /** Ends the holder at once (its open transaction rolls back, as after a crash). */
  kill(): void;
}

/** Another process opens `path`, takes the write lock (BEGIN IMMEDIATE) and holds it for `ms`. */
export async function holdWriteLock(path: string, ms: number): Promise<LockHolder> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    import Database from 'better-sqlite3';
    const db = new Database(${JSON.stringify(path)});
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, ${ms});
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`)))));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before taking the lock`)));
  });
  return { released, lockedAt: Date.now(), kill: () => child.kill('SIGKILL') };
}

/** Mounts a fresh tmpfs of `size` (e.g. "256k") and returns its folder. */
export function mountTmpfs(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`this drill mounts a small tmpfs and needs root (or CAP_SYS_ADMIN); mount failed: ${(err as Error).message}`);
  }
  return dir;
}

export const remountReadOnly = (dir: string) => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
export const unmount = (dir: string) => {
  try {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  } catch { /* already gone */ }
};

/** Polls until `pred` holds (or fails after timeoutMs); timing tests wait for conditions, not fixed sleeps. */
export async function waitUntil(pred: () => boolean | Promise<boolean>, timeoutMs: number, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
