/**
 * Turns the text of a file a user imports into a validated fact pack, or into a list of problems
 * that each name the record and the field. Detects the three formats Claimlight reads; converting
 * ClaimReview and Fact Check Tools data is `lib/claim-review.ts`'s job, storing it `lib/store.ts`'s.
 */
import * as v from 'valibot';
import { collectClaimReviews, EXPORTED_HEADER, isFactCheckApiClaim, packFromApiClaims, packFromClaimReviews } from './claim-review';
import { megabytes } from './counts';
import { err, ok, type Result } from './result';
import { ClaimSchema, FactPackSchema, PACK_FORMAT_VERSION, describeIssues, type Claim, type FactPack } from './schema';

/** The largest file Claimlight imports: about 30,000 claims in our format. */
export const MAX_PACK_BYTES = 16 * 1024 * 1024;

/** Which kind of file an import came from. */
export type PackFormat = 'claimlight' | 'claimreview' | 'factcheck-api';

/** A pack ready to store, with notes on anything that was repaired or left out on the way. */
export interface ParsedPack {
  pack: FactPack;
  format: PackFormat;
  warnings: string[];
  /** For reviews converted into a pack, each fact-checker by name, once: the pack's publisher
   * names only the first few ("A, B, C and 19 more"). */
  publishers?: string[];
  /** For a page, how many of its JSON-LD blocks that name a ClaimReview were not valid JSON and
   * were left out: claims may be in them (a feed's refresh keeps the ones it stored, `refreshFeed`). */
  unreadBlocks?: number;
}

/** Options for `parsePackText`. `fileName` (without its extension) or `feedName` titles packs made
 * from ClaimReview data; `today` dates them. */
export interface ParseOptions {
  fileName?: string;
  /** The name of the feed the text came from, taken as it is: read as a file name, a feed's lost
   * what followed its last dot ("www.factcheck" for www.factcheck.org). */
  feedName?: string;
  /** The text's bytes were measured where they were read (a feed's, by `fetchFeed`), so it is not
   * measured again: measured as UTF-8, a feed of 9 MB in latin-1 was refused as a file of 18 MB. */
  sizeChecked?: boolean;
  today?: Date;
  /** The address the text was read from (a feed's): a review's address given from the site's root
   * ("/checks/ferry/") is read against it, where it was left out. */
  baseUrl?: string;
  /** The pack's header a ClaimReview file Claimlight exported carries (`claimlightPack`): read only
   * where every review in the file says Claimlight wrote it. */
  exportedHeader?: unknown;
}

/** A claim's label in messages: its 1-based number and, where readable, its id. */
export function claimLabel(index: number, raw: unknown): string {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length <= 200 ? `claim ${index + 1} (\`${id}\`)` : `claim ${index + 1}`;
}

/** Validates a value in Claimlight's own pack format; every problem names the claim and the field. */
export function parseFactPack(value: unknown): Result<FactPack, string[]> {
  const header = v.safeParse(FactPackSchema, value);
  if (!header.success) {
    if (value && typeof value === 'object' && (value as { formatVersion?: unknown }).formatVersion !== undefined) {
      const version = (value as { formatVersion?: unknown }).formatVersion;
      if (typeof version === 'number' && version > PACK_FORMAT_VERSION) {
        return err([`This pack uses format version ${version}; this version of Claimlight reads versions up to ${PACK_FORMAT_VERSION}. Update Claimlight to import it.`]);
      }
    }
    return err(describeIssues(header.issues, 'pack: '));
  }
  const problems: string[] = [];
  const claims: Claim[] = [];
  // Version 1 had no `telling`: a version 1 file that carries one was written against a format it
  // does not declare, and reading it as either would guess.
  const fromVersion = (value as { formatVersion: number }).formatVersion;
  const firstIndexOfId = new Map<string, number>();
  header.output.claims.forEach((raw, index) => {
    const parsed = v.safeParse(ClaimSchema, raw);
    const label = claimLabel(index, raw);
    if (fromVersion < 2 && raw && typeof raw === 'object' && 'telling' in raw) {
      problems.push(`${label}: telling: is a field of format version 2; set the pack's formatVersion to 2`);
      return;
    }
    if (!parsed.success) {
      problems.push(...describeIssues(parsed.issues, `${label}: `));
      return;
    }
    const earlier = firstIndexOfId.get(parsed.output.id);
    if (earlier !== undefined) {
      problems.push(`${label}: id: duplicates the id of claim ${earlier + 1}`);
      return;
    }
    firstIndexOfId.set(parsed.output.id, index);
    claims.push(parsed.output);
  });
  if (problems.length) return err(problems);
  return ok({ ...header.output, claims });
}

