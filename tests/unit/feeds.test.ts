import { afterEach, describe, expect, it, vi } from 'vitest';
import { FACTCHECK_ENDPOINT, factCheckUrl } from '@/lib/feeds/factcheck';
import { fetchFeed } from '@/lib/feeds/fetch-feed';
import { feedAddress } from '@/lib/feeds/names';
import { addFeed, asFeeds, describeChange, diffClaims, feedIdOf, refreshFeed, removeFeed } from '@/lib/feeds/refresh';
import { checkPackSize, parsePackText } from '@/lib/pack';
import { DEFAULT_INTERVAL_MINUTES, backoffMinutes, clampInterval, dueFeeds, nextCheckAfter, nextWake } from '@/lib/feeds/schedule';
import type { ClaimlightDb } from '@/lib/store';
import { dumpStore, fillDiskAtBatch, freshDb } from '../helpers/packs';

const MINUTE = 60_000;
const FEED_URL = 'https://checks.example/feed.json';

/** A ClaimReview document of reviews numbered as given, each rated as given. */
function reviews(items: [number, string][]): string {
  return JSON.stringify(
    items.map(([n, rating]) => ({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `https://checks.example/review-${n}`,
      datePublished: '2026-11-01',
      claimReviewed: `Harbour claim number ${n} about the ferry fares.`,
      author: { '@type': 'Organization', name: 'Harbour Checks' },
      reviewRating: { '@type': 'Rating', alternateName: rating },
    })),
  );
}

/** A server in a function: answers each request from a handler, and records what was asked. */
function server(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    requests.push({ url: String(input), headers: { ...(init.headers as Record<string, string>) } });
    return handler(String(input), init);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

const json = (body: string, headers: Record<string, string> = {}) => new Response(body, { status: 200, headers: { 'content-type': 'application/ld+json', ...headers } });

describe('feedAddress', () => {
  it.each([
    ['https://CHECKS.example:443/feed.json#latest', { ok: true, value: 'https://checks.example/feed.json' }],
    // Typed without its scheme, as the address bar takes it.
    ['checks.example/feed.json', { ok: true, value: 'https://checks.example/feed.json' }],
    ['localhost:8080/feed.json', { ok: true, value: 'http://localhost:8080/feed.json' }],
    ['127.0.0.1:8080/feed.json', { ok: true, value: 'http://127.0.0.1:8080/feed.json' }],
    ['[::1]/feed.json', { ok: true, value: 'http://[::1]/feed.json' }],
    ['reader:hunter2@checks.example/feed.json', { ok: false, error: 'A feed’s address cannot hold a user name or password: the browser does not send them. Use an address that needs none.' }],
    ['http://checks.example/feed.json', { ok: true, value: 'http://checks.example/feed.json' }],
    ['https://checks .example/feed.json', { ok: false, error: 'A feed’s address holds no spaces: check the address you pasted.' }],
    ['  ', { ok: false, error: 'Type or paste the feed’s address first.' }],
    ['ftp://checks.example/feed.json', { ok: false, error: 'A feed’s address starts with https:// or http://.' }],
    ['javascript:alert(1)', { ok: false, error: 'A feed’s address starts with https:// or http://.' }],
  ])('reads %j as %j', (typed, expected) => {
    expect(feedAddress(typed)).toEqual(expected);
  });
});

describe('an importer\'s problem said of a feed', () => {
  it('speaks of the feed, not of a file the reader chose, and gives advice a subscriber can take', () => {
    const problems = ['', '<html><p>none</p></html>', '<html><script type="application/ld+json">{"@type":"ClaimReview",}</script></html>', '{"hello":1}'].map((text) => {
      const parsed = parsePackText(text, { feedName: 'checks.example' });
      return parsed.ok ? '' : asFeeds(parsed.error[parsed.error.length - 1]!);
    });
    expect(problems).toEqual([
      'The feed is empty.',
      'The feed is neither JSON nor a page with JSON-LD blocks.',
      "No fact pack was found in the feed's JSON-LD blocks that could be read.",
      'No fact pack was found in the feed: it is not a Claimlight pack, holds no schema.org ClaimReview, and is not a Fact Check Tools API response.',
    ]);
    const tooMany = parsePackText(JSON.stringify(Array.from({ length: 50_001 }, () => ({ '@type': 'ClaimReview', claimReviewed: 'x' }))));
    expect(!tooMany.ok && asFeeds(tooMany.error[0]!)).toMatch(/from one feed\. Subscribe to a narrower one: a section of the site, or a search\.$/);
    expect(asFeeds(checkPackSize(100 * 1024 * 1024)!)).toMatch(/^The feed is .*Subscribe to a narrower one: a section of the site, or a search\.$/);
  });
});

describe('feed schedule', () => {
  it('checks on the feed\'s interval after a success, never under 15 minutes', () => {
    expect(nextCheckAfter(0, DEFAULT_INTERVAL_MINUTES, 0)).toBe(6 * 60 * MINUTE);
    expect(nextCheckAfter(0, 5, 0)).toBe(15 * MINUTE);
    expect(clampInterval(Number.NaN)).toBe(DEFAULT_INTERVAL_MINUTES);
  });

  it('backs off after failures, doubling from 15 minutes to a day, and never past the feed\'s own interval', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 30].map(backoffMinutes)).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
    expect(nextCheckAfter(0, 24 * 60, 3)).toBe(60 * MINUTE);
    expect(nextCheckAfter(0, 60, 6)).toBe(60 * MINUTE);
  });

  it('lists the feeds due, longest overdue first, leaving paused ones out, and says when to wake next', () => {
    const feeds = [
      { id: 'a', intervalMinutes: 60, failures: 0, paused: false, nextCheck: 50 },
      { id: 'b', intervalMinutes: 60, failures: 0, paused: false, nextCheck: 10 },
      { id: 'c', intervalMinutes: 60, failures: 0, paused: true, nextCheck: 0 },
      { id: 'd', intervalMinutes: 60, failures: 0, paused: false, nextCheck: 500 },
    ];
    expect(dueFeeds(feeds, 100).map((f) => f.id)).toEqual(['b', 'a']);
    // A next check further off than the feed's own interval was written by a clock that was ahead:
    // the feed is due now, not in a year.
    const ahead = { id: 'e', intervalMinutes: 6 * 60, failures: 0, paused: false, nextCheck: 100 + 365 * 24 * 60 * MINUTE };
    expect(dueFeeds([ahead], 100).map((f) => f.id)).toEqual(['e']);
    expect(nextWake([ahead], 100)).toBe(100);
    expect(nextWake(feeds)).toBe(10);
    expect(nextWake([feeds[2]!])).toBeNull();
  });
});

