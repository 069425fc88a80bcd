import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawnMarks, inClosedRoots } from '../../scripts/lib/closed-roots';
import { NewsPage } from './pages/news-page';
import { useExtensionSession } from './pages/session';

// Pages built to stress the content script: huge DOMs, frames, shadow roots, text that never
// stops changing. Each must stay intact and responsive, with marks only where they belong.
const CLAIM = 'Kremlin spokesman Dmitry Peskov said the call had lasted almost an hour and a half.';
const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta property="article:published_time" content="2025-02-13T08:00:00Z"><title>Stress</title></head>';

const PAGES: Record<string, string> = {
  // 100,000 text nodes: a word per span, in paragraphs of 50, with the claim in the middle.
  'text-nodes.html': `${head}<body><main>${Array.from({ length: 2_000 }, (_, i) => `<p>${Array.from({ length: 50 }, (_, j) => `<span>w${i}x${j}</span> `).join('')}${i === 1_000 ? `end. ${CLAIM}` : ''}</p>`).join('')}</main></body></html>`,
  // A frame and a shadow root that hold the claim: not read (the script runs in the top page only).
  'frames.html': `${head}<body><p>${CLAIM}</p><iframe srcdoc="<p>${CLAIM}</p>"></iframe><div id="host"></div><script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<p>${CLAIM}</p>';</script></body></html>`,
  // One comment of 300,000 characters (hidden by a class) between two paragraphs, one holding the claim.
  'oversized-block.html': `${head}<body><p>${CLAIM}</p><style>.folded { display: none }</style><div class="folded">${'spam '.repeat(60_000)}</div><p>Readers wrote in all week.</p></body></html>`,
  // 60,000 one-word blocks, more than one request may carry, with the claim after them.
  'many-blocks.html': `${head}<body>${'<div>word</div>'.repeat(60_000)}<p>${CLAIM}</p></body></html>`,
  // Defines a custom element under the tag name the card layer once had, before Claimlight runs.
  'squatter.html': `${head}<body><script>customElements.define('claimlight-ui', class extends HTMLElement { constructor() { super(); this.attachShadow({ mode: 'open' }); } });</script><p>${CLAIM}</p><p>Readers wrote in all week.</p></body></html>`,
  // A page whose policy allows no script, style sheet or connection from anywhere, and enforces
  // Trusted Types: the content script's code and the card's, which it loads from the extension,
  // must still load.
  'strict-csp.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none'; style-src 'none'; connect-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'"><title>Locked</title></head><body><p>${CLAIM}</p><p>Readers wrote in all week.</p></body></html>`,
  // A plain article, and a way to add a paragraph later.
  'plain.html': `${head}<body><main><p>${CLAIM}</p><p>Readers wrote in all week.</p></main><script>window.addParagraph = (text) => { const p = document.createElement('p'); p.textContent = text; document.querySelector('main').append(p); };</script></body></html>`,
  // A million nodes: 50,000 paragraphs of nine one-word spans, and the claim at each end.
  'million-nodes.html': `${head}<body><p>${CLAIM}</p>${`<p>${Array.from({ length: 9 }, (_, j) => `<span>w${j}</span> `).join('')}</p>`.repeat(50_000)}<p>${CLAIM}</p></body></html>`,
  // A page that will call pushState every 5 ms.
  'storm.html': `${head}<body><p>${CLAIM}</p><p>Readers wrote in all week.</p></body></html>`,
  // Makes every element it finds beside the body inert and hidden from screen readers, as it comes.
  'inert-hosts.html': `${head}<body><main><p>${CLAIM}</p><p>Readers wrote in all week.</p></main><script>
    new MutationObserver(() => { for (const el of document.documentElement.children) if (el !== document.head && el !== document.body && !el.inert) { el.inert = true; el.setAttribute('aria-hidden', 'true'); } }).observe(document.documentElement, { childList: true });
  </script></body></html>`,
  'read-more.html': `${head}<body><main><p>Readers wrote in all week.</p><div id="more" style="display: none"><p>${CLAIM}</p></div></main></body></html>`,
  // A page-wide popover in the top layer, shown on demand, over the article.
  'top-layer.html': `${head}<body><p>${CLAIM}</p><div id="sheet" popover="manual" style="inset: 0; width: 100vw; height: 100vh; margin: 0; background: #eee">Subscribe to keep reading.</div><script>window.cover = () => document.getElementById('sheet').showPopover();</script></body></html>`,
  // A text node rewritten every frame, with and without the claim.
  'ticker.html': `${head}<body><p id="ticker">start</p><p>${CLAIM}</p><script>
    let n = 0; window.frames_ = 0;
    (function tick() { document.getElementById('ticker').firstChild.data = n++ % 2 ? '${CLAIM}' : 'Nothing to see at frame ' + n; window.frames_++; requestAnimationFrame(tick); })();
  </script></body></html>`,
};