/** Fields of a claim a file may leave out, by their path: one the import refuses is left out of an export. */
const OPTIONAL_PATHS = new Set(['headline', 'claimant', 'claimDate', 'ratingLabel', 'telling.report.url', 'telling.report.published', 'telling.eventsEnd', 'telling.faultWording', 'telling.clearedBy']);

/**
 * A stored pack as a file this version imports again. An older Claimlight stored what it then took
 * and this one refuses (a claim dated 30 February, a link with a user name before its host): written
 * as stored, the reader's own export was refused ("the file has 2 problems") when they moved it to
 * another browser. Such a value is left out where the format lets it be (an optional field, a date
 * of a source, one source of several); `left` says what was left out, claim by claim, for the
 * reader. A value the format requires is written as it is, and named in `refused`.
 */
export function packForExport(pack: FactPack): { pack: FactPack; left: string[]; refused: string[] } {
  const left: string[] = [];
  const refused: string[] = [];
  const claims = pack.claims.map((claim, index) => {
    const parsed = v.safeParse(ClaimSchema, claim);
    if (parsed.success) return claim;
    const copy = structuredClone(claim) as Claim & Record<string, unknown>;
    const goneSources = new Set<string>();
    // One value can fail two rules (a date of no form and of no day): said, and counted, once.
    const said = new Set<string>();
    for (const issue of parsed.issues) {
      const keys = (issue.path ?? []).map((item) => item.key as string | number);
      const dotted = keys.join('.');
      if (said.has(dotted)) continue;
      said.add(dotted);
      // Said as the import says it ("claim 1 (`x`): context[0].sources[0].url: …").
      const [line] = describeIssues([issue], `${claimLabel(index, claim)}: `);
      if (OPTIONAL_PATHS.has(dotted)) {
        const last = keys.at(-1) as string;
        const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((at, key) => at[key] as Record<string, unknown>, copy);
        delete parent[last];
        left.push(line!);
      } else if (keys[0] === 'context' && keys[2] === 'sources' && typeof keys[3] === 'number') {
        if (keys[4] === 'published' && keys.length === 5) delete (copy.context[keys[1] as number]!.sources[keys[3]] as { published?: string }).published;
        else goneSources.add(`${keys[1]}.${keys[3]}`);
        left.push(line!);
      } else refused.push(line!);
    }
    // A source refused is left out; an item left with no source goes with it.
    copy.context = copy.context
      .map((item, i) => ({ ...item, sources: item.sources.filter((_, j) => !goneSources.has(`${i}.${j}`)) }))
      .filter((item) => item.sources.length > 0);
    return copy as Claim;
  });
  return { pack: left.length ? { ...pack, claims } : pack, left, refused };
}

/** The text's length in UTF-8 bytes, exact wherever it could pass the import limit. */
export function byteLength(text: string): number {
  // Every UTF-16 unit is at most 3 UTF-8 bytes, so short texts need no encoding to be judged.
  return text.length * 3 <= MAX_PACK_BYTES ? text.length : new TextEncoder().encode(text).byteLength;
}

/**
 * The text of a pack file as Claimlight writes it (an export, `npm run pack`): indented for a
 * reader's eyes while that fits the import limit, else compact. Two-space indentation adds some
 * 70% to a pack, so a pack of 12 MB, imported, used to be exported as a file of 21 MB that the
 * import then refused.
 */
export function packFileText(body: unknown): string {
  const indented = `${JSON.stringify(body, null, 2)}\n`;
  return byteLength(indented) <= MAX_PACK_BYTES ? indented : `${JSON.stringify(body)}\n`;
}

/** Refuses a file by its size alone, before it is read; `null` means the size is fine. */
export function checkPackSize(bytes: number): string | null {
  return bytes > MAX_PACK_BYTES
    ? `The file is ${megabytes(bytes)}; Claimlight imports fact packs of up to ${megabytes(MAX_PACK_BYTES)}. Split it into smaller packs.`
    : null;
}

