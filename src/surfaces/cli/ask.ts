// `npm run ask -- "问题"` for a person; `npm run --silent ask -- --json` reads questions from stdin and
// prints one JSON answer a line ({question, kind, answer, citations, confidence, ms[, error]}, the
// contract the evaluation scorer reads); `--explain` shows why.
import { createInterface } from 'node:readline';
import { parseEngineConfig } from '../../config.js';
import { quietEpipe } from './io.js';
import { describeError, UserFacingError } from '../../errors.js';
import { createLogger } from '../../log.js';
import type { Answer } from '../../answer/types.js';
import { progressPrinter } from './progress.js';
import { renderAnswerText } from './render.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log.js';
import { parseFeedbackConfig } from '../../store/config.js';
import { cliArgs, EXIT_USAGE, loadSettings } from './args.js';

const USAGE = 'usage: npm run ask -- "问题"            answer one question\n' +
  '       npm run ask -- --explain "问题"  and show why (tokens, route, scores)\n' +
  '       npm run --silent ask -- --json   one JSON answer per stdin line\n' +
  '       add --record to keep answers in the feedback store (npm run gaps)';

quietEpipe();
const { values, positionals } = cliArgs({ json: { type: 'boolean' }, explain: { type: 'boolean' }, record: { type: 'boolean' } }, USAGE, process.argv.slice(2), true);
const json = values.json === true;
const explain = values.explain === true;
// --record: keep every answer in the feedback store, so not_found and low-confidence ones reach `npm run gaps`.
const record = values.record === true;
const question = positionals.join(' ');

const toJson = (a: Answer) =>
  JSON.stringify({ question: a.question, kind: a.kind, answer: a.answer, citations: a.citations, confidence: a.confidence, ms: a.ms, ...(a.error ? { error: a.error } : {}) });

async function openStore(log: Logger) {
  const c = parseFeedbackConfig();
  const { openFeedbackStore } = await import('../../store/feedback.js');
  return openFeedbackStore({ path: c.databasePath, salt: c.FEEDBACK_SALT, lowConfidence: c.LOW_CONFIDENCE, log, journalName: 'cli' });
}

async function main(): Promise<number> {
  // The usage line needs no engine, model or network.
  if (!json && !question.trim()) {
    process.stderr.write(USAGE + '\n');
    return EXIT_USAGE;
  }
  const sayEnv = loadSettings();
  const config = parseEngineConfig();
  const log = createLogger(config.LOG_LEVEL ?? 'warn');
  sayEnv(log);
  const { startEngine } = await import('../../start.js');
  const engine = await startEngine(config, log, json ? undefined : progressPrinter());
  const store = record ? await openStore(log) : undefined;
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
