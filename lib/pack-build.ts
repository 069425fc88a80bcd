/**
 * The publishing side of feeds: several files a newsroom keeps (ClaimReview JSON-LD, a CSV of its
 * checks, Claimlight packs) made into one Claimlight pack file, ready to put on any static host
 * for readers to subscribe to. Every input is read by the importer readers' browsers use, so
 * what builds here imports there. `npm run pack -- build` is its command line.
 */
import { clip, longId, packFromClaimReviews, publisherList } from './claim-review';
import { claimReviewsFromCsv } from './csv-reviews';
import { parseFactPack, parsePackText, type PackFormat } from './pack';
import { err, ok, type Result } from './result';
import { LIMITS, PACK_FORMAT_VERSION, type Claim, type FactPack } from './schema';
import { verdictFromRating } from './verdicts';

/** One input file: its name (its extension says CSV) and its text. */
export interface PackInput {
  name: string;
  text: string;
}

/** The published pack's header fields; the rest is derived from the inputs. */
export interface BuildOptions {
  id: string;
  title?: string;
  publisher?: string;
  /** The build's day, which dates the pack and versions it ("2026-12-03"). */
  today: string;
}

/** What a build made: the pack, and a line per input and per note. */
export interface BuiltPack {
  pack: FactPack;
  report: string[];
}

const FORMAT_NAMES: Record<PackFormat | 'csv', string> = { claimlight: 'Claimlight pack', claimreview: 'ClaimReview', 'factcheck-api': 'Fact Check Tools', csv: 'CSV' };

/** The rows of a spreadsheet whose rating cell is empty, or names no verdict Claimlight knows
 * ("Flase"): published as not rated, which a publisher would not mean, so the report names them. */
function unratedRows(reviews: readonly Record<string, unknown>[], rowOf: (n: number) => number): string[] {
  return reviews.flatMap((review, i) => {
    const label = (review.reviewRating as { alternateName?: string } | undefined)?.alternateName;
    if (!label) return [`row ${rowOf(i + 1)}: no rating: published as not rated`];
    return verdictFromRating(label) === 'unrated' ? [`row ${rowOf(i + 1)}: rating “${label}” is no verdict Claimlight knows: published as not rated, the rating shown as written`] : [];
  });
}

/** Reads one input as a pack; problems name the file. */
function readInput(input: PackInput, today: Date, publisher: string | undefined): Result<{ pack: FactPack; format: PackFormat | 'csv'; warnings: string[]; publishers: string[] }, string[]> {
  const named = (problems: string[]) => problems.map((problem) => `${input.name}: ${problem}`);
  if (/\.csv$/i.test(input.name)) {
    // A row that names no publisher was checked by the one the build names, where it names one.
    const reviews = claimReviewsFromCsv(input.text, publisher ? { publisher } : {});
    if (!reviews.ok) return err(named(reviews.error));
    const parsed = packFromClaimReviews(reviews.value, { fileName: input.name, today });
    // A review is named by its spreadsheet row.
    const rowOf = (n: number) => reviews.rows?.[n - 1] ?? n + 1;
    const byRow = (line: string) => line.replace(/^review (\d+)/, (_, n: string) => `row ${rowOf(Number(n))}`);
    if (!parsed.ok) return err(named(parsed.error.map(byRow)));
    return ok({ pack: parsed.value.pack, format: 'csv', warnings: [...unratedRows(reviews.value, rowOf), ...parsed.value.warnings.map(byRow)], publishers: parsed.value.publishers ?? [parsed.value.pack.publisher] });
  }
  const parsed = parsePackText(input.text, { fileName: input.name, today });
  return parsed.ok ? ok({ pack: parsed.value.pack, format: parsed.value.format, warnings: parsed.value.warnings, publishers: parsed.value.publishers ?? [parsed.value.pack.publisher] }) : err(named(parsed.error));
}

/** An id made from a review's address and text (`hashId`), 32 bits: two reviews may share one;
 * and the longer one each then takes, the short one first. */
