import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR, findFirefox } from '../../scripts/lib/firefox';
import { FirefoxSession } from '../../scripts/lib/marionette';
import { serveDirectory, type StaticServer } from '../../scripts/lib/serve';

// Firefox set never to remember history: every window is private, and Firefox lets the add-on's
// background open no database. Claimlight keeps its store in memory there, so pages are still
// marked and the popup still searches, and the settings page says what that means.

let firefox: FirefoxSession;
let server: StaticServer;

beforeAll(async () => {
  server = await serveDirectory('tests/fixtures');
  // The reader allowed Claimlight in private windows, as Firefox asks at install.
  firefox = await FirefoxSession.launch(findFirefox()!, FIREFOX_BUILD_DIR, { prefs: { 'browser.privatebrowsing.autostart': true }, allowPrivateBrowsing: true });
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('Firefox set never to remember history', () => {
  it('marks the demo page from a store kept in memory', async () => {
    const expected = (JSON.parse(readFileSync('tests/fixtures/demo/expected-mentions.json', 'utf8')) as unknown[]).length;
    await firefox.navigate(`${server.url}demo/index.html`);
    const marks = async () => (await firefox.runInShadowRoots<number>(`return arguments[0].querySelectorAll('.mark[data-verdict]').length;`)).reduce((a, b) => a + b, 0);
    const deadline = Date.now() + 20_000;
    while ((await marks()) !== expected && Date.now() < deadline) await new Promise((done) => setTimeout(done, 200));
    expect(await marks()).toBe(expected);
  });

  it('says on the settings page that the store lasts until Firefox closes', async () => {
    await firefox.navigate(`${firefox.extensionOrigin}options.html`);
    expect(await firefox.waitFor(`const text = document.querySelector('[data-testid=store-summary]')?.textContent; return /claims in/.test(text ?? '') ? text : null;`)).toBe('28 claims in 1 pack');
    expect(await firefox.waitFor<string>(`return document.querySelector('[data-testid=store-in-memory]')?.textContent || null`)).toMatch(/never to remember history.*last until the browser closes/);
  });

  it('searches the claims in the popup, through the background', async () => {
    await firefox.navigate(`${firefox.extensionOrigin}popup.html`);
    await firefox.type(await firefox.find('input[role=combobox]'), 'ninety minute call');
    const first = await firefox.waitFor<string>(`return document.querySelector('[role=listbox][aria-label="Matching claims"] [role=option]')?.textContent || null`);
    expect(first).toContain('According to Peskov, the phone call went on for close to an hour and a half.');
  });
});
