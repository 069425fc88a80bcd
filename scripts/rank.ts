// `npm run rank -- --claims FILE.jsonl --queries FILE.jsonl [--top K]`: ranks the claims against
// each query with lib/matching/rank.ts and prints one line per query, {"query": id, "ranked": [claim ids]},
// best first. Both files hold one {"id", "text"} object a line, and are read from the folder npm was run in. Scoring the output is the job of
// ../shared/eval/map5.mjs. Exit status: 0 ranked, 1 an input file is missing or malformed, 2 bad arguments.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { ClaimRanker } from '../lib/matching/rank';
import { endQuietlyOnClosedPipe } from './lib/closed-pipe';
import { workInCallersFolder } from './lib/options';
import { decodeTextFile } from './lib/saved-page';

const USAGE = 'usage: npm run rank -- --claims FILE.jsonl --queries FILE.jsonl [--top K]  (K defaults to 5)';
const HELP = `${USAGE}
Ranks the claims against each query with Claimlight's ranker and prints, for each query, one line
{"query": id, "ranked": [claim ids, best first]}.
  --claims FILE.jsonl   the claims: JSON Lines, one {"id": string or number, "text": string} object a line
  --queries FILE.jsonl  the queries (posts, sentences), in the same form
  --top K               how many claims to list for each query; default 5
  -h, --help            this help
Exit status: 0 ranked, 1 an input file is missing or malformed, 2 bad arguments.`;
// Past this many bad lines in one file the rest are counted, not listed.
const MAX_LISTED_PROBLEMS = 10;

// One line of either file. Other fields are ignored; ids are compared as strings. A number id past
// 2^53 (a post's id written as a number) has already lost its last digits when JSON is read: it is
// refused, with the advice to write it as a string, where it was changed, and two such ids called
// one duplicated.
const RecordSchema = v.object({
  id: v.union([v.string(), v.pipe(v.number(), v.check((id: number) => Number.isSafeInteger(id), 'a number id must be a whole number under 2^53; write a longer one as a string ("1238796483957022720")'))]),
  text: v.string(),
});

interface TextRecord {
  id: string;
  text: string;
}

class InputError extends Error {}

function usageError(message: string): never {
  console.error(`rank: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

function readArguments(argv: string[]): { claims: string; queries: string; top: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        claims: { type: 'string' },
        queries: { type: 'string' },
        top: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    usageError((e as Error).message);
  }
  // Given twice, an option's first value would be dropped without a word: which one was meant?
  for (const name of ['claims', 'queries', 'top']) {
    if (argv.filter((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`)).length > 1) usageError(`--${name} is given more than once`);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  if (!values.claims) usageError('--claims is required');
  if (!values.queries) usageError('--queries is required');
  // Written as a whole number: Number() would take "0x3" for 3 and " " for 0.
  const top = values.top === undefined ? 5 : /^\s*\d+\s*$/.test(values.top) ? Number(values.top) : Number.NaN;
  if (!Number.isInteger(top) || top < 1) usageError(`--top must be a whole number of at least 1, not "${values.top}"`);
  return { claims: values.claims, queries: values.queries, top };
}

/** Reads a JSONL file of {"id", "text"} records; throws an InputError that names the bad lines. */
function readRecords(path: string): TextRecord[] {
  let content: string;
  try {
    // In the encoding it is saved in (UTF-16 from Windows' Notepad), as `pack build` reads its files.
    content = decodeTextFile(readFileSync(path)).text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
    throw new InputError(`cannot read ${path}: ${reason}`);
  }
  const records: TextRecord[] = [];
  const problems: string[] = [];
  // A byte-order mark, as some editors write one, is not part of the first record.
  content = content.replace(/^\uFEFF/, '');
  // A JSON array of records (as many tools write them) is the commonest wrong shape: said as such,
  // rather than as its first line missing an "id".
  if (content.trimStart().startsWith('[')) throw new InputError(`${path}: holds a JSON array; rank reads JSON Lines, one {"id", "text"} object a line`);
  content.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${path}:${i + 1}: not valid JSON`);
      return;
    }
    const record = v.safeParse(RecordSchema, value);
    if (!record.success) {
      const unsafe = record.issues.find((issue) => issue.type === 'check');
      problems.push(`${path}:${i + 1}: ${unsafe ? unsafe.message : 'needs an "id" (a string or a number) and a string "text"'}`);
      return;
    }
    records.push({ id: String(record.output.id), text: record.output.text });
  });
  if (problems.length) {
    const more = problems.length - MAX_LISTED_PROBLEMS;
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('\nrank: ');
    throw new InputError(more > 0 ? `${listed}\nrank: ${path}: ${more} more bad lines` : listed);
  }
  return records;
}

/** Each record once by id, and at least one: a scorer reading the output by id could not tell two
 * queries (or claims) of one id apart. */
function expectRecords(records: TextRecord[], path: string, what: 'claim' | 'query'): void {
  if (!records.length) throw new InputError(`${path} holds no ${what === 'claim' ? 'claims' : 'queries'}`);
  const seen = new Set<string>();
  for (const { id } of records) {
    if (seen.has(id)) throw new InputError(`${path}: ${what} id "${id}" appears more than once`);
    seen.add(id);
  }
}

function main(): void {
  workInCallersFolder('rank');
  const args = readArguments(process.argv.slice(2));
  let claims: TextRecord[];
  let queries: TextRecord[];
  try {
    claims = readRecords(args.claims);
    expectRecords(claims, args.claims, 'claim');
    queries = readRecords(args.queries);
    expectRecords(queries, args.queries, 'query');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(`rank: ${e.message}`);
    process.exit(1);
  }
  const ranker = new ClaimRanker(claims);
  // A query that shares no word or n-gram with any claim gets a shorter (possibly empty) list.
  const lines = queries.map((query) =>
    JSON.stringify({ query: query.id, ranked: ranker.rank(query.text, args.top).map((claim) => claim.id) }),
  );
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

endQuietlyOnClosedPipe();
main();
