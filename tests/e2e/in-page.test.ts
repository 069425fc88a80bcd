import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drawnMarks, inCard, inClosedRoots } from '../../scripts/lib/closed-roots';
import { VERDICT_COLOURS } from '../../lib/mark-style';
import type { MentionVerdict } from '../../lib/verdicts';
import { contrast } from '../helpers/contrast';
import { NewsPage } from './pages/news-page';
import { OptionsPage } from './pages/options';
import { useExtensionSession } from './pages/session';

const session = useExtensionSession('tests/fixtures');
const { open, tabIdOf } = session;


/** Sends the keyboard command's message to the page's tab, as the background does on Alt+Shift+N. */
async function command(page: Page, direction: 'next' | 'previous'): Promise<{ index: number; total: number }> {
  const tabId = await tabIdOf(page);
  const reply = await session.browser.serviceWorker.evaluate(
    ({ tabId, direction }) => chrome.tabs.sendMessage(tabId, { type: 'claimlight:focusMention', payload: { direction } }),
    { tabId, direction },
  );
  return (reply as { value: { index: number; total: number } }).value;
}

/** Scrolls the window so that the paragraph starting with `start` begins `y` pixels down the view. */
function scrollTextTo(tab: Page, start: string, y: number): Promise<void> {
  return tab.evaluate(({ start, y }) => {
    const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith(start))!;
    window.scrollBy({ top: paragraph.getBoundingClientRect().top - y, behavior: 'instant' });
  }, { start, y });
}

/** The boxes drawn for the mark whose text starts with `start`, in the view's pixels. */
async function markBoxes(tab: Page, start: string) {
  return (await drawnMarks(tab)).find((m) => m.text.startsWith(start))!.boxes;
}

/** The toolbar badge's text and the button's tooltip on a page's tab. */
async function badgeOf(page: Page): Promise<{ text: string; title: string }> {
  const tabId = await tabIdOf(page);
  return session.browser.serviceWorker.evaluate(async (tabId) => ({ text: await chrome.action.getBadgeText({ tabId }), title: await chrome.action.getTitle({ tabId }) }), tabId);
}

const expectedDemo = (JSON.parse(readFileSync('tests/fixtures/demo/expected-mentions.json', 'utf8')) as { text: string }[]).map((m) => m.text).sort();

describe('marks on the demo page', () => {
  let demo: NewsPage;
  beforeAll(async () => {
    demo = await open('demo/');
    await demo.waitForMarks(expectedDemo.length);
  });

  it('marks exactly the mentions the scan finds', async () => {
    expect(await demo.markTexts()).toEqual(expectedDemo);
  });

  it('leaves the page’s text and layout untouched', async () => {
    // Claimlight's layers sit beside the body, never inside the page's own content.
    expect(await demo.page.evaluate(() => [...document.body.querySelectorAll('*')].filter((e) => e.localName.startsWith('claimlight')).length)).toBe(0);
    const shift = await demo.page.evaluate(
      () =>
        new Promise<number>((done) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => done(total), 300);
        }),
    );
    expect(shift).toBe(0);
  });

  it('says once, for screen readers, how many claims the page has', async () => {
    expect(await demo.announcement()).toMatch(/^Claimlight: \d+ claims found on this page$/);
  });

  it('says it in English on a page in another language, for the voice that reads it', async () => {
    // An address of its own: the tests after this one find the demo page's tab by its address.
    const german = await open('demo/?lang=de', (tab) => tab.addInitScript(() => document.addEventListener('DOMContentLoaded', () => (document.documentElement.lang = 'de'))));
    await german.waitForMarks(expectedDemo.length);
    const regions = (await inClosedRoots(german.page, (root) => { const live = root.querySelector('[aria-live]'); return live ? { text: live.textContent, english: live.matches(':lang(en)') } : null; }, null)).filter(Boolean);
    expect(regions).toEqual([{ text: expect.stringMatching(/^Claimlight: \d+ claims found on this page$/), english: true }]);
    await german.page.close();
  });

  it('judges no sentence by another report\'s telling: no misdated or wrong-wording verdict, and the accurate and context mentions drawn faintly', async () => {
    const marks = await demo.marks();
    expect([...new Set(marks.map((m) => m.verdict))].sort()).toEqual(['accurate', 'context']);
    expect(marks.every((m) => m.faint)).toBe(true);
  });

  it('shows on the toolbar badge that the page has no problems, and what it has', async () => {
    const badge = await badgeOf(demo.page);
    expect(badge).toEqual({ text: 'i', title: `Claimlight: No problems on this page; ${expectedDemo.length} other mentions` });
  });

  it('previews a mark the pointer rests on: the verdict, the record in a sentence and its source, beside the line and not over it', async () => {
    const point = await demo.hoverMark('Putin also invited his US counterpart to Moscow');
    await expect.poll(() => demo.previewText(), { timeout: 3_000 }).toContain('Accurate');
    expect(await demo.previewText()).toMatch(/^Verdict: ✓AccurateBoth sides confirm it\.Source: .+ · \d+ Feb 2025Click for the full record\.$/);
    expect(await demo.cardOpen()).toBe(false);
    const [tip] = await inClosedRoots(demo.page, (root) => {
      const preview = root.querySelector('.claimlight-preview');
      if (!preview) return null;
      const box = preview.getBoundingClientRect();
      const arrow = preview.querySelector('.claimlight-preview__arrow')!.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, left: box.left, right: box.right, arrow: arrow.left + arrow.width / 2 };
    }, null).then((all) => all.filter(Boolean));
    // Not over the line under the pointer (about 20 px tall), and its arrow points at the pointer.
    expect(tip!.top > point.y + 8 || tip!.bottom < point.y - 8).toBe(true);
    expect(Math.abs(tip!.arrow - point.x)).toBeLessThan(12);
    await demo.page.screenshot({ path: 'test-results/preview.png' });
    await demo.page.mouse.move(5, 5);
    await expect.poll(() => demo.previewText()).toBeNull();
  });

  it('opens a card with the verdict and sources when a mark is clicked', async () => {
    await demo.openMark('Putin also invited his US counterpart to Moscow');
    const card = await demo.card();
    await expect.poll(async () => card.textContent()).toContain('Accurate');
    const link = (await card.$('a[href^="http"]'))!;
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await demo.page.screenshot({ path: 'test-results/card.png' });
  });

  it('keeps the card open while the pointer moves into it, and closes it on Escape', async () => {
    const box = (await (await demo.card()).boundingBox())!;
    await demo.page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 6 });
    await demo.page.waitForTimeout(500);
    expect(await demo.cardOpen()).toBe(true);
    await demo.page.keyboard.press('Escape');
    await expect.poll(() => demo.cardOpen()).toBe(false);
  });

  it('offers both claims of a sentence that carries two, and switches the card between them', async () => {
    const pack = JSON.parse(readFileSync('data/bundled-pack.json', 'utf8')) as { claims: { id: string; text: string }[] };
    const textOf = (id: string) => pack.claims.find((c) => c.id === id)!.text;
    const both = [textOf('peskov-putin-supports-working-together'), textOf('call-duration-90-minutes')].sort();
    await demo.openMark('Spokesman Dmitry Peskov told reporters');
    const title = async () => (await demo.card()).$eval('h2', (h) => h.textContent);
    const first = (await title())!;
    const card = await demo.card();
    const switcher = (await card.$('[role=group][aria-label="This sentence mentions 2 checked claims"]'))!;
    expect(await switcher.$$('button')).toHaveLength(2);
    // The switcher sits above the card's scrolling body: scrolled to its end, it is still in the card's view.
    await card.$eval('.claimlight-card__body', (body) => body.scrollTo(0, body.scrollHeight));
    const [strip, shown] = [(await switcher.boundingBox())!, (await card.boundingBox())!];
    expect(strip.y).toBeGreaterThanOrEqual(shown.y);
    expect(strip.y + strip.height).toBeLessThanOrEqual(shown.y + shown.height);
    await (await switcher.$('button:not([aria-current])'))!.click();
    await expect.poll(title).not.toBe(first);
    expect([first, await title()].sort()).toEqual(both);
    const current = await (await demo.card()).$eval('[aria-current=true]', (b) => b.getAttribute('aria-label'));
    expect(current).toContain(await title());
    await demo.page.screenshot({ path: 'test-results/card-two-claims.png' });
    await demo.page.keyboard.press('Escape');
    await expect.poll(() => demo.cardOpen()).toBe(false);
  });

  it('switches between the claims of one sentence from the keyboard, and the keyboard carries on from there', async () => {
    const sentence = 'Spokesman Dmitry Peskov told reporters';
    let step: { index: number; total: number } = { index: -1, total: 0 };
    for (let i = 0; i < expectedDemo.length && !(await demo.focusedText())?.startsWith(sentence); i++) step = await command(demo.page, 'next');
    expect(await demo.focusedText()).toMatch(new RegExp(`^${sentence}`));
    const title = async () => (await demo.card()).$eval('h2', (h) => h.textContent);
    const first = await title();
    await (await (await demo.card()).$('[role=group][aria-label="This sentence mentions 2 checked claims"] button:not([aria-current])'))!.focus();
    await demo.page.keyboard.press('Enter');
    await expect.poll(title).not.toBe(first);
    // Focus moves into the new card, and the focus mark stays on the sentence.
    expect(await (await demo.card()).evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement?.localName)).toBe('h2');
    expect(await demo.focusedText()).toMatch(new RegExp(`^${sentence}`));
    // The card showed the sentence's first claim, and the reader chose the second: next goes past both.
    const next = await command(demo.page, 'next');
    expect(next.index).toBe(step.index + 2);
    expect(await demo.focusedText()).not.toMatch(new RegExp(`^${sentence}`));
    await demo.page.keyboard.press('Escape');
    await expect.poll(() => demo.cardOpen()).toBe(false);
  });
});

