/** An error whose message is meant for the person running the bot: what is wrong and what to do. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export const describeError = (err: unknown): string =>
  err instanceof Error ? err.message : String(err);