const HASHED_ID = /^cr-[0-9a-f]{8}$/;
const LONG_HASHED_ID = /^(cr-[0-9a-f]{8})-[0-9a-f]{8}$/;
/** What a claim made from a review was named from, its review's address and its text, as the
 * claim keeps them: the same as an import's, within one file, where the review gave its address. */
const reviewOf = (claim: Claim) => `${claim.context[0]?.sources[0]?.url ?? ''}\n${claim.text}`;
/** The longer id two reviews that share a short one each take, as within one file (`longId`). */
const longIdOf = (claim: Claim) => longId(claim.id, reviewOf(claim));

/** Builds one pack from the inputs: all of them must read, and the result must validate. A claim
 * id that two inputs share is kept from the later one (a newer export of the same check), except
 * where it is a short id made from two different reviews: both are kept, each under a longer id
 * (one of them used to be dropped as "given by more than one file"). */
export function buildPack(inputs: readonly PackInput[], options: BuildOptions): Result<BuiltPack, string[]> {
  if (!inputs.length) return err(['No input files.']);
  const problems: string[] = [];
  const report: string[] = [];
  const claims = new Map<string, Claim>();
  const publishers: string[] = [];
  let language = 'und';
  let replaced = 0;
  // Short ids two different reviews shared: every review of one takes its longer id.
  const crowded = new Set<string>();
  /** Moves a claim held under its short id to its longer one. */
  const lengthen = (held: Claim) => {
    claims.delete(held.id);
    claims.set(longIdOf(held), { ...held, id: longIdOf(held) });
  };
  for (const input of inputs) {
    const read = readInput(input, new Date(`${options.today}T00:00:00Z`), options.publisher);
    if (!read.ok) {
      problems.push(...read.error);
      continue;
    }
    const { pack, format, warnings, publishers: named } = read.value;
    for (const given of pack.claims) {
      let claim = given;
      // A review that took its longer id within its file: the same review given by another file
      // under the short id is this one, and any other review of that short id takes its longer id.
      const short = LONG_HASHED_ID.exec(claim.id)?.[1];
      if (short) {
        crowded.add(short);
        const held = claims.get(short);
        if (held && reviewOf(held) !== reviewOf(claim)) lengthen(held);
        else claims.delete(short);
      }
      if (HASHED_ID.test(claim.id)) {
        const held = claims.get(claim.id);
        if (held && reviewOf(held) !== reviewOf(claim)) {
          lengthen(held);
          crowded.add(claim.id);
        }
        if (crowded.has(claim.id)) claim = { ...claim, id: longIdOf(claim) };
      }
      if (claims.has(claim.id)) replaced++;
      claims.delete(claim.id);
      claims.set(claim.id, claim);
    }
    // Each fact-checker by name: a pack's own publisher of several names already counts some
    // ("A, B, C and 1 more"), and joining those named one outlet twice.
    publishers.push(...named);
    if (language === 'und' && pack.language !== 'und') language = pack.language;
    report.push(`${input.name}: ${pack.claims.length} claim${pack.claims.length === 1 ? '' : 's'} (${FORMAT_NAMES[format]})`);
    report.push(...warnings.map((warning) => `${input.name}: ${warning}`));
  }
  if (problems.length) return err(problems);
  if (crowded.size) report.push(`${crowded.size} short id${crowded.size === 1 ? '' : 's'} given to different reviews by different files: each review took a longer id`);
  if (replaced) report.push(`${replaced} claim${replaced === 1 ? '' : 's'} given by more than one file: the last file's kept`);
  // Named as an import of several fact-checkers' files names them: 22 outlets' names joined were
  // over the field's limit, and the build refused to write without --publisher, not saying so.
  const publisher = options.publisher ?? publisherList([...new Set(publishers)]);
  const candidate = {
    format: 'claimlight-pack',
    formatVersion: PACK_FORMAT_VERSION,
    id: options.id,
    title: options.title ?? clip(`Fact-checks by ${publisher}`, LIMITS.shortText)!,
    version: options.today,
    publisher,
    language,
    created: options.today,
    claims: [...claims.values()],
  };
  // Checked as a reader's browser will check it.
  const checked = parseFactPack(candidate);
  if (!checked.ok) return err(checked.error);
  return ok({ pack: checked.value, report });
}
