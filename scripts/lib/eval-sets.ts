// Readers for the labelled sets the matcher is fitted and checked on (../shared and
// tests/fixtures), shared by scripts/fit-match.ts and scripts/pair-digest.ts.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractBlocks, type TextBlock } from '../../lib/extract';
import { decide, matchBlocks, type BlockMatches, type ClaimIndex, type MatchableClaim, type ScoredPair } from '../../lib/matching';
import { parsePackText } from '../../lib/pack';
import type { Claim } from '../../lib/schema';
import { pageDate } from '../../lib/timeline';
import { parseSavedPage } from './saved-page';

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** The CheckThat! claims as the ClaimReview feed `../shared/eval/imported.mjs` builds: one review
 * each, its headline the claim's title, no cues, found again by the number its URL ends with. */
function checkThatReviews(dir: string): object[] {
  return readJsonl<{ id: string; text: string }>(join(dir, 'vclaims.jsonl')).map((c) => {
    const [title, ...rest] = c.text.split('\n');
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `https://fact-checks.example.org/review/${c.id}`,
      headline: title!.trim(),
      claimReviewed: (rest.join(' ').trim() || title!).trim(),
      datePublished: '2019-01-01',
      author: { '@type': 'Organization', name: 'A fact-checker' },
      reviewRating: { '@type': 'Rating', alternateName: 'Unproven' },
    };
  });
}

/** The CheckThat! id of a claim imported from that feed: the number its review's URL ends with. */
export const checkThatIdOf = (claim: { context: readonly { sources: readonly { url: string }[] }[] }): string => claim.context[0]!.sources[0]!.url.split('/').pop()!;

/** The CheckThat! feed (`checkThatReviews`) and its claims as our importer makes them, under the
 * importer's own ids. */
export function importedCheckThat(dir: string): { reviews: object[]; claims: Claim[] } {
  const reviews = checkThatReviews(dir);
  const parsed = parsePackText(JSON.stringify(reviews), { fileName: 'checkthat.json' });
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  return { reviews, claims: parsed.value.pack.claims };
}

/** The CheckThat! claims as that feed imports, each under its CheckThat! id. */
export function checkThatClaims(dir: string): MatchableClaim[] {
  return importedCheckThat(dir).claims.map((claim) => ({ ...claim, id: checkThatIdOf(claim) }));
}

/** A labelled set's own ClaimReview feeds (`SET/feeds/*.json`; none without the folder), each
 * imported as the settings page imports a file, and their claims with the url of their review,
 * which the set's gold names them by. Two reviews with one url could not be told apart there. */
export function readReviewFeeds(setDir: string): { files: string[]; claims: { claim: Claim; url: string | undefined }[] } {
  const dir = join(setDir, 'feeds');
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json')).sort().map((file) => join(dir, file)) : [];
  const urls = new Set<string>();
  const claims = files.flatMap((file) => {
    const parsed = parsePackText(readFileSync(file, 'utf8'), { fileName: basename(file) });
    if (!parsed.ok) throw new Error(`${file}: not a usable feed:\n  ${parsed.error.slice(0, 5).join('\n  ')}`);
    return parsed.value.pack.claims.map((claim) => {
      const url = claim.context[0]?.sources[0]?.url;
      if (url && urls.has(url)) throw new Error(`${file}: two reviews have the url ${url}, which the set's gold names claims by`);
      if (url) urls.add(url);
      return { claim, url };
    });
  });
  return { files, claims };
}

/** The claims of a labelled set's own feeds (`readReviewFeeds`), each named by its review's url. */
export function reviewFeedClaims(setDir: string): Claim[] {
  const { files, claims } = readReviewFeeds(setDir);
  if (!files.length) throw new Error(`${join(setDir, 'feeds')}: no feeds to read`);
  return claims.map(({ claim, url }) => {
    if (!url) throw new Error(`${join(setDir, 'feeds')}: the review of "${claim.text.slice(0, 60)}" has no url, which a set's gold names its claims by`);
    return { ...claim, id: url };
  });
}

/** A CheckThat! split's posts, each as the one block the eval scans it as. */
export function checkThatPosts(dir: string, split: string): { id: string; text: string }[] {
  return readJsonl<{ id: string | number; text: string }>(join(dir, `queries-${split}.jsonl`)).map((q) => ({ id: String(q.id), text: q.text.replace(/\s+/g, ' ').trim() }));
}

/** The HTML files of a folder, in name order. */
export const htmlIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.html')).sort();

/** A saved page as the extension reads it: its text blocks and its date. */
export function readPage(file: string): { blocks: TextBlock[]; date: number | null } {
  const document = parseSavedPage(readFileSync(file, 'utf8'));
  return { blocks: extractBlocks(document.documentElement), date: pageDate(document) };
}

/** What a decision marks and lists, as text to compare: each claim, place and score. */
export const decisionsOf = (found: BlockMatches): string => JSON.stringify([...found.mentions, ...found.related].map((m) => [m.claimId, m.block, m.start, m.score, m.cues]));

/**
 * At how many of the sensitivities 0, 0.5 and 1 the page pass (`matchBlocks`, which skips pairs
 * under the loose bar) marks or lists otherwise than `decide` over the page's every pair, `scored`
 * in full: none, or the skipping changed what a reader sees.
 */
export function passDisagreements(page: { blocks: readonly { text: string }[]; date: number | null }, index: ClaimIndex, scored: ScoredPair[]): number {
  return [0, 0.5, 1].filter((sensitivity) => decisionsOf(decide(scored, sensitivity)) !== decisionsOf(matchBlocks(page.blocks, index, { pageDate: page.date, sensitivity }))).length;
}