describe('keyboard', () => {
  it('reaches every mention in reading order, opens its card as a dialog, and Escape closes it', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { index, total } = await command(page.page, 'next');
      expect([index, total]).toEqual([i, 3]);
      seen.push((await page.focusedText())!);
      const dialog = await page.card();
      expect(await dialog.getAttribute('role')).toBe('dialog');
      expect(await page.page.evaluate(() => document.activeElement?.hasAttribute('data-claimlight-ui'))).toBe(true);
    }
    const order = await page.page.evaluate(() => ['claim-1', 'claim-2', 'claim-3'].map((id) => document.getElementById(id)!.textContent!.replace(/\s+/g, ' ').trim()));
    expect(seen).toEqual(order);
    expect((await command(page.page, 'next')).index).toBe(0);
    expect((await command(page.page, 'previous')).index).toBe(2);
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
  });

  it('keeps the focus mark where Escape left the reader while a preview opens and closes on another mark', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    await command(page.page, 'next');
    await page.card();
    await expect.poll(() => page.page.evaluate(() => document.activeElement?.hasAttribute('data-claimlight-ui'))).toBe(true);
    const first = (await page.focusedText())!;
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    await expect.poll(() => page.focusedText()).toBe(first);
    const other = (await page.marks()).find((mark) => !first.startsWith(mark.text.slice(0, 20)))!;
    const point = await page.hoverMark(other.text.slice(0, 20));
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).not.toBeNull();
    await page.page.mouse.move(point.x, point.y + 400, { steps: 5 });
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).toBeNull();
    // Given the time the focus mark took to go.
    await page.page.waitForTimeout(500);
    expect(await page.focusedText()).toBe(first);
    // The reader tabs on into the page while a preview is open: the mark goes, as with none open.
    await page.hoverMark(other.text.slice(0, 20));
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).not.toBeNull();
    await page.page.keyboard.press('Tab');
    await expect.poll(() => page.focusedText()).toBeNull();
    await page.page.close();
  });

  it('passes over a mention whose text the page has hidden since it was marked (a slide gone by, a folded box)', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    const text = (id: string) => page.page.evaluate((id) => document.getElementById(id)!.textContent!.replace(/\s+/g, ' ').trim(), id);
    // The page hides the second claim's paragraph, as a carousel hides its slides: no change of text.
    await page.page.evaluate(() => (document.getElementById('claim-2')!.style.display = 'none'));
    expect(await command(page.page, 'next')).toEqual({ index: 0, total: 2 });
    expect(await page.focusedText()).toBe(await text('claim-1'));
    const scrolled = await page.page.evaluate(() => scrollY);
    expect(await command(page.page, 'next')).toEqual({ index: 1, total: 2 });
    expect(await page.focusedText()).toBe(await text('claim-3'));
    // The card counts as the keyboard goes.
    await expect.poll(async () => (await page.card()).$eval('.claimlight-card__count', (c) => c.textContent)).toBe('2 of 2');
    // And back from there, past the hidden one too, to where the page was.
    await page.page.keyboard.press('Escape');
    expect(await command(page.page, 'previous')).toEqual({ index: 0, total: 2 });
    expect(await page.focusedText()).toBe(await text('claim-1'));
    expect(await page.page.evaluate(() => scrollY)).toBe(scrolled);
    await page.page.close();
  });
});

