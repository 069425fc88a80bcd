// A feed refresh at scale for `npm run bench`: a 10,000-claim ClaimReview feed subscribed to, then
// refreshed with 100 claims changed, then answered with a 304, through the same lib/feeds code the
// background runs, on fake-indexeddb in Node (the browser's own IndexedDB import is measured apart).
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addFeed, describeChange, feedIdOf, refreshFeed } from '../../lib/feeds/refresh';
import type { MatchableClaim } from '../../lib/matching';
import { ClaimlightDb } from '../../lib/store';

export async function measureFeedRefresh(claims: readonly MatchableClaim[]): Promise<{ addMs: number; changeMs: number; unchangedMs: number; change: string }> {
  const reviews = (rating: (i: number) => string) =>
    JSON.stringify(
      claims.map((claim, i) => ({
        '@context': 'https://schema.org', '@type': 'ClaimReview', url: `https://checks.example/${encodeURIComponent(claim.id)}`, datePublished: '2026-11-01',
        claimReviewed: claim.text, author: { '@type': 'Organization', name: 'Snopes' }, reviewRating: { '@type': 'Rating', alternateName: rating(i) },
      })),
    );
  let body = reviews(() => 'False');
  let etag = '"1"';
  const fetch = (async (_: unknown, init?: RequestInit) => {
    const asked = (init?.headers as Record<string, string> | undefined)?.['If-None-Match'];
    return asked === etag ? new Response(null, { status: 304 }) : new Response(body, { headers: { 'content-type': 'application/ld+json', etag } });
  }) as typeof globalThis.fetch;
  const db = new ClaimlightDb({ name: 'bench-feed', indexedDB: new IDBFactory(), IDBKeyRange });
  const source = { kind: 'url' as const, url: 'https://checks.example/feed.json' };
  let t = performance.now();
  await addFeed(db, source, { fetch });
  const addMs = performance.now() - t;
  body = reviews((i) => (i < 100 ? 'True' : 'False'));
  etag = '"2"';
  t = performance.now();
  const changed = await refreshFeed(db, feedIdOf(source), { fetch });
  const changeMs = performance.now() - t;
  t = performance.now();
  await refreshFeed(db, feedIdOf(source), { fetch });
  const unchangedMs = performance.now() - t;
  db.close();
  return { addMs, changeMs, unchangedMs, change: changed.change ? describeChange(changed.change) : 'no change' };
}
