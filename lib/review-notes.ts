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

/** The context item of a source a review cites without saying what it is. */
export const citedItemText = (outlet: string) => `Source cited by ${outlet}.`;

/** The summary of a Fact Check Tools claim that came with no review. */
export const NO_REVIEW_SUMMARY = 'No fact-checker review came with this claim.';

// Any outlet and any label, so a claim stored by an older importer is read the same way. An
// outlet's own dots ("Snopes.com") are not the line's end: that is a dot before a space or the end.
const RATED_LINE = /(?:^|\s)(?:Rated “[^”]*” by .+?|Reviewed by .+?, with no rating given)(?: on \d{4}-\d{2}-\d{2})?\.(?=\s|$)/gu;

// The form of `reviewItemText` and `citedItemText` for any outlet.
const BARE_ITEM = /^(?:Fact-check by|Source cited by) .+\.$/u;

/**
 * What an imported claim's summary and context say of the claim itself, without the importer's
 * lines about its reviews: the summary without its "Rated … by …" lines, context items without the
 * bare "Fact-check by …" and "Source cited by …", and a review's title without the "Outlet: "
 * before it. A claim of our own format has none of them and keeps its texts as they are.
 */
export function claimOwnTexts(claim: { summary?: string; context?: readonly { text: string; sources: readonly { outlet: string }[] }[] }): string[] {
  const summary = claim.summary === NO_REVIEW_SUMMARY ? '' : (claim.summary ?? '').replace(RATED_LINE, ' ').trim();
  const context = (claim.context ?? []).map(({ text, sources }) => {
    // A cited source's item names the reviewing outlet, not its own: matched by form.
    if (BARE_ITEM.test(text)) return '';
    const outlet = sources.find((source) => text.startsWith(`${source.outlet}: `))?.outlet;
    return outlet ? text.slice(outlet.length + 2) : text;
  });
  return [summary, ...context];
}