describe('drawing', () => {
  it('draws the marks on a dark page in the dark colours, each line at 3:1 or more against the page, and in the light ones again when the page turns light', async () => {
    // A news site in its dark theme; the reader marks every verdict of the page's mentions.
    await setSettings({ markedVerdicts: ['accurate', 'context', 'false', 'misattributed', 'imprecise', 'disputed', 'unverified', 'accurate-but-misdated'] });
    const news = await open('pages/hover.html', (page) =>
      page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          style.textContent = 'html.dark body { background: #1e1e1e; color: #e6e6e6; }';
          document.head.append(style);
          document.documentElement.classList.add('dark');
        });
      }),
    );
    await news.waitForMarks(3);
    // Each mark's verdict and the colour of its line, as drawn.
    const lines = async () =>
      (
        await inClosedRoots(news.page, (root) => [...root.querySelectorAll<HTMLElement>('.mark')].map((mark) => ({ verdict: mark.dataset.verdict!, line: getComputedStyle(mark.firstElementChild!).getPropertyValue('--claimlight-line').trim() })), null)
      ).flat();
    const colourOf = (line: string) => /#[0-9a-f]{6}/i.exec(line)![0];
    const dark = await lines();
    expect(dark.length).toBeGreaterThan(0);
    expect(dark.map(({ line }) => colourOf(line))).toEqual(dark.map(({ verdict }) => VERDICT_COLOURS[verdict as MentionVerdict].dark));
    expect(dark.filter(({ line }) => contrast(colourOf(line), '#1e1e1e') < 3)).toEqual([]);
    // The site switches to its light theme: the marks take the light colours within a second or so.
    await news.page.evaluate(() => document.documentElement.classList.remove('dark'));
    await expect
      .poll(async () => (await lines()).every(({ verdict, line }) => colourOf(line) === VERDICT_COLOURS[verdict as MentionVerdict].light), { timeout: 5_000 })
      .toBe(true);
    await news.page.close();
    await setSettings({});
  });

  it('prints none of its marks, nor a card open, where the page reflowed to the paper would put them under other words', async () => {
    const news = await open('pages/hover.html');
    await news.waitForMarks(3);
    await news.openMark('Trump also said');
    await news.card();
    // Whether each of Claimlight's layers (the marks' host, the card's layer in its host) is laid out at all.
    const laidOut = async () => await inClosedRoots(news.page, (root) => getComputedStyle(root.querySelector('.claimlight-layer') ?? root.host).display !== 'none', null);
    expect(await laidOut()).toEqual([true, true]);
    await news.page.emulateMedia({ media: 'print' });
    expect(await laidOut()).toEqual([false, false]);
    await news.page.emulateMedia({ media: 'screen' });
    expect(await laidOut()).toEqual([true, true]);
    await news.page.close();
  });

  it('keeps drawing a mark carried over into a clipping wrapper the page made anew (it blinked out until the next guard, about a second)', async () => {
    const news = await open('pages/hover.html', (page) =>
      page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          // An article body in a wrapper with overflow: hidden (a clearfix), as many sites have.
          const p = document.getElementById('claim-1')!;
          const wrap = document.createElement('div');
          wrap.id = 'wrap';
          wrap.style.overflow = 'hidden';
          p.replaceWith(wrap);
          wrap.append(p);
        });
      }),
    );
    await news.waitForMarks(3);
    // Records, every frame, how many boxes the mark on claim-1 has.
    await inClosedRoots(
      news.page,
      (root) => {
        const w = window as unknown as { boxCounts: number[] };
        w.boxCounts = [];
        const tick = () => {
          const mark = [...root.querySelectorAll<HTMLElement>('.mark')].find((m) => m.dataset.text!.startsWith('Trump also said'));
          if (mark) w.boxCounts.push([...mark.children].filter((b) => b.getBoundingClientRect().width > 0).length);
          if (w.boxCounts.length < 40) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      },
      null,
    );
    // The framework renders the wrapper again, word for word.
    await news.page.evaluate(() => {
      const wrap = document.getElementById('wrap')!;
      wrap.replaceWith(wrap.cloneNode(true));
    });
    await news.page.waitForTimeout(900);
    const counts = await news.page.evaluate(() => (window as unknown as { boxCounts: number[] }).boxCounts);
    expect(counts.length).toBeGreaterThan(10);
    expect(counts.filter((n) => n === 0).length).toBe(0);
    await news.page.close();
  });

  it('draws the marks in the dark colours on a page that asks for a dark canvas (color-scheme: dark) and sets no background', async () => {
    const news = await open('pages/hover.html', (page) =>
      page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          // A site that leaves its colours to the browser: a dark canvas, light text.
          style.textContent = ':root { color-scheme: dark; } body { background: none !important; color: CanvasText !important; } .masthead { background: none !important; }';
          document.head.append(style);
        });
      }),
    );
    await news.waitForMarks(3);
    await news.page.waitForTimeout(1200);
    const dark = (await inClosedRoots(news.page, (root) => [...root.querySelectorAll<HTMLElement>('.mark')].map((m) => m.hasAttribute('data-dark')), null)).flat();
    expect(dark.length).toBe(3);
    expect(dark).toEqual([true, true, true]);
    await news.page.close();
  });

  it('draws the marks in the dark colours on a dark page whose background is written in oklch (Tailwind 4 palette)', async () => {
    const news = await open('pages/hover.html', (page) =>
      page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          // Tailwind 4: bg-gray-900 text-gray-100.
          style.textContent = 'body { background: oklch(21% 0.034 264.665) !important; color: oklch(96.7% 0.003 264.542) !important; }';
          document.head.append(style);
        });
      }),
    );
    await news.waitForMarks(3);
    await news.page.waitForTimeout(1200);
    const dark = (await inClosedRoots(news.page, (root) => [...root.querySelectorAll<HTMLElement>('.mark')].map((m) => m.hasAttribute('data-dark')), null)).flat();
    expect(dark).toEqual([true, true, true]);
    await news.page.close();
  });

  it('draws the marks in the dark colours on text set over a dark gradient (a hero banner) on a light page', async () => {
    const news = await open('pages/hover.html', (page) =>
      page.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const p = document.getElementById('claim-1')!;
          p.style.cssText = 'background-image: linear-gradient(#0d1b2a, #1b263b); color: #fff; padding: 24px;';
        });
      }),
    );
    await news.waitForMarks(3);
    await news.page.waitForTimeout(1200);
    const dark = (await inClosedRoots(news.page, (root) => [...root.querySelectorAll<HTMLElement>('.mark')].filter((m) => m.dataset.text!.startsWith('Trump also said')).map((m) => m.hasAttribute('data-dark')), null)).flat();
    expect(dark).toEqual([true]);
    await news.page.close();
  });

  it('ends a line where a box that clips its text ends', async () => {
    const start = 'During the call, it says';
    const purple = '#7e22ce'; // Misattributed: dashed
    const unclipped = await open('pages/late-april.html');
    await unclipped.waitForMarks(5);
    // Drawn under the text, in the verdict's colour, while nothing clips it.
    expect((await unclipped.lineRows(start, purple)).rows.length).toBeGreaterThan(0);
    await unclipped.page.close();
    // Now that sentence on one line, in a box that hides what overflows it and ends less than a
    // pixel under the letters, as a one-line teaser does: the line drawn below the text is cut there.
    const page = await open('pages/late-april.html', (tab) =>
      tab.addInitScript((start) => {
        document.addEventListener('DOMContentLoaded', () => {
          const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith(start))!;
          paragraph.style.cssText = 'white-space: nowrap; overflow: hidden;';
          const range = document.createRange();
          range.selectNodeContents(paragraph);
          const textBottom = Math.max(...[...range.getClientRects()].map((rect) => rect.bottom));
          paragraph.style.height = `${Math.ceil(textBottom - paragraph.getBoundingClientRect().top)}px`;
          paragraph.id = 'teaser';
        });
      }, start),
    );
    const tab = page.page;
    await page.waitForMarks(5);
    await tab.getByText(start).first().scrollIntoViewIfNeeded();
    await tab.waitForTimeout(300);
    const clipBottom = await tab.evaluate(() => document.getElementById('teaser')!.getBoundingClientRect().bottom);
    const box = (await markBoxes(tab, start))[0]!;
    const below = await page.colourRows({ x: Math.ceil(box.x), y: Math.ceil(clipBottom), width: Math.floor(box.width) - 1, height: 8 }, purple);
    expect(below.found).toEqual([]);
    // Still drawn, in the little room left: over the letters' lowest pixels, inside the box.
    const inside = await page.colourRows({ x: Math.ceil(box.x), y: Math.ceil(box.y), width: Math.floor(box.width) - 1, height: Math.floor(clipBottom - Math.ceil(box.y)) }, purple);
    expect(inside.found.length).toBeGreaterThan(0);
    expect(inside.widest).toBeGreaterThan(box.width * 0.4);
    // The keyboard's focus on it keeps its whole outline: only the bottom is cut at the clip.
    for (let i = 0; i < 3; i++) await command(tab, 'next');
    expect(await page.focusedText()).toMatch(/^During the call, it says/);
    await tab.waitForTimeout(300);
    const focus = (await inClosedRoots(tab, (root) => [...root.querySelectorAll<HTMLElement>('.focus > .box')].map((b) => { const r = b.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width }; }), null)).flat()[0]!;
    const outline = await page.colourRows({ x: Math.ceil(focus.x), y: Math.floor(focus.y) - 3, width: Math.floor(focus.width) - 1, height: 3 }, '#111111');
    expect(outline.widest).toBeGreaterThan(focus.width * 0.8);
  });

  it('draws no mark over a fixed header or banner the text scrolls under', async () => {
    // A site's masthead stays at the top of the view and a cookie bar at its foot; the text scrolls
    // under them. The layer is above the whole page, so its boxes must stop where they begin.
    const start = 'During the call, it says';
    const purple = '#7e22ce'; // Misattributed: dashed
    const page = await open('pages/late-april.html', (tab) =>
      tab.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const bar = (id: string, edge: string) => {
            const element = document.createElement('div');
            element.id = id;
            element.textContent = id;
            element.style.cssText = `position: fixed; ${edge}: 0; left: 0; right: 0; height: 120px; background: #fff; z-index: 5;`;
            document.body.append(element);
          };
          bar('masthead', 'top');
          bar('cookies', 'bottom');
          document.body.style.padding = '2000px 0';
        });
      }),
    );
    const tab = page.page;
    await page.waitForMarks(5);
    const view = await tab.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }));
    const placeText = (y: number) => scrollTextTo(tab, start, y);
    const boxesOf = () => markBoxes(tab, start);
    // Its first line half under the masthead: nothing of the mark is drawn over it, on screen too.
    await placeText(100);
    await expect.poll(async () => (await boxesOf()).filter((box) => box.y < 120).length).toBe(0);
    expect((await page.colourRows({ x: 0, y: 0, width: view.width, height: 120 }, purple)).found).toEqual([]);
    // Its first line under the cookie bar: no box there either.
    await placeText(view.height - 100);
    await expect.poll(async () => (await boxesOf()).filter((box) => box.y + box.height > view.height - 120).length).toBe(0);
    expect((await page.colourRows({ x: 0, y: view.height - 120, width: view.width, height: 120 }, purple)).found).toEqual([]);
    // Between the two, it is drawn whole.
    await placeText(view.height / 2 - 20);
    await expect.poll(async () => (await boxesOf()).length).toBeGreaterThan(0);
    expect((await page.colourRows({ x: 0, y: 120, width: view.width, height: view.height - 240 }, purple)).found.length).toBeGreaterThan(0);
  });

  it('cuts a line only where a box of the page lies over it, not under a fixed background or a full-view layer that takes no pointer events', async () => {
    // A fixed background under the content, a toast layer over the whole view holding one small
    // toast in its middle (a framework's overlay container), and a floating cookie card off the
    // bottom edge and a narrow "back to top" box at the right, both over the page.
    const start = 'During the call, it says';
    const page = await open('pages/late-april.html', (tab) =>
      tab.addInitScript((start) => {
        document.addEventListener('DOMContentLoaded', () => {
          const box = (id: string, css: string, parent: HTMLElement = document.body) => {
            const element = document.createElement('div');
            element.id = id;
            element.style.cssText = css;
            parent.append(element);
            return element;
          };
          box('backdrop', 'position: fixed; inset: 0; z-index: -1; background: #eef;');
          const layer = box('toasts', 'position: fixed; inset: 0; pointer-events: none; z-index: 6;');
          box('toast', 'position: absolute; left: 45%; top: 45%; width: 10%; height: 10%; pointer-events: auto; background: #333;', layer);
          box('cookies', 'position: fixed; left: 16px; right: 16px; bottom: 16px; height: 100px; background: #fff; z-index: 5;');
          const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith(start))!;
          paragraph.style.cssText = 'font-size: 30px; line-height: 1.4;';
          // Over the last 150 pixels of the text's column, from the top of the view to its foot.
          box('to-top', `position: fixed; left: ${paragraph.getBoundingClientRect().right - 150}px; right: 0; top: 0; bottom: 0; background: #fff; z-index: 5;`);
          document.body.style.padding = '2000px 0';
        });
      }, start),
    );
    const tab = page.page;
    await page.waitForMarks(5);
    const view = await tab.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }));
    const rectOf = (id: string) => tab.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().toJSON() as DOMRect, id);
    const meets = (b: { x: number; y: number; width: number; height: number }, r: DOMRect) => b.x < r.right && b.x + b.width > r.left && b.y < r.bottom && b.y + b.height > r.top;
    const boxesOf = () => markBoxes(tab, start);
    // In the middle of the view, away from the toast: drawn, the backdrop and the toast layer notwithstanding.
    await scrollTextTo(tab, start, 120);
    await expect.poll(async () => (await boxesOf()).length).toBeGreaterThan(0);
    const toTop = await rectOf('to-top');
    // The lines stop where the box at the right begins, and are drawn to its left: cut, not dropped.
    await expect.poll(async () => (await boxesOf()).filter((b) => meets(b, toTop)).length).toBe(0);
    expect((await boxesOf()).some((b) => b.x + b.width > toTop.left - 2)).toBe(true);
    // Its lines under the floating cookie card: none drawn over the card.
    await scrollTextTo(tab, start, view.height - 110);
    const cookies = await rectOf('cookies');
    await expect.poll(async () => (await boxesOf()).filter((b) => meets(b, cookies)).length).toBe(0);
  });

  it('follows boxes that come and go over the text within a fraction of a second: a dialog shown and hidden by its style, a sticky head stuck by a scroll', async () => {
    const start = 'During the call, it says';
    const page = await open('pages/late-april.html', (tab) =>
      tab.addInitScript((start) => {
        document.addEventListener('DOMContentLoaded', () => {
          const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith(start))!;
          paragraph.insertAdjacentHTML('beforebegin', '<div id="section" style="position: sticky; top: 0; height: 60px; background: #fff; z-index: 5;">Section</div>');
          document.body.insertAdjacentHTML('beforeend', '<div id="dialog" style="display: none; position: fixed; left: 0; right: 0; top: 30%; height: 40%; background: #fff; z-index: 6;"></div>');
          document.body.style.padding = '1000px 0 2000px';
        });
      }, start),
    );
    const tab = page.page;
    await page.waitForMarks(5);
    const textTo = (y: number) => scrollTextTo(tab, start, y);
    const boxesOf = () => markBoxes(tab, start);
    // Sooner than the guard's once a second.
    const soon = { timeout: 600, interval: 25 };
    // The dialog shown over the text, then hidden: its marks go, then come back.
    const view = await tab.evaluate(() => document.documentElement.clientHeight);
    await textTo(view * 0.4);
    await expect.poll(async () => (await boxesOf()).length).toBeGreaterThan(0);
    await tab.waitForTimeout(1_100);
    await tab.evaluate(() => (document.getElementById('dialog')!.style.display = 'block'));
    await expect.poll(async () => (await boxesOf()).length, soon).toBe(0);
    await tab.waitForTimeout(1_100);
    await tab.evaluate(() => (document.getElementById('dialog')!.style.display = 'none'));
    await expect.poll(async () => (await boxesOf()).length, soon).toBeGreaterThan(0);
    // The section head stuck at the top by a scroll that came just after the last look: nothing
    // drawn over it once the scroll is done, though no scroll follows.
    await textTo(500);
    await tab.waitForTimeout(1_100);
    await tab.evaluate(() => document.body.append(document.createComment('')));
    await tab.waitForTimeout(30);
    await textTo(30);
    await expect.poll(async () => (await boxesOf()).filter((box) => box.y < 60).length, soon).toBe(0);
  });

  it('cuts marks under a menu hanging from a fixed header and under a consent banner in a shadow root, not beside the links of a transparent bar', async () => {
    const start = 'During the call, it says';
    const setUp = (html: string, shadow = '') =>
      open('pages/late-april.html', (tab) =>
        tab.addInitScript(({ html, shadow }) => {
          document.addEventListener('DOMContentLoaded', () => {
            document.body.insertAdjacentHTML('afterbegin', html);
            if (shadow) document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'open' }).innerHTML = shadow;
            document.body.style.padding = '0 0 2000px';
            document.querySelector('main')!.style.marginTop = '1000px';
          });
        }, { html, shadow }),
      );
    const textTo = (tab: Page, y: number) => scrollTextTo(tab, start, y);
    const boxesOf = (tab: Page) => markBoxes(tab, start);
    const menu = await setUp('<header style="position: fixed; top: 0; left: 0; right: 0; height: 80px; background: #fff; z-index: 5;"><nav style="position: absolute; top: 80px; left: 0; width: 60%; height: 400px; background: #fff;">Sections</nav></header>');
    await menu.waitForMarks(5);
    await textTo(menu.page, 300);
    const menuRight = (await menu.page.evaluate(() => document.documentElement.clientWidth)) * 0.6;
    await expect.poll(async () => (await boxesOf(menu.page)).filter((box) => box.y < 480 && box.x < menuRight).length).toBe(0);
    await menu.page.close();
    const banner = await setUp('', '<div style="position: fixed; bottom: 0; left: 0; right: 0; height: 200px; background: #fff; z-index: 5;">Cookies</div>');
    await banner.waitForMarks(5);
    const height = await banner.page.evaluate(() => document.documentElement.clientHeight);
    await textTo(banner.page, height - 150);
    await expect.poll(async () => (await boxesOf(banner.page)).filter((box) => box.y + box.height > height - 200).length).toBe(0);
    await banner.page.close();
    const pill = await setUp('<div style="position: fixed; top: 0; left: 0; right: 0; height: 100px; z-index: 5; display: flex; justify-content: center;"><nav style="width: 120px; height: 40px; border-radius: 20px; background: #222;"></nav></div>');
    await pill.waitForMarks(5);
    await textTo(pill.page, 60);
    await pill.page.waitForTimeout(300);
    expect((await boxesOf(pill.page)).length).toBeGreaterThan(0);
  });

  it('cuts no line under a box that clips only sideways', async () => {
    // `overflow-x: clip` leaves overflow-y visible: the article ends at the last sentence's text,
    // and that sentence's two lines (dashes, and a wave further down) still show in full below it.
    const page = await open('pages/late-april.html', (tab) =>
      tab.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const article = document.querySelector('article')!;
          article.style.cssText = 'overflow-x: clip;';
          article.lastElementChild!.remove();
          (article.lastElementChild as HTMLElement).style.marginBottom = '0';
        });
      }),
    );
    await page.waitForMarks(5);
    const wave = await page.lineRows('Zelensky, it adds', '#b45309');
    expect(wave.rows.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...wave.rows)).toBeGreaterThan(wave.height);
  });
  it('stops drawing a mark whose text a box folds away after load', async () => {
    const page = await open('pages/late-april.html');
    await page.waitForMarks(5);
    const start = 'During the call, it says';
    const boxesOf = () => markBoxes(page.page, start);
    expect((await boxesOf()).length).toBeGreaterThan(0);
    // A "show less" folds the paragraph to nothing: its text overflows a box that hides it.
    await page.page.evaluate((start) => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith(start))!;
      paragraph.style.cssText = 'max-height: 0; overflow: hidden; margin: 0;';
    }, start);
    await expect.poll(boxesOf).toEqual([]);
    // Unfolded, it is drawn again.
    await page.page.evaluate((start) => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith(start))!;
      paragraph.style.cssText = '';
    }, start);
    await expect.poll(async () => (await boxesOf()).length).toBeGreaterThan(0);
  });

  it('stops drawing a mark folded away inside a pane whose size does not change', async () => {
    // An app's own scrolling pane: the page itself never changes size, so nothing reports a
    // resize; the painter's guard, each second, finds the fold.
    const page = await open('pages/late-april.html', (tab) =>
      tab.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          document.documentElement.style.cssText = 'height: 100%; overflow: hidden;';
          document.body.style.cssText = 'height: 100%; margin: 0; overflow: hidden;';
          document.querySelector('main')!.setAttribute('style', 'height: 100%; overflow: auto;');
        });
      }),
    );
    const tab = page.page;
    await page.waitForMarks(5);
    const start = 'During the call, it says';
    const boxesOf = () => markBoxes(tab, start);
    expect((await boxesOf()).length).toBeGreaterThan(0);
    await tab.evaluate((start) => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith(start))!;
      paragraph.style.cssText = 'max-height: 0; overflow: hidden; margin: 0;';
    }, start);
    await expect.poll(boxesOf, { timeout: 3_000 }).toEqual([]);
  });
});

