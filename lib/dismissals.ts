/**
 * Matches the reader rejected ("Not this claim"): on one page, or for a claim on every page, and the
 * ones they reported as wrong for a pack's maintainers. Kept in `storage.local`, on this device only,
 * so that a reload remembers them; the settings page lists them, takes them back, and exports the
 * reports as a file. The content script hides what they name; this file only keeps the list.
 */
import * as v from 'valibot';
import { sliceWhole } from './whole-characters';

/** The storage.local key of the list. */
export const DISMISSALS_KEY = 'claimlight:dismissed';

/** The most remembered per kind; the oldest go first. */
export const MAX_DISMISSALS = 2_000;

/** One rejected match: this claim, on these words, on this page. */
export interface PageDismissal {
  /** The page, as `pageKeyOf` writes it. */
  page: string;
  claimKey: string;
  claimText: string;
  /** The words on the page that were marked. */
  text: string;
  /** When, as an ISO timestamp. */
  at: string;
}

/** A claim the reader wants marked nowhere. */
export interface ClaimDismissal {
  claimKey: string;
  claimText: string;
  at: string;
}

/** A match the reader reported as wrong: what a pack's maintainer needs to see it. */
export interface WrongMatchReport {
  /** The page's full address. */
  url: string;
  claimKey: string;
  claimText: string;
  /** The sentence that was marked. */
  text: string;
  at: string;
}

export interface Dismissals {
  onPage: PageDismissal[];
  everywhere: ClaimDismissal[];
  reports: WrongMatchReport[];
}

export const NO_DISMISSALS: Dismissals = { onPage: [], everywhere: [], reports: [] };

/** The longest text a record keeps: a run-on sentence, a page's long address. */
const MAX_TEXT = 5_000;

/** A text as a record keeps it: cut to `MAX_TEXT`. Records are written cut, and compared cut, so a
 * match on a sentence longer than that is remembered (it was written whole, then thrown away when
 * read back, so its mark came back after a reload). */
const fit = (text: string) => (text.length <= MAX_TEXT ? text : sliceWhole(text, 0, MAX_TEXT));
/** A record with each text cut to what the list keeps of it: as the content script sends it, so that
 * a page's address of megabytes (state kept in its query) is no message the background refuses. */
export const fitted = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? fit(value) : value])) as T;

/** Each record's fields, for one schema of a text: the stored list's, and a message's (`DismissalChangesSchema`). */
const pageDismissalFields = <T extends v.GenericSchema<unknown, string>>(text: T) => ({ page: text, claimKey: text, claimText: text, text, at: text });
const claimDismissalFields = <T extends v.GenericSchema<unknown, string>>(text: T) => ({ claimKey: text, claimText: text, at: text });
const reportFields = <T extends v.GenericSchema<unknown, string>>(text: T) => ({ url: text, claimKey: text, claimText: text, text, at: text });

// Any string: a record written before records were cut (one with a 6,000-character tracking address)
// is cut when read (`fitted`), not thrown away, which lost it for good at the next write.
const Text = v.string();
const PageDismissalSchema = v.object(pageDismissalFields(Text));
const ClaimDismissalSchema = v.object(claimDismissalFields(Text));
const ReportSchema = v.object(reportFields(Text));

/** The list as stored, or an empty one for anything else (nothing stored yet, or a damaged value):
 * a record that does not read is left out, the others are kept. */
export function dismissalsFrom(value: unknown): Dismissals {
  if (typeof value !== 'object' || value === null) return NO_DISMISSALS;
  const { onPage, everywhere, reports } = value as { onPage?: unknown; everywhere?: unknown; reports?: unknown };
  const keep = <T>(list: unknown, schema: v.GenericSchema<unknown, T>): T[] =>
    Array.isArray(list) ? list.flatMap((item) => (v.is(schema, item) ? [fitted(item as T & object)] : [])) : [];
  return { onPage: keep(onPage, PageDismissalSchema), everywhere: keep(everywhere, ClaimDismissalSchema), reports: keep(reports, ReportSchema) };
}

/** A page as dismissals name it: its address without query or fragment, which change between visits
 * of one article (tracking tags, comment anchors). */
export function pageKeyOf(url: string): string {
  try {
    const parsed = new URL(url);
    return fit(`${parsed.origin}${parsed.pathname}`);
  } catch {
    return fit(url);
  }
}

