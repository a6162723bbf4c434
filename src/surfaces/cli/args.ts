// Command-line arguments for the CLIs: Node's own parser in strict mode, so an unknown flag or a flag
// without its value is refused with the usage line instead of being ignored or read as a question.
// Called inside runCli (./run.ts): a refused command line is a UsageError (exit 2); -h prints the usage
// on stdout and ends the run with 0.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeEnvFile, loadEnvFile } from '../../config.js';
import type { Logger } from '../../log.js';
import { CliExit, EXIT_OK, UsageError } from './run.js';

export { EXIT_USAGE } from './run.js';

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
    throw new UsageError((err as Error).message.split('\n')[0]!, usage);
  }
  if (parsed.values.help) {
    process.stdout.write(usage + '\n');
    throw new CliExit(EXIT_OK);
  }
  return parsed;
}

/** A string flag given with a blank value (`--entity ""`) is refused like a missing one. */
export function requireValue(name: string, value: unknown, usage: string, program: string): void {
  if (typeof value === 'string' && !value.trim()) throw new UsageError(`${program}: --${name} needs a value`, usage);
}

/** Reads .env (the environment wins) before any setting is parsed; says which file once the log exists. */
export function loadSettings(): (log: Logger) => void {
  const r = loadEnvFile();
  return (log) => log.info(describeEnvFile(r));
}
