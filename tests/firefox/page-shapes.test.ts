// Pages of shapes a reader meets, in Firefox (the cases of tests/e2e/page-shapes.test.ts, and a
// single-page app): text shown after it was read, inline boxes, custom elements, a linked claim.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR, findFirefox } from '../../scripts/lib/firefox';
import { serveDirectory, type StaticServer } from '../../scripts/lib/serve';
import { CLAIM, PAGE_SHAPES } from '../helpers/page-shapes';
import { inClosedRoots } from './closed-roots';


let browser: Browser;
let fixtures: StaticServer;
let shapes: StaticServer;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlight-firefox-shapes-'));
  for (const [name, html] of Object.entries(PAGE_SHAPES)) writeFileSync(join(dir, name), html);
  shapes = await serveDirectory(dir);
  fixtures = await serveDirectory('tests/fixtures');
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: findFirefox()!, headless: true });
  await browser.installExtension(FIREFOX_BUILD_DIR);
});
afterAll(async () => {
  await browser?.close();
  await shapes?.close();
  await fixtures?.close();
});

const marks = async (page: Page) =>
  (await inClosedRoots(page, (root) => [...root.querySelectorAll<HTMLElement>('.mark[data-verdict]')].map((m) => {
    const r = m.firstElementChild?.getBoundingClientRect();
    return { text: m.dataset.text!, box: r ? { x: r.x, y: r.y, height: r.height } : null };
  }), null)).flat();
async function waitForMarks(page: Page, count: number, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = (await marks(page)).length;
    if (seen === count) return;
    await new Promise((d) => setTimeout(d, 100));
  }
  throw new Error(`expected ${count} marks, saw ${seen}`);
}
const wait = (ms: number) => new Promise((d) => setTimeout(d, ms));
async function open(url: string) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(url);
  return page;
}

describe('Firefox: text shown after it was read, and inline boxes', () => {
  it('marks a claim in a folded section open from the start', async () => waitForMarks(await open(`${shapes.url}details-open.html`), 1));
  it('marks the article once a consent dialog that hid it from screen readers is accepted', async () => {
    const page = await open(`${shapes.url}consent.html`);
    await wait(1500);
    await page.click('#ok');
    await waitForMarks(page, 1, 5000);
  });
  it('marks a claim in a folded section once the reader opens it', async () => {
    const page = await open(`${shapes.url}details.html`);
    await wait(1500);
    await page.click('summary');
    await waitForMarks(page, 1, 5000);
  });
  it('marks a claim a "read more" shows by changing a class', async () => {
    const page = await open(`${shapes.url}read-more.html`);
    await wait(1500);
    await page.click('#more');
    await waitForMarks(page, 1, 5000);
  });
  it('marks a sentence whole over an icon in a link and an inline custom element', async () => {
    const page = await open(`${shapes.url}inline-boxes.html`);
    await waitForMarks(page, 1);
    expect((await marks(page))[0]!.text.replace(/\s+/g, ' ')).toBe(CLAIM);
  });
  it('reads a custom element the page displays as a block as its own block', async () => {
    const page = await open(`${shapes.url}custom-blocks.html`);
    await waitForMarks(page, 1);
    expect((await marks(page))[0]!.text).toBe(CLAIM);
  });
});

describe('Firefox: a claim that is a link\'s words', () => {
  it('opens the record on Alt+click without leaving the page', async () => {
    const page = await open(`${shapes.url}link.html`);
    await waitForMarks(page, 1);
    const [mark] = await marks(page);
    const point = { x: mark!.box!.x + 10, y: mark!.box!.y + mark!.box!.height / 2 };
    await page.mouse.move(point.x + 30, point.y + 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    let preview: string | null = null;
    for (let i = 0; i < 30 && !preview; i++) {
      await wait(100);
      preview = (await inClosedRoots(page, (root) => root.querySelector('.claimlight-preview')?.textContent ?? null, null)).find((t) => t) ?? null;
    }
    expect(preview).toContain('Alt+click for the full record.');
    await page.keyboard.down('Alt');
    await page.mouse.click(point.x, point.y);
    await page.keyboard.up('Alt');
    await wait(1500);
    const card = (await inClosedRoots(page, (root) => root.querySelector('.claimlight-card')?.textContent ?? null, null)).find((t) => t) ?? null;
    expect(page.url().endsWith('/link.html')).toBe(true);
    expect(card).toContain('What the record shows');
  });
});

describe('Firefox: a single-page app', () => {
  it('scans again after a single-page app changes its route', async () => {
    const page = await open(`${fixtures.url}pages/spa.html`);
    await wait(500);
    expect(await marks(page)).toEqual([]);
    await page.evaluate(() => (window as never as { fixture: { navigate(p: string): string } }).fixture.navigate('politics'));
    const deadline = Date.now() + 10_000;
    let n = 0;
    while (Date.now() < deadline && (n = (await marks(page)).length) < 4) await wait(200);
    expect(n).toBeGreaterThanOrEqual(4);
    await page.evaluate(() => (window as never as { fixture: { navigate(p: string): string } }).fixture.navigate('sport'));
    await waitForMarks(page, 0);
  });
});
