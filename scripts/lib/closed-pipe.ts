/**
 * A reader that stops early (`npm run scan -- … | head`) ends the command, not with a stack trace:
 * writing to a pipe whose reader has gone fails with EPIPE, which Node raises as an unhandled error.
 */
export function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
