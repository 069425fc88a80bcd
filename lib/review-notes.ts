/**
 * The lines the ClaimReview and Fact Check Tools importer (`claim-review.ts`) writes about a
 * review rather than about the claim: who rated it, how, and when. A reader's card shows them; the
 * matcher leaves them out of a claim's evidence (`claimOwnTexts`), since an outlet's name or a
 * rating word on a page ("fact checkers", "false") is no sign that the claim is there. Kept apart
 * from the importer so the content script's matcher reads them without the importer's validation.
 */

/** The summary's opening line for one review: "Rated “False” by PolitiFact on 2024-05-01." */
export function ratedSentence(label: string | undefined, outlet: string, date: string | undefined): string {
  const rated = label ? `Rated “${label}” by ${outlet}` : `Reviewed by ${outlet}, with no rating given`;
  return `${rated}${date ? ` on ${date}` : ''}.`;
}

/** The context item of a review that came with no title of its own. */
export const reviewItemText = (outlet: string) => `Fact-check by ${outlet}.`;

/** The context item of a review with a title: the outlet, then the title. */
export const titledItemText = (outlet: string, title: string) => `${outlet}: ${title}`;

/** The title of a review's item that `titledItemText` wrote for this outlet, or null. */
export const titleIn = (text: string, outlet: string): string | null => (text.startsWith(`${outlet}: `) ? text.slice(outlet.length + 2) : null);

/** The context item of a source a review cites without saying what it is. */
export const citedItemText = (outlet: string) => `Source cited by ${outlet}.`;

/** The summary of a Fact Check Tools claim that came with no review. */
export const NO_REVIEW_SUMMARY = 'No fact-checker review came with this claim.';

// The start of a line `ratedSentence` writes, and what may end it after the outlet's name.
const RATED_START = /^(?:Rated “[^”]*” by |Reviewed by )/u;
const RATED_END = /^(?:, with no rating given)?(?: on \d{4}-\d{2}-\d{2})?\.(?=\s|$)/u;
// An outlet the record does not name: up to the first dot that ends a sentence ("Snopes.com" goes
// on), or to the date, which ends the line whatever dots come before it ("U.S. News on …").
const RATED_REST = /^(?:.+? on \d{4}-\d{2}-\d{2}\.(?=\s|$)|.+?\.(?=\s|$))/u;

/** The summary without the importer's "Rated … by …" lines, which it writes at the start, one per
 * review. The record's outlets are read first, so an outlet's own dots do not end its line. */
function withoutRatedLines(summary: string, outlets: readonly string[]): string {
  let rest = summary.trim();
  for (let start = RATED_START.exec(rest); start; start = RATED_START.exec(rest)) {
    const after = rest.slice(start[0].length);
    let length = -1;
    for (const outlet of outlets) {
      const end = after.startsWith(outlet) ? RATED_END.exec(after.slice(outlet.length)) : null;
      if (end) length = Math.max(length, outlet.length + end[0].length);
    }
    if (length < 0) length = RATED_REST.exec(after)?.[0].length ?? after.length;
    rest = after.slice(length).trim();
  }
  return rest;
}

/**
 * The summary without the "Rated … by …" lines the importer wrote for this rating (`ratedSentence`)
 * by one of these outlets, and nothing else: a summary of a pack's own that starts "Reviewed by
 * three epidemiologists." keeps its words, where `withoutRatedLines`, reading any outlet, would
 * take its first sentence for one.
 */
export function withoutImportedRatedLines(summary: string, label: string | undefined, outlets: readonly string[]): string {
  const start = label ? `Rated “${label}” by ` : 'Reviewed by ';
  let rest = summary.trim();
  while (rest.startsWith(start)) {
    const after = rest.slice(start.length);
    let length = -1;
    for (const outlet of outlets) {
      const end = after.startsWith(outlet) ? RATED_END.exec(after.slice(outlet.length)) : null;
      if (end && (label || end[0].startsWith(','))) length = Math.max(length, outlet.length + end[0].length);
    }
    if (length < 0) break;
    rest = after.slice(length).trim();
  }
  return rest;
}

/**
 * The review the summary's first line names, as the importer wrote it (`ratedSentence`) for this
 * rating: its outlet and date. For a review that came with no address, and so with no source to
 * keep them, the line is all that says who rated the claim and when. The unrated form is read only
 * whole ("Reviewed by X, with no rating given."): a pack's own summary may start "Reviewed by".
 */
export function firstRatedLine(summary: string, label: string | undefined): { outlet: string; date: string | undefined } | null {
  const start = label ? `Rated “${label}” by ` : 'Reviewed by ';
  const text = summary.trim();
  if (!text.startsWith(start)) return null;
  const after = text.slice(start.length);
  // To the date where there is one, whatever initials' dots come before it ("U.S. News on …"), but
  // not past the end of a sentence ("by Harbour Check. The claim was made on 2024-01-01.").
  const dated = (label ? /^(.+?) on (\d{4}-\d{2}-\d{2})\.(?=\s|$)/u : /^(.+?), with no rating given on (\d{4}-\d{2}-\d{2})\.(?=\s|$)/u).exec(after);
  if (dated && !/[^\s.]{2}\.\s/u.test(dated[1]!)) return { outlet: dated[1]!, date: dated[2] };
  const undated = (label ? /^(.+?)\.(?=\s|$)/u : /^(.+?), with no rating given\.(?=\s|$)/u).exec(after);
  return undated ? { outlet: undated[1]!, date: undefined } : null;
}

// The form of `reviewItemText` and `citedItemText`, for the outlets the record names (a cited
// source's item names the reviewing outlet, not its own).
const isBareItem = (text: string, outlets: readonly string[]) => outlets.some((outlet) => text === reviewItemText(outlet) || text === citedItemText(outlet));

/**
 * What an imported claim's summary and context say of the claim itself, without the importer's
 * lines about its reviews: the summary without the "Rated … by …" lines it starts with, context
 * items without the bare "Fact-check by …" and "Source cited by …", and a review's title without
 * the "Outlet: " before it. A claim of our own format has none of them and keeps its texts as they are.
 */
export function claimOwnTexts(claim: { summary?: string; context?: readonly { text: string; sources: readonly { outlet: string }[] }[] }): string[] {
  const outlets = (claim.context ?? []).flatMap((item) => item.sources.map((source) => source.outlet));
  const summary = claim.summary === NO_REVIEW_SUMMARY ? '' : withoutRatedLines(claim.summary ?? '', outlets);
  const context = (claim.context ?? []).map(({ text, sources }) => {
    if (isBareItem(text, outlets)) return '';
    for (const { outlet } of sources) {
      const title = titleIn(text, outlet);
      if (title !== null) return title;
    }
    return text;
  });
  return [summary, ...context];
}
