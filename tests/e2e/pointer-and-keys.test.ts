import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { drawnMarks, inCard, inClosedRoots } from '../../scripts/lib/closed-roots';
import type { NewsPage } from './pages/news-page';
import { useExtensionSession } from './pages/session';

// The preview on pages and pointers that are not a desk's mouse over a plain article: an article
// that keeps its pointer moves to itself, a pointer that leaves the page while resting, a finger;
// and the keyboard's card beside a page's own field.
const CLAIM = 'Kremlin spokesman Dmitry Peskov said the call had lasted almost an hour and a half.';
const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta property="article:published_time" content="2025-02-13T08:00:00Z"><title>Harbour news</title></head>';
const article = `<main><p>The ferry timetable changes next week.</p><p style="margin-top:150px">${CLAIM}</p><p>Readers wrote in all week.</p></main>`;
const PAGES: Record<string, string> = {
  'plain.html': `${head}<body>${article}</body></html>`,
  // A drag area, a canvas wrapper, a framework's handler: its pointer moves never bubble to the document.
  'with-search.html': `${head}<body><header><a id="home" href="#top">Home</a> <input id="search" aria-label="Search the site"></header>${article}</body></html>`,
  // The claim on one long line, a link in the middle of it: three boxes at one height.
  'linked.html': `${head}<body><main><p style="font-size:18px;white-space:nowrap">Kremlin spokesman <a href="#note">Dmitry Peskov</a> said the call had lasted almost an hour and a half.</p></main></body></html>`,
  // Links before and after the claim: where Tab goes from tells where focus is.
  'between-links.html': `${head}<body><main><p><a id="before" href="#b">Before</a></p><p style="margin-top:150px">${CLAIM}</p><p><a id="after" href="#a">After</a></p></main></body></html>`,
  // The claim wraps over several lines in a narrow column: its preview, under the line the pointer
  // rests on, lies over the claim's next lines.
  'narrow.html': `${head}<body><main><p>The ferry timetable changes next week.</p><p style="margin-top:150px;width:220px;font-size:18px">${CLAIM}</p><p>Readers wrote in all week.</p></main></body></html>`,
  'stops-moves.html': `${head}<body>${article}<script>document.querySelector('main').addEventListener('pointermove', (event) => event.stopPropagation());</script></body></html>`,
};
// A link right under the claim, where its preview opens.
PAGES['link-below.html'] = `${head}<body><main><p style="margin-top:150px">${CLAIM}</p><p><a id="away" href="#away" style="display:block;height:300px">Elsewhere</a></p></main></body></html>`;
// Long enough to scroll the claim well out of the view.
PAGES['long.html'] = PAGES['between-links.html']!.replace('</main>', `${Array.from({ length: 40 }, (_, i) => `<p>Filler paragraph number ${i} about the harbour and the ferry timetable.</p>`).join('')}</main>`);
// The same page under another address, for a case that hides its match there ("Not this claim" is remembered per page).
PAGES['between-links-hidden.html'] = PAGES['between-links.html']!;
// A site's navigation after the article: forty links between the claim and the end of the page, where the card's layer is.
PAGES['many-links.html'] = PAGES['between-links.html']!.replace('</main>', `</main><nav>${Array.from({ length: 40 }, (_, i) => `<a href="#n${i}">Story ${i}</a> `).join('')}</nav>`);
// A page that takes Tab for a widget of its own (a roving focus, a carousel): it prevents the default and moves focus itself.
PAGES['own-tab.html'] = PAGES['between-links.html']!.replace('</main>', `<button id="widget">Slides</button></main><script>document.addEventListener('keydown', (event) => { if (event.key === 'Tab' && !event.shiftKey) { event.preventDefault(); document.getElementById('widget').focus(); } });</script>`);
const session = useExtensionSession(() => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlight-hover-'));
  for (const [name, html] of Object.entries(PAGES)) writeFileSync(join(dir, name), html);
  return dir;
});

