// `npm run scan -- [--json] [--pack FILE]... [--sensitivity 0..1] [--no-cues] PATH...`: runs Claimlight's page
// pipeline (lib/page-scan.ts: the extraction and matching the extension runs) over saved HTML pages and prints the
// mentions it finds. A PATH is an .html file or a folder of them, read from the folder npm was run
// in. Bad files are reported on stderr with their path (and in the JSON's "failed"); the others are
// still scanned. Exit status: 0 scanned, 1 a page could not be read, 2 bad arguments or pack.
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expectBundledPack } from '../lib/bundled-pack';
import { buildClaimIndex, DEFAULT_SENSITIVITY, type MatchableClaim } from '../lib/matching';
import { judgeMention } from '../lib/mention-verdict';
import { checkPackFileSize, parsePackText } from '../lib/pack';
import { scanDocument } from '../lib/page-scan';
import { VERDICT_LABELS } from '../lib/verdicts';
import { endQuietlyOnClosedPipe } from './lib/closed-pipe';
import { workInCallersFolder } from './lib/options';
import { decodePage, decodeTextFile, parseSavedPage } from './lib/saved-page';
import { printable } from './lib/printable';

const USAGE = 'usage: npm run scan -- [--json] [--pack FILE]... [--sensitivity 0..1] [--no-cues] PATH...';
const HELP = `${USAGE}
Finds the mentions of known claims in saved web pages, as the extension would mark them.
  PATH               a saved .html page, or a folder searched for them (hidden folders and node_modules left out)
  --pack FILE        the claims to find: a Claimlight pack, a ClaimReview file or a Fact Check Tools reply
                     (repeatable; without it, the bundled pack)
  --sensitivity N    0 (precise) to 1 (broad), as the settings page's slider; default ${DEFAULT_SENSITIVITY}
  --no-cues          ignore every pack's cues: find claims from their own words only
  --json             one JSON document: {"pages": [{"file", "mentions": [...]}], "failed": [{"file", "error"}]}
  -h, --help         this help
Exit status: 0 scanned, 1 a page could not be read (the others are scanned), 2 bad arguments or pack.`;

interface Args {
  json: boolean;
  packs: string[];
  sensitivity: number;
  /** Ignore every pack's cues: the engine works from the claims' own words. */
  noCues: boolean;
  paths: string[];
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { json: false, packs: [], sensitivity: DEFAULT_SENSITIVITY, noCues: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--no-cues') args.noCues = true;
    else if (arg === '--pack') {
      const file = argv[++i];
      if (!file) return '--pack needs a file';
      args.packs.push(file);
    } else if (arg === '--sensitivity') {
      if (argv.indexOf(arg) !== i) return '--sensitivity is given more than once';
      // Written as a decimal: Number() would take "" and " " for 0, and "0x1" for 1.
      const written = argv[++i] ?? '';
      const value = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(written) ? Number(written) : Number.NaN;
      if (!(value >= 0 && value <= 1)) return '--sensitivity takes a number from 0 (precise) to 1 (broad)';
      args.sensitivity = value;
    } else if (arg === '-h' || arg === '--help') return '';
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else args.paths.push(arg);
  }
  if (!args.paths.length) return 'no PATH given';
  return args;
}


function loadClaims(packFiles: string[]): MatchableClaim[] {
  if (!packFiles.length) {
    const pack = expectBundledPack();
    return pack.claims.map((claim) => ({ ...claim, packId: pack.id }));
  }
  // The store keeps one pack per id, a later import replacing the earlier: so does the scan. Two
  // copies of one pack counted every claim twice, and each copy's rival lowered the other's margins.
  const byId = new Map<string, MatchableClaim[]>();
  for (const file of packFiles) {
    const { id, claims } = loadPack(file);
    if (byId.has(id)) console.error(`scan: ${printable(file)}: replaces the pack "${id}" given before it, as an import would`);
    byId.delete(id);
    byId.set(id, claims);
  }
  return [...byId.values()].flat();
}

