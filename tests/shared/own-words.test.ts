import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBundledPack } from '@/lib/bundled-pack';
import { SHARED_DIR } from './paths';

// The pack and the demo page are written in our own words: no run of eight words may match the
// source article or the fact sheet. Quoted words of public figures are left out of the check.
const RUN = 8;
const words = (text: string) =>
  text.toLowerCase().replace(/[’']/g, '').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
function runsOf(text: string): Set<string> {
  const w = words(text);
  const runs = new Set<string>();
  for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
  return runs;
}
const unquoted = (text: string) => text.replace(/"[^"]*"|“[^”]*”/g, ' ');
const originals = ['seed/article.txt', 'seed/FACTS.md'].map((file) => ({ file, runs: runsOf(readFileSync(join(SHARED_DIR, file), 'utf8')) }));
const copiedFrom = (text: string) => {
  const mine = runsOf(unquoted(text));
  return originals.filter(({ runs }) => [...mine].some((run) => runs.has(run))).map(({ file }) => file);
};

// The pages about the CheckThat! feed's claims (eval-feed, eval-feed-2, train-feed) may not copy a claim or its fact-check's title.
const checkThatRuns = new Set(
  readFileSync(join(SHARED_DIR, 'corpora/checkthat2020/vclaims.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => [...runsOf((JSON.parse(line) as { text: string }).text)]),
);

/** The pages of fixture sets, by path. */
const pagesOf = (sets: readonly string[]) => sets.flatMap((set) => readdirSync(`tests/fixtures/${set}/pages`).map((f) => `tests/fixtures/${set}/pages/${f}`));

/** A page's visible text, cut at its blank lines (roughly its paragraphs). */
function paragraphsOf(page: string): string[] {
  const html = readFileSync(page, 'utf8');
  return html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').split(/\n\s*\n/);
}

describe('our own words', () => {
  it('the bundled pack copies no sentence of the article or the fact sheet', () => {
    const pack = expectBundledPack();
    const texts = pack.claims.flatMap((c) => [c.text, c.summary, ...c.context.map((item) => item.text), ...c.cues.phrases]);
    expect(texts.filter((text) => copiedFrom(text).length)).toEqual([]);
  });

  it.each(['tests/fixtures/demo/index.html', ...pagesOf(['eval-extra', 'eval-extra-2', 'eval-extra-3', 'eval-extra-4', 'eval-extra-5', 'eval-extra-6', 'eval-extra-7'])])(
    '%s copies no sentence of the article or the fact sheet',
    (page) => {
    expect(paragraphsOf(page).filter((p) => copiedFrom(p).length)).toEqual([]);
    },
  );

  it.each(pagesOf(['eval-feed', 'eval-feed-2', 'train-feed']))('%s copies no CheckThat! claim or title', (page) => {
    expect(paragraphsOf(page).filter((p) => [...runsOf(unquoted(p))].some((run) => checkThatRuns.has(run)))).toEqual([]);
  });

  // The pages about other fact-checkers' own feeds may not copy what a review of their set says
  // either. Every set with feeds of its own is read, so a new one cannot be left out.
  const REVIEW_SETS = readdirSync('tests/fixtures').filter((set) => existsSync(`tests/fixtures/${set}/feeds`)).sort();
  const reviewRunsOf = (set: string) =>
    new Set(
      readdirSync(`tests/fixtures/${set}/feeds`).filter((feed) => feed.endsWith('.json')).flatMap((feed) =>
        (JSON.parse(readFileSync(`tests/fixtures/${set}/feeds/${feed}`, 'utf8')) as { claimReviewed: string; headline?: string; reviewBody?: string }[]).flatMap((review) =>
          [review.claimReviewed, review.headline ?? '', review.reviewBody ?? ''].flatMap((text) => [...runsOf(text)]),
        ),
      ),
    );
  // Each set's feeds are read once, not once for each of its pages.
  const reviewRuns = new Map(REVIEW_SETS.map((set) => [set, reviewRunsOf(set)]));
  it.each(REVIEW_SETS.flatMap((set) => pagesOf([set]).map((page) => [page, set] as const)))('%s copies no review of its set’s feeds, nor a CheckThat! claim or title', (page, set) => {
    const runs = reviewRuns.get(set)!;
    expect(paragraphsOf(page).filter((p) => [...runsOf(unquoted(p))].some((run) => runs.has(run) || checkThatRuns.has(run)))).toEqual([]);
  });
});