/** What tells one hidden match from another (`sameMatch`). */
export type MatchKey = Pick<PageDismissal, 'page' | 'claimKey' | 'text'>;
/** What tells one report from another (`withReport`). */
export type ReportKey = Pick<WrongMatchReport, 'url' | 'claimKey' | 'text'>;

// As one string each, for lists of thousands to be compared through a set.
const pageMatchKey = (m: MatchKey) => `${fit(m.page)}\n${matchKey(m.claimKey, m.text)}`;
const reportKey = (r: ReportKey) => `${fit(r.url)}\n${r.claimKey}\n${fit(r.text)}`;
const sameMatch = (a: MatchKey, b: MatchKey) => pageMatchKey(a) === pageMatchKey(b);
const sameReport = (a: ReportKey, b: ReportKey) => reportKey(a) === reportKey(b);

/** The list with one more rejected match (once only), the oldest dropped past the limit. */
export function withPageDismissal(list: Dismissals, match: PageDismissal): Dismissals {
  const dismissal = fitted(match);
  const onPage = [...list.onPage.filter((d) => !sameMatch(d, dismissal)), dismissal];
  return { ...list, onPage: onPage.slice(-MAX_DISMISSALS) };
}

/** The list without that match: it is marked again. */
export function withoutPageDismissal(list: Dismissals, match: MatchKey): Dismissals {
  return { ...list, onPage: list.onPage.filter((d) => !sameMatch(d, match)) };
}

/** The list with a claim marked nowhere. */
export function withClaimDismissal(list: Dismissals, claim: ClaimDismissal): Dismissals {
  const dismissal = fitted(claim);
  const everywhere = [...list.everywhere.filter((d) => d.claimKey !== dismissal.claimKey), dismissal];
  return { ...list, everywhere: everywhere.slice(-MAX_DISMISSALS) };
}

/** The list without that claim: it is marked again wherever it matches. */
export function withoutClaimDismissal(list: Dismissals, claimKey: string): Dismissals {
  return { ...list, everywhere: list.everywhere.filter((d) => d.claimKey !== claimKey) };
}

/** The list with one more report (once per page, claim and sentence). */
export function withReport(list: Dismissals, written: WrongMatchReport): Dismissals {
  const report = fitted(written);
  return { ...list, reports: [...list.reports.filter((r) => !sameReport(r, report)), report].slice(-MAX_DISMISSALS) };
}

/**
 * A change to the list, as data: what a tab asks the background to make (`changeDismissals`), where
 * every tab's changes are made one after another on the list as stored. Each tab used to read the
 * list, change it and write it back itself, so of two tabs hiding a match at the same moment, the
 * later write dropped the other's.
 */
export type DismissalChange =
  | { hideOnPage: PageDismissal }
  | { hideEverywhere: ClaimDismissal }
  | { report: WrongMatchReport }
  /** The reader took a hidden match back: that match, and its claim everywhere, are marked again. */
  | { show: MatchKey }
  /** The settings page's "Show again", "Mark again" and "Show all again": the matches and claims it
   * listed, and only those, are marked again. One that a tab hides while the page is open is not
   * on its list, and stays hidden. */
  | { showAgain: { onPage: MatchKey[]; everywhere: string[] } }
  /** The settings page's "Clear reports": the reports it listed are dropped, and only those. */
  | { clearReports: ReportKey[] };

/** The list with the changes made, in order. */
export function withChanges(list: Dismissals, changes: readonly DismissalChange[]): Dismissals {
  return changes.reduce((next, change) => {
    if ('hideOnPage' in change) return withPageDismissal(next, change.hideOnPage);
    if ('hideEverywhere' in change) return withClaimDismissal(next, change.hideEverywhere);
    if ('report' in change) return withReport(next, change.report);
    if ('showAgain' in change) {
      const matches = new Set(change.showAgain.onPage.map(pageMatchKey));
      const claims = new Set(change.showAgain.everywhere);
      return { ...next, onPage: next.onPage.filter((d) => !matches.has(pageMatchKey(d))), everywhere: next.everywhere.filter((d) => !claims.has(d.claimKey)) };
    }
    if ('clearReports' in change) {
      const cleared = new Set(change.clearReports.map(reportKey));
      return { ...next, reports: next.reports.filter((r) => !cleared.has(reportKey(r))) };
    }
    return withoutClaimDismissal(withoutPageDismissal(next, change.show), change.show.claimKey);
  }, list);
}