/** Where the open preview lies in the view, or undefined when none is open. */
const previewBox = async (page: NewsPage): Promise<DOMRect | undefined> => (await inClosedRoots(page.page, (root) => root.querySelector('.claimlight-preview')?.getBoundingClientRect().toJSON() ?? null, null)).find(Boolean) as DOMRect | undefined;

/** narrow.html with its claim's preview open, the pointer resting on its mark; and the lines of the
 * claim's paragraph, in the view's pixels. */
async function previewOnNarrowPage() {
  const page = await session.open('narrow.html');
  await page.waitForMarks(1);
  await page.hoverMark('Kremlin spokesman');
  await expect.poll(() => page.previewText(), { timeout: 3_000 }).toContain('Peskov');
  const lines = await page.page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents([...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith('Kremlin'))!);
    return [...range.getClientRects()].map((box) => ({ top: box.top, bottom: box.bottom, left: box.left, right: box.right }));
  });
  return { page, lines };
}

describe('the preview', () => {
  it('opens where the article stops its pointer moves from bubbling', async () => {
    const page = await session.open('stops-moves.html');
    await page.waitForMarks(1);
    await page.hoverMark('Kremlin spokesman');
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).toContain('Peskov gave the length');
    expect(session.pageErrors).toEqual([]);
  });

  it('stays while the pointer moves from its mark onto it, and goes once the pointer leaves it (WCAG 1.4.13)', async () => {
    const page = await session.open('plain.html');
    await page.waitForMarks(1);
    await page.hoverMark('Kremlin spokesman');
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).toContain('Peskov');
    const box = (await previewBox(page))!;
    await page.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.page.waitForTimeout(1_000);
    expect(await page.previewText()).toContain('Peskov');
    await page.page.mouse.move(box.x + box.width / 2, box.bottom + 200, { steps: 5 });
    await expect.poll(() => page.previewText()).toBeNull();
  });

  it('stays where it is while the pointer rests on it over its own mention\'s next line', async () => {
    const { page, lines } = await previewOnNarrowPage();
    const before = (await previewBox(page))!;
    // A point on the preview with the claim's second line under it.
    const point = { x: before.x + 30, y: Math.max(before.y + 8, lines[1]!.top + 4) };
    expect(point.y).toBeLessThan(lines[1]!.bottom);
    expect(point.x).toBeLessThan(lines[1]!.right);
    await page.page.mouse.move(point.x, point.y, { steps: 5 });
    await page.page.mouse.move(point.x + 20, point.y + 2, { steps: 5 });
    await page.page.waitForTimeout(1_500);
    expect((await previewBox(page))?.y).toBe(before.y);
    expect(await page.previewText()).toContain('Peskov');
  });

  it('opens the full card when clicked, and leaves the link under it alone', async () => {
    const page = await session.open('link-below.html');
    await page.waitForMarks(1);
    await page.hoverMark('Kremlin spokesman');
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).toContain('Peskov');
    const box = (await previewBox(page))!;
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // The link is what the page has under the preview.
    expect(await page.page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('a')?.id ?? null, point)).toBe('away');
    await page.page.mouse.move(point.x, point.y, { steps: 5 });
    await page.page.mouse.click(point.x, point.y);
    await expect.poll(() => page.cardOpen(), { timeout: 3_000 }).toBe(true);
    expect(await page.cardText()).toContain('Peskov');
    expect(new URL(page.page.url()).hash).toBe('');
  });

  it('opens the full card, when clicked, beside the line the pointer rested on, not the lines the preview lies over', async () => {
    const { page, lines } = await previewOnNarrowPage();
    const box = (await previewBox(page))!;
    // The preview lies under the first line, over the next ones: clicked low on it, over a later line.
    const point = { x: box.x + 20, y: Math.min(box.bottom - 4, lines[lines.length - 1]!.bottom - 2) };
    await page.page.mouse.move(point.x, point.y, { steps: 5 });
    await page.page.mouse.click(point.x, point.y);
    const card = await page.card();
    const top = await card.evaluate((element) => element.getBoundingClientRect().top);
    // Below the first line, where the preview was, not below the line clicked over.
    expect(top).toBeGreaterThanOrEqual(lines[0]!.bottom);
    expect(top).toBeLessThan(lines[1]!.bottom);
  });

  it('does not open, nor stay, once the pointer has left the page while resting on a mark', async () => {
    const page = await session.open('plain.html');
    await page.waitForMarks(1);
    const point = await page.hoverMark('Kremlin spokesman');
    await page.page.waitForTimeout(100);
    // Straight up, out of the view, to the browser's tab strip, before the rest is long enough.
    await page.page.mouse.move(point.x, -20);
    await page.page.waitForTimeout(1_000);
    expect(await page.previewText()).toBeNull();
  });

  it('does not open under a finger held on a mark, which a tap would open as a card', async () => {
    const page = await session.open('plain.html');
    await page.waitForMarks(1);
    const box = (await drawnMarks(page.page)).find((m) => m.boxes.length)!.boxes[0]!;
    const cdp = await page.page.context().newCDPSession(page.page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    const at = { x: box.x + 20, y: box.y + box.height / 2 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: at.x + 1, y: at.y }] });
    await page.page.waitForTimeout(800);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchCancel', touchPoints: [] });
    await page.page.waitForTimeout(500);
    expect(await page.previewText()).toBeNull();
    expect(await page.cardOpen()).toBe(false);
  });
});

