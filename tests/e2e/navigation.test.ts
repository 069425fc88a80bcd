// A single-page app's navigations, and addresses a page rewrites as the reader scrolls: a new page
// is read once its address is the new one (its hidden matches, its date), and an address changed
// only in its query or fragment is the same page.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewsPage } from './pages/news-page';
import { useExtensionSession } from './pages/session';

const PESKOV = "The Kremlin's spokesman, Dmitry Peskov, told journalists that the phone call between the two presidents ran for close to ninety minutes.";
const TALKS = 'Trump said afterwards that he and Putin had agreed their teams would begin negotiations straight away.';
const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta property="article:published_time" content="2025-02-13T08:00:00Z"><title>Ledger</title></head>';

// One app served as a.html, b.html and c.html, the route its file name. A link pushes the new
// address and then shows the route, as most routers do; with ?order=render-first, the other way.
const app = `${head}<body><nav><a href="a.html">Harbour news</a> <a href="b.html">World desk</a> <a href="c.html">Looking back</a></nav><main id="app"></main>
<script>
const ROUTES = {
  'a.html': { date: '2025-02-13T08:00:00Z', paras: ['The harbour ferry ran late again on Tuesday, the third delay this week.', 'Council members will meet next month to discuss the new timetable.'] },
  'b.html': { date: '2025-02-13T08:00:00Z', paras: [${JSON.stringify(PESKOV)}, 'Readers have written in all week about the ferry timetable.', ${JSON.stringify(TALKS)}] },
  'c.html': { date: '2025-04-28T08:00:00Z', paras: ['Looking back at 12 February: ' + ${JSON.stringify(PESKOV)}, 'Readers have written in all week about the ferry timetable.', 'On 12 February, ' + ${JSON.stringify(TALKS)}] },
};
function render(name) {
  const route = ROUTES[name];
  document.querySelector('meta[property="article:published_time"]').setAttribute('content', route.date);
  const main = document.createElement('main');
  main.id = 'app';
  for (const text of route.paras) { const p = document.createElement('p'); p.textContent = text; main.append(p); }
  document.getElementById('app').replaceWith(main);
}
const here = () => location.pathname.split('/').pop();
window.go = (name) => {
  if (new URLSearchParams(location.search).get('order') === 'render-first') { render(name); history.pushState({}, '', name + location.search); }
  else { history.pushState({}, '', name + location.search); render(name); }
};
document.addEventListener('click', (e) => { const a = e.target.closest('a'); if (!a) return; e.preventDefault(); go(a.getAttribute('href')); });
window.addEventListener('popstate', () => render(here()));
render(here());
</script></body></html>`;
const filler = (n: number) => Array.from({ length: 6 }, (_, i) => `<p>Story ${n}, part ${i}: the harbour ferry ran late again on Tuesday, the third delay this week.</p>`).join('');
const stories = `${head}<body><article><h1>Story one</h1><p>${PESKOV}</p><p>${TALKS}</p>${filler(1)}</article><article><h1>Story two</h1>${filler(2)}</article></body></html>`;

const session = useExtensionSession(() => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlight-navigation-'));
  for (const name of ['a.html', 'b.html', 'c.html']) writeFileSync(join(dir, name), app);
  writeFileSync(join(dir, 'story.html'), stories);
  return dir;
});

afterEach(async () => {
  await session.browser.serviceWorker.evaluate(() => chrome.storage.local.remove('claimlight:dismissed'));
});

async function listed(page: Page, known?: number): Promise<{ notice?: string }> {
  const tabId = known ?? (await session.tabIdOf(page));
  const reply = (await session.browser.serviceWorker.evaluate((tabId) => chrome.tabs.sendMessage(tabId, { type: 'claimlight:listMentions', payload: {} }), tabId)) as { value: { notice?: string } };
  return reply.value;
}

async function press(page: NewsPage, label: string) {
  const card = await page.card();
  for (const button of await card.$$('button')) if ((await button.textContent())?.trim() === label) return button.click();
  throw new Error(`no button ${label}`);
}

describe('a single-page app changing route', () => {
  it('reads the new route\'s date, as a load of its address does', async () => {
    const direct = await session.open('c.html');
    await direct.waitForMarks(2);
    const notice = (await listed(direct.page)).notice;
    expect(notice).toMatch(/^This page is dated 28 Apr 2025/);
    await direct.page.close();
    const spa = await session.open('a.html?route=1');
    await spa.page.waitForTimeout(1_000);
    // Its tab, known by the address it loaded at.
    const tabId = await session.tabIdOf(spa.page);
    await spa.page.click('text=Looking back');
    await spa.waitForMarks(2);
    await expect.poll(async () => (await listed(spa.page, tabId)).notice).toBe(notice);
  });

  for (const order of ['push-first', 'render-first']) {
    it(`keeps a match the reader hid on the route it moves to hidden (${order})`, async () => {
      const direct = await session.open(`b.html?order=${order}`);
      await direct.waitForMarks(2);
      await direct.openMark('Trump said afterwards');
      await press(direct, 'Not this claim');
      await direct.waitForMarks(1);
      await direct.page.close();
      const spa = await session.open(`a.html?order=${order}`);
      await spa.page.waitForTimeout(1_000);
      await spa.page.click('text=World desk');
      await spa.waitForMarks(1);
      await spa.page.waitForTimeout(1_500);
      expect(await spa.markTexts()).toEqual([PESKOV]);
    });
  }
});

describe('an address the page rewrites in its query as the reader scrolls', () => {
  it('is the same page: the card the reader opened stays, and no hidden match comes back', async () => {
    const page = await session.open('story.html');
    await page.waitForMarks(2);
    await page.openMark('Trump said afterwards');
    await press(page, 'Not this claim');
    await page.waitForMarks(1);
    await page.openMark('The Kremlin');
    await page.card();
    await page.page.evaluate(() => history.replaceState(null, '', 'story.html?ref=scroll'));
    await page.page.waitForTimeout(1_500);
    expect(await page.cardOpen()).toBe(true);
    expect(await page.markTexts()).toEqual([PESKOV]);
  });
});
