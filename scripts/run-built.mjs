// `npm start` / `npm run start:sharded`: compile src/ into the build folder only when a source is newer
// than the last build, then run the compiled entry in this same process. BUILD_DIR moves the build
// folder (tests build into a temporary one and never touch the project's dist/). Everything printed is a
// JSON log line on stderr, like the bot's own.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, outDir, staleness } from './build-state.mjs';

const entry = process.argv[2];
/** Compiler output lines kept in the failure's log line (the first errors are the useful ones). */
const BUILD_ERROR_LINES = 20;
const line = (level, msg, fields = {}) => process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }) + '\n');

if (!entry) {
  line('error', 'run-built: name the compiled entry to run, e.g. `node scripts/run-built.mjs surfaces/discord/main.js`', { code: 'USAGE' });
  process.exit(2);
}

const why = staleness(entry);
if (why) {
  const r = build();
  if (r.status !== 0) {
    line('error', `build: tsc failed (${why}); fix the errors below, or run \`npm run typecheck\` to see them all`, { code: 'BUILD_FAILED', output: r.output.split('\n').slice(0, BUILD_ERROR_LINES) });
    process.exit(1);
  }
  line('info', `build: compiled src/ into ${outDir} in ${r.ms} ms (${why})`);
}
await import(pathToFileURL(join(outDir, entry)).href);
