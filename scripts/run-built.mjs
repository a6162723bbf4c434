// `npm start` / `npm run start:sharded`: compile src/ into the build folder only when a source is newer
// than the last build, then run the compiled entry in this same process. BUILD_DIR moves the build
// folder (tests build into a temporary one and never touch the project's dist/). Everything printed is a
// JSON log line on stderr, like the bot's own.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = process.argv[2];
const outDir = resolve(process.env.BUILD_DIR || join(root, 'dist'));
const stamp = join(outDir, '.build-stamp');
/** Compiler output lines kept in the failure's log line (the first errors are the useful ones). */
const BUILD_ERROR_LINES = 20;
const line = (level, msg, fields = {}) => process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }) + '\n');

if (!entry) {
  line('error', 'run-built: name the compiled entry to run, e.g. `node scripts/run-built.mjs surfaces/discord/main.js`', { code: 'USAGE' });
  process.exit(2);
}

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

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : -1;
const newest = newestInput();
if (built < newest || !existsSync(join(outDir, entry))) {
  const started = Date.now();
  const why = built < 0 ? 'no build yet' : 'sources newer than the build';
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    line('error', `build: tsc failed (${why}); fix the errors below, or run \`npm run typecheck\` to see them all`, { code: 'BUILD_FAILED', output: `${r.stdout}${r.stderr}`.trim().split('\n').slice(0, BUILD_ERROR_LINES) });
    process.exit(1);
  }
  // The stamp carries the time the build started: a source saved during the build is newer, so it rebuilds next time.
  writeFileSync(stamp, '');
  utimesSync(stamp, new Date(started), new Date(started));
  line('info', `build: compiled src/ into ${outDir} in ${Date.now() - started} ms (${why})`);
}
await import(pathToFileURL(join(outDir, entry)).href);
