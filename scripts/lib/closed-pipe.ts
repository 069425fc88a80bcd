import { basename } from 'node:path';

/**
 * A reader that stops early (`npm run scan -- … | head`) ends the command, not with a stack trace:
 * writing to a pipe whose reader has gone fails with EPIPE, which Node raises as an unhandled error.
 * `cleanUp` runs first (`npm start` closes its browser, deleting the browser's profile).
 */
export function endQuietlyOnClosedPipe(cleanUp?: () => Promise<unknown>): void {
  let ending = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (ending) return;
    ending = true;
    // Any other failure to write (a full disk, "> /dev/full") is said in a line, with a failing
    // exit code, where it was a stack trace.
    const closed = error.code === 'EPIPE';
    if (!closed) console.error(`${commandName()}: cannot write the output (${error.code ?? error.message})`);
    void Promise.resolve(cleanUp?.())
      .catch(() => undefined)
      .finally(() => process.exit(closed ? (process.exitCode ?? 0) : 1));
  });
}

/** The command as the reader ran it: "scan" for scripts/scan.ts. */
function commandName(): string {
  return basename(process.argv[1] ?? 'claimlight').replace(/\.[cm]?[jt]s$/, '');
}
