import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR, findFirefox } from '../../scripts/lib/firefox';
import { FirefoxSession, Key } from '../../scripts/lib/marionette';
import { serveDirectory, type StaticServer } from '../../scripts/lib/serve';

// The popup's search and the settings page's import in Firefox. These are moz-extension:// pages,
// which Firefox's WebDriver BiDi will not script, so this file drives Firefox over Marionette
// (see scripts/lib/marionette.ts). Each case runs as a user would: typing, choosing a file.

let firefox: FirefoxSession;
let server: StaticServer;
const files = mkdtempSync(join(tmpdir(), 'claimlight-firefox-files-'));

beforeAll(async () => {
  server = await serveDirectory('tests/fixtures');
  firefox = await FirefoxSession.launch(findFirefox()!, FIREFOX_BUILD_DIR);
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
  rmSync(files, { recursive: true, force: true });
});

/** Writes a file for the settings page's file input and returns its path. */
function file(name: string, text: string): string {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
}

/** The marks Claimlight draws on the current page, in its closed layer. */
const MARKS_IN_ROOT = `return arguments[0].querySelectorAll('.mark[data-verdict]').length;`;

/** Waits until the current page shows this many marks. */
async function waitForMarks(count: number, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = (await firefox.runInShadowRoots<number>(MARKS_IN_ROOT)).reduce((a, b) => a + b, 0);
    if (seen === count) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`expected ${count} marks, the page shows ${seen}`);
}

/** The settings page's store summary, e.g. "28 claims in 1 pack", once the store has been read. */
const SUMMARY = `const text = document.querySelector('[data-testid=store-summary]')?.textContent ?? ''; return /claims in/.test(text) ? text : null;`;

/** The store summary once it reads `arguments[0]`. */
const SUMMARY_IS = `const text = document.querySelector('[data-testid=store-summary]')?.textContent; return text === arguments[0] ? text : null;`;

/** The import outcome shown to the user, once there is one. */
const IMPORT_STATUS = `return document.querySelector('[data-testid=import-status]')?.textContent || null;`;

/** The outcome shown to the user, once it includes `arguments[0]`. */
const STATUS_SAYS = `const text = document.querySelector('[data-testid=import-status]')?.textContent; return text?.includes(arguments[0]) ? text : null;`;

describe('the popup in Firefox', () => {
  it('finds the right claim first for a misspelt query, and opens its record with sources', async () => {
    await firefox.navigate(`${firefox.extensionOrigin}popup.html`);
    const box = await firefox.find('input[role=combobox]');
    expect(await firefox.run('return [document.activeElement?.getAttribute("role"), document.activeElement?.labels?.[0]?.textContent?.trim()]')).toEqual(['combobox', 'Search checked claims']);
    await firefox.type(box, 'ninty minute call');
    const first = await firefox.waitFor<string>(`return document.querySelector('[role=listbox][aria-label="Matching claims"] [role=option]')?.textContent || null`);
    expect(first).toContain('According to Peskov, the phone call went on for close to an hour and a half.');
    await firefox.type(box, Key.ArrowDown + Key.Enter);
    const link = await firefox.waitFor<{ target: string; rel: string }>(
      `const a = document.querySelector('a[href^="http"][target=_blank]'); return a && { target: a.target, rel: a.rel };`,
    );
    expect(link).toEqual({ target: '_blank', rel: 'noopener noreferrer' });
    expect(await firefox.run('return document.body.textContent')).toContain('Back to results');
  });
});

