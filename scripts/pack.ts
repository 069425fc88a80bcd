// `npm run pack -- build IN... --out FILE [--id ID] [--title TEXT] [--publisher NAME]`: makes one
// Claimlight pack file from ClaimReview JSON-LD, CSV and Claimlight packs, ready to publish for
// readers to subscribe to (README, "Publishing a feed"). Nothing is written when an input has a
// problem; each problem is printed with its file and record.
import { readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkPackSize, packFileText } from '../lib/pack';
import { endQuietlyOnClosedPipe } from './lib/closed-pipe';
import { workInCallersFolder } from './lib/options';
import { printable } from './lib/printable';
import { decodeTextFile } from './lib/saved-page';
import { buildPack } from '../lib/pack-build';
import { CLAIM_ID, LIMITS } from '../lib/schema';

const USAGE = 'usage: npm run pack -- build IN... --out FILE [--id ID] [--title TEXT] [--publisher NAME]';

/** The file a path names, links followed; null where there is none yet. */
function existingPath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function main(argv: string[]): number {
  // Paths are the reader's, from the folder `npm run pack` was run in, as scan's and rank's are.
  workInCallersFolder('pack');
  const [command, ...rest] = argv;
  // Asked for, the usage is an answer, as scan's and rank's are.
  if (command === '-h' || command === '--help' || (command === 'build' && rest.some((arg) => arg === '-h' || arg === '--help'))) {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'build') {
    console.error(command ? `pack: unknown command "${command}"\n${USAGE}` : USAGE);
    return 2;
  }
  const inputs: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (['--out', '--id', '--title', '--publisher'].includes(arg)) {
      const value = rest[++i];
      if (!value) {
        console.error(`pack: ${arg} needs a value\n${USAGE}`);
        return 2;
      }
      if (options[arg.slice(2)] !== undefined) {
        console.error(`pack: ${arg} is given more than once\n${USAGE}`);
        return 2;
      }
      options[arg.slice(2)] = value;
    } else if (arg.startsWith('--')) {
      console.error(`pack: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else inputs.push(arg);
  }
  if (!options.out || !inputs.length) {
    console.error(`pack: ${!inputs.length ? 'no input files' : 'no --out file'}\n${USAGE}`);
    return 2;
  }
  if (options.id !== undefined && (!CLAIM_ID.test(options.id) || options.id.length > LIMITS.id)) {
    console.error(`pack: --id ${JSON.stringify(printable(options.id))}: a pack id is letters, digits and . _ : - (starting with a letter or digit), ${LIMITS.id} at most\n${USAGE}`);
    return 2;
  }
  // The pack written over one of its own inputs would lose the spreadsheet it was made from.
  const outPath = existingPath(options.out);
  const overwritten = outPath && inputs.find((file) => existingPath(file) === outPath);
  if (overwritten) {
    console.error(`pack: --out ${printable(options.out)} is the input ${printable(overwritten)}: writing the pack there would replace it; give another --out\n${USAGE}`);
    return 2;
  }
  const read: { name: string; text: string }[] = [];
  for (const file of inputs) {
    try {
      const { text, note } = decodeTextFile(readFileSync(file));
      if (note) console.error(`pack: ${file}: ${note}`);
      read.push({ name: file, text });
    } catch (e) {
      console.error(`pack: ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return 1;
    }
  }
  const id = options.id ?? basename(options.out).replace(/\.(claimlight\.)?json$/i, '').replace(/[^A-Za-z0-9._:-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  if (!id) {
    console.error(`pack: cannot make a pack id of the file name "${basename(options.out)}"; give one with --id (letters, digits, . _ : -)`);
    return 2;
  }
  const built = buildPack(read, { id, today: new Date().toISOString().slice(0, 10), ...(options.title ? { title: options.title } : {}), ...(options.publisher ? { publisher: options.publisher } : {}) });
  if (!built.ok) {
    console.error(`pack: nothing written; ${built.error.length} problem${built.error.length === 1 ? '' : 's'}:`);
    for (const problem of built.error) console.error(`  ${printable(problem)}`);
    return 1;
  }
  // A pack readers cannot import is not written: the same limit as the settings page's.
  const text = packFileText(built.value.pack);
  const tooBig = checkPackSize(Buffer.byteLength(text));
  if (tooBig) {
    console.error(`pack: nothing written; ${tooBig}`);
    return 1;
  }
  // Written beside it and then put in its place: a write that fails half way (a full disk) leaves
  // the pack already published whole, not cut off where every reader's next refresh fails on it.
  // Beside the file a link points to (a pack published through a link into a web root): the link
  // itself was replaced, and the published pack never changed. What is no file (a device, a pipe)
  // is written to as it is, not replaced by one.
  // (Stat'ed as given, following links: "/dev/stdout" into a pipe resolves to a name, "pipe:[…]",
  // that cannot be stat'ed, and threw with a stack trace.)
  const target = existingPath(options.out);
  const plainFile = !target || (statOrNull(options.out)?.isFile() ?? false);
  const out = plainFile ? (target ?? options.out) : options.out;
  const beside = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    if (plainFile) {
      writeFileSync(beside, text);
      renameSync(beside, out);
    } else if (options.out === '/dev/stdout') {
      // Through the stream Node keeps for it: standard output that is a socket (as Node's child
      // processes are given one) cannot be opened again by that name (ENXIO), and its descriptor,
      // made non-blocking for that stream, took a synchronous write of only its first 64 KB (EAGAIN).
      // A failure to write it is said by `endQuietlyOnClosedPipe`.
      process.stdout.write(text);
    } else writeFileSync(out, text);
  } catch (e) {
    rmSync(beside, { force: true });
    console.error(`pack: ${options.out}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 1;
  }
  // Said on standard error where the pack went to a device or a pipe ("--out /dev/stdout | …"): on
  // standard output the words would follow the pack into whatever reads it.
  const say = plainFile ? console.log : console.error;
  for (const line of built.value.report) say(printable(line));
  const { pack } = built.value;
  say(`wrote ${options.out}: "${pack.title}" (id ${pack.id}), ${pack.claims.length} claim${pack.claims.length === 1 ? '' : 's'}, format ${pack.formatVersion}`);
  return 0;
}

endQuietlyOnClosedPipe();
process.exitCode = main(process.argv.slice(2));
