// Takes the README's screenshots from the built extension (`npm run screenshots`): the card and the
// preview on our test pages, the popup's "On this page", the settings page, and the card in dark
// mode. Written to tests/screenshots/; run it again whenever what they show changes.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { NewsPage } from '../tests/e2e/pages/news-page';
import { launchWithExtension, tabIdShowing } from './lib/launch';
import { serveDirectory } from './lib/serve';

const OUT = 'tests/screenshots';

/** A screenshot of the view's part around a box, padded, within the view. */
async function around(page: Page, box: { x: number; y: number; width: number; height: number }, path: string, pad = 40): Promise<void> {
  const view = page.viewportSize()!;
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  await page.screenshot({ path, clip: { x, y, width: Math.min(view.width - x, box.width + 2 * pad), height: Math.min(view.height - y, box.height + 2 * pad) } });
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await serveDirectory('tests/fixtures');
  const browser = await launchWithExtension({ locale: 'en-GB' });
  try {
    const open = async (path: string, dark = false) => {
      const page = await browser.context.newPage();
      if (dark) await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(server.url + path);
      return new NewsPage(page);
    };
    const cardShot = async (news: NewsPage, start: string, path: string) => {
      await news.openMark(start);
      const card = await news.card();
      await news.page.waitForTimeout(300);
      const box = (await card.boundingBox())!;
      await around(news.page, { x: 0, y: box.y - 160, width: news.page.viewportSize()!.width, height: box.height + 200 }, path, 0);
    };

    // A late report that repeats the first one's faults: problems marked in full, the rest faint.
    const late = await open('pages/late-april.html');
    await late.waitForMarks(5);
    await cardShot(late, 'During the call, it says', `${OUT}/card.png`);

    const demo = await open('demo/');
    await demo.page.waitForTimeout(1500);
    const point = await demo.hoverMark('Putin also invited his US counterpart to Moscow');
    for (let i = 0; i < 30 && !(await demo.previewText()); i++) await demo.page.waitForTimeout(100);
    await around(demo.page, { x: point.x - 380, y: point.y - 120, width: 760, height: 320 }, `${OUT}/preview.png`, 0);

    const dark = await open('pages/late-april.html', true);
    await dark.waitForMarks(5);
    await cardShot(dark, 'Zelensky, it adds', `${OUT}/card-dark.png`);

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${await tabIdShowing(browser.serviceWorker, late.page.url())}`);
    await popup.getByRole('tab', { name: /On this page/ }).click();
    await popup.getByText(/problems?:/).waitFor();
    await popup.screenshot({ path: `${OUT}/popup.png` });

    const options = await browser.context.newPage();
    await options.setViewportSize({ width: 1100, height: 1400 });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('switch').first().waitFor();
    await options.screenshot({ path: `${OUT}/options.png` });
    console.log(`Screenshots written to ${OUT}/: card.png, preview.png, card-dark.png, popup.png, options.png`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(`screenshots: ${(e as Error).message}`);
  process.exit(1);
});
