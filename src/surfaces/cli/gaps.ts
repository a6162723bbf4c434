// `npm run gaps`: the questions the article could not answer well (not_found, low confidence, 👎),
// grouped by key terms, most frequent first; `-- --json` one group a line; `-- --limit 50`.
import { describeError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { parseFeedbackConfig } from '../../store/config.js';
import { openFeedbackStore } from '../../store/feedback.js';
import { quietEpipe } from './io.js';

quietEpipe();
const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Math.max(1, Number(args[limitAt + 1]) || 10) : 20;

try {
  const config = parseFeedbackConfig();
  const store = openFeedbackStore({ path: config.databasePath, salt: config.FEEDBACK_SALT, lowConfidence: config.LOW_CONFIDENCE, log: createLogger('warn') });
  const gaps = store.gaps(limit);
  if (args.includes('--json')) {
    for (const g of gaps) process.stdout.write(JSON.stringify(g) + '\n');
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