describe('a card opened by a click', () => {
  it('opens beside the pointer on a line whose mention holds a link, not beside the line\'s first words', async () => {
    const page = await session.open('linked.html');
    await page.waitForMarks(1);
    await page.page.setViewportSize({ width: 1280, height: 800 });
    const end = await page.page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('p')!);
      const boxes = [...range.getClientRects()];
      const last = boxes.reduce((a, b) => (b.right > a.right ? b : a));
      return { x: Math.round(last.right - 20), y: Math.round(last.top + last.height / 2), boxes: boxes.length };
    });
    expect(end.boxes).toBeGreaterThanOrEqual(3);
    await page.page.mouse.click(end.x, end.y);
    const card = await page.card();
    await page.page.waitForTimeout(300);
    const box = (await card.boundingBox())!;
    expect(end.x).toBeGreaterThanOrEqual(box.x);
    expect(end.x).toBeLessThanOrEqual(box.x + box.width);
  });
});

describe('a card whose mention scrolls out of view', () => {
  /** Scrolls the page by the wheel, the pointer away from the card, and gives whether the claim's text and the card are in the view. */
  const scrollBy = async (page: NewsPage, dy: number) => {
    await page.page.mouse.move(5, 5);
    await page.page.mouse.wheel(0, dy);
    await page.page.waitForTimeout(500);
    const claim = await page.page.evaluate(() => { const box = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith('Kremlin'))!.getBoundingClientRect(); return box.bottom > 0 && box.top < innerHeight; });
    const card = await inCard(page.page, (card) => { const box = card.getBoundingClientRect(); return getComputedStyle(card).visibility !== 'hidden' && box.bottom > 0 && box.top < innerHeight; }, null);
    return { claim, card: card === true };
  };

  it('leaves the view with it when it was opened by a click, and does not come back over the article', async () => {
    const page = await session.open('long.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    await page.card();
    await page.page.waitForTimeout(300);
    expect(await scrollBy(page, 1500)).toEqual({ claim: false, card: false });
    expect(await scrollBy(page, -1500)).toEqual({ claim: true, card: false });
  });

  it('leaves the view with it when it was opened from the keyboard, the reader kept at the mention', async () => {
    const page = await session.open('long.html');
    await page.waitForMarks(1);
    const tabId = await session.tabIdOf(page.page);
    await session.browser.serviceWorker.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { type: 'claimlight:focusMention', payload: { direction: 'next' } }), tabId);
    await page.card();
    await page.page.waitForTimeout(300);
    expect(await scrollBy(page, 1500)).toEqual({ claim: false, card: false });
    expect(await page.focusedText()).toContain('Kremlin spokesman');
  });
});