describe('opening a card', () => {
  /** The first mark's first line on hover.html, in the middle of the view. */
  async function firstLine(page: NewsPage) {
    const [mark] = await drawnMarks(page.page);
    await page.page.evaluate((y) => window.scrollBy({ top: y - window.innerHeight / 2, behavior: 'instant' }), mark!.boxes[0]!.y);
    await page.page.waitForTimeout(50);
    return (await drawnMarks(page.page))[0]!.boxes[0]!;
  }

  it('opens nothing while the pointer drifts along a marked line at reading pace, and a preview, not the card, when it rests', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    // The card's code is loaded from the extension when the pointer first comes onto a mark, not
    // before: a page that is only read never loads it.
    const cardCodeLoads = async () => (await page.page.requests()).filter((request) => request.url().endsWith('/card-ui.js')).length;
    expect(await cardCodeLoads()).toBe(0);
    const line = await firstLine(page);
    const y = line.y + line.height / 2;
    await page.page.mouse.move(line.x - 30, y);
    // About 200 px a second, as a reader's pointer follows the words.
    for (let x = line.x; x < line.x + Math.min(line.width, 600); x += 8) {
      await page.page.mouse.move(x, y);
      await page.page.waitForTimeout(40);
      if (Math.round(x - line.x) % 160 === 0) expect([await page.cardOpen(), await page.previewText()]).toEqual([false, null]);
    }
    expect([await page.cardOpen(), await page.previewText()]).toEqual([false, null]);
    // Passing over the marks was enough to load the card's code, once, ready for the first preview.
    expect(await cardCodeLoads()).toBe(1);
    // Resting there previews it; the card waits for a click.
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).not.toBeNull();
    expect(await page.cardOpen()).toBe(false);
  });

  it('previews nothing when the page takes the mark\'s text away while the pointer rests on it', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    const [mark] = await drawnMarks(page.page);
    await page.hoverMark(mark!.text.slice(0, 20));
    // A ticker swaps its item out before the dwell ends.
    await page.page.evaluate((start) => [...document.querySelectorAll('p')].find((p) => p.textContent!.replace(/\s+/g, ' ').includes(start))!.remove(), mark!.text.slice(0, 20));
    // Not even for a moment: the page prunes the gone mark when it is idle, which may come after the dwell.
    const seen: boolean[] = [];
    for (let i = 0; i < 20; i++) {
      seen.push((await page.previewText()) !== null || (await page.cardOpen()));
      await page.page.waitForTimeout(50);
    }
    expect(seen.some(Boolean)).toBe(false);
    await page.waitForMarks(2);
  });

  it('opens the card asked for last while the card\'s code loads, and none once the pointer has left', async () => {
    /** Opens hover.html with the card's code held back until `release` is called. */
    const heldBack = async () => {
      const tab = await session.browser.context.newPage();
      // Before the page loads: requests are held from the frame's first load on.
      const cdp = await tab.context().newCDPSession(tab);
      const held: string[] = [];
      cdp.on('Fetch.requestPaused', (event: { requestId: string }) => void held.push(event.requestId));
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*card-ui.js*' }] });
      await tab.goto(`${session.server.url}pages/hover.html`);
      const page = new NewsPage(tab);
      await page.waitForMarks(3);
      const release = async () => {
        await expect.poll(() => held.length).toBeGreaterThan(0);
        for (const requestId of held) await cdp.send('Fetch.continueRequest', { requestId });
        await cdp.send('Fetch.disable');
      };
      return { page, release };
    };
    // Rested on a mark, then left it before the code came: no preview opens afterwards.
    const left = await heldBack();
    await left.page.hoverMark('Trump');
    await left.page.page.waitForTimeout(700);
    await left.page.page.mouse.move(2, 2, { steps: 3 });
    await left.page.page.waitForTimeout(500);
    await left.release();
    await left.page.page.waitForTimeout(800);
    expect([await left.page.previewText(), await left.page.cardOpen()]).toEqual([null, false]);
    // The code has loaded: a click opens a card at once.
    await left.page.openMark('Trump');
    await left.page.card();
    // Rested on one mark, then clicked another: the card of the one clicked opens, and only it.
    const clicked = await heldBack();
    await clicked.page.hoverMark('Trump also said');
    await clicked.page.page.waitForTimeout(700);
    await clicked.page.openMark('Asked about the talks');
    await clicked.release();
    const card = await (await clicked.page.card()).textContent();
    expect(card).toContain('some of it would come back');
    expect(card).not.toContain('frontiers');
    expect(await clicked.page.previewText()).toBeNull();
  });

  it('opens the card on a click, keeps it while the pointer moves away, and closes it on a click elsewhere', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    const line = await firstLine(page);
    await page.page.mouse.click(line.x + 12, line.y + line.height / 2);
    await expect.poll(() => page.cardOpen(), { timeout: 2_000 }).toBe(true);
    const box = (await (await page.card()).boundingBox())!;
    // Away from the mark and the card, into the margin.
    const away = { x: 5, y: box.y > 200 ? 60 : 760 };
    await page.page.mouse.move(away.x, away.y, { steps: 5 });
    await page.page.waitForTimeout(800);
    expect(await page.cardOpen()).toBe(true);
    await page.page.mouse.click(away.x, away.y);
    await expect.poll(() => page.cardOpen()).toBe(false);
  });

  it('opens the card on a tap', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    const line = await firstLine(page);
    const cdp = await page.page.context().newCDPSession(page.page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    const point = { x: line.x + 12, y: line.y + line.height / 2 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => page.cardOpen(), { timeout: 3_000 }).toBe(true);
    expect(await (await page.card()).getAttribute('data-opened')).toBe('click');
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
  });
});

