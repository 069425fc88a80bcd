import { readFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR, findFirefox } from '../../scripts/lib/firefox';
import { serveDirectory, type StaticServer } from '../../scripts/lib/serve';
import { colourRowsInPng } from '../helpers/line-pixels';
import { inClosedRoots } from './closed-roots';

// The core in-page cases in Firefox: marks on the demo page and the hover card. Debian's
// firefox-esr is driven over WebDriver BiDi, the build installed as a temporary add-on. BiDi will
// not script moz-extension:// pages, so the popup and the settings page are tested over
// Marionette instead (extension-pages.test.ts).

let browser: Browser;
let extensionId: string;
let server: StaticServer;

beforeAll(async () => {
  server = await serveDirectory('tests/fixtures');
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: findFirefox()!, headless: true });
  extensionId = await browser.installExtension(FIREFOX_BUILD_DIR);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every mark Claimlight draws on the page, with its first box in viewport coordinates. */
const drawnMarks = async (page: Page) =>
  (
    await inClosedRoots(page, (root) =>
      [...root.querySelectorAll<HTMLElement>('.mark[data-verdict]')].map((mark) => {
        const box = mark.firstElementChild?.getBoundingClientRect();
        return { text: mark.dataset.text!, verdict: mark.dataset.verdict!, faint: mark.hasAttribute('data-faint'), box: box ? { x: box.x, y: box.y, height: box.height } : null };
      }), null)
  ).flat();

const markTexts = async (page: Page) => (await drawnMarks(page)).map((m) => m.text).sort();

async function waitForMarks(page: Page, count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = (await drawnMarks(page)).length;
    if (seen === count) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`expected ${count} marks, the page shows ${seen}`);
}

/** The open card's text and first outside link, or null when no card is open. */
const openCard = async (page: Page) =>
  (
    await inClosedRoots(page, (root) => {
      const card = root.querySelector('.claimlight-card');
      const link = card?.querySelector<HTMLAnchorElement>('a[href^="http"]');
      return card ? { text: card.textContent ?? '', link: link ? { target: link.target, rel: link.rel } : null } : null;
    }, null)
  ).find((card) => card !== null) ?? null;

/** The preview's text while one shows, or null. */
const previewText = async (page: Page) =>
  (await inClosedRoots(page, (root) => root.querySelector('.claimlight-preview')?.textContent ?? null, null)).find((text) => text !== null) ?? null;

/** What `read` gives once it gives something, read again every 100 ms; its last answer after `timeout` ms. */
async function eventually<T>(read: () => Promise<T>, timeout: number): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!value && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 100));
    value = await read();
  }
  return value;
}

/** Scrolls the mark whose text starts with `prefix` to the middle of the view, and gives a point on its first word. */
async function pointOnMark(page: Page, prefix: string): Promise<{ x: number; y: number }> {
  const find = async () => (await drawnMarks(page)).find((m) => m.text.startsWith(prefix) && m.box);
  // A mark's rectangles are drawn a frame or more after the mark is made: on a busy machine the
  // mark can be there, with no rectangle yet to point at.
  const before = await eventually(find, 10_000);
  if (!before) throw new Error(`no mark starts with ${prefix}`);
  await page.evaluate((y) => window.scrollBy(0, y - window.innerHeight / 2), before.box!.y);
  await new Promise((done) => setTimeout(done, 100));
  const { box } = (await find())!;
  return { x: box!.x + 10, y: box!.y + box!.height / 2 };
}

/** Waits for a card to open, and gives what it shows, or null after `timeout` ms. */
async function waitForCard(page: Page, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let card = await openCard(page);
  while (!card && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 100));
    card = await openCard(page);
  }
  return card;
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

  it('previews a mark on hover, and opens its card with the verdict and a source link on a click', async () => {
    const point = await pointOnMark(demo, 'Putin also invited');
    await demo.mouse.move(point.x - 30, point.y - 30);
    await demo.mouse.move(point.x, point.y, { steps: 4 });
    const preview = await eventually(() => previewText(demo), 5_000);
    expect(preview).toContain('Accurate');
    expect(await openCard(demo)).toBeNull();
    await demo.mouse.click(point.x, point.y);
    const card = await waitForCard(demo);
    expect(card?.text).toContain('Accurate');
    expect(card?.link).toEqual({ target: '_blank', rel: 'noopener noreferrer' });
  });

  it('shows page script no mark, no card and no highlight of Claimlight’s', async () => {
    const reachable = await demo.evaluate(() => ({
      highlights: CSS.highlights.size,
      roots: [...document.documentElement.children].filter((e) => e.shadowRoot).length,
      adopted: document.adoptedStyleSheets.length,
    }));
    expect(reachable).toEqual({ highlights: 0, roots: 0, adopted: 0 });
  });
});