describe('a card opened by a click, closed with focus inside it', () => {
  /** Where focus is (the focused element's id, or its tag and whether it holds the claim), and where the next Tab takes it. */
  const focusAndTab = async (page: Page) => {
    const where = () => page.evaluate(() => { const active = document.activeElement!; return active.id || `${active.localName}${active !== document.body && active.textContent?.includes('Kremlin spokesman') ? ' at the claim' : ''}`; });
    const at = await where();
    await page.keyboard.press('Tab');
    return [at, await where()];
  };

  it('gives focus back to its mention on Escape after the reader tabbed into it', async () => {
    const page = await session.open('between-links.html');
    await page.waitForMarks(1);
    await page.page.focus('#before');
    await page.openMark('Kremlin spokesman');
    await page.card();
    // The reader tabs on until they reach the card's first control.
    for (let steps = 0; steps < 20 && !(await page.page.evaluate(() => document.activeElement?.hasAttribute('data-claimlight-ui'))); steps++) await page.page.keyboard.press('Tab');
    expect(await page.page.evaluate(() => document.activeElement?.hasAttribute('data-claimlight-ui'))).toBe(true);
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    expect(await focusAndTab(page.page)).toEqual(['p at the claim', 'after']);
  });

  it('gives focus back to its mention on Escape from "Undo", after "Not this claim"', async () => {
    const page = await session.open('between-links-hidden.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    const card = await page.card();
    await (await card.$('button.claimlight-card__dismiss'))!.click();
    await expect.poll(() => inCard(page.page, (c) => (c.getRootNode() as ShadowRoot).activeElement?.textContent ?? null, null)).toBe('Undo');
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    expect(await focusAndTab(page.page)).toEqual(['p at the claim', 'after']);
  });

  it('marks its mention again on "Undo" once the hiding is stored, a card the keyboard opened handing focus back to it', async () => {
    const page = await session.open('between-links.html');
    await page.waitForMarks(1);
    const tabId = await session.tabIdOf(page.page);
    await session.browser.serviceWorker.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { type: 'claimlight:focusMention', payload: { direction: 'next' } }), tabId);
    const card = await page.card();
    await (await card.$('button.claimlight-card__dismiss'))!.click();
    await page.waitForMarks(0);
    // Stored, and the stored list come back to the tab, before the reader thinks better of it.
    await expect.poll(() => session.browser.serviceWorker.evaluate(async () => JSON.stringify(await chrome.storage.local.get('claimlight:dismissed')).includes('Kremlin spokesman'))).toBe(true);
    await page.page.waitForTimeout(200);
    await inCard(page.page, (c) => [...c.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Undo')!.click(), null);
    await page.waitForMarks(1);
    await expect.poll(() => page.cardOpen()).toBe(false);
    expect(await focusAndTab(page.page)).toEqual(['p at the claim', 'after']);
  });

  it('gives focus back to its mention when its Close button is pressed', async () => {
    const page = await session.open('between-links.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    const card = await page.card();
    await (await card.$('button.claimlight-card__close'))!.click();
    await expect.poll(() => page.cardOpen()).toBe(false);
    expect(await focusAndTab(page.page)).toEqual(['p at the claim', 'after']);
  });

  it('leaves focus in the page where the reader went on to, on Escape there', async () => {
    const page = await session.open('between-links.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    await page.card();
    await page.page.focus('#before');
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    expect(await page.page.evaluate(() => document.activeElement?.id)).toBe('before');
  });
});

describe('a card opened by a click, in the Tab order', () => {
  /** The focused element's id, or its tag and whether it holds the claim, or "card" for Claimlight's layer. */
  const where = (page: Page) => page.evaluate(() => { const active = document.activeElement!; return active.hasAttribute('data-claimlight-ui') ? 'card' : active.id || `${active.localName}${active !== document.body && active.textContent?.includes('Kremlin spokesman') ? ' at the claim' : ''}`; });
  /** Whether focus in the card is on its first control. */
  const onFirstControl = (page: Page) => inCard(page, (card) => (card.getRootNode() as ShadowRoot).activeElement === card.querySelector('a[href], button'), null);

  it('takes the reader\'s next Tab into its first control, though forty links follow its mention, and takes no focus on the click', async () => {
    const page = await session.open('many-links.html');
    await page.waitForMarks(1);
    const scrolled = await page.page.evaluate(() => scrollY);
    await page.openMark('Kremlin spokesman');
    await page.card();
    await page.page.waitForTimeout(300);
    expect([await where(page.page), await page.page.evaluate(() => scrollY)]).toEqual(['body', scrolled]);
    await page.page.keyboard.press('Tab');
    expect(await where(page.page)).toBe('card');
    expect(await onFirstControl(page.page)).toBe(true);
  });

  it('lets Tab past its last control go on to the link after its mention', async () => {
    const page = await session.open('many-links.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    await page.card();
    await page.page.keyboard.press('Tab');
    expect(await where(page.page)).toBe('card');
    for (let steps = 0; steps < 30 && (await where(page.page)) === 'card'; steps++) await page.page.keyboard.press('Tab');
    expect(await where(page.page)).toBe('after');
    expect(await page.cardOpen()).toBe(true);
  });

  it('gives Shift+Tab from its first control back to its mention, from where Tab enters it again', async () => {
    const page = await session.open('many-links.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    await page.card();
    await page.page.keyboard.press('Tab');
    expect(await onFirstControl(page.page)).toBe(true);
    await page.page.keyboard.press('Shift+Tab');
    expect(await where(page.page)).toBe('p at the claim');
    await page.page.keyboard.press('Tab');
    expect(await where(page.page)).toBe('card');
  });

  it('leaves Tab to the page once it has closed', async () => {
    const page = await session.open('many-links.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    await page.card();
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    // Added after the card opened and closed, so after any listener Claimlight would have left.
    await page.page.evaluate(() => window.addEventListener('keydown', (event) => ((window as unknown as { prevented: boolean }).prevented = event.defaultPrevented)));
    await page.page.keyboard.press('Tab');
    expect(await where(page.page)).toBe('after');
    expect(await page.page.evaluate(() => (window as unknown as { prevented: boolean }).prevented)).toBe(false);
  });

  it('leaves Tab to the page where the reader went on to, the card still open', async () => {
    const page = await session.open('many-links.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    await page.card();
    await page.page.focus('#before');
    await page.page.keyboard.press('Tab');
    expect(await where(page.page)).toBe('after');
  });

  it('leaves Tab to a page that takes it for a widget of its own', async () => {
    const page = await session.open('own-tab.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    await page.card();
    await page.page.keyboard.press('Tab');
    expect(await where(page.page)).toBe('widget');
    expect(await page.cardOpen()).toBe(true);
  });
});

describe('a card opened from the keyboard', () => {
  it('leaves the reader in the page\'s field they went on to when they press Escape there', async () => {
    const page = await session.open('with-search.html');
    await page.waitForMarks(1);
    await page.page.focus('#home');
    const tabId = await session.tabIdOf(page.page);
    await session.browser.serviceWorker.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { type: 'claimlight:focusMention', payload: { direction: 'next' } }), tabId);
    await page.card();
    // Into the site's search box, the card still open, and Escape there.
    await page.page.click('#search');
    await page.page.keyboard.type('harbour');
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    await page.page.keyboard.type(' ferry');
    expect(await page.page.evaluate(() => [document.activeElement?.id, (document.getElementById('search') as HTMLInputElement).value])).toEqual(['search', 'harbour ferry']);
  });
});
