// Feeds when things go wrong around them: a disk too full for even a feed's record, a reader who
// pauses, refreshes or re-subscribes while a check is under way, a hook that cannot tell the tabs.
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { feedAlarm } from '@/lib/feeds/alarm';
import { FEEDS_ALARM } from '@/lib/feeds/keys';
import { feedIdOf } from '@/lib/feeds/refresh';
import { FIRST_RETRY_MINUTES } from '@/lib/feeds/schedule';
import { createClient, routeMessage, type SenderInfo } from '@/lib/protocol';
import { installBundledPack, type ClaimlightDb } from '@/lib/store';
import { freshDb } from '../helpers/packs';

const bundled = expectBundledPack();
const options: SenderInfo = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
const FEED = 'https://checks.example/feed.json';
const OTHER = 'https://slow.example/feed.json';
const review = (n: number) => ({
  '@context': 'https://schema.org', '@type': 'ClaimReview', url: `https://checks.example/r${n}`, datePublished: '2026-11-01',
  claimReviewed: `The harbour ferry fares doubled in claim ${n}.`, author: { '@type': 'Organization', name: 'Harbour Checks' },
  reviewRating: { '@type': 'Rating', alternateName: 'False' },
});
const json = (value: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json', ...headers } });
const quota = () => Dexie.Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

let db: ClaimlightDb;
afterEach(() => {
  db?.close();
  vi.restoreAllMocks();
});

async function setup(body: (url: string) => Response | Promise<Response>, hooks: { onStoreChanged?: () => Promise<void>; onFeedChecked?: () => Promise<void> } = {}) {
  db = freshDb();
  await installBundledPack(db, bundled);
  let now = 1_000;
  const fetch = vi.fn(async (input: RequestInfo | URL) => body(String(input))) as unknown as typeof globalThis.fetch;
  const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch, now: () => now }, ...hooks });
  const ui = createClient(async (message) => routeMessage(structuredClone(message), options, handlers));
  const fetched = (url: string) => vi.mocked(fetch).mock.calls.filter(([input]) => String(input) === url).length;
  return { ui, handlers, fetched, tick: (ms: number) => (now += ms), now: () => now };
}

