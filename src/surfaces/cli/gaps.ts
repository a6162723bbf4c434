// `npm run gaps`: the questions the article could not answer well (not_found, low confidence, 👎),
// grouped by key terms, most frequent first; `-- --json` one group a line; `-- --limit 50`.
// What the store says about itself goes to stderr, so `--json` output stays pure; an unusable database
// exits 1 instead of looking like an empty log.
import { existsSync } from 'node:fs';
import { createLogger } from '../../log.js';
import { parseFeedbackConfig } from '../../store/config.js';
import { openFeedbackStore } from '../../store/feedback.js';
import { cliArgs, loadSettings } from './args.js';
import { CliExit, EXIT_FAILED, EXIT_OK, runCli, UsageError } from './run.js';

const USAGE = 'usage: npm run gaps [-- --json] [--limit 20]';
/** Groups shown when --limit is not given. */
const DEFAULT_LIMIT = 20;

runCli(() => {
  const { values } = cliArgs({ json: { type: 'boolean' }, limit: { type: 'string' } }, USAGE);
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`gaps: --limit must be a whole number of at least 1 (got "${values.limit}")`, USAGE);
  loadSettings();
  const config = parseFeedbackConfig();
  if (!existsSync(config.databasePath)) {
    throw new CliExit(EXIT_OK, `gaps: no database at ${config.databasePath} yet, so no gaps recorded. The bot (or \`npm run ask -- --record\`) creates it; check DATABASE_PATH if you expected one.`);
  }
  const store = openFeedbackStore({ path: config.databasePath, salt: config.FEEDBACK_SALT, lowConfidence: config.LOW_CONFIDENCE, log: createLogger('error'), journalName: 'gaps' });
  if (!store.usable() || !/^feedback store ok/.test(store.status())) {
    const status = store.status();
    store.close();
    throw new CliExit(EXIT_FAILED, `gaps: ${status}`);
  }
  const gaps = store.gaps(limit);
  if (values.json) {
    for (const g of gaps) process.stdout.write(JSON.stringify(g) + '\n');
    process.stderr.write(`gaps: ${gaps.length} group${gaps.length === 1 ? '' : 's'} from ${config.databasePath}${gaps.length ? '' : ' (no gaps recorded yet)'}\n`);
  } else {
    process.stdout.write(`${store.status()}\n`);
    if (!gaps.length) process.stdout.write('no gaps recorded yet\n');
    gaps.forEach((g, i) => {
      const reasons = Object.entries(g.reasons).map(([r, n]) => `${r} ${n}`).join(', ');
      process.stdout.write(`${String(i + 1).padStart(2)}. ×${g.count}  last ${g.lastSeen}  [${reasons}]  terms: ${g.keyTerms || '(none)'}\n    e.g. ${g.examples.join(' | ')}\n`);
    });
  }
  store.close();
});
