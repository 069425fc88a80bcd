/**
 * Converts schema.org ClaimReview JSON-LD and Google Fact Check Tools API responses into
 * Claimlight packs, and a pack back into ClaimReview. Published data is messy (entities in text,
 * scheme-less URLs, numbers as strings, arrays where objects are expected), so reading is lenient
 * about form and strict about substance: a record with no claim text is a problem, a relative
 * URL is left out with a warning. Validation of the result is `lib/pack.ts`'s.
 */
import { decodeHTMLAttribute } from 'entities';
import * as v from 'valibot';
import type { ParseOptions, ParsedPack } from './pack';
import { readClaimantParts, writeClaimants } from './claimant';
import { sliceWhole } from './whole-characters';
import { parseLink } from './links';
import { err, ok, type Result } from './result';
import { citedItemText, firstRatedLine, NO_REVIEW_SUMMARY, ratedSentence, reviewItemText, titledItemText, titleIn, withoutImportedRatedLines } from './review-notes';
import { CLAIM_ID, ClaimSchema, FactPackSchema, LIMITS, describeIssues, PACK_FORMAT_VERSION, type Claim, type ContextItem, type FactPack, type Source } from './schema';
import { FIRST_YEAR, isDay } from './timeline';
import { numericRatingLabel, VERDICT_LABELS, verdictFromRating } from './verdicts';

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** Whether a node is of a schema.org type, written short ("ClaimReview") or as the type's full
 * name, as expanded or converted JSON-LD writes it ("http://schema.org/ClaimReview", "schema:ClaimReview"). */
function hasType(node: Json, type: string): boolean {
  return asList(node['@type']).some((t) => typeof t === 'string' && t.replace(/^(?:https?:\/\/schema\.org\/|schema:)/i, '').toLowerCase() === type.toLowerCase());
}

const MAX_DEPTH = 8;

/** Where JSON-LD holds the things it is about: `@graph`, a DataFeed's elements, a list's items, and
 * the page or article a review is published in (`mainEntity`, `review`, `hasPart`), which pages
 * wrap their ClaimReview in as often as not: such a file was refused as holding none. */
const HOLDERS = ['@graph', 'dataFeedElement', 'itemListElement', 'item', 'mainEntity', 'review', 'hasPart'];

/** Finds the ClaimReview nodes in JSON-LD: an object, an array, `@graph`, a DataFeed or a
 * DataFeedItem, a list, or the page or article it belongs to (`HOLDERS`). A node that only points
 * to a review by its `@id` is no review, and copies of one review (the same `@id`, no field said
 * two ways: a page's `mainEntity` and the review beside it in `@graph`, one of them cut short) are
 * one, with every field either has; read apart, the one refused the file, the other doubled the
 * claim. (Reviews that share an `@id` but differ, as a feed pieced together from pages that each
 * call theirs "#review" has them, stay apart.) */
export function collectClaimReviews(given: unknown): Json[] {
  const value = shortNamed(given, 0);
  const reviews: Json[] = [];
  // Where each id's latest review is: a copy is compared with it alone (comparing each with every
  // review of its id before it took 20 s for 4,000 reviews all called "#review"), which is where a
  // page's second copy of its review comes, right after the first or among its page's nodes.
  const lastOf = new Map<string, number>();
  for (const node of reviewNodes(value, 0)) {
    const id = node['@id'];
    // A pointer to a review given in full elsewhere (`{"@type": "ClaimReview", "@id": …}`).
    if (typeof id === 'string' && !Object.keys(node).some((key) => !key.startsWith('@'))) continue;
    const at = typeof id === 'string' ? lastOf.get(id) : undefined;
    if (at !== undefined && agree(reviews[at]!, node)) {
      reviews[at] = { ...reviews[at]!, ...node };
      continue;
    }
    if (typeof id === 'string') lastOf.set(id, reviews.length);
    reviews.push(node);
  }
  return reviews;
}

const SCHEMA_PREFIX = /^(?:https?:\/\/schema\.org\/|schema:)/i;

/**
 * The value with schema.org's properties under their short names ("schema:claimReviewed",
 * "http://schema.org/claimReviewed" as "claimReviewed"), as JSON-LD compacted against another
 * context writes them, and as `hasType` reads such a file's types: its reviews were found, then
 * refused as naming no claim. A short name given too wins. Copied only where a name changes.
 */
function shortNamed(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH * 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const named = shortNamed(item, depth + 1);
      if (named !== item) changed = true;
      return named;
    });
    return changed ? items : value;
  }
  let changed = false;
  const entries = Object.entries(value as Json).map(([key, item]) => {
    const short = key.replace(SCHEMA_PREFIX, '');
    const named = shortNamed(item, depth + 1);
    if (short !== key || named !== item) changed = true;
    return [short, named, short !== key] as const;
  });
  if (!changed) return value;
  const out: Json = {};
  for (const [key, item, renamed] of entries) if (!renamed || !(key in (value as Json))) out[key] = item;
  return out;
}

