// Scores `npm run scan` on a labelled set of pages about other fact-checkers' claims, in a store
// the size a reader who subscribes to a large feed has: the 10,375 CheckThat! 2020 claims (Snopes),
// imported as one cue-less ClaimReview pack the way ../shared/eval/imported.mjs builds it, and the
// set's own feeds (`SET/feeds/*.json`, ClaimReview as other fact-checkers publish it) where it has them.
// The set's gold.json names CheckThat! claim ids, or a feed's reviews by their `url`; the importer
// gives claims ids of its own, so the team's scorer (../shared/eval/score.mjs) runs on a copy of the
// set whose gold names those.
//
//   npx tsx scripts/score-feed.ts tests/fixtures/eval-feed [--shared ../shared] [--json]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkThatIdOf, importedCheckThat, readReviewFeeds } from './lib/eval-sets';

type Gold = Record<string, { claim: string; sentence: string }[]>;

const USAGE = 'usage: npx tsx scripts/score-feed.ts SET_DIR [--shared ../shared] [--json]';

function main(): number {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { shared: { type: 'string', default: '../shared' }, json: { type: 'boolean', default: false } },
    });
  } catch (error) {
    console.error(`score-feed: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  const [setDir] = positionals;
  if (!setDir || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const shared = resolve(values.shared);
  const { reviews, claims } = importedCheckThat(join(shared, 'corpora/checkthat2020'));
  const importedId = new Map(claims.map((claim) => [checkThatIdOf(claim), claim.id]));
  // The set's own feeds; gold.json names their reviews by url.
  const { files: feeds, claims: reviewed } = readReviewFeeds(setDir);
  for (const { claim, url } of reviewed) if (url) importedId.set(url, claim.id);
  const gold = JSON.parse(readFileSync(join(setDir, 'gold.json'), 'utf8')) as Gold;
  const translated: Gold = {};
  for (const [page, mentions] of Object.entries(gold)) {
    translated[page] = mentions.map((m) => {
      const id = importedId.get(m.claim);
      if (!id) {
        const where = !/^https?:/.test(m.claim) ? 'CheckThat! does not hold' : feeds.length ? 'no review in the set’s feeds/ has as its url' : 'no review holds: the set has no feeds/';
        throw new Error(`${setDir}/gold.json: ${page} names claim ${m.claim}, which ${where}`);
      }
      return { ...m, claim: id };
    });
  }
  const work = mkdtempSync(join(tmpdir(), 'claimlight-feed-set-'));
  try {
    const pack = join(work, 'checkthat.claimreview.json');
    writeFileSync(pack, JSON.stringify(reviews));
    // Named as the set is: the scorer prints the folder's name.
    const set = join(work, basename(resolve(setDir)));
    mkdirSync(set);
    writeFileSync(join(set, 'gold.json'), JSON.stringify(translated));
    symlinkSync(resolve(setDir, 'pages'), join(set, 'pages'), 'junction');
    // The scorer says what went wrong on its standard output (a scan that failed), and exits 1.
    const scored = spawnSync(process.execPath, [join(shared, 'eval/score.mjs'), set, ...(values.json ? ['--json'] : []), '--', '--pack', pack, ...feeds.flatMap((feed) => ['--pack', resolve(feed)])], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    if (scored.error) throw scored.error;
    // Claims as the set names them: by their CheckThat! ids, or a feed's by its review's url.
    const namedAs = new Map([...importedId].map(([named, id]) => [id, /^https?:/.test(named) ? named : `checkthat:${named}`]));
    process.stdout.write(scored.stdout.replace(/\b(?:cr|fc)-[0-9a-f]+\b/g, (id) => namedAs.get(id) ?? id));
    if (scored.status !== 0) return scored.status ?? 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`score-feed: ${(error as Error).message}`);
  process.exitCode = 1;
}
