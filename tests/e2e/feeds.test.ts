// Feeds in Chromium: a local server that serves a fact-checker's ClaimReview feed with ETags, and
// a reader who subscribes to it on the settings page while a news page is open in another tab.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsPage } from './pages/options';
import { useExtensionSession } from './pages/session';

const session = useExtensionSession('tests/fixtures');

const review = (slug: string, claim: string, rating: string) => ({
  '@context': 'https://schema.org', '@type': 'ClaimReview', url: `https://checks.example/${slug}`, datePublished: '2026-11-18',
  claimReviewed: claim, author: { '@type': 'Organization', name: 'Harbour Checks' }, reviewRating: { '@type': 'Rating', alternateName: rating },
});
const FERRY = review('ferry', 'Harbour ferry fares doubled this year.', 'False');
const LIGHTHOUSE = review('lighthouse', 'The lighthouse on the north pier will become a hotel.', 'Unproven');

/** What the feed server does next: serve the document (with its ETag, answering 304 to it), or fail. */
type Mode = 'serve' | 'down' | 'malformed' | 'wrong-type' | 'oversized' | 'slow';
const feed = { body: JSON.stringify([FERRY]), etag: '"v1"', mode: 'serve' as Mode, notModified: 0, requests: 0 };
let server: Server;
let feedUrl = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    feed.requests++;
    const cors = { 'access-control-allow-origin': '*' };
    if (feed.mode === 'down') return request.socket.destroy();
    if (feed.mode === 'malformed') return response.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('[{"@type": "ClaimReview"');
    if (feed.mode === 'wrong-type') return response.writeHead(200, { ...cors, 'content-type': 'image/png' }).end('PNG');
    if (feed.mode === 'oversized') return response.writeHead(200, { ...cors, 'content-type': 'application/json', 'content-length': String(40 * 1024 * 1024) }).end();
    if (request.headers['if-none-match'] === feed.etag) {
      feed.notModified++;
      return response.writeHead(304, { ...cors, etag: feed.etag }).end();
    }
    const send = () => response.writeHead(200, { ...cors, 'content-type': 'application/ld+json', etag: feed.etag }).end(feed.body);
    if (feed.mode === 'slow') setTimeout(send, 4_000);
    else send();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/claimreview.json`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** The status line of the feeds section, once it says something. */
async function feedStatus(page: Page): Promise<string> {
  const status = page.locator('.feeds > [role=status], .feeds > [role=alert]').filter({ hasText: /\S/ });
  await status.first().waitFor();
  return (await status.first().textContent()) ?? '';
}

/**
 * Answers the browser's permission prompt for the reader: headless Chromium shows it, and nothing
 * can press its buttons. Both ways the page asks (`chrome.` and the polyfill's `browser.`) answer
 * `granted`, and say which origins were asked for.
 */
async function answerPermissionPrompt(page: Page, granted: boolean): Promise<void> {
  await page.evaluate((granted) => {
    const asked: string[] = [];
    (window as unknown as { askedOrigins: string[] }).askedOrigins = asked;
    const answer = async (request: { origins?: string[] }) => {
      asked.push(...(request.origins ?? []));
      return granted;
    };
    for (const api of [(globalThis as { chrome?: typeof chrome }).chrome, (globalThis as { browser?: typeof chrome }).browser]) {
      if (api?.permissions) Object.defineProperty(api.permissions, 'request', { value: answer, configurable: true });
    }
  }, granted);
}

/**
 * Answers, in the background, whether it holds the permission for the feed's origin, as the prompt
 * was answered: the prompt above is answered in the page, so the browser itself never granted
 * anything (the test server's CORS headers let the fetch through). A background worker started
 * again asks the browser once more.
 */
async function holdPermission(held: boolean): Promise<void> {
  await session.browser.serviceWorker.evaluate((held) => {
    Object.defineProperty(chrome.permissions, 'contains', { value: async () => held, configurable: true });
  }, held);
}

/** Presses "Refresh now" and gives the status line it leads to (each test step's differs from the last). */
async function refresh(page: Page) {
  const before = await feedStatus(page);
  await page.getByRole('button', { name: /^Refresh now: / }).click();
  await expect.poll(() => feedStatus(page)).not.toBe(before);
  return feedStatus(page);
}

describe('a fact-checker\'s feed', () => {
  it('marks the feed\'s claims on an open tab without a reload, keeps up with the feed, and keeps the last good claims when it fails', async () => {
    const news = await session.open('pages/harbour-feed.html');
    await news.page.waitForTimeout(1_000);
    expect(await news.marks()).toEqual([]);

    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const ui = options.page;
    await ui.getByLabel('Feed address').fill(feedUrl);
    // Refused: nothing is subscribed to, and the page says why.
    await answerPermissionPrompt(ui, false);
    await ui.getByRole('button', { name: 'Subscribe', exact: true }).click();
    expect(await feedStatus(ui)).toBe('Claimlight was not allowed to read from http://127.0.0.1, so it did not subscribe.');
    expect(feed.requests).toBe(0);
    // Granted, for this feed's host alone (whatever its port: Firefox lets no request through a pattern with one).
    await answerPermissionPrompt(ui, true);
    await holdPermission(true);
    await ui.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await expect.poll(() => feedStatus(ui)).toBe('Subscribed to \u2068Fact-checks by Harbour Checks\u2069: 1 new.');
    expect(await ui.evaluate(() => (window as unknown as { askedOrigins: string[] }).askedOrigins)).toEqual([`http://${new URL(feedUrl).hostname}/*`]);
    await news.waitForMarks(1);
    expect((await news.marks()).map((m) => [m.verdict, m.text.split(' ').slice(0, 3).join(' ')])).toEqual([['false', 'One councillor claimed']]);
    const row = ui.locator('.feed');
    expect(await row.textContent()).toContain('Harbour Checks · 1 claim · every 6 hours');

    // The feed withdraws the ferry check and adds the lighthouse one.
    feed.body = JSON.stringify([LIGHTHOUSE]);
    feed.etag = '"v2"';
    expect(await refresh(ui)).toBe('Fact-checks by Harbour Checks: 1 new, 1 withdrawn.');
    await expect.poll(async () => (await news.marks()).map((m) => m.text.split(' ').slice(0, 3).join(' '))).toEqual(['Another member said']);

    // Not modified: nothing is rewritten.
    const stored = await session.browser.serviceWorker.evaluate(() => new Promise<string>((done) => {
      const open = indexedDB.open('claimlight');
      open.onsuccess = () => {
        const read = open.result.transaction('feeds').objectStore('feeds').getAll();
        read.onsuccess = () => done(JSON.stringify(read.result.map((f: { lastChanged: number; claimCount: number }) => [f.lastChanged, f.claimCount])));
      };
    }));
    const before = feed.notModified;
    expect(await refresh(ui)).toBe('Fact-checks by Harbour Checks: no changes.');
    expect(feed.notModified).toBe(before + 1);
    expect(await row.textContent()).toContain('1 claim');
    expect(stored).toMatch(/^\[\[\d+,1\]\]$/);

    // Failures: each is said in plain words, and the lighthouse claim stays marked.
    for (const [mode, message] of [
      ['down', /^Fact-checks by Harbour Checks: Could not reach 127\.0\.0\.1:\d+/],
      ['malformed', /^Fact-checks by Harbour Checks: The feed could not be read: The feed is not valid JSON/],
      ['wrong-type', /^Fact-checks by Harbour Checks: 127\.0\.0\.1:\d+ sent image\/png, not JSON or a web page\.$/],
      ['oversized', /^Fact-checks by Harbour Checks: The feed is 40\.0 MB; Claimlight reads feeds of up to 16\.0 MB\.$/],
    ] as const) {
      feed.mode = mode;
      expect(await refresh(ui)).toMatch(message);
      expect(await row.textContent()).toMatch(/Failing since .* Its last good claims stay\./);
      expect((await news.marks()).length).toBe(1);
    }
    // The reader took the permission back in the browser's settings: the feed says so, rather than
    // that the server is down.
    await holdPermission(false);
    feed.mode = 'down';
    expect(await refresh(ui)).toMatch(/^Fact-checks by Harbour Checks: Claimlight is no longer allowed to read from 127\.0\.0\.1:\d+: the permission was taken back in the browser's settings\./);
    await holdPermission(true);
    feed.mode = 'serve';
    await ui.close();
    await news.page.close();
  });

  it('keeps the old pack whole when the background worker is stopped in the middle of a refresh', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const ui = options.page;
    const before = await options.summary();
    feed.body = JSON.stringify([FERRY, LIGHTHOUSE]);
    feed.etag = '"v3"';
    feed.mode = 'slow';
    const cdp = await session.browser.context.newCDPSession(ui);
    let versionId = '';
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) if (version.scriptURL.endsWith('/background.js')) versionId = version.versionId;
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => versionId).not.toBe('');
    const requests = feed.requests;
    await ui.getByRole('button', { name: /^Refresh now: / }).click();
    await expect.poll(() => feed.requests).toBe(requests + 1);
    await cdp.send('ServiceWorker.stopWorker', { versionId });
    feed.mode = 'serve';
    await ui.reload();
    expect(await options.summary()).toBe(before);

    // Removing the feed takes its claims with it, after the settings page's own question.
    await ui.getByRole('button', { name: /^Remove: / }).click();
    await ui.getByRole('button', { name: 'Remove feed' }).click();
    await expect.poll(() => options.summary()).toBe('28 claims in 1 pack');
    await ui.close();
  });
});
