/**
 * The fact pack format: what a pack, a claim, a context item and a source are, checked with valibot.
 * Parsing a whole file (size limits, JSON errors, other formats) is `lib/pack.ts`'s job; this module
 * only says what a valid value looks like.
 */
import * as v from 'valibot';
import { MAX_URL_LENGTH, parseLink } from './links';
import { isDay } from './timeline';

// The verdicts are named in verdicts.ts, which the content script reads without this module's schemas.
import { VERDICTS } from './verdicts';
export { VERDICTS, type Verdict } from './verdicts';

/** Bounds on every text field, so a hostile pack cannot bloat the store or the page's card. */
export const LIMITS = {
  id: 200,
  shortText: 300,
  claimText: 2_000,
  longText: 5_000,
  url: MAX_URL_LENGTH,
  phrases: 50,
  termGroups: 20,
  termsPerGroup: 50,
  contextItems: 50,
  sourcesPerItem: 20,
  claimsPerPack: 50_000,
} as const;

const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
/** What a pack's or a claim's id may be: letters, digits and `._:-`, starting with a letter or digit. */
export const CLAIM_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const ID = CLAIM_ID;

/** Writes a valibot issue path as `context[0].sources[1].url`. */
export function formatIssuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The message for one issue, reworded where valibot's own is written for developers. */
function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'object' || issue.type === 'strict_object') {
    if (issue.received === 'undefined') return 'is missing';
    if (issue.expected === 'never') return 'is not a field Claimlight knows';
  }
  return issue.message;
}

/** One line per issue: `prefix` + `path: message`, e.g. "claim 7 (`x`): sources[0].url: must be an http(s) URL". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], prefix: string): string[] {
  return issues.map((issue) => {
    const path = formatIssuePath(issue);
    return `${prefix}${path ? `${path}: ` : ''}${issueMessage(issue)}`;
  });
}

/** True for an absolute http: or https: URL that says where it goes (`lib/links.ts`); everything
 * else (javascript:, data:, relative, a user name before the host) is refused. */
export function isHttpUrl(value: string): boolean {
  return parseLink(value).ok;
}

/** Characters that override or embed a direction ("\u202e" draws what follows backwards): in a
 * pack's text they could make an outlet's name, a host or a date read as something else. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

const text = (max: number) =>
  v.pipe(
    v.string('must be text'),
    v.transform((value) => value.replace(BIDI_CONTROLS, '')),
    v.trim(),
    v.nonEmpty('must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

const partialDate = v.pipe(
  v.string('must be a date'),
  v.regex(PARTIAL_DATE, 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check((date) => {
    const [year, month, day] = date.split('-').map(Number);
    return day === undefined || isDay(year!, month!, day);
  }, 'must be a day that exists (2025-02-31 is not one)'),
);

const id = v.pipe(
  v.string('must be text'),
  v.nonEmpty('must not be empty'),
  v.maxLength(LIMITS.id, `must be at most ${LIMITS.id} characters`),
  v.regex(ID, 'must start with a letter or digit and hold only letters, digits and . _ : -'),
);

/** A link, stored as the browser will follow it: what the card shows is where the link goes. */
const link = v.pipe(
  v.string('must be text'),
  v.maxLength(LIMITS.url, `must be at most ${LIMITS.url} characters`),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const parsed = parseLink(dataset.value);
    if (parsed.ok) return parsed.url;
    addIssue({ message: parsed.reason });
    return NEVER;
  }),
);

/** A list of one or more short phrases. */
const phrases = v.pipe(
  v.array(text(LIMITS.shortText), 'must be a list of phrases'),
  v.minLength(1, 'must list at least one phrase'),
  v.maxLength(LIMITS.phrases, `must list at most ${LIMITS.phrases} phrases`),
);

export const SourceSchema = v.strictObject({
  url: link,
  outlet: text(LIMITS.shortText),
  published: v.optional(partialDate),
});

export const ContextItemSchema = v.strictObject({
  text: text(LIMITS.longText),
  sources: v.pipe(
    v.array(SourceSchema, 'must be a list of sources'),
    v.minLength(1, 'must list at least one source'),
    v.maxLength(LIMITS.sourcesPerItem, `must list at most ${LIMITS.sourcesPerItem} sources`),
  ),
});

export const CuesSchema = v.strictObject({
  phrases: v.pipe(
    v.array(text(LIMITS.shortText), 'must be a list of phrases'),
    v.maxLength(LIMITS.phrases, `must list at most ${LIMITS.phrases} phrases`),
  ),
  terms: v.pipe(
    v.array(
      v.pipe(
        v.array(text(LIMITS.shortText), 'must be a list of terms'),
        v.minLength(1, 'must hold at least one term'),
        v.maxLength(LIMITS.termsPerGroup, `must hold at most ${LIMITS.termsPerGroup} terms`),
      ),
      'must be a list of term groups',
    ),
    v.maxLength(LIMITS.termGroups, `must list at most ${LIMITS.termGroups} groups`),
  ),
  /** Words that mark a different claim or event: a sentence carrying one is not a mention. */
  exclude: v.optional(
    v.pipe(
      v.array(text(LIMITS.shortText), 'must be a list of terms'),
      v.maxLength(LIMITS.termsPerGroup, `must list at most ${LIMITS.termsPerGroup} terms`),
    ),
  ),
});

