import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inClosedRoots } from '../../scripts/lib/closed-roots';
import { seriousViolations } from './pages/axe';
import { OptionsPage } from './pages/options';
import { useExtensionSession } from './pages/session';

const session = useExtensionSession('tests/fixtures');

describe('the settings page', () => {
  it('has no serious or critical accessibility violations', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    await options.page.getByRole('switch').first().waitFor();
    expect(await seriousViolations(options.page)).toEqual([]);
    await options.page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(options.page)).toEqual([]);
    await options.page.close();
  });

  it('switches Claimlight off and on for an open tab, by keyboard', async () => {
    const news = await session.open('pages/hover.html');
    await news.waitForMarks(3);
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const toggle = options.page.getByRole('switch', { name: 'Mark claims on the pages I read' });
    await toggle.focus();
    await options.page.keyboard.press('Space');
    await news.waitForMarks(0);
    await toggle.focus();
    await options.page.keyboard.press('Space');
    await news.waitForMarks(3);
    await options.page.close();
    await news.page.close();
  });

  it('imports 10,000 claims with progress, and a bad file shows its errors and changes nothing', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const claims = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, text: `Claim number ${i} about the harbour.`, verdict: 'unverified', summary: 'Not checked yet.', context: [] }));
    const pack = { format: 'claimlight-pack', formatVersion: 1, id: 'ten-thousand', title: 'Ten thousand', version: '1', publisher: 'Tests', language: 'en', created: '2026-11-25', claims };
    await options.page.evaluate(() => {
      const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = []);
      new MutationObserver(() => {
        const text = document.querySelector('.import-progress')?.textContent;
        if (text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await options.importFile('big.json', JSON.stringify(pack));
    expect(await options.importStatus()).toContain('Imported “\u2068Ten thousand\u2069”: 10,000 claims');
    const seen = await options.page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((text) => /Storing claims: [\d,]+ of 10,000/.test(text))).toBe(true);
    // The store's summary is read again after the import's report: on a busy machine it can lag it.
    await expect.poll(() => options.summary(), { timeout: 20_000 }).toBe('10,028 claims in 2 packs');
    const before = [await options.summary(), await options.packs()];
    await options.importFile('bad.json', JSON.stringify({ ...pack, id: 'bad', claims: [{ ...claims[0], verdict: 'nope' }] }));
    expect(await options.importStatus()).toContain('claim 1 (`c0`): verdict: must be one of');
    expect([await options.summary(), await options.packs()]).toEqual(before);
    await options.page.getByRole('button', { name: 'Delete Ten thousand' }).click();
    // Our own question, with the count and its plural right; nothing is deleted before the answer.
    await expect.poll(() => options.page.getByRole('dialog').textContent()).toContain('Delete “\u2068Ten thousand\u2069” and its 10,000 claims?');
    await options.page.getByRole('dialog').getByRole('button', { name: 'Delete pack' }).click();
    await expect.poll(() => options.page.getByTestId('import-status').textContent(), { timeout: 20_000 }).toContain('Deleted “\u2068Ten thousand\u2069”');
    await expect.poll(() => options.summary()).toBe('28 claims in 1 pack');
    await options.page.close();
  });

  it('applies each control to an open tab: a site rule, the look of marks, the sensitivity', async () => {
    const news = await session.open('pages/hover.html');
    await news.waitForMarks(3);
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const ui = options.page;
    // A site rule: "Never" for this host.
    await ui.getByLabel('Site', { exact: true }).fill('127.0.0.1');
    await ui.getByLabel('Claimlight on this site').selectOption('never');
    await ui.getByRole('button', { name: 'Add rule' }).click();
    await news.waitForMarks(0);
    await ui.getByRole('button', { name: 'Remove the rule for 127.0.0.1' }).click();
    await news.waitForMarks(3);
    // The look: a background tint.
    // The tint's opacity on a drawn box, read inside Claimlight's layer: 0.22 is the tint's. The
    // tint is the box's last background layer, the one laid in the text's own box.
    const tintAlpha = async () =>
      (
        await inClosedRoots(news.page, (root) => {
          const box = root.querySelector('.mark > .box');
          if (!box) return null;
          const style = getComputedStyle(box);
          if (style.backgroundOrigin.split(', ').at(-1) !== 'content-box') return 0;
          return Number(/, ([\d.]+)\)\)$/.exec(style.backgroundImage)?.[1] ?? 1);
        }, null)
      ).find((alpha) => alpha !== null);
    // The page's mentions are accurate or context, faint by default: no tint until they are marked.
    expect(await tintAlpha()).toBe(0);
    await ui.getByRole('checkbox', { name: 'Accurate', exact: true }).check();
    await ui.getByRole('checkbox', { name: 'Context', exact: true }).check();
    await expect.poll(tintAlpha).toBeGreaterThan(0);
    expect(await tintAlpha()).toBeLessThan(0.2);
    await ui.getByRole('radio', { name: 'Background tint' }).check();
    await expect.poll(tintAlpha).toBe(0.22);
    // The sensitivity: broad marks a near miss too (Vance and Rubio due in Germany), precise does not.
    const slider = ui.locator('#sensitivity');
    await slider.focus();
    await ui.keyboard.press('Home');
    await news.page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'On Friday Vance and Rubio are due in Germany.';
      document.querySelector('p')!.after(p);
    });
    await news.waitForMarks(3);
    await ui.keyboard.press('End');
    await news.waitForMarks(4);
    await ui.keyboard.press('Home');
    await news.waitForMarks(3);
    await ui.getByRole('radio', { name: 'Underline' }).check();
    await slider.fill('0.5');
    await ui.getByRole('button', { name: 'Mark only the problems' }).click();
    await ui.close();
    await news.page.close();
  });

  it('fits a 400 px window: nothing runs off the side, and each pack reads as a card', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    await options.page.setViewportSize({ width: 400, height: 900 });
    const widths = await options.page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    const row = options.page.locator('.pack-list tbody tr').first();
    expect(await row.locator('td[data-label="Claims"]').evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Claims: "');
    // Dates as the browser's locale writes them, the month as a word (British English here), not "12/3/2026".
    expect(await row.locator('td[data-label="Imported"]').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await row.scrollIntoViewIfNeeded();
    await options.page.screenshot({ path: 'test-results/settings-400px.png' });
    await options.page.close();
  });

  it('keeps the pack table\'s column names and short values whole in a desktop window, and wraps a long title, here and in the delete question', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    await options.page.setViewportSize({ width: 1280, height: 800 });
    const title = 'Harbourledgerfactchecksarchiveeditionwithoutanyspacesinitsnamewhatsoeverneither';
    const claims = [{ id: 'c1', text: 'The ferry fares doubled.', verdict: 'false', summary: 'They rose by a tenth.', context: [] }];
    await options.importFile('long.json', JSON.stringify({ format: 'claimlight-pack', formatVersion: 1, id: 'long-title', title, version: '1', publisher: 'Harbour Checks', language: 'en', created: '2026-11-25', claims }));
    await options.importStatus();
    await options.page.getByRole('button', { name: `Delete ${title}` }).waitFor();
    // Each word of the table, but the title's, on one line: a word over two lines has boxes at two heights.
    const broken = await options.page.evaluate(() => {
      const found: string[] = [];
      for (const cell of document.querySelectorAll('.pack-list thead th, .pack-list tbody td:not(.actions)')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          for (const word of node.data.matchAll(/\S+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index!);
            range.setEnd(node, word.index! + word[0].length);
            if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) found.push(word[0]);
          }
        }
      }
      return found;
    });
    expect(broken).toEqual([]);
    const widths = await options.page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    await options.page.getByRole('button', { name: `Delete ${title}` }).click();
    const dialog = options.page.getByRole('dialog');
    await dialog.waitFor();
    const size = await dialog.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(size.scroll).toBeLessThanOrEqual(size.client);
    await dialog.getByRole('button', { name: 'Delete pack' }).click();
    await expect.poll(() => options.summary()).toBe('28 claims in 1 pack');
    await options.page.close();
  });

  it('previews the marks in a contrast theme as the page draws them there: borders in the verdict\'s style', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    await options.page.emulateMedia({ forcedColors: 'active' });
    const border = (verdict: string) => options.page.locator(`.mark-preview [data-verdict='${verdict}']`).evaluate((sample) => `${getComputedStyle(sample).borderBottomStyle} ${getComputedStyle(sample).borderBottomWidth}`);
    // False is marked in full by default (a wave: a double line here), accurate faintly.
    expect(await border('false')).toBe('double 3px');
    expect(await border('accurate-but-misdated')).toBe('dashed 3px');
    expect(await border('accurate')).toBe('dotted 1px');
    expect(await border('focus')).toBe('solid 3px');
    await options.page.emulateMedia({ forcedColors: 'none' });
    expect(await border('false')).toBe('none 0px');
    await options.page.close();
  });

  it('imports a file dropped on the import area', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const pack = JSON.parse(readFileSync('data/bundled-pack.json', 'utf8')) as { id: string; title: string; claims: unknown[] };
    const dropped = JSON.stringify({ ...pack, id: 'dropped', title: 'Dropped pack', claims: pack.claims.slice(0, 2) });
    const dataTransfer = await options.page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      return transfer;
    }, dropped);
    const area = options.page.getByRole('heading', { name: 'Import a pack' }).locator('..');
    await area.dispatchEvent('dragover', { dataTransfer });
    await area.dispatchEvent('drop', { dataTransfer });
    await expect.poll(() => options.importStatus()).toContain('Imported “\u2068Dropped pack\u2069”: 2 claims');
    await options.page.getByRole('button', { name: 'Delete Dropped pack' }).click();
    await options.page.getByRole('dialog').getByRole('button', { name: 'Delete pack' }).click();
    await expect.poll(() => options.summary()).toBe('28 claims in 1 pack');
    await options.page.close();
  });

  it('exports a pack that imports back exactly', async () => {
    const options = await OptionsPage.open(session.browser.context, session.browser.extensionId);
    const download = options.page.waitForEvent('download');
    await options.page.getByRole('button', { name: /^Export as Claimlight pack: Trump–Putin call / }).click();
    const first = readFileSync((await (await download).path())!, 'utf8');
    const pack = JSON.parse(first) as { id: string; title: string };
    // Import it as a pack of its own (the bundled pack's id is reserved), then export that.
    const copy = first.replace(`"id": "${pack.id}"`, '"id": "round-trip-copy"').replace(`"title": "${pack.title}"`, '"title": "Round-trip copy"');
    await options.importFile('copy.json', copy);
    expect(await options.importStatus()).toContain('Imported “\u2068Round-trip copy\u2069”: 28 claims');
    const again = options.page.waitForEvent('download');
    await options.page.getByRole('button', { name: 'Export as Claimlight pack: Round-trip copy' }).click();
    expect(readFileSync((await (await again).path())!, 'utf8')).toBe(copy);
    await options.page.getByRole('button', { name: 'Delete Round-trip copy' }).click();
    await options.page.getByRole('dialog').getByRole('button', { name: 'Delete pack' }).click();
    await expect.poll(() => options.summary()).toBe('28 claims in 1 pack');
    await options.page.close();
  });
});
