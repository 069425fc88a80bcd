// Pages of shapes a reader meets: text a page hides when it is read and shows later (a consent
// dialog that hides the article from screen readers, a folded section, a "read more"), sentences
// with inline boxes in them, a page zoomed as a whole, a claim that is a link's words: what the
// reader sees in Chromium with the extension. Pages written to a temporary folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawnMarks } from '../../scripts/lib/closed-roots';
import { useExtensionSession } from './pages/session';

const CLAIM = 'Kremlin spokesman Dmitry Peskov said the call had lasted almost an hour and a half.';
const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta property="article:published_time" content="2025-02-13T08:00:00Z"><title>Shown later</title>';

const PAGES: Record<string, string> = {
  'details-open.html': `${head}</head><body><p>Readers wrote in all week.</p><details open><summary>Read more</summary><p>${CLAIM}</p></details></body></html>`,
  // The article hidden from screen readers while a consent dialog is open (as dialog scripts do
  // with aria-hidden on the app's root), then given back.
  'consent.html': `${head}</head><body><main aria-hidden="true"><p>${CLAIM}</p><p>Readers wrote in all week.</p></main><div id="consent" role="dialog">We use cookies. <button id="ok">Accept</button></div><script>document.getElementById('ok').onclick = () => { document.querySelector('main').removeAttribute('aria-hidden'); document.getElementById('consent').remove(); };</script></body></html>`,
  'details.html': `${head}</head><body><p>Readers wrote in all week.</p><details id="more"><summary>Read more</summary><p>${CLAIM}</p></details></body></html>`,
  'read-more.html': `${head}<style>.collapsed .rest { display: none }</style></head><body><article id="a" class="collapsed"><p>Readers wrote in all week.</p><div class="rest"><p>${CLAIM}</p></div></article><button id="more" onclick="document.getElementById('a').classList.remove('collapsed')">Read more</button></body></html>`,
  // Inline boxes in the sentence: an icon in a link, and a custom element the page leaves inline;
  // and custom elements the page displays as blocks, one sentence each.
  'inline-boxes.html': `${head}</head><body><p>Kremlin spokesman <a href="#">Dmitry Peskov<svg width="10" height="10" aria-hidden="true"><path d="M0 0h10v10z"/></svg></a> said the call had lasted almost an hour <x-note>and a half</x-note>.</p><p>Readers wrote in all week.</p></body></html>`,
  // A page scaled with CSS zoom on its root element.
  'zoom.html': `${head}<style>html { zoom: 1.5 }</style></head><body><p id="claim">${CLAIM}</p><p>Readers wrote in all week.</p></body></html>`,
  // A teaser whose whole sentence is a link.
  'link.html': `${head}</head><body><p><a id="l" href="other.html">${CLAIM}</a></p><p>Readers wrote in all week.</p></body></html>`,
  'other.html': `${head}</head><body><p>Another page.</p></body></html>`,
  'custom-blocks.html': `${head}<style>x-para { display: block; margin: 1em 0 }</style></head><body><x-para>Readers wrote in all week about the ferry</x-para><x-para>${CLAIM}</x-para></body></html>`,
};

const { open } = useExtensionSession(() => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlight-shown-later-'));
  for (const [name, html] of Object.entries(PAGES)) writeFileSync(join(dir, name), html);
  return dir;
});

describe('text the page shows after it was read', () => {
  it('is marked where it shows from the start (the folded section open)', async () => {
    await (await open('details-open.html')).waitForMarks(1);
  });

  it('is marked once a consent dialog that hid the article from screen readers is accepted', async () => {
    const page = await open('consent.html');
    await page.page.waitForTimeout(1_500);
    await page.page.click('#ok');
    await page.waitForMarks(1, 5_000);
  });

  it('is marked once the reader opens a folded <details>', async () => {
    const page = await open('details.html');
    await page.page.waitForTimeout(1_500);
    await page.page.click('summary');
    await page.waitForMarks(1, 5_000);
  });

  it('is marked once a "read more" button shows it by changing a class', async () => {
    const page = await open('read-more.html');
    await page.page.waitForTimeout(1_500);
    await page.page.click('#more');
    await page.waitForMarks(1, 5_000);
  });
});

describe('a sentence with inline boxes in it', () => {
  it('is marked whole, over an icon in a link and a custom element left inline', async () => {
    const page = await open('inline-boxes.html');
    await page.waitForMarks(1);
    const [mark] = await page.marks();
    expect(mark!.text.replace(/\s+/g, ' ')).toBe(CLAIM);
  });

  it('is its own block where the page displays its custom element as a block', async () => {
    const page = await open('custom-blocks.html');
    await page.waitForMarks(1);
    expect((await page.marks())[0]!.text).toBe(CLAIM);
  });
});

describe('a page zoomed with CSS zoom on <html>', () => {
  it('has its marks drawn on their text, as large as it', async () => {
    const page = await open('zoom.html');
    await page.waitForMarks(1);
    await page.page.waitForTimeout(300);
    const [box] = (await drawnMarks(page.page))[0]!.boxes;
    const text = await page.page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('claim')!);
      const { x, y, width } = range.getBoundingClientRect();
      return { x, y, width };
    });
    expect(Math.abs(box!.x - text.x)).toBeLessThan(3);
    expect(Math.abs(box!.y - text.y)).toBeLessThan(3);
    expect(Math.abs(box!.width - text.width)).toBeLessThan(3);
  });
});

describe('a claim that is a link’s words', () => {
  it('has a preview that says how to open the record, which an Alt+click opens without leaving the page', async () => {
    const page = await open('link.html');
    await page.waitForMarks(1);
    const point = await page.hoverMark('Kremlin spokesman');
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).toContain('Alt+click for the full record.');
    await page.page.keyboard.down('Alt');
    await page.page.mouse.click(point.x, point.y);
    await page.page.keyboard.up('Alt');
    await page.card();
    expect(page.page.url().endsWith('/link.html')).toBe(true);
    expect(await page.cardText()).toContain('What the record shows');
  });
});