/**
 * What a verdict judges when it is about how one report told the story rather than about a claim
 * in the world: the report, and what in its telling was at fault. Another page that mentions the
 * same events carries the verdict only when it repeats that fault; otherwise the reader sees the
 * record as context (`lib/mention-verdict.ts`). A claim without it (every imported ClaimReview)
 * carries its verdict wherever it is repeated.
 */
export const TellingSchema = v.strictObject({
  /** The report whose telling the verdict judges. */
  report: v.strictObject({
    title: text(LIMITS.shortText),
    url: v.optional(link),
    published: v.optional(partialDate),
  }),
  /** The wording at fault ("defense summit", "during the call"): the verdict holds for a sentence
   * that repeats one of them, in any inflection. Without it, the wording is not what was wrong. */
  faultWording: v.optional(phrases),
  /** Wording that sets the record straight ("minerals" for a meeting the report made about aid,
   * "a day earlier" for a quote it moved in time): a sentence that carries one does not repeat
   * the fault, whatever else it says. */
  clearedBy: v.optional(phrases),
  /** The last day of the events: a verdict of misdating holds only on a page dated more than
   * `STALE_AFTER_DAYS` after it, the page's own date against the events'. */
  eventsEnd: v.optional(partialDate),
});

export const ClaimSchema = v.strictObject({
  id,
  text: text(LIMITS.claimText),
  /** The fact-check's own title for the claim (a ClaimReview's headline), which often words it otherwise. */
  headline: v.optional(text(LIMITS.claimText)),
  claimant: v.optional(text(LIMITS.shortText)),
  claimDate: v.optional(partialDate),
  verdict: v.picklist(VERDICTS, `must be one of: ${VERDICTS.join(', ')}`),
  ratingLabel: v.optional(text(LIMITS.shortText)),
  summary: text(LIMITS.longText),
  context: v.pipe(
    v.array(ContextItemSchema, 'must be a list of context items'),
    v.maxLength(LIMITS.contextItems, `must list at most ${LIMITS.contextItems} items`),
  ),
  cues: v.optional(CuesSchema, { phrases: [], terms: [] }),
  /** Present when the verdict judges one report's telling (format version 2). */
  telling: v.optional(TellingSchema),
});

/**
 * Current version of the pack file format; a file of a newer format is refused with a clear
 * message. Version 2 added `telling`; a version 1 file reads as version 2 with no claim judging a
 * telling, which is what version 1 meant (the `formatVersion` transform below; `parseFactPack` in
 * `lib/pack.ts` refuses a version 1 file whose claims carry one).
 */
export const PACK_FORMAT_VERSION = 2;
/** Every format version this Claimlight reads. */
export const READABLE_FORMAT_VERSIONS = [1, 2] as const;

export const FactPackSchema = v.strictObject({
  format: v.literal('claimlight-pack', 'must be "claimlight-pack"'),
  formatVersion: v.pipe(
    v.picklist(READABLE_FORMAT_VERSIONS, `must be ${READABLE_FORMAT_VERSIONS.join(' or ')}`),
    // Older formats are read as the current one: what they could say, the current one says the same way.
    v.transform((): typeof PACK_FORMAT_VERSION => PACK_FORMAT_VERSION),
  ),
  id,
  title: text(LIMITS.shortText),
  version: text(50),
  publisher: text(LIMITS.shortText),
  language: v.pipe(
    v.string('must be text'),
    v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as "en" or "pt-BR"'),
  ),
  created: partialDate,
  description: v.optional(text(LIMITS.longText)),
  claims: v.pipe(
    v.array(v.unknown(), 'must be a list of claims'),
    v.minLength(1, 'must hold at least one claim'),
    v.maxLength(LIMITS.claimsPerPack, `must hold at most ${LIMITS.claimsPerPack} claims`),
  ),
});

export type Source = v.InferOutput<typeof SourceSchema>;
export type ContextItem = v.InferOutput<typeof ContextItemSchema>;
export type Cues = v.InferOutput<typeof CuesSchema>;
export type Telling = v.InferOutput<typeof TellingSchema>;
export type Claim = v.InferOutput<typeof ClaimSchema>;
/** A validated pack: the header fields plus claims that each passed `ClaimSchema`. */
export type FactPack = Omit<v.InferOutput<typeof FactPackSchema>, 'claims'> & { claims: Claim[] };
