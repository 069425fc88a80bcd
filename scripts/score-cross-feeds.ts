// Counts the wrong marks that fact-checkers' feeds make on pages about other things: every review
// set's feeds (tests/fixtures/eval-review*/feeds) are imported into one store with the CheckThat!
// feed, as a reader who subscribes to many feeds has them, and each set's claims are looked for on
// every page that is not its own: the other review sets', the bundled pack's and the CheckThat!
// feed's labelled pages, the dev pages and the 32 real news pages of ../shared. Each set's feeds
// are about invented places and people of their own, so every such mark is wrong. The review sets
// score how well a feed's claims are found on pages about them (`score-feed.ts`); this, how well
// the rules that help there keep to those pages. Those feeds name invented places, which no other
// page names; so it also scans the 32 real pages with the CheckThat! claims (real places and people)
// given a claimant, as a real feed of statements someone made has them: every mark there is wrong.
// Beside the marks, it counts the claims listed as possibly related on those pages (the popup's
// looser list, never marked): noise a reader sees, if no wrong mark.
//
//   npx tsx scripts/score-cross-feeds.ts [--shared ../shared] [--json]
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildClaimIndex, matchBlocks } from '../lib/matching';
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
  // What the popup would list as possibly related (never marked): not wrong marks, but noise a
  // reader sees, counted so that a rule that lowers the marks by listing more says so.
  let listed = 0;
  let pages = 0;
  for (const [set, dir] of pageSets) {
    for (const file of htmlIn(dir)) {
      pages++;
      const page = readPage(join(dir, file));
      const { mentions, related } = matchBlocks(page.blocks, index, { pageDate: page.date });
      for (const mention of mentions) {
        const from = setOf.get(mention.claimId);
        if (from && from !== set) marks.push({ page: `${set}/${file}`, claim: mention.claimId, from, text: mention.text });
      }
      for (const mention of related) {
        const from = setOf.get(mention.claimId);
        if (from && from !== set) listed++;
      }
    }
  }
  // The CheckThat! claims as statements someone made (a claimant nobody on the pages is named).
  const statements = buildClaimIndex(checkThatClaims(join(shared, 'corpora/checkthat2020')).map((claim) => ({ ...claim, claimant: 'Dana Whitfield (Senator)' })));
  const realDir = join(shared, 'corpora/realnews-sample/pages');
  const statementMarks: CrossMark[] = [];
  let statementsListed = 0;
  for (const file of htmlIn(realDir)) {
    const page = readPage(join(realDir, file));
    const { mentions, related } = matchBlocks(page.blocks, statements, { pageDate: page.date });
    for (const mention of mentions) statementMarks.push({ page: `realnews-sample/${file}`, claim: mention.claimId, from: 'checkthat2020 as statements', text: mention.text });
    statementsListed += related.length;
  }
  const summary = { feeds: reviewSets.length, claims: feeds.length, pages, marks: marks.length, realPages: marks.filter((m) => m.page.startsWith('realnews-sample/')).length, statementMarks: statementMarks.length, listed, statementsListed };
  if (values.json) {
    console.log(JSON.stringify({ summary, marks, statementMarks }, null, 2));
    return 0;
  }
  for (const m of [...marks, ...statementMarks]) console.log(`${m.page}: ${m.claim} (${m.from})\n  ${m.text.slice(0, 140)}`);
  console.log(`the ${summary.claims} claims of ${summary.feeds} review sets' feeds, on ${pages} pages not about them: ${marks.length} wrong marks, ${summary.realPages} of them on real news pages; ${listed} listed as possibly related`);
  console.log(`the CheckThat! claims as statements someone made, on the 32 real news pages: ${statementMarks.length} wrong marks; ${statementsListed} listed as possibly related`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`score-cross-feeds: ${(error as Error).message}`);
  process.exitCode = 1;
}