describe('feeds under failure', () => {
  it('leaves a failing feed whose record cannot be written alone for the first back-off, rather than fetching it at every alarm', async () => {
    let up = true;
    const { ui, handlers, fetched, tick, now } = await setup(() => (up ? json([review(1)]) : new Response('', { status: 503 })));
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    up = false;
    tick(7 * 3_600_000);
    // The disk is full: not even the failure can be recorded.
    vi.spyOn(db.feeds, 'put').mockImplementation(quota as never);
    const set: number[] = [];
    const alarm = feedAlarm({ alarms: { create: (_, { when }) => void set.push(when), clear: () => undefined }, feeds: () => handlers.feedTimings(), refreshDue: () => handlers.refreshDueFeeds(), now });
    for (let i = 0; i < 5; i++) {
      await alarm.onAlarm({ name: FEEDS_ALARM });
      tick(1_000);
    }
    expect(fetched(FEED)).toBe(2);
    // The alarm is set for when the back-off ends, not a second ahead.
    expect(set.at(-1)! - now()).toBeGreaterThan((FIRST_RETRY_MINUTES - 1) * 60_000);
    // Once the disk has room, the feed is checked again when it is due.
    vi.mocked(db.feeds.put).mockRestore();
    up = true;
    tick(FIRST_RETRY_MINUTES * 60_000);
    await alarm.onAlarm({ name: FEEDS_ALARM });
    expect(fetched(FEED)).toBe(3);
    expect((await db.feeds.get(feedIdOf({ kind: 'url', url: FEED })))!.lastError).toBeUndefined();
  });

  it('takes a new subscription back when its first check can store neither the claims nor why, so that subscribing again works', async () => {
    const { ui, fetched } = await setup(() => json([review(1)]));
    // The disk is full: the feed's record goes in, then neither its claims nor its failure can.
    vi.spyOn(db.claims, 'bulkPut').mockImplementation(quota as never);
    vi.spyOn(db.feeds, 'put').mockImplementation(quota as never);
    const reply = await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toMatch(/Nothing was changed/);
    expect(await db.feeds.count()).toBe(0);
    vi.mocked(db.claims.bulkPut).mockRestore();
    vi.mocked(db.feeds.put).mockRestore();
    const again = await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    expect(again.ok).toBe(true);
    expect(fetched(FEED)).toBe(2);
    expect(await db.claims.where('packId').equals(feedIdOf({ kind: 'url', url: FEED })).count()).toBe(1);
  });

  it('holds a failing feed whose record cannot be written back no longer than its own interval, so that it is not read as due at once', async () => {
    let up = true;
    const { ui, handlers, fetched, tick, now } = await setup(() => (up ? json([review(1)]) : new Response('', { status: 503 })));
    await ui.call('addFeed', { source: { kind: 'url', url: FEED }, intervalMinutes: 15 });
    up = false;
    // Two failures recorded: a third back-off (60 minutes) would be longer than the interval.
    for (let i = 0; i < 2; i++) {
      tick(16 * 60_000);
      await handlers.refreshDueFeeds();
    }
    tick(16 * 60_000);
    vi.spyOn(db.feeds, 'put').mockImplementation(quota as never);
    const before = fetched(FEED);
    const alarm = feedAlarm({ alarms: { create: () => undefined, clear: () => undefined }, feeds: () => handlers.feedTimings(), refreshDue: () => handlers.refreshDueFeeds(), now });
    for (let i = 0; i < 5; i++) {
      await alarm.onAlarm({ name: FEEDS_ALARM });
      tick(1_000);
    }
    expect(fetched(FEED) - before).toBe(1);
    // Due again once its interval has passed.
    tick(15 * 60_000);
    await alarm.onAlarm({ name: FEEDS_ALARM });
    expect(fetched(FEED) - before).toBe(2);
  });

  it('does not fetch a feed the reader paused while the alarm\'s run waited on another feed', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let slow = false;
    const { ui, handlers, fetched, tick } = await setup(async (url) => {
      if (url === OTHER && slow) await gate;
      return json([review(url === OTHER ? 2 : 1)]);
    });
    await ui.call('addFeed', { source: { kind: 'url', url: OTHER } });
    tick(1);
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    tick(7 * 3_600_000);
    slow = true;
    // OTHER is the longer overdue, so it is checked first, and waits.
    const run = handlers.refreshDueFeeds();
    await turn();
    expect(await ui.call('setFeedPaused', { feedId: feedIdOf({ kind: 'url', url: FEED }), paused: true })).toMatchObject({ ok: true });
    release();
    expect(await run).toBe(1);
    expect(fetched(FEED)).toBe(1);
  });

  it('does not fetch again a feed the reader refreshed by hand while the alarm\'s run waited on another, counting one outage once', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let down = false;
    const { ui, handlers, fetched, tick } = await setup(async (url) => {
      if (url === OTHER && down) await gate;
      if (url === FEED && down) return new Response('', { status: 503 });
      return json([review(url === OTHER ? 2 : 1)]);
    });
    await ui.call('addFeed', { source: { kind: 'url', url: OTHER } });
    tick(1);
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    tick(7 * 3_600_000);
    down = true;
    const run = handlers.refreshDueFeeds();
    await turn();
    const id = feedIdOf({ kind: 'url', url: FEED });
    await ui.call('refreshFeed', { feedId: id });
    release();
    await run;
    expect(fetched(FEED)).toBe(2);
    expect((await db.feeds.get(id))!.failures).toBe(1);
  });

  it('answers a stored pause as done when the settings page and the alarm cannot be told, and scans no tab again for it', async () => {
    let full = false;
    const onStoreChanged = vi.fn(async () => undefined);
    const onFeedChecked = vi.fn(async () => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const { ui } = await setup(() => json([review(1)]), { onStoreChanged, onFeedChecked });
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    onStoreChanged.mockClear();
    full = true;
    const id = feedIdOf({ kind: 'url', url: FEED });
    const reply = await ui.call('setFeedPaused', { feedId: id, paused: true });
    expect((await db.feeds.get(id))!.paused).toBe(true);
    expect(reply).toMatchObject({ ok: true, value: { paused: true } });
    expect(onFeedChecked).toHaveBeenCalled();
    expect(onStoreChanged).not.toHaveBeenCalled();
  });

  it('gives a feed removed and subscribed to again while its old check was under way a check of its own, with its claims', async () => {
    let release = () => {};
    let gated = false;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { ui, fetched, tick } = await setup(async () => {
      if (gated) {
        await gate;
        // The old check's answer: the feed as it was then, one claim of another day.
        return json([review(9)], { etag: '"v0"' });
      }
      return json([review(1), review(2)], { etag: '"v1"' });
    });
    const id = feedIdOf({ kind: 'url', url: FEED });
    await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    gated = true;
    const old = ui.call('refreshFeed', { feedId: id });
    await turn();
    await ui.call('removeFeed', { feedId: id });
    gated = false;
    tick(1);
    const again = await ui.call('addFeed', { source: { kind: 'url', url: FEED } });
    expect(again).toMatchObject({ ok: true, value: { change: { added: 2 } } });
    release();
    await old;
    expect(fetched(FEED)).toBe(3);
    expect(await db.claims.where('packId').equals(id).count()).toBe(2);
    // The old check's answer was not written over the new subscription's claims or record.
    expect((await db.claims.where('packId').equals(id).toArray()).map((claim) => claim.text).sort()).toEqual([review(1), review(2)].map((r) => r.claimReviewed));
    expect((await db.feeds.get(id))!).toMatchObject({ etag: '"v1"', claimCount: 2 });
  });
});