/** Refuses a file on disk by its size before it is read and decoded, at twice the limit: UTF-16
 * (what Notepad and PowerShell write) takes two bytes for each character that UTF-8 writes in one.
 * Its text is then judged in UTF-8 (`parsePackText`). The settings page and `scan --pack` both. */
export function checkPackFileSize(bytes: number): string | null {
  return bytes > 2 * MAX_PACK_BYTES ? checkPackSize(bytes) : null;
}

const SCRIPT_START = /<script\b/gi;
const LD_JSON_TYPE = /type\s*=\s*["']?application\/ld\+json["']?/gi;
const SCRIPT_END = /<\/script\s*>/gi;

/**
 * The contents of the page's `<script type="application/ld+json">` elements, in order: what
 * /<script\b[^>]*type=…[^>]*>([\s\S]*?)<\/script\s*>/gi finds, read a tag at a time. As one
 * expression, every "<script" without its ">" or its end tag was read to the end of the file, for
 * hours on a hostile 16 MB one. Here each tag (a "<script" to the next ">") is read once, however
 * many "<script" it holds: a "<script" is of JSON-LD when the tag writes the type after it.
 */
export function ldJsonScripts(text: string): string[] {
  const found: string[] = [];
  // The tag the last "<script" is in: where it ends, and where its last type attribute starts.
  let tagEnd = -1;
  let typeAt = -1;
  SCRIPT_START.lastIndex = 0;
  for (let start = SCRIPT_START.exec(text); start; start = SCRIPT_START.exec(text)) {
    if (start.index > tagEnd) {
      tagEnd = text.indexOf('>', start.index);
      // A "<script" with no ">" after it: no later one has one either.
      if (tagEnd < 0) break;
      typeAt = -1;
      for (const type of text.slice(start.index, tagEnd).matchAll(LD_JSON_TYPE)) typeAt = start.index + type.index!;
    }
    if (typeAt < start.index) continue;
    SCRIPT_END.lastIndex = tagEnd + 1;
    const end = SCRIPT_END.exec(text);
    // No end tag after this script: none after any later one either.
    if (!end) break;
    found.push(text.slice(tagEnd + 1, end.index));
    SCRIPT_START.lastIndex = end.index + end[0].length;
  }
  return found;
}

/**
 * Reads the JSON-LD blocks of an HTML page (or of lines that each hold one script element), and
 * notes the blocks it could not read. A page's other blocks (its breadcrumbs with a trailing comma)
 * are not the reader's to mend: one of them refused a page whose ClaimReview reads fine. A block
 * wrapped in an HTML comment, as old pages write them, is read inside it.
 */
function parseLdJsonScripts(text: string): Result<{ blocks: unknown[]; unread: string[]; reviewsUnread: number }, string[]> {
  const blocks: unknown[] = [];
  const unread: string[] = [];
  let reviewsUnread = 0;
  let index = 0;
  for (const script of ldJsonScripts(text)) {
    index++;
    const json = script.replace(/^\s*<!--/, '').replace(/-->\s*$/, '');
    try {
      blocks.push(JSON.parse(json));
    } catch (e) {
      // A raw line break or tab inside a text (a site that pastes a review's paragraphs in as
      // they are) makes a block no JSON, and its review was lost for its white space alone: the
      // block is read again with them escaped.
      const mended = controlsEscaped(json);
      try {
        if (mended === json) throw e;
        blocks.push(JSON.parse(mended));
        continue;
      } catch {
        unread.push(`JSON-LD block ${index}: not valid JSON (${(e as Error).message}), left out`);
        // Only a block that could have held a review may have held one of a feed's claims
        // (`refreshFeed` keeps those): a page's broken breadcrumbs did not.
        if (/ClaimReview/i.test(json)) reviewsUnread++;
      }
    }
  }
  if (index === 0) return err(['The file is neither JSON nor a page with JSON-LD blocks.']);
  return ok({ blocks, unread, reviewsUnread });
}

/** JSON text with the control characters inside its strings escaped (JSON allows none raw there). */
function controlsEscaped(json: string): string {
  if (!/[\u0000-\u001f]/.test(json)) return json;
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (inString && code === 0x5c) {
      i++;
      continue;
    }
    if (code === 0x22) inString = !inString;
    else if (inString && code < 0x20) {
      out += json.slice(from, i) + (code === 0x0a ? '\\n' : code === 0x0d ? '\\r' : code === 0x09 ? '\\t' : `\\u${code.toString(16).padStart(4, '0')}`);
      from = i + 1;
    }
  }
  return out + json.slice(from);
}