describe('the settings page in Firefox', () => {
  const claims: Record<string, unknown>[] = Array.from({ length: 3_000 }, (_, i) => ({ id: `c${i}`, text: `Claim number ${i} about the harbour.`, verdict: 'unverified', summary: 'Not checked yet.', context: [] }));
  claims.push({
    id: 'lifeboat', text: 'Lifeboat crews were called out twice in one night.', verdict: 'false', summary: 'The log shows one call-out.', context: [],
    cues: { phrases: ['lifeboat crews were called out'], terms: [['lifeboat'], ['called out']] },
  });
  const pack = { format: 'claimlight-pack', formatVersion: 1, id: 'harbour-log', title: 'Harbour log', version: '1', publisher: 'Claimlight tests', language: 'en', created: '2026-11-25', claims };

  it('imports a chosen file with progress, and a page then marks its claims', async () => {
    await firefox.navigate(`${firefox.extensionOrigin}options.html`);
    expect(await firefox.waitFor(SUMMARY)).toBe('28 claims in 1 pack');
    await firefox.run(`
      const seen = (window.progressSeen = []);
      new MutationObserver(() => {
        const text = document.querySelector('.import-progress')?.textContent;
        if (text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });`);
    await firefox.type(await firefox.find('input[type=file]'), file('harbour-log.json', JSON.stringify(pack)));
    expect(await firefox.waitFor(IMPORT_STATUS, 30_000)).toContain('Imported “\u2068Harbour log\u2069”: 3,001 claims');
    const seen = await firefox.run<string[]>('return window.progressSeen');
    expect(seen.some((text) => /Storing claims: [\d,]+ of 3,001/.test(text))).toBe(true);
    expect(await firefox.waitFor(SUMMARY_IS, 10_000, '3,029 claims in 2 packs')).toBe('3,029 claims in 2 packs');

    await firefox.newTab();
    await firefox.navigate(`${server.url}pages/dynamic-append.html`);
    await waitForMarks(3);
    await firefox.run(`window.fixture.appendParagraph('Volunteers at the lifeboat station were called out twice on Tuesday night.')`);
    await waitForMarks(4);
  });

  it('shows the errors of a bad file and changes nothing', async () => {
    await firefox.navigate(`${firefox.extensionOrigin}options.html`);
    const before = await firefox.waitFor<string>(SUMMARY);
    await firefox.type(await firefox.find('input[type=file]'), file('bad.json', JSON.stringify({ ...pack, id: 'bad', claims: [{ ...claims[0], verdict: 'nope' }] })));
    const status = await firefox.waitFor<string>(IMPORT_STATUS);
    expect(status).toContain('Nothing was imported');
    expect(status).toContain('claim 1 (`c0`): verdict: must be one of');
    // One message, in the one alert region that holds text (the page keeps it, empty, between messages).
    expect(await firefox.run('return [...document.querySelectorAll("[role=alert]")].filter((region) => region.textContent).length')).toBe(1);
    await firefox.navigate(`${firefox.extensionOrigin}options.html`);
    expect(await firefox.waitFor(SUMMARY)).toBe(before);
  });

  it('deletes a pack after the user confirms, and only that pack', async () => {
    await firefox.navigate(`${firefox.extensionOrigin}options.html`);
    const before = await firefox.waitFor<string>(SUMMARY);
    const small = { ...pack, id: 'ferry-notes', title: 'Ferry notes', claims: claims.slice(0, 2) };
    await firefox.type(await firefox.find('input[type=file]'), file('ferry-notes.json', JSON.stringify(small)));
    await firefox.waitFor(STATUS_SAYS, 10_000, 'Imported “\u2068Ferry notes\u2069”: 2 claims');
    await firefox.click(await firefox.find('button[aria-label="Delete Ferry notes"]'));
    expect(await firefox.waitFor<string>(`return document.querySelector('dialog.confirm[open]')?.textContent || null`)).toContain('Delete “\u2068Ferry notes\u2069” and its 2 claims?');
    await firefox.click(await firefox.find('dialog.confirm[open] button.danger'));
    await firefox.waitFor(STATUS_SAYS, 20_000, 'Deleted “\u2068Ferry notes\u2069”');
    expect(await firefox.waitFor(SUMMARY_IS, 20_000, before)).toBe(before);
  });
});