/** Whether two nodes say nothing two ways: every field both have is the same in both. */
function agree(a: Json, b: Json): boolean {
  return Object.keys(a).every((key) => !(key in b) || JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

function reviewNodes(value: unknown, depth: number): Json[] {
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((item) => reviewNodes(item, depth + 1));
  const node = asObject(value);
  if (!node) return [];
  if (hasType(node, 'ClaimReview')) return [node];
  return HOLDERS.flatMap((key) => (key in node ? reviewNodes(node[key], depth + 1) : []));
}

/** True for one Fact Check Tools `Claim` object (a response's `claims[i]` given on its own). */
export function isFactCheckApiClaim(value: unknown): boolean {
  const node = asObject(value);
  return !!node && typeof node.text === 'string' && Array.isArray(node.claimReview);
}

/** The text with each tag as a space: a "<" that starts one, as HTML reads it (a letter, "/", "!"
 * or "?" after it), to the next ">". A "<" before anything else is text, as in "fares < 10 euros":
 * taking it for a tag cut "Inflation < 2% but unemployment > 10%" to "Inflation 10%". Read with
 * `indexOf`: the expression /<[^>]*>/g looked for the end of every "<" that has none, for seconds
 * on a hostile feed. */
function withoutTags(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<'); open >= 0; open = text.indexOf('<', open + 1)) {
    if (!/[A-Za-z/!?]/.test(text[open + 1] ?? '')) continue;
    const close = text.indexOf('>', open + 1);
    // No ">" after this "<": none after any later one either.
    if (close < 0) break;
    out += `${text.slice(at, open)} `;
    at = close + 1;
    open = close;
  }
  return out + text.slice(at);
}

/** An entity encoded a second time ("Singh&amp;#039;s", "&amp;quot;"), as a publisher's templates
 * that escape text already escaped write it: decoded once, it still showed. */
const ENCODED_TWICE = /&amp;(?=#\d{1,7};|#x[0-9a-f]{1,6};|[a-z][a-z0-9]{1,31};)/gi;

/** Decodes HTML entities, every one HTML names ("n&atilde;o", "&rsquo;"), drops tags and folds
 * white space: published text often carries all three. An entity without its semicolon is read
 * as browsers read one in an attribute: not where a letter, a digit or "=" follows, as in an
 * address in text ("?v=1&region=us&times=3", whose "&reg" and "&times" came out as "®" and "×"),
 * but where it ends a word ("5&cent per", "It&#39s", as real titles write them). */
export function cleanText(value: unknown): string | undefined {
  const raw = Array.isArray(value) ? value.filter((x) => typeof x === 'string').join(' ') : value;
  if (typeof raw !== 'string') return undefined;
  const text = decodeHTMLAttribute(withoutTags(raw).replace(ENCODED_TWICE, '&')).replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/** A text cut at a whole character to at most `max`, with an ellipsis where it was cut. */
export function clip(text: string | undefined, max: number): string | undefined {
  if (!text) return undefined;
  return text.length <= max ? text : `${sliceWhole(text, 0, max - 1).trimEnd()}…`;
}

/** Reads a date such as "2022-01-28 18:35" or "2019-06-05T10:00:00+00:00" down to its day. */
function readDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const day = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (day) {
    const [, y, m, d] = day;
    // A day the month does not have ("2025-02-31") is no date: the claim is kept, undated. So is a
    // year before 1000: feeds write "0000-01-01" for a date they do not know.
    return Number(y) >= FIRST_YEAR && isDay(Number(y), Number(m), Number(d)) ? `${y}-${m}-${d}` : undefined;
  }
  // A date known to the month or the year ("2025-02", "2025"), as ISO 8601 and our export write it.
  const part = /^\s*(\d{4})(?:-(\d{2}))?\s*$/.exec(value);
  if (!part) return undefined;
  const [, y, m] = part;
  if (Number(y) < FIRST_YEAR) return undefined;
  if (m === undefined) return y;
  return Number(m) >= 1 && Number(m) <= 12 ? `${y}-${m}` : undefined;
}

function readNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Repairs the URL forms fact-checkers publish: scheme-less ("aosfatos.org/…") and protocol-relative
 * ("//…") get https. Returns `null` for anything still not an absolute http(s) URL, normalized as
 * `lib/links.ts` stores links.
 */
export function readUrl(value: unknown): string | null {
  return reviewLink(value).url;
}

/** The URL forms fact-checkers publish, with https added where it is missing. */
function repairedUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string') return null;
  const url = value.trim();
  if (url.startsWith('//')) return `https:${url}`;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(url)) return `https://${url}`;
  // From the site's root, in a document whose address is known (a feed's): schema.org's `url` is
  // an address, read against the document's own as a page's links are.
  if (base && url.startsWith('/')) {
    try {
      return new URL(url, base).href;
    } catch {
      return url;
    }
  }
  return url;
}

/**
 * A URL a review gives, read once: the link to store (null when it is missing or unusable, and then
 * left out with a warning) and, for one that hides where it goes (a user name before the host,
 * control or bidirectional characters), why it must refuse its record instead. Read after the
 * repairs above, so "//a.example@b.example/" hides too.
 */
function reviewLink(value: unknown, base?: string): { url: string | null; hides: string | null } {
  const repaired = repairedUrl(value, base);
  if (repaired === null) return { url: null, hides: null };
  const link = parseLink(repaired);
  if (!link.ok) return { url: null, hides: link.hides ? link.reason : null };
  return { url: repaired.length > LIMITS.url ? null : link.url, hides: null };
}