describe('the card where the page or the reader sizes things', () => {
  const cardBoxes = (page: Page) =>
    inCard(
      page,
      (card) => {
        const box = (element: Element) => {
          const r = element.getBoundingClientRect();
          return { text: element.textContent!.trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        };
        card.scrollTop = card.scrollHeight;
        // The text's size as drawn: its own times every zoom above it.
        const summary = (card.querySelector('.claimlight-card__summary') ?? card) as HTMLElement & { currentCSSZoom?: number };
        return { card: box(card), buttons: [...card.querySelectorAll('.claimlight-card__footer button')].map(box), summarySize: parseFloat(getComputedStyle(summary).fontSize) * (summary.currentCSSZoom ?? 1) };
      },
      null,
    );

  it('keeps the footer\'s buttons inside the card on a phone held sideways', async () => {
    const demo = await open('demo/');
    await demo.page.setViewportSize({ width: 640, height: 360 });
    await demo.waitForMarks(41);
    await demo.openMark('Spokesman Dmitry Peskov told reporters');
    await demo.card();
    await demo.page.waitForTimeout(300);
    const { card, buttons } = (await cardBoxes(demo.page))!;
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) expect(button.bottom, button.text).toBeLessThanOrEqual(card.bottom + 0.5);
    // And after "Not this claim", whose card offers two ways on.
    const handle = (await demo.card())!;
    for (const button of await handle.$$('button')) if ((await button.textContent())?.trim() === 'Not this claim') await button.click();
    await demo.page.waitForTimeout(400);
    const after = (await cardBoxes(demo.page))!;
    expect(after.buttons.length).toBeGreaterThan(1);
    for (const button of after.buttons) expect(button.bottom, button.text).toBeLessThanOrEqual(after.card.bottom + 0.5);
    await session.browser.serviceWorker.evaluate(() => chrome.storage.local.remove('claimlight:dismissed'));
  });

  it('keeps the whole card in a view too short for it on either side of its line (400% and 200% zoom), from the keyboard and the pointer', async () => {
    const demo = await open('demo/');
    for (const size of [{ width: 320, height: 256 }, { width: 683, height: 330 }]) {
      await demo.page.setViewportSize(size);
      await demo.waitForMarks(41);
      await command(demo.page, 'next');
      await demo.card();
      await demo.page.waitForTimeout(300);
      const fromKeys = (await cardBoxes(demo.page))!.card;
      expect(fromKeys.top, `keyboard ${size.width}x${size.height}`).toBeGreaterThanOrEqual(0);
      expect(fromKeys.bottom, `keyboard ${size.width}x${size.height}`).toBeLessThanOrEqual(size.height);
      await demo.page.keyboard.press('Escape');
      await expect.poll(() => demo.cardOpen()).toBe(false);
      await demo.openMark('Spokesman Dmitry Peskov told reporters');
      await demo.card();
      await demo.page.waitForTimeout(300);
      const fromPointer = (await cardBoxes(demo.page))!.card;
      expect(fromPointer.top, `pointer ${size.width}x${size.height}`).toBeGreaterThanOrEqual(0);
      expect(fromPointer.bottom, `pointer ${size.width}x${size.height}`).toBeLessThanOrEqual(size.height);
      await demo.page.keyboard.press('Escape');
      await expect.poll(() => demo.cardOpen()).toBe(false);
    }
    await demo.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('opens beside its line on a page zoomed with CSS, in the reader\'s text size', async () => {
    const page = await open('pages/late-april.html', (tab) => tab.addInitScript(() => document.addEventListener('DOMContentLoaded', () => (document.documentElement.style.zoom = '2'))));
    await page.waitForMarks(5);
    await page.openMark('During the call, it says');
    await page.card();
    await page.page.waitForTimeout(300);
    const { card, summarySize } = (await cardBoxes(page.page))!;
    const line = (await drawnMarks(page.page)).find((m) => m.text.startsWith('During the call, it says'))!.boxes[0]!;
    // Not over its own line (it was drawn twice as large and twice as far off), and in the view.
    expect(card.top < line.y + line.height && card.bottom > line.y && card.left < line.x + line.width && card.right > line.x).toBe(false);
    expect(card.bottom).toBeLessThanOrEqual(await page.page.evaluate(() => window.innerHeight));
    expect(summarySize).toBeCloseTo(14, 0);
    // A reader who set a larger default text size gets it in the card too.
    const cdp = await page.page.context().newCDPSession(page.page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    // The page's text grew too: its marks are measured again before one is clicked.
    await page.page.waitForTimeout(1_200);
    await page.openMark('During the call, it says');
    await page.card();
    await page.page.waitForTimeout(300);
    expect((await cardBoxes(page.page))!.summarySize).toBeGreaterThanOrEqual(24);
  });

  it('brings a mention deep in a paragraph taller than the screen into view with its card', async () => {
    const start = 'During the call, it says';
    const page = await open('pages/late-april.html', (tab) =>
      tab.addInitScript((start) => {
        document.addEventListener('DOMContentLoaded', () => {
          const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith(start))!;
          paragraph.prepend('Readers wrote in all week about the ferry and the harbour wall. '.repeat(40));
        });
      }, start),
    );
    await page.page.setViewportSize({ width: 360, height: 640 });
    await page.waitForMarks(5);
    let mark = '';
    for (let i = 0; i < 6 && !mark.startsWith(start); i++) {
      await command(page.page, 'next');
      mark = (await page.focusedText()) ?? '';
    }
    expect(mark.startsWith(start)).toBe(true);
    await page.card();
    await page.page.waitForTimeout(300);
    const line = (await markBoxes(page.page, start)).at(-1)!;
    expect(line.y + line.height).toBeLessThanOrEqual(640);
    expect(line.y).toBeGreaterThanOrEqual(0);
    expect((await cardBoxes(page.page))!.card.bottom).toBeLessThanOrEqual(640);
  });

  it('brings a mention into the middle of the view where <body> is the box that scrolls', async () => {
    const start = 'During the call, it says';
    const page = await open('pages/late-april.html', (tab) =>
      tab.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          document.documentElement.style.cssText = 'height: 100%; overflow: hidden;';
          document.body.style.cssText = 'height: 100%; margin: 0; overflow: auto; padding-bottom: 2000px; box-sizing: border-box;';
          document.querySelector('main')!.style.marginTop = '1500px';
        });
      }),
    );
    await page.waitForMarks(5);
    let mark = '';
    for (let i = 0; i < 6 && !mark.startsWith(start); i++) {
      await command(page.page, 'next');
      mark = (await page.focusedText()) ?? '';
    }
    await page.card();
    await page.page.waitForTimeout(300);
    const view = await page.page.evaluate(() => window.innerHeight);
    const line = (await markBoxes(page.page, start))[0]!;
    expect(Math.abs(line.y + line.height / 2 - view / 2)).toBeLessThan(view / 4);
  });
});

