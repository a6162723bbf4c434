// `npm run ask -- "问题"` for a person; `npm run --silent ask -- --json` reads questions from stdin and
// prints one JSON answer a line (the contract in ../shared/eval/README.md); `--explain` shows why.
import { createInterface } from 'node:readline';
import { parseEngineConfig } from '../../config.js';
import { quietEpipe } from './io.js';
import { describeError, UserFacingError } from '../../errors.js';
import { createLogger } from '../../log.js';
import type { Answer } from '../../answer/types.js';
import { startEngine } from '../../start.js';
import { progressPrinter } from './progress.js';
import { renderAnswerText } from './render.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log.js';
import { parseFeedbackConfig } from '../../store/config.js';
import { openFeedbackStore } from '../../store/feedback.js';

function openStore(log: Logger) {
  const c = parseFeedbackConfig();
  return openFeedbackStore({ path: c.databasePath, salt: c.FEEDBACK_SALT, lowConfidence: c.LOW_CONFIDENCE, log });
}

quietEpipe();
const args = process.argv.slice(2);
const json = args.includes('--json');
const explain = args.includes('--explain');
// --record: keep every answer in the feedback store, so not_found and low-confidence ones reach `npm run gaps`.
const record = args.includes('--record');
const question = args.filter((a) => !a.startsWith('--')).join(' ');

const toJson = (a: Answer) =>
  JSON.stringify({ question: a.question, kind: a.kind, answer: a.answer, citations: a.citations, confidence: a.confidence, ms: a.ms, ...(a.error ? { error: a.error } : {}) });

async function main(): Promise<number> {
  const config = parseEngineConfig();
  const log = createLogger(config.LOG_LEVEL ?? 'warn');
  const engine = await startEngine(config, log, json ? undefined : progressPrinter());
  const store = record ? openStore(log) : undefined;
  const keep = (a: Answer) =>
    store?.recordAnswer({ id: `cli-${randomUUID()}`, question: a.question, kind: a.kind, confidence: a.confidence, citationIds: a.citations.map((c) => c.id), keyTerms: engine.keyTerms(a.question) });
  if (json) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      let out: string;
      try {
        const a = await engine.answer(line);
        keep(a);
        out = toJson(a);
      } catch (err) {
        // One bad line yields one error object; the batch goes on.
        out = JSON.stringify({ question: line, kind: 'not_found', answer: '内部错误，无法回答这个问题。', citations: [], confidence: 0, ms: 0, error: { code: 'INTERNAL', message: describeError(err) } });
        log.error('question failed', { error: describeError(err) });
      }
      process.stdout.write(out + '\n');
    }
    store?.close();
    return 0;
  }
  if (!question.trim()) {
    process.stderr.write('usage: npm run ask -- "问题"   (or --json to read questions from stdin; --explain to show why)\n');
    return 2;
  }
  const answer = await engine.answer(question, { explain });
  keep(answer);
  store?.close();
  process.stdout.write(renderAnswerText(answer, engine.article.meta) + '\n');
  if (explain) process.stdout.write(`\n${engine.denseStatus}\n`);
  if (explain && answer.explain) process.stdout.write('\n--explain\n' + JSON.stringify(answer.explain, null, 2) + '\n');
  return answer.error ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof UserFacingError ? '' : 'unexpected error: '}${describeError(err)}\n`);
    process.exit(1);
  },
);