/** A schema.org value given as text or as a thing with a `name` (a Person, a DefinedTerm). */
const nameOf = (item: unknown): string | undefined => (typeof item === 'string' ? cleanText(item) : cleanText(asObject(item)?.name));

/** The names in a schema.org `author`/`publisher` value: an object, a string or a list of them. */
function readNames(value: unknown): string | undefined {
  const names = asList(value)
    .map(nameOf)
    .filter((name): name is string => !!name);
  return clip([...new Set(names)].join(', ') || undefined, LIMITS.shortText);
}

/** Who made a claim, as a reader would want them named: each author's name with the role it gives
 * (`jobTitle`: "Declan Furlong (Minister for Housing)"), as our own packs write a claimant. A page
 * often names a speaker by role alone ("the housing minister said"), and the matcher reads the
 * claimant's names (`lib/matching`). */
function readClaimants(value: unknown): string | undefined {
  // Each person once, by name, with the roles any listing of them gives (a handful at most: a
  // file may list thousands).
  const people = new Map<string, { name: string; roles: string[] }>();
  for (const item of asList(value).slice(0, MAX_CLAIMANTS)) {
    // A name given as a list is the person's name, then their roles (Africa Check writes
    // ["Mzwandile Masina", "mayor of Ekurhuleni"]): run together, the role read as part of the name.
    const names = asList(asObject(item)?.name).filter((part): part is string => typeof part === 'string' && !!cleanText(part));
    const name = names.length > 1 ? cleanText(names[0]) : nameOf(item);
    if (!name) continue;
    const key = name.toLowerCase();
    let person = people.get(key);
    if (!person) people.set(key, (person = { name, roles: [] }));
    for (const role of [...names.slice(1), ...asList(asObject(item)?.jobTitle)].slice(0, MAX_ROLES)) {
      const text = nameOf(role);
      if (text && text.toLowerCase() !== key && !person.roles.some((held) => held.toLowerCase() === text.toLowerCase())) person.roles.push(text);
    }
  }
  return clip(writeClaimants([...people.values()], LIMITS.shortText) || undefined, LIMITS.shortText);
}

const MAX_CLAIMANTS = 10;
const MAX_ROLES = 5;

