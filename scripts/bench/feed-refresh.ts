// A feed refresh at scale for `npm run bench`: a store of 50 feeds and 100,000 claims (issue #14),
// then the 10,000-claim one among them refreshed with 100 claims changed, then answered with a 304,
// through the same lib/feeds code the background runs, on fake-indexeddb in Node (the browser's own
// IndexedDB import is measured apart).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addFeed, describeChange, feedIdOf, refreshFeed } from '../../lib/feeds/refresh';
import type { MatchableClaim } from '../../lib/matching';
import { ClaimlightDb } from '../../lib/store';

export interface FeedRefreshFigures {
  feeds: number;
  storeClaims: number;
  /** Subscribing to the 49 other feeds, all together. */
  fillMs: number;
  addMs: number;
  changeMs: number;
  unchangedMs: number;
  change: string;
  /** Progress reports the changing refresh gave, and the last of them. */
  progressReports: number;
  lastProgress: string;
}

const reviewsOf = (claims: readonly MatchableClaim[], rating: (i: number) => string) =>
  JSON.stringify(
    claims.map((claim, i) => ({
      '@context': 'https://schema.org', '@type': 'ClaimReview', url: `https://checks.example/${encodeURIComponent(claim.id)}`, datePublished: '2026-11-01',
      claimReviewed: claim.text, author: { '@type': 'Organization', name: 'Snopes' }, reviewRating: { '@type': 'Rating', alternateName: rating(i) },
    })),
  );

/** A fetch that serves each feed's body with its ETag, and a 304 when asked for the ETag it holds. */
function feedServer() {
  const feeds = new Map<string, { body: string; etag: string }>();
  const fetch = (async (input: unknown, init?: RequestInit) => {
    const feed = feeds.get(String(input));
    if (!feed) return new Response('not found', { status: 404 });
    const asked = (init?.headers as Record<string, string> | undefined)?.['If-None-Match'];
    return asked === feed.etag ? new Response(null, { status: 304 }) : new Response(feed.body, { headers: { 'content-type': 'application/ld+json', etag: feed.etag } });
  }) as typeof globalThis.fetch;
  return { feeds, fetch };
}

export async function measureFeedRefresh(claims: readonly MatchableClaim[], { feeds = 50, storeClaims = 100_000 } = {}): Promise<FeedRefreshFigures> {
  const { feeds: served, fetch } = feedServer();
  const db = new ClaimlightDb({ name: 'bench-feed', indexedDB: new IDBFactory(), IDBKeyRange });
  // The other feeds share the rest of the store's claims: copies of the same claims, each with ids
  // (review URLs) of its own.
  const others = feeds - 1;
  const perOther = Math.ceil((storeClaims - claims.length) / others);
  let t = performance.now();
  for (let f = 0; f < others; f++) {
    const url = `https://checks.example/feed-${f}.json`;
    const part = Array.from({ length: perOther }, (_, i) => claims[(f * perOther + i) % claims.length]!).map((c, i) => ({ ...c, id: `${c.id}-f${f}-${i}` }));
    served.set(url, { body: reviewsOf(part, () => 'False'), etag: '"1"' });
    const added = await addFeed(db, { kind: 'url', url }, { fetch });
    if (!added.ok) throw new Error(added.error);
  }
  const fillMs = performance.now() - t;
  const source = { kind: 'url' as const, url: 'https://checks.example/feed.json' };
  served.set(source.url, { body: reviewsOf(claims, () => 'False'), etag: '"1"' });
  t = performance.now();
  await addFeed(db, source, { fetch });
  const addMs = performance.now() - t;
  served.set(source.url, { body: reviewsOf(claims, (i) => (i < 100 ? 'True' : 'False')), etag: '"2"' });
  const progress: [number, number][] = [];
  t = performance.now();
  const changed = await refreshFeed(db, feedIdOf(source), { fetch, onProgress: (done, total) => progress.push([done, total]) });
  const changeMs = performance.now() - t;
  t = performance.now();
  await refreshFeed(db, feedIdOf(source), { fetch });
  const unchangedMs = performance.now() - t;
  const stored = { feeds: await db.feeds.count(), claims: await db.claims.count() };
  db.close();
  const last = progress.at(-1);
  return {
    feeds: stored.feeds,
    storeClaims: stored.claims,
    fillMs,
    addMs,
    changeMs,
    unchangedMs,
    change: changed.change ? describeChange(changed.change) : 'no change',
    progressReports: progress.length,
    lastProgress: last ? `${last[0].toLocaleString('en')} of ${last[1].toLocaleString('en')}` : 'none',
  };
}
