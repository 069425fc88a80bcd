// Counts the wrong marks that fact-checkers' feeds make on pages about other things: every review
// set's feeds (tests/fixtures/eval-review*/feeds) are imported into one store with the CheckThat!
// feed, as a reader who subscribes to many feeds has them, and each set's claims are looked for on
// every page that is not its own: the other review sets', the bundled pack's and the CheckThat!
// feed's labelled pages, the dev pages and the 32 real news pages of ../shared. Each set's feeds
// are about invented places and people of their own, so every such mark is wrong. The review sets
// score how well a feed's claims are found on pages about them (`score-feed.ts`); this, how well
// the rules that help there keep to those pages.
//
//   npx tsx scripts/score-cross-feeds.ts [--shared ../shared] [--json]
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildClaimIndex, findMentions } from '../lib/matching';
import { checkThatClaims, htmlIn, readPage, reviewFeedClaims } from './lib/eval-sets';

const USAGE = 'usage: npx tsx scripts/score-cross-feeds.ts [--shared ../shared] [--json]';
const FIXTURES = 'tests/fixtures';

interface CrossMark {
  page: string;
  claim: string;
  /** The review set whose feed holds the claim. */
  from: string;
  text: string;
}

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({ options: { shared: { type: 'string', default: '../shared' }, json: { type: 'boolean', default: false } } }));
  } catch (error) {
    console.error(`score-cross-feeds: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const shared = resolve(values.shared);
  const reviewSets = readdirSync(FIXTURES).filter((name) => /^eval-review(-\d+)?$/.test(name)).sort();
  const setOf = new Map<string, string>();
  const feeds = reviewSets.flatMap((set) =>
    reviewFeedClaims(join(FIXTURES, set)).map((claim) => {
      setOf.set(claim.id, set);
      return claim;
    }),
  );
  const index = buildClaimIndex([...checkThatClaims(join(shared, 'corpora/checkthat2020')), ...feeds]);
  const pageSets: [string, string][] = [
    ...readdirSync(FIXTURES)
      .filter((name) => /^(eval-review|eval-extra|eval-feed|train-feed)(-\d+)?$/.test(name))
      .sort()
      .map((name): [string, string] => [name, join(FIXTURES, name, 'pages')]),
    ['../shared/eval/dev', join(shared, 'eval/dev/pages')],
    ['realnews-sample', join(shared, 'corpora/realnews-sample/pages')],
  ];
  const marks: CrossMark[] = [];
  let pages = 0;
  for (const [set, dir] of pageSets) {
    for (const file of htmlIn(dir)) {
      pages++;
      const page = readPage(join(dir, file));
      for (const mention of findMentions(page.blocks, index, { pageDate: page.date })) {
        const from = setOf.get(mention.claimId);
        if (from && from !== set) marks.push({ page: `${set}/${file}`, claim: mention.claimId, from, text: mention.text });
      }
    }
  }
  const summary = { feeds: reviewSets.length, claims: feeds.length, pages, marks: marks.length, realPages: marks.filter((m) => m.page.startsWith('realnews-sample/')).length };
  if (values.json) {
    console.log(JSON.stringify({ summary, marks }, null, 2));
    return 0;
  }
  for (const m of marks) console.log(`${m.page}: ${m.claim} (${m.from})\n  ${m.text.slice(0, 140)}`);
  console.log(`the ${summary.claims} claims of ${summary.feeds} review sets' feeds, on ${pages} pages not about them: ${marks.length} wrong marks, ${summary.realPages} of them on real news pages`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`score-cross-feeds: ${(error as Error).message}`);
  process.exitCode = 1;
}