/** A stable short id from text (FNV-1a, 32 bits, as 8 hex digits). */
export function hashId(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

interface Converted {
  claims: Claim[];
  problems: string[];
  warnings: string[];
  languages: string[];
  publishers: string[];
  /** The reviews that gave each `identifier` taken as an id (`reviewId`), by address and text. */
  identified: Map<string, string>;
  /** Where each claim id is in `claims`. */
  claimAt: Map<string, number>;
  /** The review each id made from a hash was made from (its address and text), and the short
   * ids two different reviews share (`addClaim`). */
  hashedFrom: Map<string, string>;
  crowded: Set<string>;
  /** Whether every review says Claimlight wrote it (`EXPORTER`): only then is the file's pack header read. */
  fromClaimlight?: boolean;
  /** The address the document was read from, where it is known (`ParseOptions.baseUrl`). */
  base?: string;
}

/**
 * The source a reader should open first: the fact-check itself where the claim came from one (an
 * imported review's first item names it, as import writes it), else the record's first source.
 */
export function mainSource(claim: Pick<Claim, 'context'>): { source: Source; isFactCheck: boolean } | null {
  const first = claim.context[0];
  const source = first?.sources[0];
  if (!first || !source) return null;
  return { source, isFactCheck: first.text === reviewItemText(source.outlet) || titleIn(first.text, source.outlet) !== null };
}

/** Several publishers as one pack's publisher: the first three by name, then how many more
 * ("A, B, C and 19 more"), within the field's limit. */
export function publisherList(publishers: readonly string[]): string {
  return clip(publishers.slice(0, 3).join(', ') + (publishers.length > 3 ? ` and ${publishers.length - 3} more` : ''), LIMITS.shortText)!;
}

/** A hashed id made longer, for reviews whose short ids clash (`addClaim`): 64 bits. */
/** The longer id a review takes where another review shares its short one (`addClaim`; across
 * files, `buildPack`). */
export const longId = (id: string, review: string) => `${id}-${hashId(`\u0001${review}`)}`;

/**
 * Adds a claim. `hashedFrom` is the review its id was made from by `hashId` (address and text),
 * where it was: two different reviews whose 32-bit ids clash (about one file in a hundred of
 * 10,000 reviews has such a pair) both take a longer id, whichever comes first, so that neither is
 * lost as "the same claim checked again" and each keeps its id from one refresh to the next.
 */
function addClaim(into: Converted, seen: Set<string>, record: string, candidate: unknown, hashedFrom?: string): void {
  const parsed = v.safeParse(ClaimSchema, candidate);
  if (!parsed.success) {
    into.problems.push(...describeIssues(parsed.issues, `${record}: `));
    return;
  }
  const claim = parsed.output;
  if (hashedFrom !== undefined) {
    const earlier = into.hashedFrom.get(claim.id);
    if (earlier !== undefined && earlier !== hashedFrom) {
      // The first review of this short id takes its long one, in place.
      const at = into.claimAt.get(claim.id)!;
      const moved = longId(claim.id, earlier);
      into.claims[at] = { ...into.claims[at]!, id: moved };
      into.claimAt.delete(claim.id);
      into.claimAt.set(moved, at);
      seen.delete(claim.id);
      seen.add(moved);
      into.hashedFrom.delete(claim.id);
      into.crowded.add(claim.id);
    }
    if (into.crowded.has(claim.id)) claim.id = longId(claim.id, hashedFrom);
    else into.hashedFrom.set(claim.id, hashedFrom);
  }
  if (seen.has(claim.id)) {
    // The same review listed twice (a page and its feed entry) is one claim, not a conflict. The
    // same claim checked again (a spreadsheet's later row for it, rated anew) is kept as the later
    // check says, and said so: the first used to stay, the later dropped without a word.
    const at = into.claimAt.get(claim.id);
    if (at !== undefined && JSON.stringify(into.claims[at]) !== JSON.stringify(claim)) {
      into.claims[at] = claim;
      into.warnings.push(`${record}: the same claim as an earlier review, checked again: the later check is kept`);
    }
    return;
  }
  seen.add(claim.id);
  into.claimAt.set(claim.id, into.claims.length);
  into.claims.push(claim);
}

/** `{ [key]: value }`, or nothing when the value is missing, so no key holds `undefined`. */
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The review's own title, when it says more than the claim it checks. */
function headlineOf(node: Json, text: string): string | undefined {
  const headline = clip(cleanText(node.headline) ?? cleanText(node.name), LIMITS.claimText);
  return headline && headline !== text ? headline : undefined;
}

/** Who Claimlight's ClaimReview export names as the maker of its markup (schema.org `sdPublisher`):
 * the `identifier` of a review so marked is a Claimlight claim's id. */
const EXPORTER = 'Claimlight';

/**
 * A review's claim id: made from its address and text, which stay the same from one refresh of a
 * fact-checker's feed to the next whatever order it lists its reviews in (its own `identifier`,
 * a post id, would change the ids its claims had). A review Claimlight exported (`EXPORTER`), or
 * one without an address, whose text two claims of the same wording share, takes its schema.org
 * `identifier` (where the export writes the claim's id) when that is a valid id no earlier review
 * of the file took. Two such claims used to come back from an export as one, and every claim with
 * a new id, which the hidden matches keyed by ids no longer named.
 */
function reviewId(node: Json, url: string | null | undefined, text: string, identified: Map<string, string>): { id: string; hashedFrom?: string } {
  const review = `${url ?? ''}\n${text}`;
  if (url && readNames(node.sdPublisher) !== EXPORTER) return { id: `cr-${hashId(review)}`, hashedFrom: review };
  const identifier = node.identifier;
  const id = typeof identifier === 'number' && Number.isSafeInteger(identifier) && identifier >= 0 ? String(identifier) : typeof identifier === 'string' ? identifier.trim() : '';
  if (id && id.length <= LIMITS.id && CLAIM_ID.test(id)) {
    const earlier = identified.get(id);
    // The same review listed twice keeps its id, and is one claim (`addClaim`).
    if (earlier === undefined) identified.set(id, review);
    if (earlier === undefined || earlier === review) return { id };
  }
  return { id: `cr-${hashId(review)}`, hashedFrom: review };
}

function convertClaimReview(node: Json, index: number, into: Converted, seen: Set<string>): void {
  const rawUrl = node.url;
  // A review may give its address more than once (its page and an AMP copy): the first usable one
  // is its address; one that hides where it goes refuses the record, wherever it is in the list.
  const ownLinks = asList(rawUrl).map((link) => reviewLink(link, into.base));
  const own = ownLinks.find((link) => link.hides) ?? ownLinks.find((link) => link.url) ?? { url: null, hides: null };
  const url = own.url;
  const record = `review ${index + 1}${url ? ` (${url})` : ''}`;
  const citations = asList(node.citation).map((citation) => {
    const cited = asObject(citation);
    return { cited, link: reviewLink(cited?.url ?? citation, into.base) };
  });
  const hiding = own.hides ?? citations.find((c) => c.link.hides)?.link.hides;
  if (hiding) {
    into.problems.push(`${record}: ${own.hides ? 'url' : 'citation url'}: ${hiding}`);
    return;
  }
  if (rawUrl !== undefined && !url) {
    const written = typeof rawUrl === 'string' ? JSON.stringify(rawUrl.slice(0, 120)) : `(${rawUrl === null ? 'null' : Array.isArray(rawUrl) ? 'a list' : `a ${typeof rawUrl}`})`;
    into.warnings.push(`${record}: url ${written} is not an absolute web address and was left out`);
  }
  const text = clip(cleanText(node.claimReviewed), LIMITS.claimText);
  if (!text) {
    into.problems.push(`${record}: claimReviewed: missing: a review must say which claim it checks`);
    return;
  }
  const item = asObject(asList(node.itemReviewed)[0]) ?? {};
  // A rating given as a bare word ("reviewRating": "False") is its name.
  const givenRating = asList(node.reviewRating)[0];
  const rating = typeof givenRating === 'string' ? { alternateName: givenRating } : (asObject(givenRating) ?? {});
  // schema.org: an omitted bestRating is 5, an omitted worstRating 1.
  const [value, best, worst] = [readNumber(rating.ratingValue), readNumber(rating.bestRating) ?? 5, readNumber(rating.worstRating) ?? 1];
  // A rating given only in numbers is still the fact-checker's rating (`numericRatingLabel`).
  // A rating written in words where its number goes ("ratingValue": "False") is its name too.
  const wordsAsValue = value === undefined ? cleanText(rating.ratingValue) : undefined;
  const label = clip(cleanText(rating.alternateName) ?? cleanText(rating.name) ?? wordsAsValue, LIMITS.shortText) ?? numericRatingLabel(value, best, worst);
  // A label no table places (a sentence, "ये तस्वीर अफ्रीका में…", in a language without one) with
  // the rating in numbers too, on a scale the review spells out whole: the numbers say it. Only
  // where both ends are given: some publishers write category codes as the value and leave the
  // worst out (Lupa's 4 of 6 is "Falso").
  const scaleGiven = readNumber(rating.bestRating) !== undefined && readNumber(rating.worstRating) !== undefined;
  const byLabel = verdictFromRating(label, value, best, worst);
  const verdict = byLabel === 'unrated' && scaleGiven ? verdictFromRating(undefined, value, best, worst) : byLabel;
  // The publisher first: a review's author is often the person who wrote it, and the reader knows
  // the fact-checker by its organisation. Without one, an author that is no Person, then the site
  // the review is on, and only then the journalist: Estadão names Clarissa Pacheco as the author
  // and no publisher, and its pack was "Fact-checks by Clarissa Pacheco", its cards "Rated Falso
  // by Clarissa Pacheco".
  const people = asList(node.author).filter((author) => asList(asObject(author)?.['@type']).includes('Person'));
  const outlet = readNames(node.publisher) ?? readNames(asList(node.author).filter((author) => !people.includes(author))) ?? (url ? hostOf(url) : undefined) ?? readNames(people) ?? 'an unnamed fact-checker';
  const published = readDate(node.datePublished);
  const claimDate = readDate(item.datePublished);
  // A date written otherwise than schema.org's (ISO 8601), as a spreadsheet writes it in its
  // locale ("12/02/2025"), is left out, and said so: it used to go without a word.
  for (const [field, value, read] of [['datePublished', node.datePublished, published], ['itemReviewed.datePublished', item.datePublished, claimDate]] as const) {
    if (read === undefined && typeof value === 'string' && value.trim() && !/^\s*\d{4}-\d{2}-\d{2}/.test(value)) {
      into.warnings.push(`${record}: ${field} ${JSON.stringify(value.slice(0, 40))} is not a date written as 2025-02-12, and was left out`);
    }
  }
  const sources: Source[] = url ? [{ url, outlet, ...(published ? { published } : {}) }] : [];
  const context: ContextItem[] = sources.length ? [{ text: reviewItemText(outlet), sources }] : [];
  let citationsLeftOut = 0;
  for (const { cited, link } of citations) {
    const citedUrl = link.url;
    if (!citedUrl) continue;
    const citedText = clip(cleanText(cited?.name) ?? cleanText(cited?.description), LIMITS.longText) ?? citedItemText(outlet);
    const citedOutlet = readNames(cited?.publisher) ?? hostOf(citedUrl);
    const citedDate = readDate(cited?.datePublished);
    const source = { url: citedUrl, outlet: citedOutlet, ...(citedDate ? { published: citedDate } : {}) };
    // Citations in a row that say the same are one item with several sources, as an export of an
    // item with several writes them: read one item each, the card showed the same words once a source.
    const last = context.length > (sources.length ? 1 : 0) ? context[context.length - 1]! : null;
    if (last && last.text === citedText && last.sources.length < LIMITS.sourcesPerItem) last.sources.push(source);
    else if (context.length < LIMITS.contextItems) context.push({ text: citedText, sources: [source] });
    else citationsLeftOut++;
  }
  if (citationsLeftOut) into.warnings.push(`${record}: citation: ${citationsLeftOut} more cited ${citationsLeftOut === 1 ? 'source was' : 'sources were'} left out (a claim keeps at most ${LIMITS.contextItems} items of context)`);
  const body = cleanText(node.reviewBody) ?? cleanText(node.description);
  // The rating's own reason ("The video is from 2019, not this year"), where the review gives one
  // in words (a number there, as one publisher writes, says nothing) and its body does not already.
  const reason = cleanText(rating.ratingExplanation);
  const explained = reason && !body?.includes(reason) ? reason : undefined;
  // The line saying who rated it goes first, unless the review's own words would then not fit:
  // the card names the rating and the outlet anyway, and cutting the review's words loses them.
  const reviewWords = [explained, body].filter(Boolean).join(' ');
  const rated = ratedSentence(label, outlet, published);
  const summary = clip(rated.length + 1 + reviewWords.length > LIMITS.longText ? reviewWords : [rated, reviewWords].filter(Boolean).join(' '), LIMITS.longText);
  const language = cleanText(node.inLanguage);
  if (language) into.languages.push(language);
  into.publishers.push(outlet);
  const { id, hashedFrom } = reviewId(node, url, text, into.identified);
  addClaim(into, seen, record, {
    id,
    text,
    ...optional('headline', headlineOf(node, text)),
    claimant: readClaimants(item.author),
    claimDate,
    verdict,
    ratingLabel: label,
    summary,
    context,
    cues: { phrases: [], terms: [] },
    // What a file Claimlight wrote says beyond schema.org (`ownFieldsOf`), checked with the rest.
    ...(readNames(node.sdPublisher) === EXPORTER ? ownFieldsIn(node) : {}),
  }, hashedFrom);
}

function ownFieldsIn(node: Json): Json {
  const own = asObject(node[OWN_FIELDS]);
  if (!own) return {};
  return { ...(own.telling !== undefined ? { telling: own.telling } : {}), ...(own.cues !== undefined ? { cues: own.cues } : {}), ...(own.verdict !== undefined ? { verdict: own.verdict } : {}) };
}

function convertApiClaim(raw: unknown, index: number, into: Converted, seen: Set<string>): void {
  const node = asObject(raw);
  const text = clip(cleanText(node?.text), LIMITS.claimText);
  const record = `claim ${index + 1}`;
  if (!node || !text) {
    into.problems.push(`${record}: text: missing: a claim must say what was claimed`);
    return;
  }
  const reviews = asList(node.claimReview).map(asObject).filter((r): r is Json => !!r);
  const links = reviews.map((review) => reviewLink(review.url));
  const hidingAt = links.findIndex((link) => link.hides);
  if (hidingAt >= 0) {
    into.problems.push(`${record}: claimReview[${hidingAt}].url: ${links[hidingAt]!.hides}`);
    return;
  }
  const context: ContextItem[] = [];
  const sentences: string[] = [];
  let first: { label?: string } | undefined;
  reviews.forEach((review, r) => {
    const url = links[r]!.url;
    const publisher = asObject(review.publisher);
    const outlet = readNames(publisher) ?? cleanText(publisher?.site) ?? (url ? hostOf(url) : 'an unnamed fact-checker');
    const label = clip(cleanText(review.textualRating), LIMITS.shortText);
    const date = readDate(review.reviewDate);
    // The claim's verdict is the first rating given: a review listed first without one (a news
    // report of the claim) left the claim unrated though a fact-checker's after it rated it.
    if (label) first ??= { label };
    sentences.push(ratedSentence(label, outlet, date));
    if (review.languageCode && typeof review.languageCode === 'string') into.languages.push(review.languageCode);
    into.publishers.push(outlet);
    if (!url) {
      if (review.url !== undefined) into.warnings.push(`${record}: claimReview[${r}].url is not an absolute web address and was left out`);
      return;
    }
    const title = cleanText(review.title);
    context.push({
      text: clip(title ? titledItemText(outlet, title) : reviewItemText(outlet), LIMITS.longText)!,
      sources: [{ url, outlet, ...(date ? { published: date } : {}) }],
    });
  });
  const label = first?.label;
  const review = `${text}\n${context[0]?.sources[0]?.url ?? ''}`;
  addClaim(into, seen, record, {
    id: `fc-${hashId(review)}`,
    text,
    claimant: clip(cleanText(node.claimant), LIMITS.shortText),
    claimDate: readDate(node.claimDate),
    verdict: verdictFromRating(label),
    ratingLabel: label,
    summary: clip(sentences.join(' ') || NO_REVIEW_SUMMARY, LIMITS.longText),
    context: context.slice(0, LIMITS.contextItems),
    cues: { phrases: [], terms: [] },
  }, review);
}

function finishPack(into: Converted, options: ParseOptions, kind: 'ClaimReview' | 'Fact Check Tools'): Result<ParsedPack, string[]> {
  if (into.problems.length) return err(into.problems);
  if (!into.claims.length) return err([`The ${kind} data holds no claims.`]);
  const today = (options.today ?? new Date()).toISOString().slice(0, 10);
  const base = options.feedName?.trim() || options.fileName?.replace(/\.[^.]+$/, '').trim();
  const publishers = [...new Set(into.publishers)];
  const language = into.languages.map((l) => l.trim()).find((l) => /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(l)) ?? 'und';
  const pack: FactPack = {
    format: 'claimlight-pack',
    formatVersion: PACK_FORMAT_VERSION,
    id: `${kind === 'ClaimReview' ? 'claimreview' : 'factcheck'}-${hashId(into.claims.map((c) => c.id).join(' '))}`,
    // Named after the fact-checker when there is one, which says more than a file name.
    title: clip(publishers.length === 1 ? `Fact-checks by ${publishers[0]}` : base || `${kind} import (${into.claims.length} claims)`, LIMITS.shortText)!,
    version: today,
    publisher: publisherList(publishers),
    language,
    created: today,
    description: `Imported from ${kind} data${base ? ` (${base})` : ''}.`,
    claims: into.claims,
  };
  // The header is made of outlet names and the file's name: read as a pack's header is, so that the
  // characters that turn text around, left out of every other field, are left out of it too (and a
  // pack exported in our format imports again with the same title).
  const header = v.safeParse(FactPackSchema, pack);
  if (!header.success) return err(describeIssues(header.issues, 'pack: '));
  // A pack Claimlight exported as ClaimReview imports again under its own id, title and dates, as
  // one exported in our format does: named anew, it stood in the store beside the pack it came from.
  const made = { ...header.output, claims: into.claims };
  const exported = kind === 'ClaimReview' && into.fromClaimlight ? exportedHeaderOf(options.exportedHeader, made) : null;
  return ok({ pack: exported ? { ...exported, claims: into.claims } : made, format: kind === 'ClaimReview' ? 'claimreview' : 'factcheck-api', warnings: into.warnings, publishers });
}

/** Where an export writes its pack's header, beside the `@graph` of reviews. */
export const EXPORTED_HEADER = 'claimlightPack';
const HEADER_FIELDS = ['id', 'title', 'version', 'publisher', 'language', 'created', 'description'] as const;

/** The header an export carried, over the one the import made up; null where it does not read as a
 * pack's header (a file edited by hand), and the import keeps its own. */
function exportedHeaderOf(written: unknown, made: FactPack): v.InferOutput<typeof FactPackSchema> | null {
  if (!written || typeof written !== 'object' || Array.isArray(written)) return null;
  const fields = Object.fromEntries(HEADER_FIELDS.filter((key) => key in written).map((key) => [key, (written as Record<string, unknown>)[key]]));
  const read = v.safeParse(FactPackSchema, { ...made, description: undefined, ...fields });
  return read.success ? read.output : null;
}

/** The pack limit holds for every import path: a file over it is refused before any record is read
 * (a 330,000-review file took a minute to convert, then slowed every page). */
function overLimit(count: number, kind: 'ClaimReview' | 'Fact Check Tools'): string | null {
  if (count <= LIMITS.claimsPerPack) return null;
  const items = kind === 'ClaimReview' ? 'reviews' : 'claims';
  return `The ${kind} data holds ${count.toLocaleString('en')} ${items}; Claimlight takes at most ${LIMITS.claimsPerPack.toLocaleString('en')} from one file. Split it into smaller files and import each.`;
}

const emptyConversion = (): Converted => ({ claims: [], problems: [], warnings: [], languages: [], publishers: [], identified: new Map(), claimAt: new Map(), hashedFrom: new Map(), crowded: new Set() });

/** Builds a pack from ClaimReview nodes; fails with every record that has no usable claim. */
export function packFromClaimReviews(nodes: Json[], options: ParseOptions = {}): Result<ParsedPack, string[]> {
  const tooMany = overLimit(nodes.length, 'ClaimReview');
  if (tooMany) return err([tooMany]);
  const into = emptyConversion();
  if (options.baseUrl) into.base = options.baseUrl;
  const seen = new Set<string>();
  nodes.forEach((node, i) => convertClaimReview(node, i, into, seen));
  into.fromClaimlight = options.exportedHeader !== undefined && nodes.every((node) => readNames(node.sdPublisher) === EXPORTER);
  return finishPack(into, options, 'ClaimReview');
}

/** Builds a pack from the `claims` of a Fact Check Tools API response. */
export function packFromApiClaims(claims: unknown[], options: ParseOptions = {}): Result<ParsedPack, string[]> {
  const tooMany = overLimit(claims.length, 'Fact Check Tools');
  if (tooMany) return err([tooMany]);
  const into = emptyConversion();
  const seen = new Set<string>();
  claims.forEach((claim, i) => convertApiClaim(claim, i, into, seen));
  return finishPack(into, options, 'Fact Check Tools');
}

/** The review a claim came from, as the importers keep it: its first context item, "Fact-check by
 * <outlet>." (ClaimReview) or "<outlet>: <title>" (Fact Check Tools), with the review's own address,
 * outlet and date as its one source; and whether that item says no more than that, or holds the
 * review's title, which the export keeps as a citation. (Only the first form was known: a Fact
 * Check Tools claim went out rated by the pack's publishers, all of them, on the pack's date.) */
function importedReview(claim: FactPack['claims'][number]): { source: Source; titled: boolean } | null {
  const first = claim.context[0];
  const main = first?.sources.length === 1 ? mainSource(claim) : null;
  if (!main?.isFactCheck) return null;
  const titled = first!.text !== reviewItemText(main.source.outlet);
  // "<outlet>: <words>" is also how a pack of our own may cite a source: it is a review only where
  // the import's line for it ("Rated “False” by <outlet> on <date>.") is in the summary too.
  if (titled && !claim.summary.includes(ratedSentence(claim.ratingLabel, main.source.outlet, main.source.published))) return null;
  return { source: main.source, titled };
}

/** A claimant as schema.org's `author`: a Person for each one the string names, with the role in
 * their brackets ("Declan Furlong (Minister for Housing)", as `readClaimants` writes it) as their
 * `jobTitle`; one Person alone, several as a list. Read back, the claimant is the same string, but
 * for the space `readClaimants` writes after each comma ("Facebook,Twitter" from the Fact Check
 * Tools API comes back as "Facebook, Twitter"). */
function claimantNode(claimant: string): Json | Json[] {
  const parts = readClaimantParts(claimant);
  // A claimant the parts do not write again as it is, spaces aside ("Ministers at the Paris
  // (Weimar+) meeting", whose brackets are inside the name), goes as one Person, by the string as
  // written: read back from its parts, it came back as "Ministers at the Paris meeting (Weimar+)".
  const unspaced = (text: string) => text.replace(/\s+/g, '');
  if (unspaced(writeClaimants(parts.map(({ name, role }) => ({ name, roles: role ? [role] : [] })), LIMITS.shortText)) !== unspaced(claimant)) return { '@type': 'Person', name: exportedText(claimant) };
  const people = parts.map(({ name, role }): Json => ({ '@type': 'Person', name: exportedText(name), ...(role ? { jobTitle: exportedText(role) } : {}) }));
  // More people than the importer reads back (`MAX_CLAIMANTS`) go as one, by the string as written,
  // so that none is lost on the way back.
  if (people.length === 1) return people[0]!;
  return people.length && people.length <= MAX_CLAIMANTS ? people : { '@type': 'Person', name: exportedText(claimant) };
}

/**
 * A text as the export writes it: as it is, unless the importer's reading of published text
 * (`cleanText`: tags dropped, entities decoded) would change it, as it would "pay <5 euros and >10"
 * or "&amp;": then with `&`, `<` and `>` written as entities, which that reading turns back once.
 */
function exportedText(text: string): string {
  if (cleanText(text) === text.replace(/\s+/g, ' ').trim()) return text;
  // "&" as a number, not "&amp;": the importer reads "&amp;" before an entity as one encoded twice
  // (`ENCODED_TWICE`), and a text that writes "&quot;" must come back as it went.
  return text.replace(/&/g, '&#38;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Writes a pack as schema.org ClaimReview JSON-LD: one `@graph` with a node per claim. A claim
 * imported from a review gets that review back (its address, date and author, its body without the
 * "Rated … by …" line the importer put before it), so that exporting and importing again keeps
 * every field; a claim of our own format is reviewed by the pack's publisher on the pack's date.
 */
/** Where an export writes what schema.org has no words for: the report a verdict judges
 * (`telling`) and the pack's cues. Read back only from a file Claimlight wrote (`EXPORTER`); other
 * readers of JSON-LD leave a term they do not know alone. */
const OWN_FIELDS = 'claimlightClaim';

function ownFieldsOf(claim: Claim): Json {
  const cues = claim.cues.phrases.length || claim.cues.terms.length ? { cues: claim.cues } : {};
  // A verdict its rating's label does not read as (a pack's claim rated false whose label says
  // "Misleading", or "Four Pinocchios", which reads as no verdict): an import read it from the label
  // alone, and the claim came back rated otherwise, or unrated and no longer marked.
  const verdict = verdictFromRating(claim.ratingLabel ?? VERDICT_LABELS[claim.verdict]) === claim.verdict ? {} : { verdict: claim.verdict };
  const own = { ...(claim.telling ? { telling: claim.telling } : {}), ...cues, ...verdict };
  return Object.keys(own).length ? { [OWN_FIELDS]: own } : {};
}

export function packToClaimReview(pack: FactPack): Json {
  const header = Object.fromEntries(HEADER_FIELDS.filter((key) => pack[key] !== undefined).map((key) => [key, pack[key]!]));
  return {
    '@context': 'https://schema.org',
    // Not schema.org's: what the pack is called and which it is, read back by an import of this file.
    [EXPORTED_HEADER]: header,
    '@graph': pack.claims.map((claim) => {
      const imported = importedReview(claim);
      const review = imported?.source;
      // A review that came with no address has no source to keep its outlet and date: its line in
      // the summary names them, and it goes out by them, not by the pack's publishers (all of them,
      // for a feed of several fact-checkers) on the day the pack was imported.
      const named = review ? null : firstRatedLine(claim.summary, claim.ratingLabel);
      const outlet = review?.outlet ?? named?.outlet;
      // A review that gave no date goes without one: the pack's date is when it was imported.
      const date = review ? review.published : named ? named.date : pack.created;
      // The "Rated … by …" lines an import wrote: the import writes them again from the rating,
      // and a claim exported, imported and exported again used to gain one each time.
      const body = withoutImportedRatedLines(claim.summary, claim.ratingLabel, [...(outlet ? [outlet] : []), pack.publisher, ...claim.context.flatMap((item) => item.sources.map((source) => source.outlet))]);
      return {
        '@type': 'ClaimReview',
        identifier: claim.id,
        // Says that `identifier` is the claim's id, which an import of this file keeps (`reviewId`).
        sdPublisher: { '@type': 'Organization', name: EXPORTER },
        ...(review ? { url: review.url } : {}),
        claimReviewed: exportedText(claim.text),
        ...(claim.headline ? { headline: exportedText(claim.headline) } : {}),
        ...(date ? { datePublished: date } : {}),
        inLanguage: pack.language,
        author: { '@type': 'Organization', name: exportedText(outlet ?? pack.publisher) },
        // A review that gave no rating goes without one: written "Not rated", it came back "Rated
        // “Not rated” by …" in place of "Reviewed by …, with no rating given".
        ...(!claim.ratingLabel && (review || named) ? {} : { reviewRating: { '@type': 'Rating', alternateName: exportedText(claim.ratingLabel ?? VERDICT_LABELS[claim.verdict]) } }),
        ...(body ? { reviewBody: exportedText(body) } : {}),
        ...ownFieldsOf(claim),
        itemReviewed: {
          '@type': 'Claim',
          ...(claim.claimant ? { author: claimantNode(claim.claimant) } : {}),
          ...(claim.claimDate ? { datePublished: claim.claimDate } : {}),
        },
        citation: (imported && !imported.titled ? claim.context.slice(1) : claim.context).flatMap((item) =>
          item.sources.map((source) => ({
            '@type': 'CreativeWork',
            name: exportedText(item.text),
            url: source.url,
            publisher: { '@type': 'Organization', name: exportedText(source.outlet) },
            ...(source.published ? { datePublished: source.published } : {}),
          })),
        ),
      };
    }),
  };
}
