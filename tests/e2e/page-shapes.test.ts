// Pages of shapes a reader meets: text a page hides when it is read and shows later (a consent
// dialog that hides the article from screen readers, a folded section, a "read more"), sentences
// with inline boxes in them, a page zoomed as a whole, a claim that is a link's words: what the
// reader sees in Chromium with the extension. Pages written to a temporary folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawnMarks } from '../../scripts/lib/closed-roots';
import { CLAIM, PAGE_SHAPES } from '../helpers/page-shapes';
import { useExtensionSession } from './pages/session';


const { open } = useExtensionSession(() => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlight-shown-later-'));
  for (const [name, html] of Object.entries(PAGE_SHAPES)) writeFileSync(join(dir, name), html);
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