/** One pack file's id and claims; throws with the file's name and why it cannot be used. */
function loadPack(file: string): { id: string; claims: MatchableClaim[] } {
  let text: string;
  try {
    // Refused by its size before it is read: a file of gigabytes ended the read with Node's own code.
    // As the settings page refuses it (a UTF-16 pack the extension imports was refused here).
    const stat = statSync(file);
    if (stat.isDirectory()) throw new Error('it is a folder, not a pack');
    const tooLarge = checkPackFileSize(stat.size);
    if (tooLarge) throw new Error(tooLarge);
    // In the encoding it is saved in: a pack saved as UTF-16 by Windows' Notepad was refused.
    text = decodeTextFile(readFileSync(file)).text;
  } catch (e) {
    throw new Error(`${printable(file)}: cannot read the pack: ${unreadableBecause(e as NodeJS.ErrnoException)}`);
  }
  const parsed = parsePackText(text, { fileName: file });
  // The parser's message quotes the file's first bytes: a binary file's control characters would
  // reach the terminal, shown as escapes instead.
  if (!parsed.ok) throw new Error(`${printable(file)}: not a usable fact pack:\n  ${parsed.error.slice(0, 20).map(printable).join('\n  ')}`);
  // What the importer left out or changed, as the settings page would say it.
  for (const warning of parsed.value.warnings.slice(0, 20)) console.error(`scan: ${printable(file)}: ${printable(warning)}`);
  if (parsed.value.warnings.length > 20) console.error(`scan: ${printable(file)}: and ${parsed.value.warnings.length - 20} more warnings`);
  return { id: parsed.value.pack.id, claims: parsed.value.pack.claims.map((claim) => ({ ...claim, packId: parsed.value.pack.id })) };
}

/** A message with its control characters written as escapes ("\\u007f"), safe for a terminal. */

/** The largest saved page a scan reads: pages of real news sites run to a few megabytes. */
const MAX_PAGE_BYTES = 32 * 2 ** 20;

/** Folders a scan of a tree never goes into: tools' and version control's, not saved pages. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/**
 * The .html files a PATH names: itself, or the ones in its folder tree, sorted. The walk follows
 * no link to a folder (a link to its parent made it loop until memory ran out) and goes into no
 * hidden folder (.git, .output) or node_modules; a folder is never taken for a page, whatever its
 * name. A folder inside that cannot be read is told to `unreadable` and the rest are still read.
 * Throws, with a sentence, for a folder that holds no page, and for a path that is neither a file
 * nor a folder (a pipe, which reading would wait on for ever).
 */
