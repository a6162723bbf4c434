// Command-line arguments for the CLIs: Node's own parser in strict mode, so an unknown flag or a flag
// without its value is refused with the usage line instead of being ignored or read as a question.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeEnvFile, loadEnvFile } from '../../config.js';
import type { Logger } from '../../log.js';

export const EXIT_USAGE = 2;

export function cliArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  options: T,
  usage: string,
  argv = process.argv.slice(2),
  allowPositionals = false,
) {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals }) as typeof parsed;
  } catch (err) {
    process.stderr.write(`${(err as Error).message.split('\n')[0]}\n${usage}\n`);
    process.exit(EXIT_USAGE);
  }
  if (parsed.values.help) {
    process.stdout.write(usage + '\n');
    process.exit(0);
  }
  return parsed;
}

/** Reads .env (the environment wins) before any setting is parsed; says which file once the log exists. */
export function loadSettings(): (log: Logger) => void {
  const r = loadEnvFile();
  return (log) => log.info(describeEnvFile(r));
}
