// A reader that closes the pipe early (`| head`) is not an error for a CLI.
export function quietEpipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
