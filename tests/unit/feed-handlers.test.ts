import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { feedOrigin } from '@/lib/feeds/names';
import { expectBundledPack } from '@/lib/bundled-pack';
import { feedIdOf } from '@/lib/feeds/refresh';
import { createClient, routeMessage, type SenderInfo } from '@/lib/protocol';
import { installBundledPack, type ClaimlightDb } from '@/lib/store';
import { freshDb, samplePack } from '../helpers/packs';

const bundled = expectBundledPack();
const tab: SenderInfo = { tabId: 3, url: 'https://news.example/a', fromExtensionPage: false, fromThisExtension: true };
const options: SenderInfo = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
const FEED = 'https://checks.example/feed.json';

const review = (n: number) => ({
  '@context': 'https://schema.org', '@type': 'ClaimReview', url: `https://checks.example/r${n}`, datePublished: '2026-11-01',
  claimReviewed: `The harbour ferry fares doubled in claim ${n}.`, author: { '@type': 'Organization', name: 'Harbour Checks' },
  reviewRating: { '@type': 'Rating', alternateName: 'False' },
});

let db: ClaimlightDb;
afterEach(() => db?.close());

async function setup(body: () => Response) {
  db = freshDb();
  await installBundledPack(db, bundled);
  let now = 1_000;
  const hooks = { onStoreChanged: vi.fn(), onOriginUnused: vi.fn() };
  const fetch = vi.fn(async () => body()) as unknown as typeof globalThis.fetch;
  const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch, now: () => now }, ...hooks });
  const from = (sender: SenderInfo) => createClient(async (message) => routeMessage(structuredClone(message), sender, handlers));
  return { ui: from(options), page: from(tab), hooks, handlers, fetch, tick: (ms: number) => (now += ms) };
}

const json = (value: unknown) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });

