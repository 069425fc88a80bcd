// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { FeedManager } from '@/components/FeedManager';
import { PackManager } from '@/components/PackManager';
import { feedOrigin } from '@/lib/feeds/names';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { createClient, routeMessage } from '@/lib/protocol';
import { installBundledPack, type ClaimlightDb } from '@/lib/store';
import { giveFocusBackOnClose } from '../helpers/focus';
import { freshDb } from '../helpers/packs';

const bundled = expectBundledPack();
let db: ClaimlightDb;
afterEach(() => {
  cleanup();
  db?.close();
  vi.restoreAllMocks();
});

/** What browsers do and happy-dom does not: a focused button that becomes disabled loses the focus,
 * to the page's body. */
function dropFocusFromDisabled() {
  const observer = new MutationObserver(() => {
    if (!document.activeElement?.matches('button:disabled')) return;
    // happy-dom will not blur a disabled element: focus passes through one that then goes.
    const passing = document.body.appendChild(document.createElement('input'));
    passing.focus();
    passing.remove();
  });
  observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
  onTestFinished(() => observer.disconnect());
}

const review = (n: number) => ({
  '@context': 'https://schema.org', '@type': 'ClaimReview', url: `https://checks.example/r${n}`, datePublished: '2026-11-01',
  claimReviewed: `Claim ${n} about the ferry.`, author: { '@type': 'Organization', name: 'Harbour Checks' }, reviewRating: { '@type': 'Rating', alternateName: 'False' },
});

async function renderFeeds(answer: () => Response, granted = true, withPacks = false) {
  db = freshDb();
  await installBundledPack(db, bundled);
  const fetch = vi.fn(async () => answer()) as unknown as typeof globalThis.fetch;
  const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch } });
  const client = createClient(async (message) => routeMessage(structuredClone(message), { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers));
  const requestOrigin = vi.fn(async () => granted);
  let key = '';
  const apiKey = { read: async () => key, write: vi.fn(async (k: string) => void (key = k)) };
  render(
    <>
      {withPacks && <PackManager client={client} />}
      <FeedManager client={client} requestOrigin={requestOrigin} apiKey={apiKey} />
    </>,
  );
  await screen.findByText('No feeds yet.');
  return { requestOrigin, apiKey };
}

const subscribe = (url: string) => {
  fireEvent.input(screen.getByLabelText('Feed address'), { target: { value: url } });
  fireEvent.submit(screen.getByLabelText('Feed address').closest('form')!);
};

