/**
 * Text a hostile page or file may hold, read by the engine at two lengths: each shape that once
 * made an expression backtrack, or a loop read the text again for every word, timed at 20,000 and
 * at 80,000 characters. A pass that reads the text once takes about four times as long on the
 * longer text; one that reads it again for each of its characters, sixteen times.
 */
import { parseHTML } from 'linkedom';
import { cleanText } from '../../lib/claim-review';
import { createClaimSearch } from '../../lib/claim-search';
import { extractBlocks } from '../../lib/extract';
import { expectBundledPack } from '../../lib/bundled-pack';
import { buildClaimIndex, matchBlocks } from '../../lib/matching';
import { cleanPost } from '../../lib/matching/post-text';
import { tokenize } from '../../lib/normalize';
import { parsePackText } from '../../lib/pack';
import { splitSentences } from '../../lib/sentences';
import { namedDates, speaksFromNow } from '../../lib/timeline';

interface Shape {
  name: string;
  /** About `length` characters of it. */
  text: (length: number) => string;
  read: (text: string) => unknown;
}

const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length));
const index = buildClaimIndex(expectBundledPack().claims.map((claim) => ({ ...claim, packId: 'bundled' })));
const search = createClaimSearch(expectBundledPack().claims.map((claim) => ({ ...claim, packId: 'bundled', packTitle: 'Bundled' })));

const SHAPES: Shape[] = [
  { name: 'links between words (tokenize)', text: (n) => repeat('http://a b ', n), read: tokenize },
  { name: 'quotes before a bracket (splitSentences)', text: (n) => `${repeat('"', n)}<`, read: splitSentences },
  { name: 'quotes left open (speaksFromNow)', text: (n) => repeat('“a ', n), read: speaksFromNow },
  { name: 'a run of spaces (speaksFromNow)', text: (n) => `has${repeat(' ', n)}been`, read: speaksFromNow },
  { name: 'thousands of dates (namedDates)', text: (n) => repeat('on May 12 ', n), read: namedDates },
  { name: 'all of these as a page (matchBlocks)', text: (n) => `Trump said the call with Putin went well ${repeat('"', n / 2)}[ ${repeat('http://a Putin ', n / 2)}`, read: (text) => matchBlocks([{ text }], index) },
  { name: 'one block of spaced words (extractBlocks)', text: (n) => `<p>${repeat('ab  ', n)}<br>end</p>`, read: (html) => extractBlocks(parseHTML(`<html><body>${html}</body></html>`).document.documentElement, { wholeBlocks: true }) },
  { name: '"<" with no ">" (ClaimReview text)', text: (n) => repeat('<', n), read: cleanText },
  { name: 'script tags that never close (pack file)', text: (n) => repeat('<script ', n), read: (text) => parsePackText(text, { fileName: 'page.html' }) },
  { name: 'script tags in one tag (pack file)', text: (n) => `${repeat('<script ', n)}>`, read: (text) => parsePackText(text, { fileName: 'page.html' }) },
  // Reviews of one feed that all call themselves "#review", each different: none merges with another.
  { name: 'reviews sharing one @id (ClaimReview file)', text: (n) => JSON.stringify(Array.from({ length: Math.ceil(n / 160) }, (_, i) => ({ '@type': 'ClaimReview', '@id': '#review', url: `https://checks.example/${i}`, claimReviewed: `Claim number ${i} about the harbour.`, author: { name: 'Checks' }, reviewRating: { alternateName: 'False' } }))), read: (text) => parsePackText(text) },
  { name: 'a post of spaces (cleanPost)', text: (n) => `${repeat(' ', n)}x`, read: cleanPost },
  { name: 'a word as long as the text (popup search)', text: (n) => repeat('a', n), read: (text) => search.search(text) },
];

const time = (read: () => unknown) => {
  const start = performance.now();
  read();
  return performance.now() - start;
};
const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;

/** Each shape's time at 20,000 and 80,000 characters (median of three), in milliseconds. */
export function measureHostileText(): { name: string; shortMs: number; longMs: number }[] {
  return SHAPES.map(({ name, text, read }) => {
    const [short, long] = [text(20_000), text(80_000)];
    read(short);
    const shortMs = median([0, 1, 2].map(() => time(() => read(short))));
    const longMs = median([0, 1, 2].map(() => time(() => read(long))));
    return { name, shortMs, longMs };
  });
}