describe('moving between mentions in the card', () => {
  it('takes a click on blank space in a focusable article as leaving the mention: its focus mark goes, and Enter opens no card', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    // A skip link's target, as many sites make their article: it takes focus where it is clicked.
    await page.page.evaluate(() => (document.getElementById('story')!.tabIndex = -1));
    await command(page.page, 'next');
    await page.card();
    await expect.poll(() => page.page.evaluate(() => document.activeElement?.hasAttribute('data-claimlight-ui'))).toBe(true);
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    expect(await page.focusedText()).not.toBeNull();
    // A click on the article's blank space gives it focus: it holds the mention, but is not at it.
    await page.page.evaluate(() => document.getElementById('story')!.focus());
    await expect.poll(() => page.focusedText()).toBeNull();
    await page.page.keyboard.press('Enter');
    await page.page.waitForTimeout(300);
    expect(await page.cardOpen()).toBe(false);
    await page.page.close();
  });

  it('says “n of N”, moves on from the card, and Escape leaves the reader at the mention just left', async () => {
    const page = await open('demo/');
    await page.waitForMarks(expectedDemo.length);
    for (let i = 0; i < 3; i++) await command(page.page, 'next');
    const card = await page.card();
    expect(await card.$eval('.claimlight-card__count', (c) => c.textContent)).toBe(`3 of ${expectedDemo.length}`);
    await (await card.$('button[aria-label="Next mention"]'))!.focus();
    await page.page.keyboard.press('Enter');
    await expect.poll(async () => (await page.card()).$eval('.claimlight-card__count', (c) => c.textContent)).toBe(`4 of ${expectedDemo.length}`);
    const fourth = await page.focusedText();
    // The new card has the keyboard: Escape closes it.
    expect(await page.page.evaluate(() => document.activeElement?.hasAttribute('data-claimlight-ui'))).toBe(true);
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    // Still at the fourth mention: its focus mark stays, and Tab goes on from it, not from the top.
    expect(await page.focusedText()).toBe(fourth);
    // Focus is on the element around the mention (made focusable for as long as it has focus).
    const left = await page.page.evaluateHandle(() => document.activeElement!);
    expect(await left.evaluate((element) => element.textContent!.replace(/\s+/g, ' '))).toContain(fourth!.slice(0, 40));
    // Enter there opens the card again, and Escape leaves the reader there again.
    await page.page.keyboard.press('Enter');
    await expect.poll(async () => (await page.card()).$eval('.claimlight-card__count', (c) => c.textContent)).toBe(`4 of ${expectedDemo.length}`);
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    expect(await left.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.page.keyboard.press('Tab');
    const after = await left.evaluate((element) => {
      const active = document.activeElement;
      return !!active && active !== document.body && !!(element.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) && !element.hasAttribute('tabindex');
    });
    expect(after).toBe(true);
    // Focus has left the mention: its focus mark goes, not to stay beside the page's own focus ring.
    await expect.poll(() => page.focusedText()).toBeNull();
    // Focus back on the page itself (a click on blank space): Enter is the page's again, not the
    // mention's the keyboard last left.
    await page.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await page.page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.page.keyboard.press('Enter');
    await page.page.waitForTimeout(300);
    expect(await page.cardOpen()).toBe(false);
    // And the next mention after it is the fifth.
    expect((await command(page.page, 'next')).index).toBe(4);
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    // With the marks hidden from the popup, the command goes nowhere and opens no card, the card's
    // code loaded or not.
    const tabId = await tabIdOf(page.page);
    await session.browser.serviceWorker.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { type: 'claimlight:setMarksHidden', payload: { hidden: true } }), tabId);
    await page.waitForMarks(0);
    expect(await command(page.page, 'next')).toEqual({ index: -1, total: 0 });
    await page.page.waitForTimeout(300);
    expect(await page.cardOpen()).toBe(false);
  });
});

