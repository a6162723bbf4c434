// `npm run ask -- "问题"` for a person; `npm run --silent ask -- --json` reads questions from stdin and
// prints one JSON answer a line ({question, kind, answer, citations, confidence, ms[, error]}, the
// contract the evaluation scorer reads); `--explain` shows why. With no question and a terminal on stdin
// (or `--interactive`), a prompt: arrow keys recall earlier questions, and follow-ups ("那净利润呢？")
// take what they leave out from the questions before.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseEngineConfig } from '../../config.js';
import { describeError } from '../../errors.js';
import { createLogger, type Logger } from '../../log.js';
import type { Answer } from '../../answer/types.js';
import type { Engine } from '../../answer/engine.js';
import { logLevelFor } from '../../settings.js';
import { parseFeedbackConfig } from '../../store/config.js';
import { cliArgs, loadSettings } from './args.js';
import { progressPrinter } from './progress.js';
import { renderAnswerText } from './render.js';
import { EXIT_OK, EXIT_USAGE, runCli } from './run.js';

const USAGE =
  'usage: npm run ask -- "问题"            answer one question\n' +
  '       npm run ask                     on a terminal: a prompt where follow-ups work (or --interactive)\n' +
  '       npm run ask -- --explain "问题"  and show why (tokens, route, scores)\n' +
  '       npm run --silent ask -- --json   one JSON answer per stdin line (or for the question given)\n' +
  '       add --record to keep answers in the feedback store (npm run gaps)';

/** Earlier questions a follow-up may lean on (the most recent ones). */
const FOLLOW_UP_MEMORY = 10;
const QUIT = /^(exit|quit|q|退出|再见)$/i;
const NEW_TOPIC = /^(\/new|\.new|新话题)$/i;

const toJson = (a: Answer) =>
  JSON.stringify({ question: a.question, kind: a.kind, answer: a.answer, citations: a.citations, confidence: a.confidence, ms: a.ms, ...(a.error ? { error: a.error } : {}) });

async function openStore(log: Logger) {
  const c = parseFeedbackConfig();
  const { openFeedbackStore } = await import('../../store/feedback.js');
  return openFeedbackStore({ path: c.databasePath, salt: c.FEEDBACK_SALT, lowConfidence: c.LOW_CONFIDENCE, log, journalName: 'cli' });
}

type Keep = (a: Answer) => void;

/** --json: one answer per stdin line; a bad line yields one error object and the batch goes on. */
async function answerLines(engine: Engine, keep: Keep, log: Logger, given?: string): Promise<void> {
  // (A question given on the command line is the one line: `ask -- --json "问题"` answers it.)
  const lines = given !== undefined ? [given] : createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    let out: string;
    try {
      const a = await engine.answer(line);
      keep(a);
      out = toJson(a);
    } catch (err) {
      out = JSON.stringify({ question: line, kind: 'not_found', answer: '内部错误，无法回答这个问题。', citations: [], confidence: 0, ms: 0, error: { code: 'INTERNAL', message: describeError(err) } });
      log.error('question failed', { error: describeError(err) });
    }
    process.stdout.write(out + '\n');
  }
}

/** The prompt: each question is answered with the session's earlier questions as context. */
async function prompt(engine: Engine, keep: Keep, explain: boolean): Promise<void> {
  const terminal = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal, historySize: 200, removeHistoryDuplicates: true, crlfDelay: Infinity });
  process.stdout.write(`${engine.article.meta.title}（${engine.article.meta.source}，${engine.article.meta.published}）\n` + '提问即可；追问会沿用上一个问题的主体和时间。/new 开始新话题，exit 或 Ctrl-D 退出。\n');
  const previous: string[] = [];
  rl.setPrompt('问> ');
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (QUIT.test(line)) break;
    if (NEW_TOPIC.test(line)) {
      previous.length = 0;
      process.stdout.write('（新话题）\n');
    } else if (line) {
      try {
        const a = await engine.answer(line, { explain, previous: previous.slice(-FOLLOW_UP_MEMORY) });
        keep(a);
        process.stdout.write(renderAnswerText(a, engine.article.meta) + '\n');
        if (explain && a.explain) process.stdout.write('\n--explain\n' + JSON.stringify(a.explain, null, 2) + '\n');
        if (!a.error) previous.push(line);
      } catch (err) {
        process.stdout.write(`内部错误，无法回答这个问题（${describeError(err)}）。\n`);
      }
      process.stdout.write('\n');
    }
    rl.prompt();
  }
  rl.close();
  if (terminal) process.stdout.write('\n');
}

runCli(async () => {
  const { values, positionals } = cliArgs(
    { json: { type: 'boolean' }, explain: { type: 'boolean' }, record: { type: 'boolean' }, interactive: { type: 'boolean', short: 'i' } },
    USAGE,
    process.argv.slice(2),
    true,
  );
  const json = values.json === true;
  const explain = values.explain === true;
  // --record: keep every answer in the feedback store, so not_found and low-confidence ones reach `npm run gaps`.
  const record = values.record === true;
  const question = positionals.join(' ');
  const interactive = !json && !question.trim() && (values.interactive === true || process.stdin.isTTY === true);
  // The usage line needs no engine, model or network.
  if (!json && !interactive && !question.trim()) {
    process.stderr.write(USAGE + '\n');
    return EXIT_USAGE;
  }
  const sayEnv = loadSettings();
  const config = parseEngineConfig();
  const log = createLogger(logLevelFor('ask', config.LOG_LEVEL));
  sayEnv(log);
  const { startEngine } = await import('../../start.js');
  const engine = await startEngine(config, log, json ? undefined : progressPrinter());
  const store = record ? await openStore(log) : undefined;
  const keep: Keep = (a) =>
    store?.recordAnswer({ id: `cli-${randomUUID()}`, question: a.question, kind: a.kind, confidence: a.confidence, citationIds: a.citations.map((c) => c.id), keyTerms: engine.keyTerms(a.question) });
  try {
    if (json || interactive) {
      await (json ? answerLines(engine, keep, log, question.trim() ? question : undefined) : prompt(engine, keep, explain));
      return EXIT_OK;
    }
    const answer = await engine.answer(question, { explain });
    keep(answer);
    process.stdout.write(renderAnswerText(answer, engine.article.meta) + '\n');
    if (explain) process.stdout.write(`\n${engine.denseStatus}\n`);
    if (explain && answer.explain) process.stdout.write('\n--explain\n' + JSON.stringify(answer.explain, null, 2) + '\n');
    return answer.error ? 1 : EXIT_OK;
  } finally {
    await store?.close();
  }
});