describe('verdicts per mention in Firefox', () => {
  it('gives the report\'s verdicts only to sentences that repeat its faults, and marks the rest faintly', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}pages/late-april.html`);
    await waitForMarks(page, 5);
    // The marks' boxes are drawn a frame or two after the marks are made: read once they are.
    let marks = await drawnMarks(page);
    for (let tries = 0; tries < 50 && !marks.some((m) => m.text.startsWith('Zelensky, it adds') && m.box); tries++) {
      await new Promise((done) => setTimeout(done, 100));
      marks = await drawnMarks(page);
    }
    const verdictsOf = (start: string) => marks.filter((m) => m.text.startsWith(start)).map((m) => `${m.verdict}${m.faint ? ' (faint)' : ''}`).sort();
    expect(verdictsOf('During the call, it says')).toEqual(['misattributed']);
    expect(verdictsOf('Zelensky, it adds')).toEqual(['accurate-but-misdated', 'imprecise']);
    expect(verdictsOf('On 12 February, Trump also said')).toEqual(['context (faint)']);
    // As drawn, read off a screenshot of the first line's boxes: the dashes under the text, in the
    // verdict's colour; the second claim's wave below them.
    const boxes = marks.filter((m) => m.text.startsWith('Zelensky, it adds') && m.box).map((m) => m.box!);
    const top = Math.ceil(boxes[0]!.y);
    const height = Math.floor(Math.max(...boxes.map((box) => box.height)));
    const data = await page.screenshot({ clip: { x: Math.ceil(boxes[0]!.x), y: top, width: 300, height }, encoding: 'base64' });
    const decoder = await browser.newPage();
    const rowsOf = (colour: string) => decoder.evaluate(colourRowsInPng, { data, colour });
    const dashed = await rowsOf('#0e7490');
    const wave = await rowsOf('#b45309');
    await decoder.close();
    expect(dashed.found.length).toBeGreaterThan(0);
    expect(Math.min(...dashed.found)).toBeGreaterThanOrEqual(Math.floor(Math.min(...boxes.map((box) => box.height))) - 5);
    expect(wave.found.length).toBeGreaterThan(0);
    expect(Math.min(...wave.found)).toBeGreaterThan(Math.max(...dashed.found));
    expect(wave.widest).toBeLessThan(150);
    await page.close();
  });
});

describe('opening a card in Firefox', () => {
  it('opens the card on a click', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${server.url}demo/`);
    const count = (JSON.parse(readFileSync('tests/fixtures/demo/expected-mentions.json', 'utf8')) as unknown[]).length;
    await waitForMarks(page, count);
    const point = await pointOnMark(page, 'Putin also invited');
    await page.mouse.click(point.x, point.y);
    const card = await waitForCard(page, 5_000);
    expect(card?.text).toContain('Accurate');
    await page.close();
  });
});

