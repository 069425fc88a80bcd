import { describe, expect, it } from 'vitest';
import { useExtensionSession } from './pages/session';

// The browser keeps 10 MB of storage.local for an extension that does not ask for more. Filled, it
// takes no hidden match: the card says so, rather than that it will not mark the claim again.
const session = useExtensionSession('tests/fixtures');

describe('a browser whose storage for Claimlight is full', () => {
  it('says on the card that "Not this claim" holds only until the page is reloaded, and why', async () => {
    const filled = await session.browser.serviceWorker.evaluate(async () => {
      const quota = (chrome.storage.local as unknown as { QUOTA_BYTES: number }).QUOTA_BYTES;
      let size = quota - 64;
      // The largest filler that goes in: what is left is less than any list of hidden matches.
      for (; size > quota - 4096; size -= 256) {
        try {
          await chrome.storage.local.set({ filler: 'x'.repeat(size) });
          return true;
        } catch {
          // Too large by a little: try a little less.
        }
      }
      return false;
    });
    expect(filled).toBe(true);
    try {
      const page = await session.open('demo/');
      await page.waitForMarks(41);
      await page.openMark('Putin also invited his US counterpart to Moscow');
      const card = await page.card();
      for (const button of await card.$$('button')) if ((await button.textContent())?.trim() === 'Not this claim') await button.click();
      await expect.poll(async () => (await page.card()).textContent(), { timeout: 5_000 }).toContain('Hidden on this page until it is reloaded. The browser would not store it');
      expect(session.pageErrors).toEqual([]);
    } finally {
      await session.browser.serviceWorker.evaluate(() => chrome.storage.local.remove('filler'));
    }
  });
});
