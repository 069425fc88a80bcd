import { describe, expect, it } from 'vitest';
import { useExtensionSession } from './pages/session';

// A reader who set the browser's default text size to "very large" (32 px) gets it in Claimlight's
// own pages too, as on any web page: the popup's and the settings page's text were in pixels.
const session = useExtensionSession('tests/fixtures', { preferences: { webkit: { webprefs: { default_font_size: 32 } } } });

describe('the reader\'s default text size', () => {
  it('sizes the text of the popup and of the settings page, as it does a web page\'s', async () => {
    const page = await session.open('pages/hover.html');
    // A web page's text without a size of its own is the reader's default.
    expect(await page.page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
    const sizes: Record<string, string> = {};
    for (const path of ['popup.html', 'options.html']) {
      const tab = await session.browser.context.newPage();
      await tab.goto(`chrome-extension://${session.browser.extensionId}/${path}`);
      await tab.waitForSelector('body *');
      sizes[path] = await tab.evaluate(() => getComputedStyle(document.body).fontSize);
      if (path === 'popup.html') {
        // The verdict badges too, which the card's own sheet sizes in pixels for the page.
        await tab.getByRole('button', { name: /Accurate/ }).first().click();
        await tab.waitForSelector('.claimlight-badge');
        sizes.badge = await tab.evaluate(() => getComputedStyle(document.querySelector('.claimlight-badge')!).fontSize);
      }
      // Nothing runs off the side at that size.
      expect(await tab.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1), path).toBe(true);
      await tab.close();
    }
    // 14 and 15 pixels at the 16-pixel default: twice that at 32.
    expect(sizes).toEqual({ 'popup.html': '28px', badge: '26px', 'options.html': '30px' });
  });

  it('keeps the card, its Close button with it, inside a narrow view at that size (a phone, a window at 400%)', async () => {
    const page = await session.open('pages/hover.html');
    await page.page.setViewportSize({ width: 360, height: 640 });
    await page.waitForMarks(3);
    await page.openMark('Trump also said');
    const card = await page.card();
    const view = await page.page.evaluate(() => document.documentElement.clientWidth);
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(view + 1);
    const close = (await (await card.$('button[aria-label="Close"]'))!.boundingBox())!;
    expect(close.x + close.width).toBeLessThanOrEqual(view + 1);
    await page.page.close();
  });
});