describe('feeds through the background', () => {
  it('sets the feeds\' alarm again after a check that changed nothing or failed, as after one that changed the claims', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const onFeedChecked = vi.fn();
    const onStoreChanged = vi.fn();
    const fetch = vi.fn(async () => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof globalThis.fetch;
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch, now: () => 1_000 }, onFeedChecked, onStoreChanged });
    const ui = createClient(async (message) => routeMessage(structuredClone(message), options, handlers));
    // The first check fails: the feed is due again in 15 minutes, and the alarm must say so.
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    expect(onFeedChecked).toHaveBeenCalledTimes(1);
    await ui.call('refreshFeed', { feedId: feedIdOf({ kind: 'url', url: FEED }) });
    expect(onFeedChecked).toHaveBeenCalledTimes(2);
    expect(onStoreChanged).toHaveBeenCalledTimes(0);
  });

  it('says a feed removed while its check was being set up is gone, not that the store failed', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    let release = () => {};
    let held = false;
    let asked = false;
    const fetch = vi.fn(async () => json([review(1)])) as unknown as typeof globalThis.fetch;
    // Reading the key takes a moment, in which the reader presses "Remove".
    const apiKey = () => (held ? new Promise<undefined>((resolve) => ((asked = true), (release = () => resolve(undefined)))) : Promise.resolve(undefined));
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch, now: () => 1_000, apiKey } });
    const ui = createClient(async (message) => routeMessage(structuredClone(message), options, handlers));
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    const feedId = feedIdOf({ kind: 'url', url: FEED });
    held = true;
    const refreshed = ui.call('refreshFeed', { feedId });
    await vi.waitFor(() => expect(asked).toBe(true));
    expect(await ui.call('removeFeed', { feedId })).toMatchObject({ ok: true });
    release();
    expect(await refreshed).toEqual({ ok: false, error: { code: 'not-found', message: 'There is no such feed.' } });
    expect(await db.claims.where('packId').equals(feedId).count()).toBe(0);
  });

  it('refuses to import a file over a feed\'s pack (its export, edited), keeping the feed\'s claims', async () => {
    const { ui } = await setup(() => json([review(1), review(2)]));
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    const id = feedIdOf({ kind: 'url', url: FEED });
    const before = await db.claims.where('packId').equals(id).toArray();
    const exported = await ui.call('exportPack', { packId: id, format: 'claimlight' });
    if (!exported.ok) throw new Error(exported.error.message);
    const edited = JSON.parse(exported.value.text);
    edited.title = 'My own notes';
    edited.claims = edited.claims.slice(0, 1);
    const imported = await ui.call('importPack', { text: JSON.stringify(edited), fileName: 'notes.json' });
    expect(imported).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/belongs to the feed "Fact-checks by Harbour Checks"; give the imported pack another id, or remove the feed first/) } });
    expect(await db.claims.where('packId').equals(id).toArray()).toEqual(before);
    expect((await db.packs.get(id))!.title).toBe('Fact-checks by Harbour Checks');
  });

  it('subscribes again to a feed whose export was imported after the feed was removed, taking that pack over', async () => {
    const { ui } = await setup(() => json([review(1), review(2)]));
    const id = feedIdOf({ kind: 'url', url: FEED });
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    const exported = await ui.call('exportPack', { packId: id, format: 'claimlight' });
    if (!exported.ok) throw new Error(exported.error.message);
    await ui.call('removeFeed', { feedId: id });
    expect((await ui.call('importPack', { text: exported.value.text, fileName: 'kept.json' })).ok).toBe(true);
    // Refused before, "You already subscribe to checks.example", with no feed listed to remove.
    const again = await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    expect(again).toMatchObject({ ok: true, value: { feed: { id, claimCount: 2 } } });
    expect(await ui.call('listFeeds', {})).toMatchObject({ ok: true, value: [{ id }] });
    expect(await db.claims.where('packId').equals(id).count()).toBe(2);
  });

  it('takes a feed written another way (case, default port, fragment) for the one subscribed to, and refuses an address with a password without showing it', async () => {
    const { ui, fetch } = await setup(() => json([review(1)]));
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    for (const url of ['https://CHECKS.example:443/feed.json#latest', 'https://checks.example./feed.json']) expect(await ui.call('addFeed', { source: { kind: 'url', url } })).toMatchObject({ ok: false, error: { message: 'You already subscribe to checks.example.' } });
    const withPassword = await ui.call('addFeed', { source: { kind: 'url', url: 'https://reader:hunter2@checks.example/other.json' } });
    expect(withPassword).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot hold a user name or password/) } });
    expect(JSON.stringify(withPassword)).not.toContain('hunter2');
    expect((await ui.call('listFeeds', {})) as { value: unknown[] }).toMatchObject({ value: [{ source: { url: FEED } }] });
    expect(fetch).toHaveBeenCalledTimes(1);
    // Written another way the first time, it is stored as the browser reads it.
    await ui.call('removeFeed', { feedId: feedIdOf({ kind: 'url', url: FEED }) });
    expect(await ui.call('addFeed', { source: { kind: 'url', url: 'https://Checks.Example/feed.json#top' } })).toMatchObject({ ok: true, value: { feed: { id: feedIdOf({ kind: 'url', url: FEED }), source: { url: FEED } } } });
  });

  it('leaves a server that asked to be left alone (429 with Retry-After) that long, up to the feed\'s interval', async () => {
    const { ui } = await setup(() => new Response('', { status: 429, headers: { 'retry-after': '7200' } }));
    const added = await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    // Two hours, not the first failure's 15 minutes.
    expect(added).toMatchObject({ ok: true, value: { feed: { lastError: 'checks.example answered 429.', nextCheck: 1_000 + 7_200_000 } } });
    db.close();
    const { ui: other } = await setup(() => new Response('', { status: 503, headers: { 'retry-after': String(3 * 24 * 3600) } }));
    expect(await other.call('addFeed', { source: { kind: 'url', url: FEED }, intervalMinutes: 60 })).toMatchObject({ ok: true, value: { feed: { nextCheck: 1_000 + 3_600_000 } } });
  });

  it('stores a feed\'s new title on its pack when its claims stayed the same', async () => {
    let title = 'Harbour Checks';
    const { ui } = await setup(() => json(samplePack({ title })));
    const id = feedIdOf({ kind: 'url', url: FEED });
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    title = 'Harbour Checks (renamed)';
    const refreshed = await ui.call('refreshFeed', { feedId: id });
    expect(refreshed).toMatchObject({ ok: true, value: { change: null, feed: { title } } });
    expect((await db.packs.get(id))!.title).toBe(title);
  });

  it('gives the pages the feed\'s new title too: the cards name the pack as it is now called', async () => {
    let title = 'Harbour Checks';
    const { ui, page, hooks } = await setup(() => json(samplePack({ title })));
    const id = feedIdOf({ kind: 'url', url: FEED });
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    const ferry = { blocks: ['Commuters say ferry fares have doubled since the spring.'], pageDate: null };
    const titles = async () => {
      const found = await page.call('findMentions', ferry);
      return found.ok ? Object.values(found.value.claims).map((claim) => claim.packTitle) : found.error.message;
    };
    expect(await titles()).toEqual(['Harbour Checks']);
    hooks.onStoreChanged.mockClear();
    title = 'Harbour Checks (renamed)';
    await ui.call('refreshFeed', { feedId: id });
    expect(await titles()).toEqual([title]);
    // Open tabs are told, so that their cards say it too.
    expect(hooks.onStoreChanged).toHaveBeenCalledTimes(1);
    // A check that changes nothing the cards show tells them nothing.
    await ui.call('refreshFeed', { feedId: id });
    expect(hooks.onStoreChanged).toHaveBeenCalledTimes(1);
  });

  it('tells the tabs once after an alarm\'s run that changed several feeds, not once a feed', async () => {
    let version = 1;
    const { ui, handlers, hooks, tick } = await setup(() => json([review(version)]));
    const feeds = ['https://checks.example/a.json', 'https://checks.example/b.json', 'https://checks.example/c.json'];
    for (const url of feeds) await ui.call('addFeed', { source: { kind: 'url', url } });
    hooks.onStoreChanged.mockClear();
    // Each feed has a new review by the time they are all due.
    version = 2;
    tick(7 * 3_600_000);
    expect(await handlers.refreshDueFeeds()).toBe(3);
    expect(hooks.onStoreChanged).toHaveBeenCalledTimes(1);
    // A run that changed nothing tells no tab.
    tick(7 * 3_600_000);
    expect(await handlers.refreshDueFeeds()).toBe(3);
    expect(hooks.onStoreChanged).toHaveBeenCalledTimes(1);
  });

  it('tells the tabs of the feeds an alarm\'s run refreshed when the run stops short (the store closed under it)', async () => {
    let version = 1;
    const { ui, handlers, hooks, tick } = await setup(() => json([review(version)]));
    const feeds = ['https://checks.example/a.json', 'https://checks.example/b.json'];
    for (const url of feeds) await ui.call('addFeed', { source: { kind: 'url', url } });
    hooks.onStoreChanged.mockClear();
    version = 2;
    tick(7 * 3_600_000);
    // The first feed's refresh is stored; reading the second feed's record then fails.
    const second = feedIdOf({ kind: 'url', url: feeds[1]! });
    const get = db.feeds.get.bind(db.feeds);
    vi.spyOn(db.feeds, 'get').mockImplementation(((key: string) => (key === second ? Promise.reject(new Error('the database connection is closing')) : get(key))) as never);
    await expect(handlers.refreshDueFeeds()).rejects.toThrow('the database connection is closing');
    expect(hooks.onStoreChanged).toHaveBeenCalledTimes(1);
  });

  it('installs the bundled pack at the next message where the background\'s install at start failed', async () => {
    db = freshDb();
    const onStoreChanged = vi.fn();
    const handlers = createBackgroundHandlers({ db, bundled, onStoreChanged });
    await db.open();
    handlers.bundledMissing();
    const ui = createClient(async (message) => routeMessage(structuredClone(message), options, handlers));
    expect(await ui.call('getStoreSummary', {})).toEqual({ ok: true, value: { packCount: 1, claimCount: bundled.claims.length } });
    await vi.waitFor(() => expect(onStoreChanged).toHaveBeenCalledTimes(1));
  });

  it('shares one check between "Refresh now" and the alarm\'s check of the same feed, counting one failure', async () => {
    let release = () => {};
    let up = true;
    const { ui, handlers, fetch, tick } = await setup(() => (up ? json([review(1)]) : new Response('', { status: 503 })));
    const id = feedIdOf({ kind: 'url', url: FEED });
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    up = false;
    tick(7 * 3_600_000);
    const gate = new Promise<void>((resolve) => (release = resolve));
    vi.mocked(fetch).mockImplementation(async () => {
      await gate;
      return new Response('', { status: 503 });
    });
    const alarm = handlers.refreshDueFeeds();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = ui.call('refreshFeed', { feedId: id });
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([alarm, now]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect((await db.feeds.get(id))!.failures).toBe(1);
  });

  it('shares a new feed\'s first check with an alarm\'s check that comes while it waits on a slow server', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { ui, handlers, fetch } = await setup(() => new Response('', { status: 503 }));
    vi.mocked(fetch).mockImplementation(async () => {
      await gate;
      return new Response('', { status: 503 });
    });
    const adding = ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The new feed is due at once: the alarm finds it.
    const alarm = handlers.refreshDueFeeds();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await Promise.all([adding, alarm]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((await db.feeds.get(feedIdOf({ kind: 'url', url: FEED })))!.failures).toBe(1);
  });

  it('says in words when the store cannot be written, for every feed and pack request', async () => {
    const { ui } = await setup(() => json([review(1)]));
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    const full = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    vi.spyOn(db.feeds, 'put').mockImplementation(full as never);
    expect(await ui.call('setFeedPaused', { feedId: feedIdOf({ kind: 'url', url: FEED }), paused: true })).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/^Your browser has no room left/) } });
    const closed = () => Promise.reject(Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' }));
    vi.spyOn(db.feeds, 'orderBy').mockImplementation(() => ({ toArray: closed }) as never);
    vi.spyOn(db.packs, 'toArray').mockImplementation(closed as never);
    vi.spyOn(db.packs, 'count').mockImplementation(closed as never);
    vi.spyOn(db.packs, 'get').mockImplementation(closed as never);
    for (const reply of [
      await ui.call('listFeeds', {}),
      await ui.call('listPacks', {}),
      await ui.call('getStoreSummary', {}),
      await ui.call('exportPack', { packId: 'x', format: 'claimreview' }),
    ]) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/closed while it was in use/) } });
    }
    // Firefox set never to remember history refuses the background its database: the settings page
    // is not told that pages are still marked, which they are not.
    const refused = () => Promise.reject(Object.assign(new Error('A mutation operation was attempted on a database that did not allow mutations.'), { name: 'InvalidStateError' }));
    vi.spyOn(db.packs, 'toArray').mockImplementation(refused as never);
    expect(await ui.call('listPacks', {})).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/^Firefox is set never to remember history/) } });
  });

  it('subscribes from an extension page only, and the page then matches the feed\'s claims', async () => {
    const { ui, page, hooks } = await setup(() => json([review(1)]));
    expect(await page.call('addFeed', { source: { kind: 'url', url: FEED } })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await ui.call('addFeed', { source: { kind: 'url', url: 'javascript:alert(1)' } as never })).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    const added = await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    expect(added).toMatchObject({ ok: true, value: { change: { added: 1, updated: 0, withdrawn: 0 }, feed: { claimCount: 1, publisher: 'Harbour Checks' } } });
    expect(hooks.onStoreChanged).toHaveBeenCalled();
    const found = await page.call('findMentions', { blocks: ['The harbour ferry fares doubled in claim 1, a councillor said.'], pageDate: null });
    expect(found.ok && found.value.mentions.map((m) => m.claimKey)).toEqual([`${feedIdOf({ kind: 'url', url: FEED })}/${(await db.claims.where('packId').equals(feedIdOf({ kind: 'url', url: FEED })).first())!.id}`]);
    expect((await ui.call('listFeeds', {})).ok).toBe(true);
  });

  it('refuses to delete a feed\'s pack as a pack, and removes it with its feed, giving back the origin when no feed uses it', async () => {
    const { ui, hooks } = await setup(() => json([review(1)]));
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    await ui.call('addFeed', { source: { kind: 'url', url: 'https://checks.example/other.json' } });
    const id = feedIdOf({ kind: 'url', url: FEED });
    expect(await ui.call('deletePack', { packId: id })).toMatchObject({ ok: false, error: { message: 'This pack comes from a feed: remove the feed to remove its claims.' } });
    expect(await ui.call('removeFeed', { feedId: id })).toEqual({ ok: true, value: { removed: true } });
    expect(hooks.onOriginUnused).not.toHaveBeenCalled();
    await ui.call('removeFeed', { feedId: feedIdOf({ kind: 'url', url: 'https://checks.example/other.json' }) });
    expect(hooks.onOriginUnused).toHaveBeenCalledWith('https://checks.example/*');
    expect(await db.packs.count()).toBe(1);
    expect(feedOrigin({ kind: 'factcheck', query: 'x' })).toBe('https://factchecktools.googleapis.com/*');
    // The host whatever its port: Firefox holds a pattern with a port yet lets no request through it.
    expect(feedOrigin({ kind: 'url', url: 'http://127.0.0.1:8080/claimreview.json' })).toBe('http://127.0.0.1/*');
    expect(feedOrigin({ kind: 'url', url: 'http://[::1]:8080/feed.json' })).toBe('http://[::1]/*');
    // A feed on a port of its own gives back its host, and the origin with the port that a feed
    // subscribed to before held.
    hooks.onOriginUnused.mockClear();
    const onPort = 'http://127.0.0.1:8080/feed.json';
    await ui.call('addFeed', { source: { kind: 'url', url: onPort } });
    await ui.call('removeFeed', { feedId: feedIdOf({ kind: 'url', url: onPort }) });
    expect(hooks.onOriginUnused.mock.calls.map(([origin]) => origin)).toEqual(['http://127.0.0.1/*', 'http://127.0.0.1:8080/*']);
  });

  it('refreshes only the feeds that are due, pauses and resumes, and forgets the feeds on a reset, giving back their origins', async () => {
    const { ui, handlers, fetch, tick, hooks } = await setup(() => json([review(1)]));
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    const asked = () => (fetch as unknown as { mock: { calls: unknown[] } }).mock.calls.length;
    expect(await handlers.refreshDueFeeds()).toBe(0);
    tick(6 * 60 * 60_000);
    const id = feedIdOf({ kind: 'url', url: FEED });
    await ui.call('setFeedPaused', { feedId: id, paused: true });
    expect(await handlers.refreshDueFeeds()).toBe(0);
    await ui.call('setFeedPaused', { feedId: id, paused: false });
    const before = asked();
    expect(await handlers.refreshDueFeeds()).toBe(1);
    expect(asked()).toBe(before + 1);
    expect(await ui.call('refreshFeed', { feedId: 'feed-nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(hooks.onOriginUnused).not.toHaveBeenCalled();
    await ui.call('resetStore', {});
    expect(await db.feeds.count()).toBe(0);
    expect(hooks.onOriginUnused.mock.calls).toEqual([['https://checks.example/*']]);
    expect(await db.packs.count()).toBe(1);
  });
});