describe('a hostile page in Firefox', () => {
  const expected = (JSON.parse(readFileSync('tests/fixtures/demo/expected-mentions.json', 'utf8')) as { text: string }[]).map((m) => m.text);

  it('opens no card for pointer events the page makes up', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${server.url}demo/`);
    await waitForMarks(page, expected.length);
    const mark = (await drawnMarks(page)).find((m) => m.box && m.box.y > 0 && m.box.y < 700)!;
    await page.evaluate((box) => {
      const at = { clientX: box.x + 10, clientY: box.y + box.height / 2, bubbles: true, composed: true };
      for (let i = 0; i < 5; i++) document.elementFromPoint(at.clientX, at.clientY)!.dispatchEvent(new PointerEvent('pointermove', at));
    }, mark.box!);
    await new Promise((done) => setTimeout(done, 600));
    expect(await openCard(page)).toBeNull();
    await page.close();
  });

  it('opens the card although the page defined custom elements under Claimlight’s old tag names', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${server.url}demo/`);
    await waitForMarks(page, expected.length);
    // Before the first card, when the card's layer does not exist yet.
    await page.evaluate(() => {
      for (const name of ['claimlight-ui', 'claimlight-marks', 'claimlight-card']) {
        customElements.define(name, class extends HTMLElement { constructor() { super(); this.attachShadow({ mode: 'open' }); } });
      }
    });
    const point = await pointOnMark(page, 'Putin also invited');
    await page.mouse.move(point.x - 30, point.y - 20);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await page.mouse.click(point.x, point.y);
    const card = await waitForCard(page);
    expect(card?.text).toContain('Accurate');
    await page.close();
  });

  it('opens the card on a page whose security policy allows nothing', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${server.url}pages/locked.html`);
    await waitForMarks(page, 1);
    // The content script's code and the card's are loaded from the extension: the page's policy must not stop them.
    const point = await pointOnMark(page, 'Kremlin spokesman');
    // The page has no style: its text starts a few pixels from the window's left edge.
    await page.mouse.move(point.x + 30, point.y - 20);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await page.mouse.click(point.x, point.y);
    const card = await waitForCard(page);
    expect(card?.text).toContain('Peskov');
    await page.close();
  });

  it('goes on marking when the page forges the announcement of a newer copy of the content script', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}demo/`);
    await waitForMarks(page, expected.length);
    // The id WXT names the event after: the add-on's own, from the manifest.
    expect(extensionId).toBe('claimlight@claimlight.dev');
    await page.evaluate((id) => {
      const name = `${id}:content:wxt:content-script-started`;
      const detail = { contentScriptName: 'content', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(name, { detail }));
      window.postMessage({ type: name, ...detail }, '*');
    }, extensionId);
    await new Promise((done) => setTimeout(done, 300));
    expect(await drawnMarks(page)).toHaveLength(expected.length);
    // Still watching: a paragraph added afterwards that repeats a marked sentence is marked too.
    await page.evaluate((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      document.querySelector('p')!.after(p);
    }, expected.find((text) => text.startsWith('Putin also invited'))!);
    await waitForMarks(page, expected.length + 1);
    await page.close();
  });
});

// Last in this file: it leaves two matches hidden in the profile the cases above share.
describe('hidden matches in Firefox', () => {
  const expected = (JSON.parse(readFileSync('tests/fixtures/demo/expected-mentions.json', 'utf8')) as { text: string }[]).map((m) => m.text);

  /** Opens the card of the mark starting with `prefix` by a click, and gives the point of its "Not this claim" button. */
  async function dismissButtonOn(page: Page, prefix: string): Promise<{ x: number; y: number }> {
    const point = await pointOnMark(page, prefix);
    await page.mouse.click(point.x, point.y);
    expect(await waitForCard(page)).not.toBeNull();
    const [box] = (await inClosedRoots(page, (root) => {
      const button = root.querySelector<HTMLElement>('.claimlight-card button.claimlight-card__dismiss');
      const rect = button?.getBoundingClientRect();
      return rect ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : null;
    }, null)).filter((found) => found !== null);
    if (!box) throw new Error('the card has no "Not this claim" button');
    return box;
  }

  it('keeps the matches hidden in two tabs, through the background, for the next load of the page', async () => {
    const hidden = ['Putin also invited', 'WASHINGTON/KYIV'];
    const tabs: Page[] = [];
    for (const [i, prefix] of hidden.entries()) {
      const tab = await browser.newPage();
      tabs.push(tab);
      await tab.setViewport({ width: 1280, height: 800 });
      await tab.goto(`${server.url}demo/`);
      // The second tab opens after the first hid its match.
      await waitForMarks(tab, expected.length - i);
      const button = await dismissButtonOn(tab, prefix);
      await tab.mouse.click(button.x, button.y);
      await waitForMarks(tab, expected.length - i - 1);
    }
    const again = await browser.newPage();
    await again.goto(`${server.url}demo/`);
    await waitForMarks(again, expected.length - 2);
    const texts = await markTexts(again);
    for (const prefix of hidden) expect(texts.some((text) => text.startsWith(prefix))).toBe(false);
    await Promise.all([...tabs, again].map((tab) => tab.close()));
  });
});