describe('a page that is old news', () => {
  // A span of days as the browser's locale writes one (British English in these tests: "12–14 Feb 2025", with thin spaces in some ICU versions).
  const notice = /^This page is dated 28 Apr 2025; the events it reports are from 12\s?–\s?14 Feb 2025\.$/;
  const listed = async (page: NewsPage) => {
    const tabId = await tabIdOf(page.page);
    const reply = (await session.browser.serviceWorker.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { type: 'claimlight:listMentions', payload: {} }), tabId)) as { value: { notice?: string } };
    return reply.value.notice;
  };

  it('gives the report\'s verdicts to the sentences that repeat its faults, and shows the most serious on the badge', async () => {
    const page = await open('pages/late-april.html');
    await page.waitForMarks(5);
    const marks = await page.marks();
    const verdictOf = (start: string) => marks.filter((m) => m.text.startsWith(start)).map((m) => `${m.verdict}${m.faint ? ' (faint)' : ''}`).sort();
    expect(verdictOf('During the call, it says')).toEqual(['misattributed']);
    expect(verdictOf('Zelensky, it adds')).toEqual(['accurate-but-misdated', 'imprecise']);
    // Two claims on the same words: both lines show, the second further under the text.
    const lines = (await inClosedRoots(page.page, (root) =>
      [...root.querySelectorAll<HTMLElement>('.mark')].filter((m) => m.dataset.text!.startsWith('Zelensky, it adds')).map((m) => {
        const style = getComputedStyle(m.firstElementChild!);
        return `${m.dataset.verdict} ${style.getPropertyValue('--claimlight-line').split(' ')[0]} ${style.paddingBottom}`;
      }), null)).flat().sort();
    // The dashes' room is 2 px; the wave's, 5.25 px, starts 8 px down: below the tallest first line.
    expect(lines).toEqual(['accurate-but-misdated dashed 2px', 'imprecise wavy 13.25px']);
    // As drawn: the dashed line in the bottom rows of its box, clear of the letters; the wave below it.
    const dashed = await page.lineRows('Zelensky, it adds', '#0e7490');
    const wave = await page.lineRows('Zelensky, it adds', '#b45309');
    expect(dashed.rows.length).toBeGreaterThan(0);
    expect(Math.min(...dashed.rows)).toBeGreaterThanOrEqual(dashed.height - 5);
    expect(Math.min(...wave.rows)).toBeGreaterThan(Math.max(...dashed.rows));
    // A wave, not a flat line: it spans rows, and no row holds most of it. The dashes hold about
    // three fifths of theirs.
    expect(wave.rows.length).toBeGreaterThanOrEqual(2);
    expect(wave.widest).toBeLessThan(wave.width * 0.5);
    expect(dashed.widest).toBeGreaterThan(dashed.width * 0.45);
    expect(dashed.widest).toBeLessThan(dashed.width * 0.75);
    // In a contrast theme (forced colours) browsers draw no background images: the lines are borders.
    await page.page.emulateMedia({ forcedColors: 'active' });
    const forced = (await inClosedRoots(page.page, (root) =>
      [...root.querySelectorAll<HTMLElement>('.mark')].filter((m) => m.dataset.text!.startsWith('Zelensky, it adds')).map((m) => {
        const style = getComputedStyle(m.firstElementChild!);
        return `${m.dataset.verdict} ${style.borderBottomStyle} ${style.borderBottomWidth}`;
      }), null)).flat().sort();
    expect(forced).toEqual(['accurate-but-misdated dashed 3px', 'imprecise double 3px']);
    await page.page.emulateMedia({ forcedColors: 'none' });
    // The same claim told without the fault is context.
    expect(verdictOf('On 12 February, Trump also said')).toEqual(['context (faint)']);
    expect(await badgeOf(page.page)).toEqual({ text: '⇄3', title: 'Claimlight: 3 problems on this page (most serious: Misattributed); 2 other mentions' });
    await page.openMark('During the call, it says');
    const card = await page.card();
    await expect.poll(async () => card.textContent()).toContain('Misattributed');
    expect(await card.textContent()).toContain('As reported in Trump Announces Start of Ukraine War Talks Following Call with Putin, 28 Apr 2025; this page repeats “During the call”.');
  });

  it('says in the card and to the popup that the page is dated weeks after the events it reports', async () => {
    const page = await open('pages/late-april.html');
    await page.waitForMarks(5);
    await page.openMark('On 12 February, Kremlin spokesman');
    const card = await page.card();
    expect(await card.$eval('[role=note]', (note) => note.textContent)).toMatch(notice);
    expect(await listed(page)).toMatch(notice);
  });

  it('says nothing of the kind on a page written the day after', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    expect(await listed(page)).toBeUndefined();
  });
});

describe('not this claim', () => {
  const clearDismissals = () => session.browser.serviceWorker.evaluate(() => chrome.storage.local.remove('claimlight:dismissed'));
  afterEach(clearDismissals);

  /** Clicks a button of the open card by its text. */
  async function press(page: NewsPage, label: string) {
    const card = await page.card();
    for (const button of await card.$$('button')) if ((await button.textContent())?.trim() === label) return button.click();
    throw new Error(`no button ${label} in the card`);
  }

  it('hides the mark, takes it back with Undo, and remembers it over a reload until the settings page shows it again', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    await page.openMark('Trump also said');
    await press(page, 'Not this claim');
    await page.waitForMarks(2);
    expect(await page.cardText()).toContain('Hidden.');
    await press(page, 'Undo');
    await page.waitForMarks(3);
    expect(await page.cardOpen()).toBe(false);

    await page.openMark('Trump also said');
    await press(page, 'Not this claim');
    await page.waitForMarks(2);
    await press(page, 'Report a wrong match');
    await expect.poll(() => page.cardText()).toContain('nothing leaves this device');
    await press(page, 'Done');
    await page.page.reload();
    await page.waitForMarks(2);
    await page.page.waitForTimeout(500);
    expect((await page.markTexts()).some((text) => text.startsWith('Trump also said'))).toBe(false);

    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    // The report, exported for the pack's maintainers: the sentence, the claim and the page.
    const download = options.page.waitForEvent('download');
    await options.page.getByRole('button', { name: 'Export reports' }).click();
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8')) as { reports: { url: string; text: string; claimKey: string }[] };
    expect(exported.reports).toEqual([expect.objectContaining({ url: page.page.url(), text: expect.stringMatching(/^Trump also said/) })]);
    await options.page.getByRole('button', { name: /^Show again: / }).click();
    // The open tab marks it again, without a reload.
    await page.waitForMarks(3);
    await expect.poll(() => options.page.getByText(/When you choose “Not this claim” on a card/).count()).toBe(1);
    await options.page.close();
  });
});

