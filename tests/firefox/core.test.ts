import { readFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR, findFirefox } from '../../scripts/lib/firefox';
import { serveDirectory, type StaticServer } from '../../scripts/lib/serve';

// The core in-page cases in Firefox: marks on the demo page and the hover card. Debian's
// firefox-esr is driven over WebDriver BiDi, the build installed as a temporary add-on. BiDi will
// not script moz-extension:// pages, so the popup and the settings page are tested over
// Marionette instead (extension-pages.test.ts).

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveDirectory('tests/fixtures');
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: findFirefox()!, headless: true });
  await browser.installExtension(FIREFOX_BUILD_DIR);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every mark on the page, read from the page's highlight registry. */
const markTexts = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('claimlight-') || name === 'claimlight-focus') continue;
      for (const range of highlight as unknown as Iterable<Range>) out.push(range.toString().replace(/\s+/g, ' ').trim());
    }
    return out.sort();
  });

async function waitForMarks(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n: number) => {
      let total = 0;
      for (const [name, h] of CSS.highlights) if (name.startsWith('claimlight-') && name !== 'claimlight-focus') total += (h as unknown as { size: number }).size;
      return total === n;
    },
    { timeout: 20_000 },
    count,
  );
}

describe('Claimlight in Firefox', () => {
  let demo: Page;
  const expected = (JSON.parse(readFileSync('tests/fixtures/demo/expected-mentions.json', 'utf8')) as { text: string }[]).map((m) => m.text).sort();

  it('marks exactly the mentions the scan finds on the demo page', async () => {
    demo = await browser.newPage();
    await demo.setViewport({ width: 1280, height: 800 });
    await demo.goto(`${server.url}demo/`);
    await waitForMarks(demo, expected.length);
    expect(await markTexts(demo)).toEqual(expected);
  });

  it('opens a card with the verdict and a source link on hover', async () => {
    const point = await demo.evaluate(() => {
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('claimlight-')) continue;
        for (const range of highlight as unknown as Iterable<Range>) {
          if (!range.toString().startsWith('Putin also invited')) continue;
          range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
          const box = range.getClientRects()[0]!;
          return { x: box.left + 10, y: box.top + box.height / 2 };
        }
      }
      return null;
    });
    expect(point).not.toBeNull();
    await demo.mouse.move(point!.x - 30, point!.y - 30);
    await demo.mouse.move(point!.x, point!.y, { steps: 4 });
    const card = await demo.waitForFunction(() => document.querySelector('[data-claimlight-ui]')?.shadowRoot?.querySelector('.claimlight-card')?.textContent ?? '', { timeout: 10_000 });
    expect(await card.jsonValue()).toContain('Accurate');
    const link = await demo.evaluate(() => {
      const a = document.querySelector('[data-claimlight-ui]')!.shadowRoot!.querySelector<HTMLAnchorElement>('.claimlight-card a[href^="http"]')!;
      return { target: a.target, rel: a.rel };
    });
    expect(link).toEqual({ target: '_blank', rel: 'noopener noreferrer' });
  });
});