const session = useExtensionSession(() => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlight-hostile-'));
  for (const [name, html] of Object.entries(PAGES)) writeFileSync(join(dir, name), html);
  return dir;
});
const { open } = session;

describe('reading the page', () => {
  it('copies the page’s text only, nothing of Claimlight’s, when the reader selects the whole page and copies it', async () => {
    const page = await open('plain.html');
    await page.waitForMarks(1);
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.page.keyboard.press('Control+A');
    await page.page.keyboard.press('Control+C');
    const copied = await page.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Readers wrote in all week.');
    expect(copied).not.toContain('Claimlight');
  });
});

describe('hostile pages', () => {
  it('marks the claim among 100,000 text nodes and leaves the text as it was', async () => {
    const page = await open('text-nodes.html');
    const before = await page.page.evaluate(() => document.body.textContent!.length);
    await page.waitForMarks(1, 30_000);
    expect((await page.marks())[0]!.text).toBe(CLAIM);
    expect(await page.page.evaluate(() => document.body.textContent!.length)).toBe(before);
    expect(await page.page.evaluate(() => document.querySelectorAll('span').length)).toBe(100_000);
  });

  it('still marks the rest of a page that holds a block too long to send whole', async () => {
    const page = await open('oversized-block.html');
    await page.waitForMarks(1);
    expect((await page.marks())[0]!.text).toBe(CLAIM);
  });

  it('still marks a page of more blocks than one request may carry', async () => {
    const page = await open('many-blocks.html');
    await page.waitForMarks(1, 30_000);
    expect((await page.marks())[0]!.text).toBe(CLAIM);
  });

  it('reads neither frames nor shadow roots, and marks the top page only', async () => {
    const page = await open('frames.html');
    await page.waitForMarks(1);
    await page.page.waitForTimeout(500);
    expect(await page.marks()).toHaveLength(1);
    const inFrame = await page.page.frames()[1]!.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('claimlight')).length);
    expect(inFrame).toBe(0);
  });

  it('keeps up with a text node that changes every frame without stalling the page', async () => {
    const page = await open('ticker.html');
    await page.waitForMarks(1);
    const framesAt = () => page.page.evaluate(() => (window as unknown as { frames_: number }).frames_);
    const start = await framesAt();
    await page.page.waitForTimeout(1_500);
    // The page kept animating: a stalled main thread would have stopped its frames.
    expect((await framesAt()) - start).toBeGreaterThan(20);
    const marks = await page.marks();
    expect(marks.length).toBeGreaterThanOrEqual(1);
    expect(marks.length).toBeLessThanOrEqual(2);
    for (const mark of marks) expect(mark.text).toBe(CLAIM);
    // Closed: pages of one site share a main thread, and a page ticking every frame, read again at
    // each change, made the frames of the million-node page below late.
    await page.page.close();
  });

  it('opens the card although the page defined a custom element under the old tag name', async () => {
    const page = await open('squatter.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    expect(await (await page.card()).textContent()).toContain('Peskov');
  });

  it('opens the card on a page whose security policy allows nothing', async () => {
    const page = await open('strict-csp.html');
    await page.waitForMarks(1);
    // The policy blocks every image and style of the page's own; the mark's line is still drawn,
    // under the text (a faint dotted line: #1a7f37 at 0.55 over white).
    const line = await page.lineRows('Kremlin spokesman', '#81b992');
    expect(line.rows.length).toBeGreaterThan(0);
    expect(Math.min(...line.rows)).toBeGreaterThanOrEqual(line.height - 4);
    await page.openMark('Kremlin spokesman');
    expect(await (await page.card()).textContent()).toContain('Peskov');
  });

  it('leaves a page as it was, and throws nothing at it, when its own code cannot be loaded', async () => {
    // As after an update that removed the file under an open page: the loader's import fails.
    const tab = await session.browser.context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    const cdp = await tab.context().newCDPSession(tab);
    let failed = 0;
    cdp.on('Fetch.requestPaused', (event: { requestId: string }) => {
      failed++;
      void cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Failed' });
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*content-main.js*' }] });
    await tab.goto(`${session.server.url}plain.html`);
    await expect.poll(() => failed).toBeGreaterThan(0);
    await tab.waitForTimeout(500);
    expect(errors).toEqual([]);
    expect(await drawnMarks(tab)).toEqual([]);
    expect(await tab.evaluate(() => document.querySelector('main')!.textContent)).toContain('Readers wrote in all week.');
    await tab.close();
  });

  it('opens no card for pointer events the page makes up, and one for the reader’s pointer', async () => {
    const page = await open('plain.html');
    await page.waitForMarks(1);
    const [box] = (await drawnMarks(page.page))[0]!.boxes;
    await page.page.evaluate((box) => {
      const at = { clientX: box.x + 10, clientY: box.y + box.height / 2, bubbles: true, composed: true };
      for (let i = 0; i < 5; i++) document.elementFromPoint(at.clientX, at.clientY)!.dispatchEvent(new PointerEvent('pointermove', at));
    }, box!);
    await page.page.waitForTimeout(600);
    expect(await page.cardOpen()).toBe(false);
    await page.openMark('Kremlin spokesman');
    await page.card();
  });

  it('opens the card above a top-layer popover the page put over the article', async () => {
    const page = await open('top-layer.html');
    await page.waitForMarks(1);
    const tabId = await session.tabIdOf(page.page);
    const next = () => session.browser.serviceWorker.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { type: 'claimlight:focusMention', payload: { direction: 'next' } }), tabId);
    // A first card puts the card layer in the top layer; the page's popover comes after it, and on top.
    await next();
    await page.card();
    await page.page.keyboard.press('Escape');
    await expect.poll(() => page.cardOpen()).toBe(false);
    await page.page.evaluate(() => (window as unknown as { cover(): void }).cover());
    await next();
    const box = (await (await page.card()).boundingBox())!;
    const onTop = await page.page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.hasAttribute('data-claimlight-ui') ?? false, { x: box.x + box.width / 2, y: box.y + 20 });
    expect(onTop).toBe(true);
  });

  it('shows page script nothing of the reader’s claims, verdicts, packs or look', async () => {
    const page = await open('plain.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    const card = await page.card();
    // What the card shows that the page itself does not say: the record, the verdict, the pack.
    const pageText = await page.page.evaluate(() => document.body.textContent!.replace(/\s+/g, ' '));
    const secrets = (await card.$$eval('*', (elements) => elements.filter((e) => !e.children.length).map((e) => e.textContent!.replace(/\s+/g, ' ').trim())))
      .filter((text) => text.length >= 6 && !pageText.includes(text));
    expect(secrets.length).toBeGreaterThan(3);
    // Everything the page can reach: the highlight registry, every shadow root, adopted and
    // document style sheets, the computed styles and text of every element outside its body.
    const reachable = await page.page.evaluate(() => {
      const parts: string[] = [];
      for (const [name, highlight] of CSS.highlights) parts.push(name, ...[...(highlight as unknown as Iterable<Range>)].map(String));
      for (const element of document.querySelectorAll('*')) {
        if (element.shadowRoot) parts.push(element.shadowRoot.innerHTML);
        if (!document.body.contains(element)) {
          parts.push(element.outerHTML, (element as HTMLElement).innerText ?? '');
          const style = getComputedStyle(element);
          for (const property of style) parts.push(style.getPropertyValue(property));
        }
      }
      for (const sheet of [...document.adoptedStyleSheets, ...document.styleSheets]) for (const rule of sheet.cssRules) parts.push(rule.cssText);
      return { text: parts.join('\n'), highlights: CSS.highlights.size, adopted: document.adoptedStyleSheets.length };
    });
    expect(reachable.highlights).toBe(0);
    expect(reachable.adopted).toBe(0);
    for (const secret of secrets) expect(reachable.text).not.toContain(secret);
    expect(reachable.text).not.toMatch(/accurate|misdated|disputed|imprecise/i);
    // And what it would forge under Claimlight's old names draws nothing: no rule styles them.
    const forged = await page.page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents([...document.querySelectorAll('p')].find((p) => p.textContent!.startsWith('Readers'))!);
      CSS.highlights.set('claimlight-false', new Highlight(range));
      return getComputedStyle(document.querySelector('p')!, '::highlight(claimlight-false)').textDecorationLine;
    });
    expect(forged).toBe('none');
    expect(await page.markTexts()).toEqual([CLAIM]);
  });

  it('leaves page script no way into the card through the document\'s selection, nor to the preview by hit-testing around the pointer', async () => {
    const page = await open('plain.html');
    await page.waitForMarks(1);
    // Where the reader's pointer rests, as page script sees it.
    await page.page.evaluate(() => document.addEventListener('pointermove', (e) => Object.assign(window, { pointer: { x: e.clientX, y: e.clientY } }), true));
    await page.hoverMark('Kremlin spokesman');
    await expect.poll(() => page.previewText(), { timeout: 3_000 }).not.toBeNull();
    const hits = await page.page.evaluate(() => {
      const { x, y } = (window as unknown as { pointer: { x: number; y: number } }).pointer;
      let found = 0;
      for (let dy = -300; dy <= 300; dy += 6) for (let dx = -300; dx <= 300; dx += 6) if (document.elementFromPoint(x + dx, y + dy)?.hasAttribute('data-claimlight-ui')) found++;
      return found;
    });
    expect(hits).toBe(0);
    await page.page.mouse.move(1, 1);
    await page.openMark('Kremlin spokesman');
    const card = await page.card();
    const summary = (await card.$eval('.claimlight-card__summary', (element) => element.textContent!)).trim();
    const box = (await card.boundingBox())!;
    // The reader clicks the card's padding, then triple-clicks its summary, as to select and copy it.
    await page.page.mouse.click(box.x + 3, box.y + box.height - 3);
    const fromCaret = await page.page.evaluate(() => {
      const selection = document.getSelection()!;
      if (!selection.rangeCount) return '';
      for (let i = 0; i < 80; i++) selection.modify('extend', 'backward', 'line');
      return selection.toString();
    });
    const summaryBox = (await card.$eval('.claimlight-card__summary', (element) => element.getBoundingClientRect().toJSON())) as DOMRect;
    await page.page.mouse.click(summaryBox.x + 5, summaryBox.y + summaryBox.height / 2, { clickCount: 3 });
    const selected = await page.page.evaluate(() => document.getSelection()!.toString());
    expect(summary.length).toBeGreaterThan(20);
    for (const seen of [fromCaret, selected]) expect(seen.replace(/\s+/g, ' ')).not.toContain(summary.slice(0, 30));
    // The card is still open.
    expect(await page.card()).toBeTruthy();
    await page.page.close();
  });

  it('shows page script the same layers whether or not the reader\'s packs hold a sentence it adds', async () => {
    const page = await open('plain.html');
    await page.waitForMarks(1);
    const layers = () => page.page.evaluate(() => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body).map((e) => e.localName.replace(/-[a-z0-9]+$/, '')));
    const before = await layers();
    // A page with nothing of the reader's packs on it has them too, from the start.
    const empty = await open('read-more.html');
    await expect.poll(() => empty.page.evaluate(() => [...document.documentElement.children].some((e) => e.localName.startsWith('claimlight-marks'))), { timeout: 5_000 }).toBe(true);
    const none = await empty.page.evaluate(() => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body).map((e) => e.localName.replace(/-[a-z0-9]+$/, '')));
    expect(none).toEqual(before.filter((name) => !name.startsWith('claimlight-ui')));
    // A sentence the packs hold, added later: marked, with no layer added or taken away.
    await empty.page.evaluate((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      document.querySelector('main')!.append(p);
    }, CLAIM);
    await empty.waitForMarks(1);
    expect(await empty.page.evaluate(() => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body).map((e) => e.localName.replace(/-[a-z0-9]+$/, '')))).toEqual(none);
    // (Closed: pages of one site share a main thread, and the page of a million nodes below is timed.)
    await Promise.all([page.page.close(), empty.page.close()]);
  });

  it('keeps its marks drawn, in their own look, when the page hides, restyles or removes their layer', async () => {
    const page = await open('plain.html');
    await page.waitForMarks(1);
    const drawn = async () => {
      const [mark] = await drawnMarks(page.page);
      // The line and the tint: the box's background layers.
      const look = (
        await inClosedRoots(page.page, (root) => {
          const box = root.querySelector('.mark > .box');
          return box ? getComputedStyle(box).backgroundImage : null;
        }, null)
      ).find(Boolean);
      return { verdict: mark?.verdict, boxes: mark?.boxes.length ?? 0, look };
    };
    const before = await drawn();
    expect(before.boxes).toBeGreaterThan(0);
    expect(before.look).toContain('gradient(');
    // Rules as strong as a page can write, aimed at every element beside the body.
    await page.page.addStyleTag({ content: 'html > :not(head):not(body), html > :not(head):not(body) * { display: none !important; opacity: 0 !important; background: red !important; color: red !important; }' });
    await page.page.waitForTimeout(100);
    expect(await drawn()).toEqual(before);
    // Script: restyled inline, then taken out of the document.
    await page.page.evaluate(() => {
      for (const element of [...document.documentElement.children]) if (element.localName.startsWith('claimlight')) element.setAttribute('style', 'display: none');
    });
    await expect.poll(drawn, { timeout: 3_000 }).toEqual(before);
    expect(await page.page.evaluate(() => [...document.documentElement.children].filter((e) => e.localName.startsWith('claimlight')).every((e) => getComputedStyle(e).display !== 'none'))).toBe(true);
    await page.page.evaluate(() => {
      for (const element of [...document.documentElement.children]) if (element.localName.startsWith('claimlight')) element.remove();
    });
    await expect.poll(drawn, { timeout: 3_000 }).toEqual(before);
    // The card's layer came back with them: the reader's pointer still opens a card.
    await page.openMark('Kremlin spokesman');
    expect(await (await page.card()).textContent()).toContain('Peskov');
  });

  it('takes back the inert and aria-hidden a page puts on its layers: the card\'s buttons answer, and a screen reader finds the card', async () => {
    const page = await open('inert-hosts.html');
    await page.waitForMarks(1);
    await page.openMark('Kremlin spokesman');
    const card = await page.card();
    // Within the guard's second, the page's attributes are gone from every layer.
    await expect.poll(() => page.page.evaluate(() => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body).map((e) => (e as HTMLElement).inert || e.hasAttribute('aria-hidden'))), { timeout: 3_000 }).toEqual([false, false]);
    const cdp = await page.page.context().newCDPSession(page.page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value: string }; ignored: boolean }[] };
    expect(nodes.some((node) => node.role?.value === 'dialog' && !node.ignored)).toBe(true);
    // "Not this claim" hides the mark, rather than letting the click through to the page.
    for (const button of await card.$$('button')) if ((await button.textContent())?.trim() === 'Not this claim') await button.click();
    await expect.poll(async () => (await drawnMarks(page.page)).filter((m) => m.boxes.length).length, { timeout: 3_000 }).toBe(0);
    await session.browser.serviceWorker.evaluate(() => chrome.storage.local.remove('claimlight:dismissed'));
  });

  it('goes on marking when the page forges the announcement of a newer copy of the content script', async () => {
    const page = await open('plain.html');
    await page.waitForMarks(1);
    const extensionId = session.browser.extensionId;
    await page.page.evaluate((id) => {
      const name = `${id}:content:wxt:content-script-started`;
      const detail = { contentScriptName: 'content', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(name, { detail }));
      window.postMessage({ type: name, ...detail }, '*');
    }, extensionId);
    await page.page.waitForTimeout(300);
    expect(await page.marks()).toHaveLength(1);
    // Still watching the page: text added afterwards is read and marked.
    await page.page.evaluate((claim) => (window as unknown as { addParagraph(t: string): void }).addParagraph(claim.replace('Kremlin spokesman Dmitry Peskov', 'Peskov, the Kremlin spokesman,')), CLAIM);
    await page.waitForMarks(2);
  });

  it('marks text a "read more" shows by its own style, and drops the mark of text made editable', async () => {
    const page = await open('read-more.html');
    await page.page.waitForTimeout(1_000);
    await page.waitForMarks(0);
    // Hidden by its own style, the text was not read at all; shown, it is read as new text.
    await page.page.evaluate(() => (document.getElementById('more')!.style.display = 'block'));
    await page.waitForMarks(1);
    // The section becomes a box the reader types in (a comment editor): not the page's text.
    await page.page.evaluate(() => (document.getElementById('more')!.contentEditable = 'true'));
    await page.waitForMarks(0);
  });

  it('rescans at most once a second while the page calls pushState every 5 ms', async () => {
    const page = await open('storm.html');
    await page.waitForMarks(1);
    const worker = session.browser.serviceWorker;
    await worker.evaluate(() => {
      const g = globalThis as unknown as { findRequests: number };
      g.findRequests = 0;
      // Other pages of this suite are still open (one rewrites its text every frame): count this one's.
      chrome.runtime.onMessage.addListener((message: { type?: string }, sender: chrome.runtime.MessageSender) => {
        if (message?.type === 'claimlight:findMentions' && sender.url?.includes('/storm.html')) g.findRequests++;
        return undefined;
      });
    });
    const seconds = await page.page.evaluate(
      () =>
        new Promise<number>((done) => {
          const start = performance.now();
          let n = 0;
          // A new path each time: a new page to the content script (a query alone is the same page).
          const base = location.pathname;
          const timer = setInterval(() => {
            history.pushState({}, '', `${base}/${n++}`);
            if (performance.now() - start > 3_000) {
              clearInterval(timer);
              done((performance.now() - start) / 1_000);
            }
          }, 5);
        }),
    );
    await page.page.waitForTimeout(1_500);
    const requests = await worker.evaluate(() => (globalThis as unknown as { findRequests: number }).findRequests);
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    expect(await page.marks()).toHaveLength(1);
  });

  it('stalls a page of a million nodes for less than 300 ms after it has loaded, and no more than twice for 150 ms or more', async () => {
    const page = await session.browser.context.newPage();
    // Every frame that kept the page from answering for 50 ms or more, as the page's own clock saw it.
    await page.addInitScript(`window.__frames = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__frames.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'long-animation-frame', buffered: true });`);
    await page.goto(`${session.server.url}million-nodes.html`, { timeout: 60_000 });
    const news = new NewsPage(page);
    await news.waitForMarks(2, 40_000);
    // Long enough for the painter's guard to look at the marks twice or more (once a second).
    await page.waitForTimeout(3_000);
    const { loaded, frames } = await page.evaluate(() => ({
      loaded: performance.getEntriesByType('navigation')[0]!.toJSON().loadEventEnd as number,
      frames: (window as unknown as { __frames: { start: number; duration: number }[] }).__frames,
    }));
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeGreaterThan(500_000);
    // Before the load event the frames are the browser's own (parsing and laying out a million
    // nodes takes seconds); after it, the page does nothing and the work is Claimlight's.
    const after = frames.filter((frame) => frame.start >= loaded).map((frame) => Math.round(frame.duration));
    // Once, a pass of style and layout over the whole document when the marks are first drawn:
    // 214 to 230 ms here (traced on 7 December 2026; the page alone has none, and its cause is not
    // found yet). The guard's look each second asked all fifteen probes' hit tests at once, 205 to
    // 224 ms a second on this page; a row a second, it takes 50 to 80 ms. Two such frames are let
    // through, as the frames depend on how busy the machine is: in a clean-clone run on two busy
    // cores (7 December 2026 at 17:25) they read [154, 69, 52, 54, 105, 83, 154], where alone they
    // read 50 to 130 ms. That hour, on an idle machine, the old guard's frames read 54 to 135 ms
    // too: what this test holds is that no frame stalls the page for 300 ms, and few for 150.
    expect(after.filter((duration) => duration >= 150).length, JSON.stringify(after)).toBeLessThanOrEqual(2);
    expect(Math.max(0, ...after)).toBeLessThan(300);
    await page.close();
  }, 90_000);

  it('threw no errors on any of them', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