describe('pages that change', () => {
  it('marks paragraphs added after load and drops marks of text that goes', async () => {
    const page = await open('pages/dynamic-append.html');
    await page.waitForMarks(3);
    await page.page.evaluate(() => (window as never as { fixture: { appendParagraph(t: string): number } }).fixture.appendParagraph('Trump also said it seemed unlikely that Ukraine would return to the borders it had before 2014.'));
    await page.waitForMarks(4);
    await page.page.evaluate(() => (window as never as { fixture: { loadMore(): number } }).fixture.loadMore());
    // The loaded section's Kursk paragraph: the swap in its first sentence, Peskov's answer and the
    // swap again (the matcher reads "the proposal" there) in its second.
    await page.waitForMarks(7);
    await page.page.evaluate(() => (window as never as { fixture: { removeParagraph(i: number): string } }).fixture.removeParagraph(0));
    await page.waitForMarks(5);
    await page.page.evaluate(() => (window as never as { fixture: { replaceText(i: number, t: string): string } }).fixture.replaceText(0, 'The ferry operator apologised for the delays.'));
    await page.waitForMarks(5);
  });

  it('scans again after a single-page app changes route', async () => {
    const page = await open('pages/spa.html');
    await page.page.waitForTimeout(500);
    expect(await page.marks()).toEqual([]);
    await page.page.evaluate(() => (window as never as { fixture: { navigate(p: string): string } }).fixture.navigate('politics'));
    await expect.poll(async () => (await page.marks()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await page.page.evaluate(() => (window as never as { fixture: { navigate(p: string): string } }).fixture.navigate('sport'));
    await page.waitForMarks(0);
  });

  it('keeps a re-rendering page working: its handlers fire, its text stays, its editors stay unmarked', async () => {
    const page = await open('pages/rerender.html');
    await page.waitForMarks(1);
    const text = () => page.page.evaluate(() => document.body.innerText);
    const before = await text();
    await page.page.evaluate(() => (window as never as { fixture: { startTicker(ms: number): void } }).fixture.startTicker(200));
    await page.page.waitForTimeout(1_200);
    await page.page.evaluate(() => (window as never as { fixture: { stopTicker(): void } }).fixture.stopTicker());
    await page.page.locator('li').nth(1).click();
    await page.page.locator('li').nth(3).click();
    const state = await page.page.evaluate(() => {
      const f = (window as never as { fixture: { clicks: number; renders: number; selected(): number[] } }).fixture;
      return { clicks: f.clicks, renders: f.renders, selected: f.selected() };
    });
    expect(state.clicks).toBe(2);
    expect(state.renders).toBeGreaterThan(3);
    expect(state.selected).toEqual([1, 3]);
    await page.waitForMarks(1);
    expect((await page.marks())[0]!.text).toMatch(/ninety minutes/);
    expect(await text()).toBe(before);
  });

  it('keeps a mark, and the card open on it, while the page renders its list again with the same words', async () => {
    const page = await open('pages/rerender.html');
    await page.waitForMarks(1);
    await page.openMark('The Kremlin');
    await page.card();
    const card = await page.cardText();
    expect(card).toBeTruthy();
    // Counts every mark taken out of the layer from now on: a mark that went and came back blinked.
    await inClosedRoots(
      page.page,
      (root) => {
        const seen = window as unknown as { marksTakenOut: number };
        seen.marksTakenOut = 0;
        new MutationObserver((records) => {
          for (const record of records) for (const node of record.removedNodes) if ((node as Element).classList?.contains('mark')) seen.marksTakenOut++;
        }).observe(root, { childList: true, subtree: true });
      },
      null,
    );
    const fixture = () => page.page.evaluate(() => (window as never as { fixture: { refresh(): number; setMode(mode: string): void } }).fixture.refresh());
    for (const mode of ['innerHTML', 'replaceChildren']) {
      await page.page.evaluate((m) => (window as never as { fixture: { setMode(mode: string): void } }).fixture.setMode(m), mode);
      for (let i = 0; i < 3; i++) {
        await fixture();
        await page.page.waitForTimeout(300);
      }
    }
    expect(await page.page.evaluate(() => (window as unknown as { marksTakenOut: number }).marksTakenOut)).toBe(0);
    expect(await page.cardText()).toBe(card);
    expect((await page.marks()).map((m) => m.text)).toEqual([expect.stringMatching(/ninety minutes/)]);
  });
});

/** Writes the settings as the settings page and the popup do. */
async function setSettings(settings: Record<string, unknown>): Promise<void> {
  await session.browser.serviceWorker.evaluate((value) => chrome.storage.sync.set({ 'claimlight:settings': value }), settings);
}

describe('settings on an open tab', () => {
  afterEach(() => setSettings({}));

  it('removes the marks when the site is switched off, and brings them back when it is on again', async () => {
    const page = await open('pages/dynamic-append.html');
    await page.waitForMarks(3);
    await setSettings({ siteRules: [{ pattern: '127.0.0.1', mode: 'never' }] });
    await page.waitForMarks(0);
    await setSettings({ enabled: false });
    await page.waitForMarks(0);
    await setSettings({ enabled: true });
    await page.waitForMarks(3);
    // Switched on again, Claimlight watches the page's changes again.
    await page.page.evaluate(() => (window as never as { fixture: { loadMore(): number } }).fixture.loadMore());
    await page.waitForMarks(6);
  });

  it('changes the look of the marks: underline or tint, colours, contrast', async () => {
    // Every verdict of the page marked in full, so that each has its tint.
    const markedVerdicts = ['accurate', 'context', 'imprecise', 'false'];
    await setSettings({ markedVerdicts });
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    // A box holds no text; its line is a gradient as wide as the box, or one tiled along it (wavy).
    const lines = (
      await inClosedRoots(page.page, (root) =>
        [...root.querySelectorAll<HTMLElement>('.mark > .box')].map((box) => {
          const style = getComputedStyle(box);
          return { text: box.childNodes.length, size: style.backgroundSize.split(', ')[0]!, repeat: style.backgroundRepeat.split(', ')[0]! };
        }), [])
    ).flat();
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(line.text).toBe(0);
      expect(line.size.startsWith('100% ') || line.repeat === 'repeat-x').toBe(true);
    }
    // The verdict and tint of the first drawn box, as the browser computes it inside Claimlight's
    // layer: the tint is the last background layer, the one laid in the text's own box.
    const firstBox = async () =>
      (
        await inClosedRoots(page.page, (root) => {
          const box = root.querySelector<HTMLElement>('.mark > .box');
          if (!box) return null;
          const style = getComputedStyle(box);
          const tinted = style.backgroundOrigin.split(', ').at(-1) === 'content-box';
          return { verdict: (box.parentElement as HTMLElement).dataset.verdict!, tint: tinted ? /(rgba?\([^)]*\))\)$/.exec(style.backgroundImage)![1]! : 'rgba(0, 0, 0, 0)' };
        }, null)
      ).find(Boolean)!;
    const { verdict, tint: before } = await firstBox();
    expect(before).toMatch(/^rgba\(\d+, \d+, \d+, 0\.(04|06|08|1)\)$/);
    await setSettings({ markedVerdicts, markStyle: 'background', colors: { [verdict]: '#123456' } });
    await expect.poll(async () => (await firstBox()).tint).toBe('rgba(18, 52, 86, 0.22)');
    // The reader's look is nowhere the page can read it.
    expect(await page.page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    expect(await page.page.evaluate(() => [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((r) => /123456|18, 52, 86|18 52 86/.test(r.cssText))))).toBe(false);
    await setSettings({ markedVerdicts, markStyle: 'underline', colors: {} });
    await expect.poll(async () => (await firstBox()).tint).toBe(before);
    // Back to the defaults: only problems in full, so the others lose their tint.
    await setSettings({});
    await expect.poll(async () => (await firstBox()).tint).toBe('rgba(0, 0, 0, 0)');
  });

  it('marks more when made broad, and less when made precise', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    // Vance and Rubio due in Germany, but no meeting with Zelensky: only a broad setting marks it.
    await page.page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'On Friday Vance and Rubio are due in Germany.';
      document.querySelector('p')!.after(p);
    });
    await setSettings({ sensitivity: 0 });
    await page.waitForMarks(3);
    await setSettings({ sensitivity: 1 });
    await page.waitForMarks(4);
    await setSettings({ sensitivity: 0 });
    await page.waitForMarks(3);
  });
});

describe('the popup’s view of a page', () => {
  it('lists the mentions in reading order and reveals the one chosen', async () => {
    const page = await open('pages/hover.html');
    await page.waitForMarks(3);
    const tabId = await tabIdOf(page.page);
    const send = (type: string, payload: object) =>
      session.browser.serviceWorker.evaluate(({ tabId, type, payload }) => chrome.tabs.sendMessage(tabId, { type, payload }), { tabId, type, payload }) as Promise<{ ok: boolean; value: never }>;
    const listed = (await send('claimlight:listMentions', {})).value as { mentions: { id: number; text: string; related?: true }[]; enabled: boolean };
    expect(listed.enabled).toBe(true);
    const order = await page.page.evaluate(() => ['claim-1', 'claim-2', 'claim-3'].map((id) => document.getElementById(id)!.textContent!.replace(/\s+/g, ' ').trim()));
    expect(listed.mentions.filter((m) => !m.related).map((m) => m.text)).toEqual(order);
    const revealed = (await send('claimlight:revealMention', { id: listed.mentions[2]!.id })).value as { revealed: boolean };
    expect(revealed).toEqual({ revealed: true });
    await page.card();
    expect(await page.focusedText()).toBe(order[2]);
  });
});

describe('a hostile pack', () => {
  it('shows HTML and script in pack text as text, and never runs them', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const attack = '<img src=x onerror="window.__claimlightPwned=1"><script>window.__claimlightPwned=2</script>';
    const pack = {
      format: 'claimlight-pack', formatVersion: 1, id: 'hostile', title: `Hostile ${attack}`, version: '1', publisher: attack, language: 'en', created: '2026-11-25',
      claims: [{
        id: 'lifeboat', text: `Lifeboat crews were called out twice ${attack}`, claimant: attack, verdict: 'false', summary: `Summary ${attack}`,
        context: [{ text: `Context ${attack}`, sources: [{ url: 'https://example.org/a?q="><script>alert(1)</script>', outlet: attack }] }],
        cues: { phrases: [attack], terms: [['lifeboat'], ['called out']] },
      }],
    };
    await options.importFile('hostile.json', JSON.stringify(pack));
    expect(await options.importStatus()).toContain('Imported');
    await options.page.close();
    const page = await open('pages/dynamic-append.html');
    await page.waitForMarks(3);
    await page.page.evaluate(() => (window as never as { fixture: { appendParagraph(t: string): number } }).fixture.appendParagraph('Volunteers at the lifeboat station were called out twice on Tuesday night.'));
    await page.waitForMarks(4);
    await page.openMark('Volunteers at the lifeboat station');
    const card = await page.card();
    expect(await card.textContent()).toContain('Lifeboat crews were called out twice <img src=x onerror=');
    expect(await card.$$('img, script')).toHaveLength(0);
    // Whatever outlet the pack names, the card shows where the link goes.
    const source = (await card.$('a[target="_blank"]'))!;
    expect(await source.textContent()).toContain('example.org');
    expect(await source.getAttribute('href')).toBe('https://example.org/a?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
    expect(await page.page.evaluate(() => (window as unknown as { __claimlightPwned?: number }).__claimlightPwned)).toBeUndefined();
  });
});

describe('the page itself', () => {
  it('threw no errors on any page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
