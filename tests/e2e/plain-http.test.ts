import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NewsPage } from './pages/news-page';
import { useExtensionSession } from './pages/session';

// Most news pages a reader opens are not on 127.0.0.1, which browsers count as a secure context
// whatever its scheme: a page on plain http is not one, and APIs marked [SecureContext]
// (crypto.randomUUID, the clipboard, storage estimates) are missing from it and from the content
// script running on it. The demo page served from a host name of its own, over http, must be
// marked, carded and listed as on the loopback.
const HOST = 'news.claimlight.test';
const expectedDemo = (JSON.parse(readFileSync('tests/fixtures/demo/expected-mentions.json', 'utf8')) as { text: string }[]).map((m) => m.text).sort();

describe('a page on plain http, not a secure context', () => {
  const session = useExtensionSession('tests/fixtures', { localHosts: [HOST] });

  it('is marked, and its marks open their cards', async () => {
    const tab = await session.browser.context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(session.server.url.replace('127.0.0.1', HOST) + 'demo/');
    expect(new URL(tab.url()).hostname).toBe(HOST);
    expect(await tab.evaluate(() => window.isSecureContext)).toBe(false);
    const demo = new NewsPage(tab);
    await demo.waitForMarks(expectedDemo.length);
    expect(await demo.markTexts()).toEqual(expectedDemo);
    await demo.openMark('Putin also invited his US counterpart to Moscow');
    await expect.poll(async () => (await demo.card()).textContent()).toContain('Accurate');
    expect(errors).toEqual([]);
  });
});