describe('FeedManager', () => {
  it('sits beside the packs on the settings page: each question names its own dialog, and a reset says it ends the subscriptions', async () => {
    await renderFeeds(() => new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } }), true, true);
    subscribe('https://checks.example/feed.json');
    await screen.findByText(/^Subscribed to/);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove: Fact-checks by Harbour Checks' }));
    const named = (question: string) => {
      const dialog = screen.getByText(question).closest('dialog')!;
      return document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent;
    };
    expect(named('Remove the feed “\u2068Fact-checks by Harbour Checks\u2069” (checks.example) and its 1 claim?')).toBe('Remove the feed “\u2068Fact-checks by Harbour Checks\u2069” (checks.example) and its 1 claim?');
    fireEvent.click(screen.getAllByRole('button', { name: 'Cancel' }).find((b) => b.closest('dialog')!.hasAttribute('open'))!);
    fireEvent.click(screen.getByRole('button', { name: 'Reset to the bundled pack' }));
    const question = 'Delete every imported pack, unsubscribe from your feed, and restore the bundled pack?';
    await screen.findByText(question);
    expect(named(question)).toBe(question);
    fireEvent.click(await screen.findByRole('button', { name: 'Reset' }));
    await screen.findByText('Restored the bundled pack; imported packs were deleted, and you were unsubscribed from your feed.');
    expect(await db.feeds.count()).toBe(0);
  });

  it('asks for the feed\'s origin, subscribes, and shows the feed with its publisher, claims and last check', async () => {
    const { requestOrigin } = await renderFeeds(() => new Response(JSON.stringify([review(1), review(2)]), { headers: { 'content-type': 'application/json' } }));
    subscribe('https://checks.example/feed.json');
    await screen.findByText('Subscribed to \u2068Fact-checks by Harbour Checks\u2069: 2 new.');
    expect(requestOrigin).toHaveBeenCalledWith('https://checks.example/*');
    const feed = within(await screen.findByRole('list', { name: 'Your feeds' })).getByRole('listitem');
    expect(feed.querySelector('h3')!.textContent).toBe('Fact-checks by Harbour Checks');
    expect(feed.textContent).toContain('Harbour Checks · 2 claims · every 6 hours');
    expect(feed.textContent).toMatch(/Checked \d+ \w+ \d{4}, \d\d:\d\d; last changed .*: 2 new\./);
  });

  it('says a check that read a page but for a broken block found its claims, and what it left out: no failure', async () => {
    const block = (value: unknown, broken = false) => `<script type="application/ld+json">${JSON.stringify(value).replace(/}$/, broken ? ',}' : '}')}</script>`;
    let page = `<html><body>${block(review(1))}${block(review(2))}</body></html>`;
    await renderFeeds(() => new Response(page, { headers: { 'content-type': 'text/html' } }));
    subscribe('https://checks.example/checks/');
    await screen.findByText(/^Subscribed to/);
    // The site writes a trailing comma into the first review's block; a third review is new.
    page = `<html><body>${block(review(1), true)}${block(review(2))}${block(review(3))}</body></html>`;
    fireEvent.click(await screen.findByRole('button', { name: /^Refresh now/ }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Fact-checks by Harbour Checks: 1 new. A block of the page is not valid JSON and was left out: the 1 claim it no longer lists elsewhere stays as stored.'));
    // Subscribed to first in that state, it is said the same way, not as a first check that failed.
    cleanup();
    db.close();
    await renderFeeds(() => new Response(page, { headers: { 'content-type': 'text/html' } }));
    subscribe('https://checks.example/checks/');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Subscribed to \u2068Fact-checks by Harbour Checks\u2069: 2 new. A block of the page is not valid JSON and was left out.'));
  });

  it('says what it is doing while a subscription is read, for a feed that has no row yet', async () => {
    let release: ((response: Response) => void) | null = null;
    await renderFeeds((() => new Promise<Response>((resolve) => (release = resolve))) as unknown as () => Response);
    subscribe('https://checks.example/feed.json');
    await waitFor(() => expect(release).not.toBeNull());
    expect(document.querySelector('.feed-status')!.textContent).toBe('Subscribing to \u2068checks.example\u2069 and reading it…');
    release!(new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } }));
    await waitFor(() => expect(document.querySelector('.feed-status')!.textContent).toBe('Subscribed to \u2068Fact-checks by Harbour Checks\u2069: 1 new.'));
  });

  it('takes a feed\'s error away once the feed is gone (the store reset, here or in another tab)', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    let up = true;
    const fetch = vi.fn(async () => (up ? new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } }) : new Response('', { status: 503 }))) as unknown as typeof globalThis.fetch;
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch } });
    const client = createClient(async (message) => routeMessage(structuredClone(message), { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers));
    const props = { client, requestOrigin: vi.fn(async () => true), apiKey: { read: async () => '', write: vi.fn() } };
    const { rerender } = render(<FeedManager {...props} storeVersion={0} />);
    await screen.findByText('No feeds yet.');
    subscribe('https://checks.example/feed.json');
    await screen.findByText(/^Subscribed to/);
    up = false;
    fireEvent.click(await screen.findByRole('button', { name: /^Refresh now/ }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Fact-checks by Harbour Checks: /));
    expect((await client.call('resetStore', {})).ok).toBe(true);
    // The settings page hears that the store changed, and reads the feeds again.
    rerender(<FeedManager {...props} storeVersion={1} />);
    await screen.findByText('No feeds yet.');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(''));
  });

  it('says the feeds could not be read, not that it is still reading them', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch: vi.fn() as unknown as typeof globalThis.fetch } });
    const client = createClient(async (message) => ((message as { type?: string }).type === 'claimlight:listFeeds' ? { ok: false, error: { code: 'storage', message: 'Claimlight could not read its store.' } } : routeMessage(structuredClone(message), { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers)));
    render(<FeedManager client={client} requestOrigin={vi.fn(async () => true)} apiKey={{ read: async () => '', write: vi.fn() }} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Claimlight could not read its store.'));
    expect(screen.getByText(/^Your feeds could not be read/)).toBeTruthy();
    expect(screen.queryByText('Reading your feeds…')).toBeNull();
  });

  it('says on the feed\'s row what its last check left out', async () => {
    const broken = { ...review(2), url: 'not an address' };
    await renderFeeds(() => new Response(JSON.stringify([review(1), broken]), { headers: { 'content-type': 'application/json' } }));
    subscribe('https://checks.example/feed.json');
    await screen.findByText(/^Subscribed to/);
    const feed = (await screen.findByRole('list', { name: 'Your feeds' })).querySelector('li.feed')!;
    await waitFor(() => expect(feed.querySelector('.feed__notes')?.textContent).toBe('The last time the feed was read:review 2: url "not an address" is not an absolute web address and was left out'));
  });

  it('subscribes to nothing when the reader refuses the permission, and says so', async () => {
    await renderFeeds(() => new Response('[]'), false);
    subscribe('https://checks.example/feed.json');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Claimlight was not allowed to read from https://checks.example, so it did not subscribe.'));
    expect(await db.feeds.count()).toBe(0);
  });

  it('does not say a feed that never had claims keeps its last good ones', async () => {
    await renderFeeds(() => new Response('', { status: 503 }));
    subscribe('https://checks.example/feed.json');
    const error = await screen.findByText(/checks\.example answered 503\./, { selector: '.feed__error' });
    expect(error.textContent).not.toMatch(/last good claims/);
  });

  it('subscribes to an address typed without https://, which the form leaves to Claimlight to check rather than the browser', async () => {
    const { requestOrigin } = await renderFeeds(() => new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } }));
    expect((screen.getByLabelText('Feed address').closest('form') as HTMLFormElement).noValidate).toBe(true);
    subscribe('checks.example/feed.json');
    await screen.findByText(/^Subscribed to/);
    expect(requestOrigin).toHaveBeenCalledWith('https://checks.example/*');
  });

  it('refuses an address with a user name or password before asking for leave to read from it', async () => {
    const { requestOrigin } = await renderFeeds(() => new Response('[]'));
    subscribe('https://reader:hunter2@checks.example/feed.json');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/cannot hold a user name or password/));
    expect(requestOrigin).not.toHaveBeenCalled();
    expect(await db.feeds.count()).toBe(0);
  });

  it.each([
    ['Words to look for', `ferry fares ${'and harbour dues '.repeat(19)}`, 'A search can be at most 300 characters.'],
    ['Fact-checker’s site', `${'checks.'.repeat(45)}example`, 'A fact-checker’s site can be at most 300 characters.'],
  ])('refuses a search whose %s is too long before asking for leave to read from Google', async (label, value, message) => {
    const { requestOrigin } = await renderFeeds(() => new Response('[]'));
    fireEvent.input(screen.getByLabelText(label), { target: { value } });
    fireEvent.submit(screen.getByLabelText(label).closest('form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(message));
    expect(requestOrigin).not.toHaveBeenCalled();
    expect(await db.feeds.count()).toBe(0);
  });

  it('refuses an address too long to be kept before asking for leave to read from it', async () => {
    const { requestOrigin } = await renderFeeds(() => new Response('[]'));
    subscribe(`https://checks.example/feed.json?${'topic=ferry&'.repeat(171)}`);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('A feed’s address can be at most 2,048 characters.'));
    expect(requestOrigin).not.toHaveBeenCalled();
    expect(await db.feeds.count()).toBe(0);
  });

  it('marks the fields an error is about as invalid and points them to it, in both forms, and no others', async () => {
    await renderFeeds(() => new Response('[]'));
    const address = screen.getByLabelText('Feed address');
    const words = screen.getByLabelText('Words to look for');
    const alert = screen.getByRole('alert');
    subscribe('ftp://checks.example/feed.json');
    await waitFor(() => expect(alert.textContent).toMatch(/starts with https:\/\/ or http:\/\//));
    expect([address.getAttribute('aria-invalid'), document.getElementById(address.getAttribute('aria-describedby')!)]).toEqual(['true', alert]);
    expect(words.getAttribute('aria-invalid')).toBeNull();
    fireEvent.submit(words.closest('form')!);
    await waitFor(() => expect(alert.textContent).toMatch(/A search needs words/));
    expect([words.getAttribute('aria-invalid'), screen.getByLabelText('Fact-checker’s site').getAttribute('aria-invalid'), address.getAttribute('aria-invalid')]).toEqual(['true', 'true', null]);
    expect(screen.getByLabelText('Your API key (kept on this device)').getAttribute('aria-invalid')).toBeNull();
  });

  it('reads the feeds again when the background says it checked one, showing a check that failed', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    let up = true;
    const fetch = vi.fn(async () => (up ? new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } }) : new Response('', { status: 503 }))) as unknown as typeof globalThis.fetch;
    let now = 1_000;
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch, now: () => now } });
    const client = createClient(async (message) => routeMessage(structuredClone(message), { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers));
    const apiKey = { read: async () => '', write: async () => undefined };
    const view = (feedsVersion: number) => <FeedManager client={client} requestOrigin={async () => true} apiKey={apiKey} feedsVersion={feedsVersion} />;
    const { rerender } = render(view(0));
    subscribe('https://checks.example/feed.json');
    await screen.findByText(/^Subscribed to/);
    // The alarm's check, in the background, fails.
    up = false;
    now += 7 * 3_600_000;
    await handlers.refreshDueFeeds();
    rerender(view(1));
    await screen.findByText(/checks\.example answered 503\. Its last good claims stay\./, { selector: '.feed__error' });
  });

  it('shows a failing feed\'s error and since when, keeps it, and removes it with its claims after our own question', async () => {
    let answer = () => new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } });
    await renderFeeds(() => answer());
    subscribe('https://checks.example/feed.json');
    await screen.findByText(/^Subscribed to/);
    answer = () => new Response('gone', { status: 500, statusText: 'Internal Server Error' });
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh now: Fact-checks by Harbour Checks' }));
    await screen.findByText(/Failing since .*: checks\.example answered 500 Internal Server Error\. Its last good claims stay\./);
    expect(await db.claims.where('packId').notEqual(bundled.id).count()).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Pause: Fact-checks by Harbour Checks' }));
    await screen.findByRole('button', { name: 'Resume: Fact-checks by Harbour Checks' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove: Fact-checks by Harbour Checks' }));
    expect(screen.getByText('Remove the feed “\u2068Fact-checks by Harbour Checks\u2069” (checks.example) and its 1 claim?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove feed' }));
    await screen.findByText('Removed \u2068Fact-checks by Harbour Checks\u2069 and its claims.');
    await waitFor(async () => expect(await db.feeds.count()).toBe(0));
  });

  it('moves focus after removing a feed to the next feed\'s Remove button, and to the heading once none is left', async () => {
    giveFocusBackOnClose();
    await renderFeeds(() => new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } }));
    subscribe('https://checks.example/a.json');
    await screen.findByRole('button', { name: /^Remove: / });
    subscribe('https://checks.example/b.json');
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Remove: / })).toHaveLength(2));
    const removeThrough = async (button: HTMLElement) => {
      button.focus();
      fireEvent.click(button);
      const confirm = await screen.findByRole('button', { name: 'Remove feed' });
      confirm.focus();
      fireEvent.click(confirm);
      await waitFor(() => expect(button.isConnected).toBe(false));
    };
    const [first, second] = screen.getAllByRole('button', { name: /^Remove: / });
    await removeThrough(first!);
    expect(document.activeElement).toBe(second);
    await removeThrough(second!);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Feeds' }));
  });

  it('says what a subscription did in two live regions that were in the page, empty, before it, each keeping its role', async () => {
    let granted = false;
    db = freshDb();
    await installBundledPack(db, bundled);
    const fetch = vi.fn(async () => new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } })) as unknown as typeof globalThis.fetch;
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch } });
    const client = createClient(async (message) => routeMessage(structuredClone(message), { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers));
    render(<FeedManager client={client} requestOrigin={async () => granted} apiKey={{ read: async () => '', write: async () => undefined }} />);
    await screen.findByText('No feeds yet.');
    const [alert, status] = [screen.getByRole('alert'), screen.getByRole('status')];
    expect([alert.textContent, status.textContent]).toEqual(['', '']);
    subscribe('https://checks.example/feed.json');
    await waitFor(() => expect(alert.textContent).toMatch(/^Claimlight was not allowed to read from/));
    expect(status.textContent).toBe('');
    granted = true;
    subscribe('https://checks.example/feed.json');
    await waitFor(() => expect(status.textContent).toBe('Subscribed to \u2068Fact-checks by Harbour Checks\u2069: 1 new.'));
    expect(alert.textContent).toBe('');
    expect([alert.isConnected, alert.getAttribute('role'), status.isConnected, status.getAttribute('role')]).toEqual([true, 'alert', true, 'status']);
  });

  it('keeps the keyboard focus on Subscribe while it subscribes, and subscribes once for a second press', async () => {
    dropFocusFromDisabled();
    let allow: (granted: boolean) => void = () => undefined;
    const { requestOrigin } = await renderFeeds(() => new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } }));
    requestOrigin.mockImplementation(() => new Promise<boolean>((resolve) => (allow = resolve)));
    const button = screen.getByRole('button', { name: 'Subscribe' });
    fireEvent.input(screen.getByLabelText('Feed address'), { target: { value: 'https://checks.example/feed.json' } });
    button.focus();
    fireEvent.submit(button.closest('form')!);
    await waitFor(() => expect(requestOrigin).toHaveBeenCalled());
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.submit(button.closest('form')!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requestOrigin).toHaveBeenCalledTimes(1);
    allow(true);
    await screen.findByText('Subscribed to \u2068Fact-checks by Harbour Checks\u2069: 1 new.');
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('false'));
    expect(document.activeElement).toBe(button);
    expect(await db.feeds.count()).toBe(1);
  });

  it('keeps the Fact Check Tools key on the device and asks for Google\'s origin for a search', async () => {
    const { requestOrigin, apiKey } = await renderFeeds(() => new Response(JSON.stringify({ claims: [{ text: 'The ferry doubled its fares.', claimReview: [{ publisher: { name: 'Harbour Checks' }, url: 'https://checks.example/r', textualRating: 'False' }] }] }), { headers: { 'content-type': 'application/json' } }));
    fireEvent.input(screen.getByLabelText('Words to look for'), { target: { value: 'ferry fares' } });
    fireEvent.input(screen.getByLabelText('Your API key (kept on this device)'), { target: { value: 'KEY' } });
    fireEvent.submit(screen.getByLabelText('Words to look for').closest('form')!);
    await waitFor(() => expect(requestOrigin).toHaveBeenCalledWith('https://factchecktools.googleapis.com/*'));
    expect(apiKey.write).toHaveBeenCalledWith('KEY');
    expect(feedOrigin({ kind: 'url', url: 'ftp://x.example/f' })).toBeNull();
  });
});

