/**
 * A reader that stops early (`npm run scan -- … | head`) ends the command, not with a stack trace:
 * writing to a pipe whose reader has gone fails with EPIPE, which Node raises as an unhandled error.
 * `cleanUp` runs first (`npm start` closes its browser, deleting the browser's profile).
 */
export function endQuietlyOnClosedPipe(cleanUp?: () => Promise<unknown>): void {
  let ending = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (ending) return;
    ending = true;
    void Promise.resolve(cleanUp?.())
      .catch(() => undefined)
      .finally(() => process.exit(process.exitCode ?? 0));
  });
}
