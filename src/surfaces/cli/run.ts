// The one way a CLI ends. Every entry (ask, facts, gaps, index, model:fetch) runs its work as
// `runCli(main)`: main returns the exit code (or nothing, for 0) or throws, and runCli prints what the
// person needs and exits — a UserFacingError's message (exit 1), a refused command line with the usage
// (exit 2), a deliberate stop with its own message and code (CliExit), or anything else as an
// "unexpected error" (exit 1; the stack only with LOG_LEVEL=debug). A reader that closes the pipe early
// (`| head`) ends the run quietly with 0.
import { describeError, UserFacingError } from '../../errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A deliberate end of the run: the message (if any) goes to stderr, the code is the exit code. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
    this.name = 'CliExit';
  }
}

/** A command line the program cannot run: the reason and the usage go to stderr, exit 2. */
export class UsageError extends CliExit {
  constructor(reason: string, usage: string) {
    super(EXIT_USAGE, reason ? `${reason}\n${usage}` : usage);
    this.name = 'UsageError';
  }
}

/** What to print for an error that ends the run, and the exit code. */
export function exitFor(err: unknown): { code: number; message: string } {
  if (err instanceof CliExit) return { code: err.code, message: err.message };
  if (err instanceof UserFacingError) return { code: EXIT_FAILED, message: err.message };
  const debug = process.env.LOG_LEVEL === 'debug' && err instanceof Error && err.stack;
  return { code: EXIT_FAILED, message: `unexpected error: ${debug ? err.stack : describeError(err)}` };
}

export function runCli(main: () => Promise<number | void> | number | void): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT_OK);
    throw err;
  });
  const end = (code: number, message: string) => {
    if (message) process.stderr.write(message.endsWith('\n') ? message : message + '\n');
    process.exitCode = code;
    // Open handles (a model runtime, a hub socket, the store's retry timer) must not keep a finished run alive.
    process.exit(code);
  };
  Promise.resolve()
    .then(main)
    .then(
      (code) => end(code ?? EXIT_OK, ''),
      (err: unknown) => {
        const { code, message } = exitFor(err);
        end(code, message);
      },
    );
}