describe('fetchFeed', () => {
  afterEach(() => vi.useRealTimers());

  it('asks conditionally with the last copy\'s validators, and takes a 304 as unchanged', async () => {
    const { fetch, requests } = server(() => new Response(null, { status: 304 }));
    expect(await fetchFeed(FEED_URL, { etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' }, { fetch })).toEqual({ ok: true, value: { status: 'unchanged' } });
    expect(requests[0]!.headers).toMatchObject({ 'If-None-Match': '"v1"', 'If-Modified-Since': 'Tue, 01 Dec 2026 10:00:00 GMT' });
  });

  it('gives the text and the new validators of a fresh copy', async () => {
    const { fetch } = server(() => json('[]', { etag: '"v2"', 'last-modified': 'Wed, 02 Dec 2026 10:00:00 GMT' }));
    expect(await fetchFeed(FEED_URL, {}, { fetch })).toEqual({ ok: true, value: { status: 'fetched', text: '[]', etag: '"v2"', lastModified: 'Wed, 02 Dec 2026 10:00:00 GMT' } });
  });

  it.each([
    ['a server error', () => new Response('oops', { status: 503, statusText: 'Service Unavailable' }), 'checks.example answered 503 Service Unavailable.'],
    ['a wrong content type', () => new Response('x', { headers: { 'content-type': 'image/png' } }), 'checks.example sent image/png, not JSON or a web page.'],
    ['a declared size over the limit', () => new Response('[]', { headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) } }), 'The feed is 50.0 MB; Claimlight reads feeds of up to 0.0 MB.'],
    ['a body over the limit with no declared size', () => new Response('x'.repeat(5000), { headers: { 'content-type': 'application/json' } }), 'The feed is larger than 0.0 MB, the most Claimlight reads.'],
  ])('refuses %s in plain words', async (_, answer, message) => {
    const { fetch } = server(answer);
    expect(await fetchFeed(FEED_URL, {}, { fetch, maxBytes: 1000 })).toEqual({ ok: false, error: { message } });
  });

  it('does not follow a feed that moved to another site, and says where it went', async () => {
    const moved = server(() => {
      const response = json('[]');
      Object.defineProperties(response, { redirected: { value: true }, url: { value: 'https://elsewhere.example/feed.json' } });
      return response;
    });
    expect(await fetchFeed(FEED_URL, {}, { fetch: moved.fetch })).toEqual({ ok: false, error: { message: 'The feed has moved to https://elsewhere.example/feed.json. Subscribe to that address to follow it there.' } });
    // Moved within its own site: read as before.
    const within = server(() => {
      const response = json('[]');
      Object.defineProperties(response, { redirected: { value: true }, url: { value: 'https://checks.example/v2/feed.json' } });
      return response;
    });
    expect(await fetchFeed(FEED_URL, {}, { fetch: within.fetch })).toMatchObject({ ok: true, value: { status: 'fetched', text: '[]' } });
  });

  it('says so when the reader took the permission back, rather than blaming the server', async () => {
    const refused = server(() => Promise.reject(new TypeError('Failed to fetch')));
    const allowed = vi.fn(async () => false);
    expect(await fetchFeed(FEED_URL, {}, { fetch: refused.fetch, allowed })).toEqual({
      ok: false,
      error: { message: "Claimlight is no longer allowed to read from checks.example: the permission was taken back in the browser's settings. Remove this feed and subscribe to it again to allow it." },
    });
    expect(allowed).toHaveBeenCalledWith(FEED_URL);
    expect(await fetchFeed(FEED_URL, {}, { fetch: refused.fetch, allowed: async () => true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Could not reach checks\.example/) } });
  });

  it('reads a feed in the charset its server names', async () => {
    const latin = server(() => new Response(Buffer.from('[{"claimReviewed":"Le ferry coûte deux fois plus cher à Québec."}]', 'latin1'), { headers: { 'content-type': 'application/json; charset=iso-8859-1' } }));
    expect(await fetchFeed(FEED_URL, {}, { fetch: latin.fetch })).toMatchObject({ ok: true, value: { text: expect.stringContaining('coûte deux fois plus cher à Québec') } });
    // A server's default label on bytes that are UTF-8: read as UTF-8, not as "NÃ£o Ã©".
    const mislabelled = server(() => new Response(Buffer.from('["Não é verdade que o ferry fecha."]', 'utf8'), { headers: { 'content-type': 'application/json; charset=ISO-8859-1' } }));
    expect(await fetchFeed(FEED_URL, {}, { fetch: mislabelled.fetch })).toMatchObject({ ok: true, value: { text: '["Não é verdade que o ferry fecha."]' } });
    const unknown = server(() => new Response('["naïve"]', { headers: { 'content-type': 'application/json; charset=x-made-up' } }));
    expect(await fetchFeed(FEED_URL, {}, { fetch: unknown.fetch })).toMatchObject({ ok: true, value: { text: '["naïve"]' } });
  });

  describe('when only the body says its encoding', () => {
    it('reads a page in the encoding its <meta charset> names', async () => {
      const page = '<html><head><meta charset="windows-1251"><title>Проверка</title></head><body>Паромът струва двойно повече.</body></html>';
      const bytes = new Uint8Array([...page].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : 0xc0 + 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя'.indexOf(c))));
      const cyrillic = server(() => new Response(bytes, { headers: { 'content-type': 'text/html' } }));
      expect(await fetchFeed(FEED_URL, {}, { fetch: cyrillic.fetch })).toMatchObject({ ok: true, value: { text: expect.stringContaining('Паромът струва двойно повече.') } });
    });

    it('reads UTF-16 JSON by its byte-order mark, as PowerShell writes it', async () => {
      const text = '[{"claimReviewed":"Le ferry coûte deux fois plus cher."}]';
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const utf16 = server(() => new Response(bytes, { headers: { 'content-type': 'application/json' } }));
      expect(await fetchFeed(FEED_URL, {}, { fetch: utf16.fetch })).toMatchObject({ ok: true, value: { text } });
    });

    it('takes the byte-order mark over the charset the server names', async () => {
      const text = '["à Québec"]';
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const utf16 = server(() => new Response(bytes, { headers: { 'content-type': 'application/json; charset=iso-8859-1' } }));
      expect(await fetchFeed(FEED_URL, {}, { fetch: utf16.fetch })).toMatchObject({ ok: true, value: { text } });
    });
  });

  it('says when the server is down, and when it does not answer in time', async () => {
    const down = server(() => Promise.reject(new TypeError('fetch failed')));
    const result = await fetchFeed(FEED_URL, {}, { fetch: down.fetch });
    expect(result).toEqual({ ok: false, error: { message: expect.stringMatching(/^Could not reach checks\.example: the server is down/) } });
    // An http:// feed that cannot be reached may be one the browser upgrades to https and fails
    // (Firefox's HTTPS-Only Mode): said, except for this computer's addresses, which it leaves plain.
    expect(await fetchFeed('http://checks.example/feed.json', {}, { fetch: down.fetch })).toEqual({ ok: false, error: { message: expect.stringMatching(/ If your browser is set to use only HTTPS \(Firefox’s HTTPS-Only Mode\), it does not read http:\/\/ addresses: subscribe to the feed’s https:\/\/ address, if it has one\.$/) } });
    expect(result.ok || result.error.message).not.toMatch(/HTTPS-Only/);
    expect(await fetchFeed('http://127.0.0.1:8080/feed.json', {}, { fetch: down.fetch })).toEqual({ ok: false, error: { message: expect.not.stringMatching(/HTTPS-Only/) } });
    vi.useFakeTimers();
    const silent = vi.fn((_: unknown, init: RequestInit) => new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch;
    const pending = fetchFeed(FEED_URL, {}, { fetch: silent, timeoutMs: 30_000 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await pending).toEqual({ ok: false, error: { message: 'checks.example did not answer within 30 s.' } });
  });
});

describe('refreshing a feed', () => {
  let db: ClaimlightDb;
  afterEach(() => db?.close());
  const source = { kind: 'url' as const, url: FEED_URL };

  it('subscribes: stores the feed\'s claims as one pack named by its publisher, and refuses the same feed twice', async () => {
    db = freshDb();
    const { fetch } = server(() => json(reviews([[1, 'False'], [2, 'Misleading']]), { etag: '"v1"' }));
    const progress: [number, number][] = [];
    const added = await addFeed(db, source, { fetch, now: () => 1_000, onProgress: (done, total) => progress.push([done, total]) });
    expect(added.ok && added.value.change).toEqual({ added: 2, updated: 0, withdrawn: 0 });
    expect(progress).toEqual([[2, 2]]);
    const feed = (await db.feeds.get(feedIdOf(source)))!;
    expect(feed).toMatchObject({ title: 'Fact-checks by Harbour Checks', publisher: 'Harbour Checks', claimCount: 2, etag: '"v1"', lastChecked: 1_000, lastChanged: 1_000, failures: 0, nextCheck: 1_000 + 6 * 60 * MINUTE });
    expect(await db.claims.where('packId').equals(feed.packId).count()).toBe(2);
    expect(await addFeed(db, source, { fetch })).toEqual({ ok: false, error: 'You already subscribe to checks.example.' });
  });

  it('rewrites nothing on a 304, and replaces the pack whole when the feed changes, saying what changed', async () => {
    db = freshDb();
    let answer = () => json(reviews([[1, 'False'], [2, 'Misleading'], [3, 'True']]), { etag: '"v1"' });
    const { fetch, requests } = server(() => answer());
    await addFeed(db, source, { fetch, now: () => 1_000 });
    const before = await dumpStore(db);
    answer = () => new Response(null, { status: 304 });
    const unchanged = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 2_000 });
    expect(unchanged.change).toBeNull();
    expect(requests.at(-1)!.headers['If-None-Match']).toBe('"v1"');
    expect(await dumpStore(db)).toEqual(before);
    expect(unchanged.feed).toMatchObject({ lastChecked: 2_000, lastChanged: 1_000 });
    // Review 1 withdrawn, 2 re-rated, 4 new.
    answer = () => json(reviews([[2, 'False'], [3, 'True'], [4, 'False']]), { etag: '"v2"' });
    const changed = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 3_000 });
    expect(changed.change).toEqual({ added: 1, updated: 1, withdrawn: 1 });
    expect(describeChange(changed.change!)).toBe('1 new, 1 updated, 1 withdrawn');
    const texts = (await db.claims.where('packId').equals(changed.feed.packId).toArray()).map((c) => c.text).sort();
    expect(texts).toEqual([2, 3, 4].map((n) => `Harbour claim number ${n} about the ferry fares.`));
    expect(changed.feed).toMatchObject({ etag: '"v2"', lastChanged: 3_000, claimCount: 3 });
  });

  it('keeps the last good claims when the server is down or the feed is malformed, says why and since when, and backs off', async () => {
    db = freshDb();
    let answer: () => Response | Promise<Response> = () => json(reviews([[1, 'False']]));
    const { fetch } = server(() => answer());
    await addFeed(db, source, { fetch, now: () => 0 });
    const before = await dumpStore(db);
    answer = () => Promise.reject(new TypeError('fetch failed'));
    const down = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 10 * MINUTE });
    expect(down.feed).toMatchObject({ failures: 1, failingSince: 10 * MINUTE, nextCheck: 25 * MINUTE, lastError: expect.stringContaining('Could not reach checks.example') });
    answer = () => json('{"not": "a feed"');
    const malformed = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 25 * MINUTE });
    expect(malformed.feed).toMatchObject({ failures: 2, failingSince: 10 * MINUTE, nextCheck: 55 * MINUTE, lastError: expect.stringMatching(/^The feed could not be read: The feed is not valid JSON/) });
    expect(await dumpStore(db)).toEqual(before);
    answer = () => json(reviews([[1, 'False']]));
    const back = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 60 * MINUTE });
    expect(back.feed).toMatchObject({ failures: 0, failingSince: undefined, lastError: undefined });
  });

  it('reads a review\'s address given from the site\'s root against the feed\'s, and says on the feed\'s record what a check left out or read otherwise', async () => {
    db = freshDb();
    const items = JSON.parse(reviews([[1, 'False'], [2, 'False'], [3, 'False'], [4, 'False'], [5, 'False']])) as { url: string; claimReviewed: string }[];
    items[0]!.url = '/checks/harbour-claim-1/';
    // Four more reviews with no usable address: the record keeps three notes, and counts the rest.
    for (const review of items.slice(1)) review.url = 'not an address';
    const body = Buffer.from(JSON.stringify(items).replace('Harbour claim number 1', 'Harbour claim número 1'), 'utf8');
    const { fetch } = server(() => new Response(body, { headers: { 'content-type': 'application/json; charset=ISO-8859-1', etag: '"v1"' } }));
    await addFeed(db, source, { fetch, now: () => 0 });
    const [feed] = await db.feeds.toArray();
    const claims = await db.claims.where('packId').equals(feed!.packId).toArray();
    const first = claims.find((claim) => claim.text.startsWith('Harbour claim número 1'))!;
    expect(first.context[0]!.sources[0]!.url).toBe('https://checks.example/checks/harbour-claim-1/');
    expect(feed!.lastNotes).toEqual([
      "The feed's bytes: the server said ISO-8859-1, but the bytes are UTF-8: read as UTF-8.",
      expect.stringMatching(/^review 2: url "not an address" is not an absolute web address and was left out$/),
      expect.stringMatching(/^review 3: url/),
      'and 2 more like these',
    ]);
    // A check that reads cleanly clears them.
    const clean = server(() => json(reviews([[1, 'False']])));
    const again = await refreshFeed(db, feed!.id, { fetch: clean.fetch, now: () => 10 * MINUTE });
    expect(again.feed.lastNotes).toBeUndefined();
  });

  it('keeps the claims of a page\'s review whose JSON-LD block is broken, rather than withdrawing them with no word of why', async () => {
    db = freshDb();
    // A fact-checker's page, one JSON-LD block per review.
    const page = (items: [number, string][], broken?: number, before = '') =>
      new Response(
        `<html><body>${before}${(JSON.parse(reviews(items)) as object[])
          .map((review, i) => `<script type="application/ld+json">${i === broken ? JSON.stringify(review).replace(/}$/, ',}') : JSON.stringify(review)}</script>`)
          .join('\n')}</body></html>`,
        { status: 200, headers: { 'content-type': 'text/html' } },
      );
    let answer = () => page([[1, 'False'], [2, 'False'], [3, 'False']]);
    const { fetch } = server(() => answer());
    await addFeed(db, source, { fetch, now: () => 0 });
    // The site writes a trailing comma into the second review's block, which makes it no JSON.
    answer = () => page([[1, 'False'], [2, 'False'], [3, 'False'], [4, 'False']], 1);
    const refreshed = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 10 * MINUTE });
    expect(refreshed.change).toEqual({ added: 1, updated: 0, withdrawn: 0 });
    const texts = (await db.claims.where('packId').equals(refreshed.feed.packId).toArray()).map((c) => c.text).sort();
    expect(texts).toEqual([1, 2, 3, 4].map((n) => `Harbour claim number ${n} about the ferry fares.`));
    expect(refreshed.feed).toMatchObject({ failures: 0, claimCount: 4, lastError: 'A block of the page is not valid JSON and was left out: the 1 claim it no longer lists elsewhere stays as stored.' });
    // The page unchanged since (a 304 to the validators it gave): still broken, and the claim kept
    // for it still stored, so the row still says why.
    answer = () => new Response(null, { status: 304 });
    const unchanged = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 15 * MINUTE });
    expect(unchanged.feed).toMatchObject({ failures: 0, lastChecked: 15 * MINUTE, lastError: refreshed.feed.lastError });
    // So it is after a check that failed between (its own error said meanwhile).
    answer = () => new Response('', { status: 503 });
    expect((await refreshFeed(db, feedIdOf(source), { fetch, now: () => 16 * MINUTE })).feed.lastError).not.toBe(refreshed.feed.lastError);
    answer = () => new Response(null, { status: 304 });
    expect((await refreshFeed(db, feedIdOf(source), { fetch, now: () => 40 * MINUTE })).feed).toMatchObject({ failures: 0, lastError: refreshed.feed.lastError });
    // Read whole again, the page says what it holds, and a review it dropped is withdrawn.
    answer = () => page([[1, 'False'], [3, 'False'], [4, 'False']]);
    const whole = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 20 * MINUTE });
    expect(whole.change).toEqual({ added: 0, updated: 0, withdrawn: 1 });
    expect(whole.feed).toMatchObject({ lastError: undefined, claimCount: 3 });
    // A broken block that names no review (the page's breadcrumbs) keeps nothing: a review the page
    // dropped is withdrawn, where every claim the page ever listed used to stay for as long as the
    // block stayed broken.
    const crumbs = '<script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[],}</script>';
    answer = () => page([[1, 'False'], [4, 'False']], undefined, crumbs);
    const crumbled = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 30 * MINUTE });
    expect(crumbled.change).toEqual({ added: 0, updated: 0, withdrawn: 1 });
    expect(crumbled.feed).toMatchObject({ lastError: undefined, claimCount: 2 });
  });

  it('stores the claims of a UTF-16 feed as written, as an import of its file does', async () => {
    db = freshDb();
    const text = reviews([[1, 'False']]).replace('ferry fares', 'ferry fares in Québec');
    const { fetch } = server(() => new Response(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), { headers: { 'content-type': 'application/json' } }));
    const added = await addFeed(db, source, { fetch, now: () => 0 });
    expect(added.ok && added.value.feed.lastError).toBeUndefined();
    expect((await db.claims.toArray()).map((claim) => claim.text)).toEqual(['Harbour claim number 1 about the ferry fares in Québec.']);
  });

  it('stores a latin-1 feed within the byte limit, however many bytes its text takes in UTF-8', async () => {
    db = freshDb();
    // 9 MB of "é", one byte each in latin-1 and two in UTF-8: 18 MB, over the 16 MB an imported file may be.
    const text = reviews([[1, 'False']]).replace(/}]$/, `,"description":"${'é'.repeat(9 * 1024 * 1024)}"}]`);
    const { fetch } = server(() => new Response(Buffer.from(text, 'latin1'), { headers: { 'content-type': 'application/json; charset=iso-8859-1' } }));
    const added = await addFeed(db, source, { fetch, now: () => 0 });
    expect(added.ok && added.value.feed.lastError).toBeUndefined();
    expect((await db.claims.toArray()).map((claim) => claim.text)).toEqual(['Harbour claim number 1 about the ferry fares.']);
  });

  describe('when the feed holds the reviews of several publishers', () => {
    /** Two reviews, each by another publisher: a pack that no one fact-checker names. */
    const twoPublishers = JSON.stringify(
      ['Harbour Checks', 'Coast Watch'].map((name, n) => ({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: `https://checks.example/review-${n}`,
        claimReviewed: `Harbour claim number ${n} about the ferry fares.`,
        author: { '@type': 'Organization', name },
        reviewRating: { '@type': 'Rating', alternateName: 'False' },
      })),
    );
    const apiAnswer = JSON.stringify({
      claims: ['Harbour Checks', 'Coast Watch'].map((name, n) => ({ text: `Ferry claim ${n}.`, claimReview: [{ publisher: { name }, url: `https://checks.example/r${n}`, textualRating: 'False' }] })),
    });

    it.each([
      ['an address', { kind: 'url' as const, url: 'https://www.factcheck.org/feed.json' }, twoPublishers, 'www.factcheck.org'],
      ['a search', { kind: 'factcheck' as const, query: 'U.S. ferry fares' }, apiAnswer, 'Fact Check Tools: U.S. ferry fares'],
    ])('titles the feed of %s by its whole name', async (_, given, body, title) => {
      db = freshDb();
      const { fetch } = server(() => json(body));
      const added = await addFeed(db, given, { fetch, apiKey: 'K', now: () => 0 });
      expect(added.ok && added.value.feed.title).toBe(title);
    });
  });

  it('leaves the last good pack whole when the refresh fails while it writes', async () => {
    db = freshDb();
    let answer = () => json(reviews([[1, 'False'], [2, 'False']]));
    const { fetch } = server(() => answer());
    await addFeed(db, source, { fetch, now: () => 0 });
    const before = await dumpStore(db);
    answer = () => json(reviews([[3, 'False'], [4, 'False'], [5, 'False']]));
    const disk = fillDiskAtBatch(db, 1);
    // Told as a failure of the feed, as a server's error would be: the record says why and the next
    // check backs off (it was left due, and fetched again and again, while the disk stayed full).
    const full = await refreshFeed(db, feedIdOf(source), { fetch, now: () => 1 });
    expect(disk.batches()).toBe(1);
    disk.restore();
    expect(await dumpStore(db)).toEqual(before);
    expect(full.change).toBeNull();
    expect(await db.feeds.get(feedIdOf(source))).toMatchObject({ lastChecked: 1, failures: 1, failingSince: 1, nextCheck: 1 + 15 * MINUTE, lastError: expect.stringMatching(/no room left/), claimCount: 2 });
  });

  /** A fetch that answers only when let go, so that the store can change while a refresh waits. */
  function gatedServer(answer: () => Response | Promise<Response>) {
    let letGo = () => {};
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const { fetch } = server(async () => {
      await gate;
      return answer();
    });
    return { fetch, letGo };
  }

  it.each([
    ['a new copy of the feed', () => json(reviews([[1, 'False'], [2, 'False'], [3, 'True']]))],
    ['an error', () => new Response('down', { status: 503 })],
    ['a 304', () => new Response(null, { status: 304 })],
  ])('leaves a feed removed while its refresh waits for %s removed, claims and all', async (_, answer) => {
    db = freshDb();
    await addFeed(db, source, { fetch: server(() => json(reviews([[1, 'False']]), { etag: '"v1"' })).fetch, now: () => 0 });
    const { fetch, letGo } = gatedServer(answer);
    const refreshing = refreshFeed(db, feedIdOf(source), { fetch, now: () => 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await removeFeed(db, feedIdOf(source))).toBe(true);
    letGo();
    expect((await refreshing).change).toBeNull();
    expect({ feeds: await db.feeds.count(), packs: await db.packs.count(), claims: await db.claims.count() }).toEqual({ feeds: 0, packs: 0, claims: 0 });
  });

  it('keeps a pause and a new interval set while a refresh waits, and writes only what the refresh learnt', async () => {
    db = freshDb();
    await addFeed(db, source, { fetch: server(() => json(reviews([[1, 'False']]))).fetch, now: () => 0 });
    for (const answer of [() => json(reviews([[1, 'False'], [2, 'False']])), () => new Response('down', { status: 503 })]) {
      const { fetch, letGo } = gatedServer(answer);
      const refreshing = refreshFeed(db, feedIdOf(source), { fetch, now: () => 10 * MINUTE });
      await new Promise((resolve) => setTimeout(resolve, 10));
      await db.feeds.update(feedIdOf(source), { paused: true, intervalMinutes: 24 * 60 });
      letGo();
      const { feed } = await refreshing;
      expect(feed).toMatchObject({ paused: true, intervalMinutes: 24 * 60, lastChecked: 10 * MINUTE, claimCount: 2 });
      expect(await db.feeds.get(feedIdOf(source))).toEqual(feed);
      await db.feeds.update(feedIdOf(source), { paused: false });
    }
    // The failure's back-off read the new interval's record: 15 minutes after one failure.
    expect(await db.feeds.get(feedIdOf(source))).toMatchObject({ failures: 1, nextCheck: 25 * MINUTE });
  });

  it('unsubscribes: the feed and its claims go together', async () => {
    db = freshDb();
    const { fetch } = server(() => json(reviews([[1, 'False']])));
    await addFeed(db, source, { fetch });
    expect(await removeFeed(db, feedIdOf(source))).toBe(true);
    expect(await db.feeds.count()).toBe(0);
    expect(await db.claims.where('packId').equals(feedIdOf(source)).count()).toBe(0);
    expect(await removeFeed(db, feedIdOf(source))).toBe(false);
  });

  it('follows the pages of a Fact Check Tools search and imports them as one pack, keeping the key out of errors', async () => {
    db = freshDb();
    const search = { kind: 'factcheck' as const, query: 'ferry fares', languageCode: 'en' };
    const page = (n: number, next?: string) =>
      new Response(JSON.stringify({
        claims: [{ text: `Ferry claim ${n}.`, claimant: 'A councillor', claimReview: [{ publisher: { name: 'Harbour Checks', site: 'checks.example' }, url: `https://checks.example/r${n}`, textualRating: 'False', reviewDate: '2026-11-02T00:00:00Z' }] }],
        ...(next ? { nextPageToken: next } : {}),
      }), { headers: { 'content-type': 'application/json; charset=UTF-8' } });
    const { fetch, requests } = server((url) => (new URL(url).searchParams.get('pageToken') === 'p2' ? page(2) : page(1, 'p2')));
    const added = await addFeed(db, search, { fetch, apiKey: 'SECRET', now: () => 0 });
    expect(added.ok && added.value.change).toEqual({ added: 2, updated: 0, withdrawn: 0 });
    expect(requests.map((r) => new URL(r.url).searchParams.get('pageToken'))).toEqual([null, 'p2']);
    expect(factCheckUrl(search, 'K')).toBe(`${FACTCHECK_ENDPOINT}?query=ferry+fares&languageCode=en&pageSize=100&key=K`);
    const failing = server(() => new Response('no', { status: 403, statusText: 'Forbidden' }));
    const refused = await refreshFeed(db, feedIdOf(search), { fetch: failing.fetch, apiKey: 'SECRET' });
    expect(refused.feed.lastError).toBe('factchecktools.googleapis.com answered 403 Forbidden.');
    // Google's APIs say in the body what was wrong: a key refused is said so, and the key stays out
    // (an API that echoes the key back, and a line that would reorder the sentence, included).
    const badKey = server(() => new Response(JSON.stringify({ error: { code: 400, message: 'API key not valid.\u202e Please pass a valid API key (SECRET).', status: 'INVALID_ARGUMENT' } }), { status: 400, headers: { 'content-type': 'application/json; charset=UTF-8' } }));
    const wrongKey = await refreshFeed(db, feedIdOf(search), { fetch: badKey.fetch, apiKey: 'SECRET' });
    expect(wrongKey.feed.lastError).toBe('factchecktools.googleapis.com answered 400: “API key not valid. Please pass a valid API key (…).”');
    // A key repeated where the message is cut short leaves no part of it either.
    const longer = server(() => new Response(JSON.stringify({ error: { message: `${'x'.repeat(196)}SECRET was refused.` } }), { status: 400, headers: { 'content-type': 'application/json' } }));
    const cut = await refreshFeed(db, feedIdOf(search), { fetch: longer.fetch, apiKey: 'SECRET' });
    expect(cut.feed.lastError).toContain('x…');
    expect(cut.feed.lastError).not.toMatch(/SEC/);
    expect(JSON.stringify(await db.feeds.toArray())).not.toContain('SECRET');
    const noKey = await refreshFeed(db, feedIdOf(search), { fetch });
    expect(noKey.feed.lastError).toMatch(/needs a Fact Check Tools API key/);
    // A page that points back to one already read ends the search, rather than costing the reader's
    // quota the search's ten pages.
    const looping = server((url) => page(new URL(url).searchParams.get('pageToken') === 'p2' ? 2 : 1, 'p2'));
    await refreshFeed(db, feedIdOf(search), { fetch: looping.fetch, apiKey: 'SECRET' });
    expect(looping.requests.map((r) => new URL(r.url).searchParams.get('pageToken'))).toEqual([null, 'p2']);
    // A search that matches nothing today is a healthy feed with no claims, not a failing one.
    const none = server(() => new Response(JSON.stringify({}), { headers: { 'content-type': 'application/json' } }));
    const empty = await refreshFeed(db, feedIdOf(search), { fetch: none.fetch, apiKey: 'SECRET', now: () => 5 * MINUTE });
    expect(empty.change).toEqual({ added: 0, updated: 0, withdrawn: 2 });
    expect(empty.feed).toMatchObject({ failures: 0, lastError: undefined, claimCount: 0, lastChanged: 5 * MINUTE });
    expect(await db.claims.where('packId').equals(feedIdOf(search)).count()).toBe(0);
    const again = await refreshFeed(db, feedIdOf(search), { fetch: none.fetch, apiKey: 'SECRET', now: () => 10 * MINUTE });
    expect([again.change, again.feed.failures, again.feed.lastChecked]).toEqual([null, 0, 10 * MINUTE]);
    // A search with more pages than one check reads says so on the feed's record.
    const endless = server((url) => page(Number(new URL(url).searchParams.get('pageToken') ?? '0'), String(Number(new URL(url).searchParams.get('pageToken') ?? '0') + 1)));
    const long = await refreshFeed(db, feedIdOf(search), { fetch: endless.fetch, apiKey: 'SECRET' });
    expect(endless.requests).toHaveLength(10);
    expect(long.feed.lastNotes).toEqual(['The search has more claims than the 10 Claimlight reads of one (10 pages); narrow it (a site, a language, more words) to follow the rest.']);
  });
});

describe('diffClaims', () => {
  it('counts claims by id', () => {
    const claim = (id: string, verdict: 'false' | 'accurate' = 'false') => ({ id, text: id, verdict, summary: 's', context: [], cues: { phrases: [], terms: [] } });
    expect(diffClaims([claim('a'), claim('b')], [claim('b', 'accurate'), claim('c')])).toEqual({ added: 1, updated: 1, withdrawn: 1 });
  });
});

describe('describeChange', () => {
  // Every caller puts it after a colon, in the middle of a sentence ("Title: no changes.",
  // "last changed 3 May: 12,000 new."), where "No changes" read with a capital.
  it.each([
    ['1 new, 1 updated, 1 withdrawn', { added: 1, updated: 1, withdrawn: 1 }],
    ['12,000 new', { added: 12000, updated: 0, withdrawn: 0 }],
    ['1,500 updated, 2,048 withdrawn', { added: 0, updated: 1500, withdrawn: 2048 }],
    ['no changes', { added: 0, updated: 0, withdrawn: 0 }],
  ])('writes "%s", its counts grouped as the rest of the interface writes them', (words, change) => {
    expect(describeChange(change)).toBe(words);
  });
});