const NO_PACK = 'No fact pack was found in this file';
const NO_PACK_IN_BLOCKS_READ = `${NO_PACK}'s JSON-LD blocks that could be read.`;

/**
 * Parses the text of an imported file: Claimlight's pack JSON, schema.org ClaimReview JSON-LD
 * (an object, an array, an `@graph`, a DataFeed, or a page holding JSON-LD script blocks), or a
 * Google Fact Check Tools API response. Fails with every problem found, each naming its record.
 */
export function parsePackText(text: string, options: ParseOptions = {}): Result<ParsedPack, string[]> {
  const tooBig = options.sizeChecked ? null : checkPackSize(byteLength(text));
  if (tooBig) return err([tooBig]);
  const body = text.replace(/^\uFEFF/, '').trim();
  if (!body) return err(['The file is empty.']);

  let value: unknown;
  let unread: string[] = [];
  let reviewsUnread = 0;
  if (body.startsWith('<')) {
    const scripts = parseLdJsonScripts(body);
    if (!scripts.ok) return scripts;
    value = scripts.value.blocks;
    unread = scripts.value.unread;
    reviewsUnread = scripts.value.reviewsUnread;
  } else {
    try {
      value = JSON.parse(body);
    } catch (e) {
      return err([`The file is not valid JSON: ${(e as Error).message}`]);
    }
  }

  try {
    const read = readPackValue(value, options);
    // The blocks left out are said: as warnings of the pack read from the others, or with the
    // reason no pack was found.
    if (!unread.length) return read;
    if (read.ok) return ok({ ...read.value, warnings: [...unread, ...read.value.warnings], ...(reviewsUnread ? { unreadBlocks: reviewsUnread } : {}) });
    // "Holds no ClaimReview" is not so of a block that could not be read.
    return err([...unread.map((note) => note.replace(/, left out$/, '')), ...read.error.map((problem) => (problem.startsWith(NO_PACK) ? NO_PACK_IN_BLOCKS_READ : problem))]);
  } catch (e) {
    // A file is anyone's: a value no reader foresaw (an object whose `toString` is a number, which
    // cannot be written as text) is a refused file, never an exception that leaves an import, or a
    // feed's refresh, without an answer.
    return err([`The file could not be read: ${(e as Error)?.message ?? String(e)}.`]);
  }
}

/** Reads a parsed file as the pack it holds, by its shape. */
function readPackValue(value: unknown, options: ParseOptions): Result<ParsedPack, string[]> {
  if (value && typeof value === 'object' && 'format' in value) {
    const pack = parseFactPack(value);
    return pack.ok ? ok({ pack: pack.value, format: 'claimlight', warnings: [] }) : pack;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const claims = (value as { claims?: unknown }).claims;
    // A Fact Check Tools response's claims come with their reviews; claims none of which has one,
    // under a pack's header, are a Claimlight pack that lost its "format" (read as the API's, every
    // verdict would have become "unrated" and every record "no review came with this claim").
    if (Array.isArray(claims) && !claims.some(isFactCheckApiClaim) && ['formatVersion', 'id', 'title'].some((key) => key in value)) {
      return err(['format: missing: a Claimlight pack says "format": "claimlight-pack"; this file has a pack\'s fields but no "format".']);
    }
    if (Array.isArray(claims)) return packFromApiClaims(claims, options);
    if (isFactCheckApiClaim(value)) return packFromApiClaims([value], options);
  }
  const reviews = collectClaimReviews(value);
  const exportedHeader = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[EXPORTED_HEADER] : undefined;
  if (reviews.length) return packFromClaimReviews(reviews, exportedHeader === undefined ? options : { ...options, exportedHeader });
  return err([`${NO_PACK}: it is not a Claimlight pack, holds no schema.org ClaimReview, and is not a Fact Check Tools API response.`]);
}
