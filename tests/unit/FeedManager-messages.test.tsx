// @vitest-environment happy-dom
// What the feeds section says while feeds are worked on: messages that go when they no longer hold,
// each busy feed shown busy, progress that is this work's, a taken-over pack's claims counted.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedManager } from '@/components/FeedManager';
import { PackManager } from '@/components/PackManager';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { feedIdOf } from '@/lib/feeds/refresh';
import { createClient, routeMessage, type Client } from '@/lib/protocol';
import { installBundledPack, type ClaimlightDb, type StoredFeed } from '@/lib/store';
import { freshDb } from '../helpers/packs';

const bundled = expectBundledPack();
const sender = { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true };
const noKey = { read: async () => '', write: async () => undefined };
const review = (n: number) => ({
  '@context': 'https://schema.org', '@type': 'ClaimReview', url: `https://checks.example/r${n}`, datePublished: '2026-11-01',
  claimReviewed: `Claim ${n} about the ferry.`, author: { '@type': 'Organization', name: 'Harbour Checks' }, reviewRating: { '@type': 'Rating', alternateName: 'False' },
});
const json = (value: unknown) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });
const feedRecord = (id: string, fields: Partial<StoredFeed> = {}): StoredFeed => ({
  id, source: { kind: 'url', url: `https://checks.example/${id}.json` }, packId: id, title: id, publisher: '', claimCount: 0, addedAt: 0, failures: 0, intervalMinutes: 360, paused: false, nextCheck: 0, ...fields,
});
const subscribe = (url: string) => {
  fireEvent.input(screen.getByLabelText('Feed address'), { target: { value: url } });
  fireEvent.submit(screen.getByLabelText('Feed address').closest('form')!);
};
const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-feed="${id}"]`)!;
const busyLine = (id: string) => within(rowOf(id)).getByRole('status').textContent;

let db: ClaimlightDb;
afterEach(() => {
  cleanup();
  db?.close();
  vi.restoreAllMocks();
});

async function background(fetch: typeof globalThis.fetch, now?: () => number) {
  db = freshDb();
  await installBundledPack(db, bundled);
  const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch, ...(now ? { now } : {}) } });
  return { handlers, client: createClient(async (message) => routeMessage(structuredClone(message), sender, handlers)) };
}

/** A client whose refreshes wait until the test lets each go, in order. */
function holdingRefreshes(client: Client): { client: Client; held: (() => void)[] } {
  const held: (() => void)[] = [];
  return {
    held,
    client: { call: async (type, payload) => {
      if (type === 'refreshFeed') await new Promise<void>((go) => held.push(go));
      return client.call(type, payload);
    } } as Client,
  };
}

describe('the feeds section\'s messages', () => {
  it('takes back a feed\'s error on the next thing done, and once the feed is found well again', async () => {
    let up = true;
    let now = 1_000;
    const { handlers, client } = await background(vi.fn(async () => (up ? json([review(1)]) : new Response('', { status: 503 }))) as unknown as typeof fetch, () => now);
    const view = (storeVersion: number) => <FeedManager client={client} requestOrigin={async () => true} apiKey={noKey} storeVersion={storeVersion} />;
    const { rerender } = render(view(0));
    subscribe('https://checks.example/feed.json');
    await screen.findByText(/^Subscribed to/);
    up = false;
    fireEvent.click(await screen.findByRole('button', { name: /^Refresh now: / }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/answered 503/));
    await waitFor(() => expect(screen.queryByText('Working on this feed…')).toBeNull());
    // A pause that succeeds: the refresh's error is not what the page says any longer.
    fireEvent.click(screen.getByRole('button', { name: /^Pause: / }));
    await screen.findByRole('button', { name: /^Resume: / });
    expect(screen.getByRole('alert').textContent).toBe('');
    // Failing again, then the server comes back and the alarm's check gets through.
    fireEvent.click(screen.getByRole('button', { name: /^Resume: / }));
    await screen.findByRole('button', { name: /^Pause: / });
    fireEvent.click(screen.getByRole('button', { name: /^Refresh now: / }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/answered 503/));
    up = true;
    now += 60 * 60_000;
    await handlers.refreshDueFeeds();
    rerender(view(1));
    await waitFor(() => expect(document.querySelector('.feed__error')).toBeNull());
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('counts the claims of a pack the feed took over (its export, imported again) rather than saying it has none', async () => {
    const { client } = await background(vi.fn(async () => json([review(1), review(2)])) as unknown as typeof fetch);
    const url = 'https://checks.example/feed.json';
    const id = feedIdOf({ kind: 'url', url });
    await client.call('addFeed', { source: { kind: 'url', url } });
    const exported = await client.call('exportPack', { packId: id, format: 'claimlight' });
    if (!exported.ok) throw new Error(exported.error.message);
    await client.call('removeFeed', { feedId: id });
    await client.call('importPack', { text: exported.value.text, fileName: 'kept.json' });
    render(<FeedManager client={client} requestOrigin={async () => true} apiKey={noKey} />);
    await screen.findByText('No feeds yet.');
    subscribe(url);
    await waitFor(() => expect(document.querySelector('.feed-status')!.textContent).toBe('Subscribed to \u2068Fact-checks by Harbour Checks\u2069: 2 claims, as you had them.'));
  });

  it('shows each of two feeds refreshed at once busy until its own refresh ends', async () => {
    const { client: direct } = await background(vi.fn(async () => json([review(1)])) as unknown as typeof fetch);
    const { client, held } = holdingRefreshes(direct);
    for (const id of ['feed-a', 'feed-b']) await db.feeds.add(feedRecord(id));
    render(<FeedManager client={client} requestOrigin={async () => true} apiKey={noKey} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now: feed-a' }));
    await waitFor(() => expect(held).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now: feed-b' }));
    await waitFor(() => expect(held).toHaveLength(2));
    expect([busyLine('feed-a'), busyLine('feed-b')]).toEqual(['Working on this feed…', 'Working on this feed…']);
    held[0]!();
    await waitFor(() => expect(busyLine('feed-a')).toBe(''));
    expect(busyLine('feed-b')).toBe('Working on this feed…');
    held[1]!();
    await waitFor(() => expect(busyLine('feed-b')).toBe(''));
  });

  it('does not show an earlier write\'s progress as this refresh\'s', async () => {
    const fetch = vi.fn(() => new Promise<Response>(() => undefined)) as unknown as typeof globalThis.fetch;
    const { client } = await background(fetch);
    await db.feeds.add(feedRecord('feed-a', { title: 'Harbour Checks', claimCount: 2, failures: 1 }));
    // What storage.session still holds after the last write failed at its second batch.
    const stale = { feedId: 'feed-a', done: 2_000, total: 5_000 };
    const view = (progress: typeof stale) => <FeedManager client={client} requestOrigin={async () => true} apiKey={noKey} progress={progress} />;
    const { rerender } = render(view(stale));
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now: Harbour Checks' }));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(busyLine('feed-a')).toBe('Working on this feed…');
    // A report of this refresh's own is shown.
    rerender(view({ feedId: 'feed-a', done: 1_000, total: 5_000 }));
    expect(busyLine('feed-a')).toBe(' 1,000 of 5,000 claims stored');
  });

  it('says so when the search\'s API key cannot be kept, and subscribes to nothing', async () => {
    const fetch = vi.fn(async () => json({ claims: [] })) as unknown as typeof globalThis.fetch;
    const { client } = await background(fetch);
    render(<FeedManager client={client} requestOrigin={async () => true} apiKey={{ read: async () => '', write: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) }} />);
    await screen.findByText('No feeds yet.');
    fireEvent.input(screen.getByLabelText('Words to look for'), { target: { value: 'ferry' } });
    fireEvent.input(screen.getByLabelText('Your API key (kept on this device)'), { target: { value: 'KEY' } });
    fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Claimlight could not keep your API key, so it did not subscribe: QUOTA_BYTES quota exceeded'));
    expect(fetch).not.toHaveBeenCalled();
    expect(await db.feeds.count()).toBe(0);
  });

  describe('when a search\'s key was refused', () => {
    /** Fact Check Tools as it answers: a key it does not know is refused, the reader's new one is not. */
    let answering: Promise<void> = Promise.resolve();
    const factCheck = vi.fn(async (url: string) =>
      (await answering, new URL(url).searchParams.get('key') === 'NEW')
        ? json({ claims: [{ text: 'The ferry doubled its fares.', claimReview: [{ publisher: { name: 'Harbour Checks' }, url: 'https://checks.example/r', textualRating: 'False' }] }] })
        : new Response(JSON.stringify({ error: { message: 'API key not valid. Please pass a valid API key.' } }), { status: 400, headers: { 'content-type': 'application/json' } }),
    ) as unknown as typeof fetch;

    async function subscribedWithKey(given: string) {
      db = freshDb();
      await installBundledPack(db, bundled);
      let key = given;
      const apiKey = { read: async () => key, write: vi.fn(async (k: string) => void (key = k)) };
      const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch: factCheck, apiKey: async () => key || undefined } });
      const client = createClient(async (message) => routeMessage(structuredClone(message), sender, handlers));
      await client.call('addFeed', { source: { kind: 'factcheck', query: 'ferry' } });
      const requestOrigin = vi.fn(async () => true);
      render(<FeedManager client={client} requestOrigin={requestOrigin} apiKey={apiKey} />);
      await screen.findByText(/API key not valid|needs a Fact Check Tools API key/);
      fireEvent.input(screen.getByLabelText('Words to look for'), { target: { value: 'ferry' } });
      return { apiKey, requestOrigin };
    }

    it('keeps a new key given for the same search and checks the feed again, rather than saying it is subscribed', async () => {
      const { apiKey } = await subscribedWithKey('OLD');
      fireEvent.input(screen.getByLabelText('Your API key (kept on this device)'), { target: { value: 'NEW' } });
      fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
      await waitFor(() => expect(document.querySelector('.feed-status')!.textContent).toBe('Fact-checks by Harbour Checks: 1 new.'));
      expect(apiKey.write).toHaveBeenCalledWith('NEW');
      expect(screen.getByRole('alert').textContent).toBe('');
      await waitFor(() => expect(document.querySelector('.feed__error')).toBeNull());
    });

    it('says the key was saved while the feed is checked again', async () => {
      await subscribedWithKey('OLD');
      let answer = () => {};
      answering = new Promise((resolve) => (answer = resolve));
      fireEvent.input(screen.getByLabelText('Your API key (kept on this device)'), { target: { value: 'NEW' } });
      fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
      await waitFor(() => expect(document.querySelector('.feed-status')!.textContent).toBe('Key saved; checking the feed again.'));
      answer();
      await screen.findByText('Fact-checks by Harbour Checks: 1 new.');
    });

    it('still says the search is subscribed to when the key is the one kept', async () => {
      const { requestOrigin } = await subscribedWithKey('OLD');
      requestOrigin.mockClear();
      fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('You already subscribe to Fact Check Tools: ferry.'));
    });

    it('keeps the saved key, and says the search is subscribed to and how a key is replaced, when the key field is emptied', async () => {
      const { apiKey } = await subscribedWithKey('OLD');
      const fetched = vi.mocked(factCheck).mock.calls.length;
      fireEvent.input(screen.getByLabelText('Your API key (kept on this device)'), { target: { value: '' } });
      fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('You already subscribe to \u2068Fact Check Tools: ferry\u2069. To replace its API key, type the new one: an empty field keeps the one saved.'));
      expect(apiKey.write).not.toHaveBeenCalled();
      expect(await apiKey.read()).toBe('OLD');
      expect(vi.mocked(factCheck).mock.calls.length).toBe(fetched);
      expect(document.querySelector('.feed-status')!.textContent).toBe('');
    });

    it('keeps the saved key when a new search is subscribed to with the key field emptied', async () => {
      const { apiKey } = await subscribedWithKey('OLD');
      fireEvent.input(screen.getByLabelText('Words to look for'), { target: { value: 'bridge tolls' } });
      fireEvent.input(screen.getByLabelText('Your API key (kept on this device)'), { target: { value: '' } });
      fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
      await waitFor(() => expect(screen.getAllByRole('button', { name: /^Refresh now: / })).toHaveLength(2));
      expect(apiKey.write).not.toHaveBeenCalled();
      expect(await apiKey.read()).toBe('OLD');
    });

    it('says the feed is being worked on, and saves the new key on the next press, when the feed is being checked already', async () => {
      const { apiKey } = await subscribedWithKey('OLD');
      let answer = () => {};
      answering = new Promise((resolve) => (answer = resolve));
      fireEvent.click(screen.getByRole('button', { name: /^Refresh now: / }));
      await screen.findByText('Working on this feed…');
      fireEvent.input(screen.getByLabelText('Your API key (kept on this device)'), { target: { value: 'NEW' } });
      fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Claimlight is still working on \u2068Fact Check Tools: ferry\u2069, so your new key is not saved yet: press “Subscribe to this search” again once it is done.'));
      expect(apiKey.write).not.toHaveBeenCalled();
      answer();
      await waitFor(() => expect(screen.queryByText('Working on this feed…')).toBeNull());
      fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
      await waitFor(() => expect(document.querySelector('.feed-status')!.textContent).toBe('Fact-checks by Harbour Checks: 1 new.'));
      expect(apiKey.write).toHaveBeenCalledWith('NEW');
    });

    it('says where to type a key when there is none', async () => {
      await subscribedWithKey('');
      expect(document.querySelector('.feed__error')!.textContent).toContain('This feed needs a Fact Check Tools API key: under “Subscribe to a Fact Check Tools search”, type your key with this search’s words and press “Subscribe to this search”.');
    });
  });

  it('offers no Delete for a feed\'s pack in the pack list, which only removing the feed removes', async () => {
    const { client } = await background(vi.fn(async () => json([review(1), review(2)])) as unknown as typeof fetch);
    await client.call('addFeed', { source: { kind: 'url', url: 'https://checks.example/feed.json' } });
    await client.call('importPack', { text: JSON.stringify({ format: 'claimlight-pack', formatVersion: 1, id: 'mine', title: 'Mine', version: '1', publisher: 'Me', language: 'en', created: '2026-01-01', claims: [{ id: 'a', text: 'The pier reopened.', verdict: 'false', summary: 'No.', context: [] }] }) });
    render(<PackManager client={client} />);
    await screen.findByText('31 claims in 3 packs');
    expect(screen.queryByRole('button', { name: 'Delete Fact-checks by Harbour Checks' })).toBeNull();
    expect(screen.getByText('From a feed: remove the feed to remove it.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete Mine' })).toBeTruthy();
  });

  it('advises removing the feed, not deleting its pack, when an import holds claims a feed keeps', async () => {
    const { client } = await background(vi.fn(async () => json([review(1), review(2)])) as unknown as typeof fetch);
    await client.call('addFeed', { source: { kind: 'url', url: 'https://checks.example/feed.json' } });
    render(<PackManager client={client} />);
    await screen.findByText('30 claims in 2 packs');
    fireEvent.input(screen.getByLabelText('Or paste JSON'), { target: { value: JSON.stringify([review(1), review(2)]) } });
    fireEvent.click(screen.getByRole('button', { name: 'Import pasted JSON' }));
    await waitFor(() => expect(screen.getByTestId('import-status').textContent).toContain('2 of its claims are also in “\u2068Fact-checks by Harbour Checks\u2069”, which a feed keeps: remove that feed if this pack takes its place.'));
  });
});
