// `npm run ask` (and the other CLI scripts): run the compiled build when it is current — a process answers in
// well under a second — and otherwise run the TypeScript sources at once through tsx (in this process, no
// second node) while a detached build brings the compiled one up to date for the next run. Nobody waits
// for a build. usage: node scripts/run-fresh.mjs <entry without extension, e.g. surfaces/cli/ask> [args…]
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildInBackground, outDir, root, staleness } from './build-state.mjs';

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('run-fresh: name the entry to run, e.g. `node scripts/run-fresh.mjs surfaces/cli/ask`\n');
  process.exit(2);
}
// The entry sees its own arguments, as if it had been started directly.
process.argv.splice(2, 1);
// RUN_FROM=source always runs the sources; RUN_FROM=no-build runs a current build but never starts one (the
// test suite: its processes must not write the project's dist/).
const from = process.env.RUN_FROM;
if (from !== 'source' && !staleness(`${entry}.js`)) {
  await import(pathToFileURL(join(outDir, `${entry}.js`)).href);
} else {
  if (from !== 'source' && from !== 'no-build') buildInBackground();
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', `${entry}.ts`)).href);
}