describe('hidden matches on the settings page in Firefox', () => {
  it('takes them all back through the background, which keeps the change for the next reading of the list', async () => {
    const at = '2026-12-07T00:00:00.000Z';
    const list = {
      onPage: [{ page: `${server.url}demo/`, claimKey: 'bundled/call', claimText: 'The call lasted 90 minutes.', text: 'The call ran long.', at }],
      everywhere: [{ claimKey: 'bundled/fares', claimText: 'Fares doubled.', at }],
      reports: [{ url: `${server.url}demo/`, claimKey: 'bundled/call', claimText: 'The call lasted 90 minutes.', text: 'The call ran long.', at }],
    };
    await firefox.navigate(`${firefox.extensionOrigin}options.html`);
    await firefox.run(`browser.storage.local.set({ [arguments[0]]: arguments[1] });`, 'claimlight:dismissed', list);
    await firefox.navigate(`${firefox.extensionOrigin}options.html`);
    // The button whose text is `arguments[0]`, once the list is read.
    const button = `return [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === arguments[0]) ?? null;`;
    await firefox.click(await firefox.waitFor(button, 10_000, 'Show all 2 again'));
    await firefox.click(await firefox.waitFor(button, 10_000, 'Clear reports'));
    // Read again from storage: the settings page writes nothing itself, the background made the change.
    await firefox.navigate(`${firefox.extensionOrigin}options.html`);
    const none = `return /When you choose “Not this claim” on a card/.test(document.body.textContent) && !/Reported wrong matches/.test(document.body.textContent) ? 'none' : null;`;
    expect(await firefox.waitFor(none, 10_000)).toBe('none');
  });
});

describe('a feed in Firefox', () => {
  it('subscribes on the settings page, marks the feed\'s claim on a page, and unsubscribes', async () => {
    const body = JSON.stringify([{
      '@context': 'https://schema.org', '@type': 'ClaimReview', url: 'https://checks.example/ferry', datePublished: '2026-11-18',
      claimReviewed: 'Harbour ferry fares doubled this year.', author: { '@type': 'Organization', name: 'Harbour Checks' }, reviewRating: { '@type': 'Rating', alternateName: 'False' },
    }]);
    const feedServer = createServer((request, response) => {
      const headers = { 'access-control-allow-origin': '*', etag: '"v1"' };
      if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304, headers).end();
      response.writeHead(200, { ...headers, 'content-type': 'application/ld+json' }).end(body);
    });
    await new Promise<void>((done) => feedServer.listen(0, '127.0.0.1', done));
    try {
      const feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/claimreview.json`;
      await firefox.navigate(`${firefox.extensionOrigin}options.html`);
      const before = await firefox.waitFor<string>(SUMMARY);
      // Firefox's permission prompt is browser UI: answer it for the reader, granted.
      await firefox.run(`Object.defineProperty(browser.permissions, 'request', { value: async () => true, configurable: true });`);
      await firefox.type(await firefox.find('#feed-address'), feedUrl);
      await firefox.click(await firefox.find('form.feed-form button[type=submit]'));
      // The first word said while the feed is read ("Subscribing to …") is passed over: what it came to.
      const status = `const text = [...document.querySelectorAll('.feeds > [role=status], .feeds > [role=alert]')].map((region) => region.textContent).find(Boolean); return text && !text.startsWith('Subscribing to') ? text : null;`;
      expect(await firefox.waitFor<string>(status, 20_000)).toBe('Subscribed to \u2068Fact-checks by Harbour Checks\u2069: 1 new.');

      await firefox.newTab();
      await firefox.navigate(`${server.url}pages/harbour-feed.html`);
      await waitForMarks(1);

      await firefox.navigate(`${firefox.extensionOrigin}options.html`);
      await firefox.click(await firefox.find('button[aria-label="Remove: Fact-checks by Harbour Checks"]'));
      await firefox.click(await firefox.find('dialog.confirm[open] button.danger'));
      expect(await firefox.waitFor(SUMMARY_IS, 20_000, before)).toBe(before);
    } finally {
      feedServer.close();
    }
  });
});
