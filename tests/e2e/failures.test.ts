import { describe, expect, it } from 'vitest';
import { OptionsPage } from './pages/options';
import { useExtensionSession } from './pages/session';

// Failures a real session meets: the browser stopping the background worker, two settings pages
// importing at the same time. No record may be lost or half-written.
const session = useExtensionSession('tests/fixtures');

const pack = (id: string, count: number) =>
  JSON.stringify({
    format: 'claimlight-pack', formatVersion: 1, id, title: `Pack ${id}`, version: '1', publisher: 'Tests', language: 'en', created: '2026-11-25',
    claims: Array.from({ length: count }, (_, i) => ({ id: `${id}-${i}`, text: `Claim ${i} of pack ${id}.`, verdict: 'unverified', summary: 'Not checked.', context: [] })),
  });

describe('failures', () => {
  it('keeps working after the browser stops the background worker mid-session', async () => {
    const news = await session.open('pages/dynamic-append.html');
    await news.waitForMarks(3);
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    // Stop the worker the way Chrome does when it idles: through the DevTools protocol.
    const cdp = await session.browser.context.newCDPSession(options.page);
    const statuses: string[] = [];
    let versionId = '';
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions) {
        if (!version.scriptURL.endsWith('/background.js')) continue;
        versionId = version.versionId;
        statuses.push(version.runningStatus);
      }
    });
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => versionId).not.toBe('');
    await cdp.send('ServiceWorker.stopWorker', { versionId });
    await expect.poll(() => statuses.at(-1)).toBe('stopped');
    // The page's next request wakes a new worker, which reopens the store and answers.
    await news.page.evaluate(() => (window as never as { fixture: { appendParagraph(t: string): number } }).fixture.appendParagraph('Trump also said it seemed unlikely that Ukraine would return to the borders it had before 2014.'));
    await news.waitForMarks(4, 20_000);
    expect(statuses.slice(statuses.lastIndexOf('stopped'))).toContain('running');
    await options.page.reload();
    expect(await options.summary()).toBe('28 claims in 1 pack');
    await options.page.close();
    await news.page.close();
  });

  it('stores both packs whole when two settings pages import at once', async () => {
    const [first, second] = await Promise.all([OptionsPage.open(session.browser.context, session.browser.extensionId), OptionsPage.open(session.browser.context, session.browser.extensionId)]);
    await Promise.all([first.importFile('a.json', pack('a', 3_000)), second.importFile('b.json', pack('b', 3_000))]);
    expect(await first.importStatus()).toContain('Imported “\u2068Pack a\u2069”: 3,000 claims');
    expect(await second.importStatus()).toContain('Imported “\u2068Pack b\u2069”: 3,000 claims');
    await first.page.reload();
    expect(await first.summary()).toBe('6,028 claims in 3 packs');
    expect((await first.packs()).map(([title, count]) => `${title}: ${count}`).sort()).toEqual(['Pack a: 3,000', 'Pack b: 3,000', 'Trump–Putin call and the opening of Ukraine war talks (February 2025): 28']);
  });
});
