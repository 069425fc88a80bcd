// A digest of everything the matcher finds on every labelled set, to show that a change meant to
// leave results alone (a speed change, a refactor) did: run it before and after, and compare.
//
//   npx tsx scripts/pair-digest.ts [--shared ../shared]
//
// For each set it prints how many pairs were scored, how many mentions and related claims were
// decided, and a hash of all of them: every pair's claim, place, features (to 10 decimals) and
// matched words, and every decision at the default sensitivity. It also checks that the page pass
// (`matchBlocks`, which skips pairs under the loose bar) decides what `decide` does over every
// pair, at sensitivities 0, 0.5 and 1, and exits 1 where it does not.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { expectBundledPack } from '../lib/bundled-pack';
import { extractBlocks, type TextBlock } from '../lib/extract';
import { buildClaimIndex, decide, scorePairs, type ClaimIndex } from '../lib/matching';
import { pageDate } from '../lib/timeline';
import { buildBenchPage } from './bench/page';
import { checkThatClaims, checkThatPosts, decisionsOf, htmlIn, passDisagreements, readPage } from './lib/eval-sets';
import { readOptions, requireShared } from './lib/options';

const { shared } = readOptions('pair-digest', 'usage: npx tsx scripts/pair-digest.ts [--shared ../shared]', { shared: { type: 'string', default: '../shared' } });
requireShared('pair-digest', shared);

interface Page {
  blocks: readonly { text: string }[];
  date: number | null;
}

let disagreements = 0;
const all = createHash('sha256');

function digest(name: string, pages: readonly Page[], index: ClaimIndex): void {
  const hash = createHash('sha256');
  let pairs = 0;
  let decided = 0;
  for (const page of pages) {
    const scored = scorePairs(page.blocks, index, { pageDate: page.date });
    for (const p of scored) hash.update(`${p.claim.claim.id}|${p.block}|${p.start}|${p.end}|${p.features.map((f) => f.toFixed(10)).join(',')}|${p.matched}|${p.found.join('/')}|${p.events.join('/')}\n`);
    pairs += scored.length;
    const found = decide(scored, 0.5);
    hash.update(decisionsOf(found));
    decided += found.mentions.length + found.related.length;
    disagreements += passDisagreements(page, index, scored);
  }
  const hex = hash.digest('hex').slice(0, 16);
  all.update(hex);
  console.log(`${name.padEnd(34)} ${String(pairs).padStart(6)} pairs ${String(decided).padStart(5)} decided  ${hex}`);
}

const checkthat = join(shared, 'corpora/checkthat2020');
const bundled = expectBundledPack().claims;
const feed = buildClaimIndex(checkThatClaims(checkthat));
const withCues = buildClaimIndex(bundled);
const withoutCues = buildClaimIndex(bundled, { ignoreCues: true });
const pagesIn = (dir: string): Page[] => htmlIn(dir).map((file) => readPage(join(dir, file)));

for (const split of ['train', 'dev']) digest(`CheckThat! ${split} posts, feed`, checkThatPosts(checkthat, split).map((q) => ({ blocks: [{ text: q.text }], date: null })), feed);
const real = pagesIn(join(shared, 'corpora/realnews-sample/pages'));
digest('real pages, feed', real, feed);
digest('real pages, bundled pack', real, withCues);
for (const [name, dir] of [
  ['dev pages', join(shared, 'eval/dev/pages')],
  ['eval-extra', 'tests/fixtures/eval-extra/pages'],
  ['eval-extra-2', 'tests/fixtures/eval-extra-2/pages'],
  ['eval-extra-3', 'tests/fixtures/eval-extra-3/pages'],
  ['eval-extra-4', 'tests/fixtures/eval-extra-4/pages'],
  ['eval-extra-5', 'tests/fixtures/eval-extra-5/pages'],
] as const) {
  const pages = pagesIn(dir);
  digest(`${name}, bundled pack`, pages, withCues);
  digest(`${name}, cues ignored`, pages, withoutCues);
}
digest('eval-feed, feed', pagesIn('tests/fixtures/eval-feed/pages'), feed);
digest('train-feed, feed', pagesIn('tests/fixtures/train-feed/pages'), feed);
digest('eval-feed-2, feed', pagesIn('tests/fixtures/eval-feed-2/pages'), feed);
const { document } = parseHTML(buildBenchPage(shared).html);
const bench: { blocks: TextBlock[]; date: number | null } = { blocks: extractBlocks(document.documentElement as unknown as Element), date: pageDate(document as unknown as Document) };
digest('bench page, bundled pack', [bench], withCues);
digest('bench page, feed', [bench], feed);
console.log(`all sets${' '.repeat(69)}${all.digest('hex').slice(0, 16)}`);
if (disagreements) {
  console.error(`pair-digest: the page pass decided otherwise than decide() over every pair ${disagreements} times`);
  process.exit(1);
}
