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

quietEpipe();
const args = process.argv.slice(2);
const json = args.includes('--json');
const explain = args.includes('--explain');
const question = args.filter((a) => !a.startsWith('--')).join(' ');

const toJson = (a: Answer) =>
  JSON.stringify({ question: a.question, kind: a.kind, answer: a.answer, citations: a.citations, confidence: a.confidence, ms: a.ms, ...(a.error ? { error: a.error } : {}) });

async function main(): Promise<number> {
  const config = parseEngineConfig();
  const log = createLogger(config.LOG_LEVEL ?? 'warn');
  const engine = await startEngine(config, log, json ? undefined : progressPrinter());
  if (json) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      let out: string;
      try {
        out = toJson(await engine.answer(line));
      } catch (err) {
        // One bad line yields one error object; the batch goes on.
        out = JSON.stringify({ question: line, kind: 'not_found', answer: '内部错误，无法回答这个问题。', citations: [], confidence: 0, ms: 0, error: { code: 'INTERNAL', message: describeError(err) } });
        log.error('question failed', { error: describeError(err) });
      }
      process.stdout.write(out + '\n');
    }
    return 0;
  }
  if (!question.trim()) {
    process.stderr.write('usage: npm run ask -- "问题"   (or --json to read questions from stdin; --explain to show why)\n');
    return 2;
  }
  const answer = await engine.answer(question, { explain });
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
