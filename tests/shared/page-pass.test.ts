import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBundledPack } from '@/lib/bundled-pack';
import { buildClaimIndex, scorePairs, type ClaimIndex } from '@/lib/matching';
import { checkThatClaims, checkThatPosts, htmlIn, passDisagreements, readPage } from '../../scripts/lib/eval-sets';
import { SHARED_DIR } from './paths';

// The page pass skips the costly features of pairs that cannot reach the loose bar. On every post
// and dev page it must mark and list exactly what deciding over every pair, fully scored, does.
function differing(pages: { blocks: readonly { text: string }[]; date: number | null }[], index: ClaimIndex): number {
  return pages.reduce((count, page) => count + passDisagreements(page, index, scorePairs(page.blocks, index, { pageDate: page.date })), 0);
}

describe('the page pass', () => {
  it('decides on the CheckThat! dev posts what every pair, fully scored, decides', () => {
    const dir = join(SHARED_DIR, 'corpora/checkthat2020');
    const feed = buildClaimIndex(checkThatClaims(dir));
    const posts = checkThatPosts(dir, 'dev').map((q) => ({ blocks: [{ text: q.text }], date: null }));
    expect(posts.length).toBeGreaterThan(150);
    expect(differing(posts, feed)).toBe(0);
  }, 120_000);

  it('decides on the dev pages, with cues and without, what every pair, fully scored, decides', () => {
    const dir = join(SHARED_DIR, 'eval/dev/pages');
    const pages = htmlIn(dir).map((file) => readPage(join(dir, file)));
    const claims = expectBundledPack().claims;
    expect(differing(pages, buildClaimIndex(claims))).toBe(0);
    expect(differing(pages, buildClaimIndex(claims, { ignoreCues: true }))).toBe(0);
  }, 120_000);
});
