// `npm run gaps`: the questions the article could not answer well (not_found, low confidence, 👎),
// grouped by key terms, most frequent first; `-- --json` one group a line; `-- --limit 50`.
// What the store says about itself goes to stderr, so `--json` output stays pure; an unusable database
// exits 1 instead of looking like an empty log.
import { existsSync } from 'node:fs';
import { describeError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { parseFeedbackConfig } from '../../store/config.js';
import { openFeedbackStore } from '../../store/feedback.js';
import { cliArgs, EXIT_USAGE, loadSettings } from './args.js';
import { quietEpipe } from './io.js';

const USAGE = 'usage: npm run gaps [-- --json] [--limit 20]';
/** Groups shown when --limit is not given. */
const DEFAULT_LIMIT = 20;
quietEpipe();
const { values } = cliArgs({ json: { type: 'boolean' }, limit: { type: 'string' } }, USAGE);
const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
if (!Number.isInteger(limit) || limit < 1) {
  process.stderr.write(`gaps: --limit must be a whole number of at least 1 (got "${values.limit}")\n${USAGE}\n`);
  process.exit(EXIT_USAGE);
}

try {
  loadSettings();
  const config = parseFeedbackConfig();
  if (!existsSync(config.databasePath)) {
    process.stderr.write(`gaps: no database at ${config.databasePath} yet, so no gaps recorded. The bot (or \`npm run ask -- --record\`) creates it; check DATABASE_PATH if you expected one.\n`);
    process.exit(0);
  }
  const store = openFeedbackStore({ path: config.databasePath, salt: config.FEEDBACK_SALT, lowConfidence: config.LOW_CONFIDENCE, log: createLogger('error'), journalName: 'gaps' });
  if (!store.usable() || !/^feedback store ok/.test(store.status())) {
    process.stderr.write(`gaps: ${store.status()}\n`);
    store.close();
    process.exit(1);
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
} catch (err) {
  process.stderr.write(describeError(err) + '\n');
  process.exit(1);
}