/** The changes that make the settings page's list `from` into `to`, where `to` holds fewer of its
 * matches, claims or reports ("Show again", "Show all again", "Clear reports"): as data, for the
 * background to make on the list as stored (`withChanges`). */
export function takenBack(from: Dismissals, to: Dismissals): DismissalChange[] {
  const keptMatches = new Set(to.onPage.map(pageMatchKey));
  const keptClaims = new Set(to.everywhere.map((d) => d.claimKey));
  const keptReports = new Set(to.reports.map(reportKey));
  const onPage = from.onPage.filter((d) => !keptMatches.has(pageMatchKey(d))).map(({ page, claimKey, text }) => ({ page, claimKey, text }));
  const everywhere = from.everywhere.filter((d) => !keptClaims.has(d.claimKey)).map((d) => d.claimKey);
  const reports = from.reports.filter((r) => !keptReports.has(reportKey(r))).map(({ url, claimKey, text }) => ({ url, claimKey, text }));
  return [...(onPage.length || everywhere.length ? [{ showAgain: { onPage, everywhere } }] : []), ...(reports.length ? [{ clearReports: reports }] : [])];
}

/** A message's changes, checked at the background's edge: a few at a time, texts of a bounded
 * length (a record keeps at most `MAX_TEXT` of each, `fitted`). */
const MessageText = v.pipe(v.string(), v.maxLength(4 * MAX_TEXT));
const MatchKeySchema = v.strictObject({ page: MessageText, claimKey: MessageText, text: MessageText });
const ReportKeySchema = v.strictObject({ url: MessageText, claimKey: MessageText, text: MessageText });
export const DismissalChangesSchema = v.pipe(
  v.array(
    v.union([
      v.strictObject({ hideOnPage: v.strictObject(pageDismissalFields(MessageText)) }),
      v.strictObject({ hideEverywhere: v.strictObject(claimDismissalFields(MessageText)) }),
      v.strictObject({ report: v.strictObject(reportFields(MessageText)) }),
      v.strictObject({ show: MatchKeySchema }),
      // The settings page takes back a whole list at once: as long as the list may grow.
      v.strictObject({ showAgain: v.strictObject({ onPage: v.pipe(v.array(MatchKeySchema), v.maxLength(MAX_DISMISSALS)), everywhere: v.pipe(v.array(MessageText), v.maxLength(MAX_DISMISSALS)) }) }),
      v.strictObject({ clearReports: v.pipe(v.array(ReportKeySchema), v.maxLength(MAX_DISMISSALS)) }),
    ]),
  ),
  v.minLength(1),
  v.maxLength(10),
);

/** The list where it is kept, a storage area (storage.local) read and written whole: what the
 * background changes (`changeDismissals`), and what the content script and the settings page read. */
export function storedDismissals(area: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> }): {
  read(): Promise<Dismissals>;
  write(list: Dismissals): Promise<void>;
} {
  return {
    read: async () => dismissalsFrom((await area.get(DISMISSALS_KEY))[DISMISSALS_KEY]),
    write: (list) => area.set({ [DISMISSALS_KEY]: list }),
  };
}

/** The reports as the file the settings page exports for pack maintainers. */
export function reportsFile(list: Dismissals, exported: string): string {
  return `${JSON.stringify({ format: 'claimlight-wrong-matches', formatVersion: 1, exported, reports: list.reports }, null, 2)}\n`;
}

/** What to hide on one page: matches by "claim key, newline, text", and whole claims by key. */
export interface Hidden {
  matches: ReadonlySet<string>;
  claims: ReadonlySet<string>;
}

export const matchKey = (claimKey: string, text: string) => `${claimKey}\n${fit(text)}`;

export function hiddenOn(list: Dismissals, page: string): Hidden {
  return {
    matches: new Set(list.onPage.filter((d) => d.page === page).map((d) => matchKey(d.claimKey, d.text))),
    claims: new Set(list.everywhere.map((d) => d.claimKey)),
  };
}
