import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROME_BUILD_DIR, tabsWithContentScript } from '../../scripts/lib/launch';
import { OptionsPage } from './pages/options';
import { useExtensionSession } from './pages/session';

const minimalPack = {
  format: 'claimlight-pack',
  formatVersion: 1,
  id: 'e2e-harbour-pack',
  title: 'Harbour checks',
  version: '1.0.0',
  publisher: 'Claimlight tests',
  language: 'en',
  created: '2026-11-25',
  claims: [
    { id: 'bridge-closed', text: 'The harbour bridge closes all summer.', verdict: 'imprecise', summary: 'Weekends only.', context: [] },
    { id: 'fares-doubled', text: 'Ferry fares doubled this year.', verdict: 'false', summary: 'They rose 8 percent.', context: [] },
  ],
};

const session = useExtensionSession('tests/fixtures/demo');
const errors: string[] = [];
const recordErrors = (where: () => string) => (message: ConsoleMessage) => {
  if (message.type() === 'error') errors.push(`${where()}: ${message.text()}`);
};

beforeAll(async () => {
  session.browser.serviceWorker.on('console', recordErrors(() => 'service worker'));
  session.browser.context.on('page', (page) => page.on('console', recordErrors(() => page.url())));
});

describe('Claimlight in Chromium', () => {
  it('builds a content script that is pure ASCII, which Chrome requires, and the scripts it imports too', () => {
    const dir = join(CHROME_BUILD_DIR, 'content-scripts');
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of [...files.map((f) => join(dir, f)), join(CHROME_BUILD_DIR, 'content-main.js'), join(CHROME_BUILD_DIR, 'card-ui.js')]) {
      expect(readFileSync(file).every((byte) => byte < 0x80)).toBe(true);
    }
  });

  it('keeps the content script a loader: the page\'s work in the module it imports at once, the card\'s in the one it imports when the pointer first comes onto a mark', () => {
    // Chrome compiles a content script on the page's main thread on every page, and a module
    // imported from the extension on a background thread, or not at all once it is in V8's cache.
    const read = (path: string) => readFileSync(join(CHROME_BUILD_DIR, path), 'utf8');
    const loader = read('content-scripts/content.js');
    const main = read('content-main.js');
    const card = read('card-ui.js');
    expect(main).toContain('claimlight-marks');
    expect(main).toContain('contentScriptStarted');
    expect(card).toContain('.claimlight-card');
    for (const code of ['claimlight-marks', 'contentScriptStarted', 'claimlight-card', 'floating']) expect(loader).not.toContain(code);
    for (const code of ['claimlight-card', 'floating']) expect(main).not.toContain(code);
    // The loader takes the browser's own object, not the polyfill's wrapper (wxt.config.ts): the
    // wrapper's table of every API's arguments is most of what it would compile. The module keeps it.
    const polyfill = 'The message port closed before a response was received.';
    expect(main).toContain(polyfill);
    expect(loader).not.toContain(polyfill);
    expect(loader.length).toBeLessThan(6_000);
  });

  it('starts its service worker', () => {
    expect(session.browser.serviceWorker.url()).toBe(`chrome-extension://${session.browser.extensionId}/background.js`);
  });

  it('holds the 28 bundled claims after install', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    expect(await options.summary()).toBe('28 claims in 1 pack');
    expect(await options.packs()).toEqual([['Trump–Putin call and the opening of Ukraine war talks (February 2025)', '28']]);
    await options.page.screenshot({ path: 'test-results/options.png' });
    await options.page.close();
  });

  it('runs its content script on a page served from 127.0.0.1', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(session.server.url);
    await expect.poll(async () => (await tabsWithContentScript(session.browser.serviceWorker)).map((t) => t.url)).toContain(session.server.url);
    // The page's own elements are left as they were: marks are painted highlights, not elements.
    expect(await page.locator('[data-claimlight], claimlight-mark').count()).toBe(0);
    await page.close();
  });

  it('adds a pack imported through the settings page', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    await options.importFile('harbour.json', JSON.stringify(minimalPack));
    expect(await options.importStatus()).toBe('Imported “\u2068Harbour checks\u2069”: 2 claims from Claimlight pack data.');
    await expect.poll(() => options.summary()).toBe('30 claims in 2 packs');
    expect((await options.packs()).map(([title]) => title)).toContain('Harbour checks');
    await options.page.close();
  });

  it.each([
    ['malformed JSON', '{"format": "claimlight-pack", "claims": [', 'The file is not valid JSON'],
    ['a javascript: source', JSON.stringify({ ...minimalPack, id: 'evil', claims: [{ ...minimalPack.claims[0], context: [{ text: 'x', sources: [{ url: 'javascript:alert(1)', outlet: 'X' }] }] }] }),
      'claim 1 (`bridge-closed`): context[0].sources[0].url: must be an http(s) URL'],
  ])('refuses a bad import (%s) and leaves the store unchanged', async (_, text, message) => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const before = [await options.summary(), await options.packs()];
    await options.importFile('bad.json', text);
    const status = await options.importStatus();
    expect(status).toContain('Nothing was imported');
    expect(status).toContain(message);
    // One message, in the one alert region (the page keeps it, empty, between messages).
    expect(await options.page.getByRole('alert').filter({ hasText: /./ }).count()).toBe(1);
    const reopened = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    expect([await reopened.summary(), await reopened.packs()]).toEqual(before);
    await options.page.close();
    await reopened.page.close();
  });

  it('logged no errors in the service worker or its pages', () => {
    expect(errors).toEqual([]);
  });
});