describe('FeedManager while a feed is stored', () => {
  it('keeps the keyboard focus on Refresh now and Pause while their request runs, and takes no second press meanwhile', async () => {
    dropFocusFromDisabled();
    db = freshDb();
    await installBundledPack(db, bundled);
    const fetch = vi.fn(async () => new Response(JSON.stringify([review(1)]), { headers: { 'content-type': 'application/json' } })) as unknown as typeof globalThis.fetch;
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch } });
    // Holds each refresh and pause until the test lets it through.
    const held: (() => void)[] = [];
    const sent: string[] = [];
    const client = createClient(async (message) => {
      const { type } = message as { type: string };
      sent.push(type);
      if (/(refreshFeed|setFeedPaused)$/.test(type)) await new Promise<void>((go) => held.push(go));
      return routeMessage(structuredClone(message), { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers);
    });
    await db.feeds.add({ id: 'feed-a', source: { kind: 'url', url: 'https://checks.example/a.json' }, packId: 'feed-a', title: 'Harbour Checks', publisher: 'Harbour Checks', claimCount: 0, addedAt: 0, failures: 0, intervalMinutes: 360, paused: false, nextCheck: 0 });
    render(<FeedManager client={client} requestOrigin={async () => true} apiKey={{ read: async () => '', write: async () => undefined }} />);
    // (The refresh names the feed after its publisher: "Fact-checks by Harbour Checks".)
    for (const [name, message] of [[/^Refresh now: /, 'refreshFeed'], [/^Pause: /, 'setFeedPaused']] as const) {
      const button = await screen.findByRole('button', { name });
      button.focus();
      fireEvent.click(button);
      await screen.findByText('Working on this feed…');
      expect(document.activeElement).toBe(button);
      expect(button.getAttribute('aria-disabled')).toBe('true');
      fireEvent.click(button);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(sent.filter((type) => type.endsWith(message))).toHaveLength(1);
      held.shift()!();
      await waitFor(() => expect(screen.queryByText('Working on this feed…')).toBeNull());
      expect(button.getAttribute('aria-disabled')).toBe('false');
      expect(document.activeElement).toBe(button);
    }
    expect(screen.getByRole('button', { name: /^Resume: / })).toBe(document.activeElement);
  });

  it('shows how many of the feed\'s claims are stored, as a progress bar, in a live region the row had before', async () => {
    db = freshDb();
    await installBundledPack(db, bundled);
    // A refresh that waits until the test lets it answer.
    let answer: (response: Response) => void = () => undefined;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))) as unknown as typeof globalThis.fetch;
    const handlers = createBackgroundHandlers({ db, bundled, feeds: { fetch } });
    const client = createClient(async (message) => routeMessage(structuredClone(message), { url: 'chrome-extension://x/options.html', fromExtensionPage: true, fromThisExtension: true }, handlers));
    await db.feeds.add({ id: 'feed-a', source: { kind: 'url', url: 'https://checks.example/a.json' }, packId: 'feed-a', title: 'Harbour Checks', publisher: 'Harbour Checks', claimCount: 0, addedAt: 0, failures: 0, intervalMinutes: 360, paused: false, nextCheck: 0 });
    const props = { client, requestOrigin: async () => true, apiKey: { read: async () => '', write: async () => undefined } };
    const { rerender } = render(<FeedManager {...props} />);
    const busyLine = within(await screen.findByRole('listitem')).getByRole('status');
    expect(busyLine.textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now: Harbour Checks' }));
    await waitFor(() => expect(busyLine.textContent).toBe('Working on this feed…'));
    rerender(<FeedManager {...props} progress={{ feedId: 'feed-a', done: 2_000, total: 10_000 }} />);
    const bar = screen.getByRole('progressbar', { name: 'Storing Harbour Checks' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([2_000, 10_000]);
    expect(bar.parentElement!.textContent).toContain('2,000 of 10,000 claims stored');
    expect(busyLine.contains(bar)).toBe(true);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    answer(new Response('[]', { headers: { 'content-type': 'application/json' } }));
    // The refresh ends (here in an error: an empty feed), and with it the progress bar.
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Harbour Checks: The feed could not be read/));
    rerender(<FeedManager {...props} progress={null} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