function htmlFiles(path: string, unreadable: (folder: string, error: NodeJS.ErrnoException) => void): string[] {
  const stat = statSync(path);
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) throw new Error('not a file or a folder');
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (folder: string, under: string) => {
    let entries;
    try {
      // A folder reached twice (a hard link, a bind mount) is read once.
      const real = realpathSync(folder);
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      if (!under) throw e;
      unreadable(folder, e as NodeJS.ErrnoException);
      return;
    }
    for (const entry of entries) {
      const name = under ? `${under}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) walk(join(folder, entry.name), name);
      else if (/\.html?$/i.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(join(folder, entry.name))))) found.push(name);
    }
  };
  walk(path, '');
  if (!found.length) throw new Error('no .html pages in this folder');
  return found.sort().map((name) => join(path, name));
}

/** Why a path cannot be read, in words. */
const unreadableBecause = (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? 'no such file or folder' : e.code ? `cannot read it (${e.code})` : e.message);

/**
 * Writes the `--json` report as it goes, a mention at a time: built whole, the report of a large
 * folder (or of one page that repeats a claim a million times) passed the longest string the
 * platform makes, and the scan ended with no report at all.
 */
function jsonReport(write: (text: string) => void) {
  let pages = 0;
  let mentions = 0;
  // The pages that could not be read, with why: a scorer reading only the JSON would count such a
  // page's mentions as missed without knowing it was never scanned.
  const failed: { file: string; error: string }[] = [];
  return {
    failed(file: string, error: string) {
      failed.push({ file, error });
    },
    page(file: string) {
      write(`${pages++ ? ',' : ''}\n    {\n      "file": ${JSON.stringify(file)},\n      "mentions": [`);
      mentions = 0;
    },
    mention(mention: object) {
      write(`${mentions++ ? ',' : ''}\n        ${JSON.stringify(mention)}`);
    },
    endPage() {
      write(`${mentions ? '\n      ' : ''}]\n    }`);
    },
    start: () => write('{\n  "pages": ['),
    end: () => write(`${pages ? '\n  ' : ''}],\n  "failed": [${failed.map((entry) => `\n    ${JSON.stringify(entry)}`).join(',')}${failed.length ? '\n  ' : ''}]\n}\n`),
  };
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** A file named on the command line is scanned when it is named as a page, or reads as one. */
const looksLikeHtml = (file: string, text: string) => /\.html?$/i.test(file) || /^\s*</.test(text);

function main(): number {
  workInCallersFolder('scan');
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    // Help asked for goes to standard output, where `| less` reads it; a mistake, to standard error.
    if (args) console.error(`scan: ${args}\n${USAGE}`);
    else console.log(HELP);
    return args ? 2 : 0;
  }
  let claims: MatchableClaim[];
  try {
    claims = loadClaims(args.packs);
  } catch (e) {
    console.error(`scan: ${(e as Error).message}`);
    return 2;
  }
  const index = buildClaimIndex(claims, { ignoreCues: args.noCues });
  let failed = 0;
  let pages = 0;
  let total = 0;
  const report = args.json ? jsonReport((text) => process.stdout.write(text)) : null;
  report?.start();
  const fail = (file: string, error: string) => {
    console.error(`scan: ${printable(file)}: ${error}`);
    report?.failed(file, error);
    failed++;
  };
  // A page named twice, or inside a folder also named, is scanned once.
  const scanned = new Set<string>();
  for (const path of args.paths) {
    let files: string[];
    try {
      files = htmlFiles(path, (folder, e) => fail(folder, unreadableBecause(e)));
    } catch (e) {
      fail(path, unreadableBecause(e as NodeJS.ErrnoException));
      continue;
    }
    for (const file of files) {
      try {
        const real = realpathSync(file);
        if (scanned.has(real)) continue;
        scanned.add(real);
        // A saved page of hundreds of megabytes took minutes and gigabytes, and on a smaller heap
        // ended the whole scan with no file named: it is refused by its size, the others scanned.
        const size = statSync(file).size;
        if (size > MAX_PAGE_BYTES) throw new Error(`${Math.round(size / 2 ** 20)} MB, more than the ${MAX_PAGE_BYTES / 2 ** 20} MB a saved page is read up to`);
        const html = decodePage(readFileSync(file));
        // A page that failed to save (an empty file) is no page with no mentions: a scorer reading
        // the JSON would count it as one.
        if (!html.replace(/^\uFEFF/, '').trim()) throw new Error('an empty file: nothing was saved in it');
        if (!looksLikeHtml(file, html)) throw new Error('not a saved HTML page (its name does not end in .html and it does not start with a tag)');
        const scan = scanDocument(parseSavedPage(html), index, { sensitivity: args.sensitivity });
        // What each mention is shown as on this page: the claim's verdict, or context (lib/mention-verdict.ts).
        const mentions = scan.mentions.map((m) => ({ ...m, ...judgeMention(m.claim, m.text, scan.pageDate) }));
        pages++;
        total += mentions.length;
        if (report) {
          report.page(file);
          for (const m of mentions) {
            report.mention({
              claimId: m.claimId,
              packId: m.packId,
              // The claim's first source: a feed's own address for the claim, for outside scorers.
              // null, not left out, where the claim has none: a reader of the JSON finds the key.
              source: m.claim.context?.[0]?.sources[0]?.url ?? null,
              // Where on the page: the block (in reading order) and the sentence's place in its
              // text, so that two mentions in the same words (a headline and a caption) are told
              // apart and can be found again.
              block: m.block,
              start: m.start,
              end: m.end,
              text: m.text,
              score: m.score,
              verdict: m.verdict,
              claimVerdict: m.claim.verdict,
              ...(m.repeats ? { repeats: m.repeats } : {}),
              cues: m.cues,
            });
          }
          report.endPage();
        } else {
          console.log(`${printable(relative('.', file))}: ${mentions.length} mention${mentions.length === 1 ? '' : 's'}`);
          for (const m of mentions) console.log(`  ${printable(m.claimId)} [${VERDICT_LABELS[m.verdict]}] ${m.score.toFixed(2)}  ${printable(m.text)}`);
        }
      } catch (e) {
        fail(file, (e as Error).message);
      }
    }
  }
  if (report) report.end();
  else console.log(`${pages} page${pages === 1 ? '' : 's'} scanned, ${total} mention${total === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''}`);
  return failed ? 1 : 0;
}

endQuietlyOnClosedPipe();
process.exitCode = main();
