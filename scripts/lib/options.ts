// The options of the team's dev scripts (fitting, data builds, digests): read strictly, so that a
// misspelt option is an error rather than ignored (`--chek` rebuilt and wrote the data it was to
// check), with --help, and the shared folder they read checked before any of it is.
import { existsSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The script's options; on --help prints `usage` and exits 0, on an unknown or misused option
 * says so in one line with the usage and exits 2 (Node's own error came with its stack). */
export function readOptions<const O extends Options>(script: string, usage: string, options: O, argv = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (e) {
    console.error(`${script}: ${(e as Error).message.split('\n')[0]}\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed.values as ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];
}

/** Exits 2 with one line where the team's shared folder is not at `dir`: these scripts read its
 * corpora, which a user's clone does not have. */
export function requireShared(script: string, dir: string, option = '--shared'): void {
  if (existsSync(dir)) return;
  console.error(`${script}: needs the team's shared data at ${dir}, which is not there; give its place with ${option} DIR`);
  process.exit(2);
}

/** Reads the paths a user typed from the folder they typed them in. npm starts a package's scripts
 * in the package's root, so `npm run scan -- index.html` typed in a folder of pages looked for the
 * page in the project instead; npm says where it was run in INIT_CWD. Only when npm runs this very
 * script (`npm_lifecycle_event`): a script started by another one (a test under `npm test`) keeps
 * the folder it was started in. */
export function workInCallersFolder(script: string): void {
  const folder = process.env.INIT_CWD;
  if (process.env.npm_lifecycle_event !== script || !folder) return;
  try {
    process.chdir(folder);
  } catch {
    // A folder gone since npm started: the paths are read from the project's, as before.
  }
}
