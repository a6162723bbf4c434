// Whether the compiled build (BUILD_DIR, default dist/) is current, and how to make it: shared by
// run-built.mjs (npm start: build, then run), run-fresh.mjs (npm run ask: run the build if current, else run
// from source at once and build in the background) and the `prepare` script (npm install builds once).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const outDir = resolve(process.env.BUILD_DIR || join(root, 'dist'));
const stamp = join(outDir, '.build-stamp');
const lock = join(outDir, '.build-lock');
/** A lock older than this is left over from a build that died: a build takes ~10 s on a slow machine. */
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time among the inputs of the build. */
function newestInput() {
  let newest = 0;
  const visit = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const f of readdirSync(p)) visit(join(p, f));
    else newest = Math.max(newest, s.mtimeMs);
  };
  visit(join(root, 'src'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) visit(join(root, f));
  return newest;
}

/** Why the build must be remade before `entry` (a path under the build folder) runs, or '' when it is current. */
export function staleness(entry) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -1;
  if (built < 0) return 'no build yet';
  if (built < newestInput()) return 'sources newer than the build';
  if (!existsSync(join(outDir, entry))) return `${entry} missing from the build`;
  return '';
}

/** Compiles src/ into the build folder; returns tsc's exit status and output. */
export function build() {
  const started = Date.now();
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    // An install without dev dependencies has no compiler: everything runs from source.
    return { status: 1, output: 'typescript is not installed (npm install --omit=dev?)', ms: 0 };
  }
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { cwd: root, encoding: 'utf8' });
  if (r.status === 0) {
    // The stamp carries the time the build started: a source saved during the build is newer, so it rebuilds next time.
    writeFileSync(stamp, '');
    utimesSync(stamp, new Date(started), new Date(started));
  }
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim(), ms: Date.now() - started };
}

/** Holds the build lock while `fn` runs; returns false (running nothing) when another build holds it. */
export function withBuildLock(fn) {
  try {
    mkdirSync(outDir, { recursive: true });
    if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    return false;
  }
  try {
    fn();
  } finally {
    rmSync(lock, { force: true });
  }
  return true;
}

/** Starts a build in a detached process that outlives this one (its output is dropped: the next start retries). */
export function buildInBackground() {
  if (existsSync(lock)) return;
  const child = spawn(process.execPath, [join(root, 'scripts', 'build-state.mjs'), '--build'], { cwd: root, detached: true, stdio: 'ignore', env: process.env });
  child.unref();
}

// `node scripts/build-state.mjs --build`: one locked build (the background build and `npm run prepare`).
// It never fails: a build that does not compile leaves the old one stale, and npm run ask runs from source.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === '--build') {
  const verbose = process.argv[3] === '--verbose';
  let built = false;
  withBuildLock(() => {
    const r = build();
    built = r.status === 0;
    if (verbose) process.stderr.write(built ? `build: compiled src/ into ${outDir} in ${r.ms} ms\n` : `build: tsc failed; npm run ask will run from source until it compiles:\n${r.output.split('\n').slice(0, 20).join('\n')}\n`);
  });
  // npm install: also pre-parse CC-CEDICT once for the machine, so no article's first glossary pays for it.
  if (verbose && built) {
    try {
      const started = Date.now();
      const { warmDictionaryIndex } = await import(pathToFileURL(join(outDir, 'text', 'bilingual.js')).href);
      warmDictionaryIndex((m) => process.stderr.write(`${m}\n`));
      process.stderr.write(`build: CC-CEDICT index ready in ${Date.now() - started} ms\n`);
    } catch (err) {
      process.stderr.write(`build: CC-CEDICT index not prepared (${err.message}); the first glossary build makes it\n`);
    }
  }
}
