// A news page with Claimlight running on it, as a reader sees it: the marks, the card, the
// announcement. Marks are painted highlights, so they are read from the page's highlight registry.
import type { Page } from 'playwright-core';

export interface Mark {
  verdict: string;
  text: string;
}

export class NewsPage {
  constructor(readonly page: Page) {}

  /** Every mark on the page (one per mention), in no particular order. */
  async marks(): Promise<Mark[]> {
    return this.page.evaluate(() => {
      const out: { verdict: string; text: string }[] = [];
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('claimlight-') || name === 'claimlight-focus') continue;
        for (const range of highlight as unknown as Iterable<Range>) out.push({ verdict: name.slice('claimlight-'.length), text: range.toString().replace(/\s+/g, ' ').trim() });
      }
      return out;
    });
  }

  /** The texts of the marks, sorted, for comparisons. */
  async markTexts(): Promise<string[]> {
    return (await this.marks()).map((m) => m.text).sort();
  }

  /** Waits until the page shows this many marks. */
  async waitForMarks(count: number, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (n) => {
        let total = 0;
        for (const [name, highlight] of CSS.highlights) if (name.startsWith('claimlight-') && name !== 'claimlight-focus') total += (highlight as unknown as { size: number }).size;
        return total === n;
      },
      count,
      { timeout },
    );
  }

  /** The text under the keyboard focus mark, or null. */
  async focusedText(): Promise<string | null> {
    return this.page.evaluate(() => {
      const focus = CSS.highlights.get('claimlight-focus') as unknown as Iterable<Range> | undefined;
      const [range] = focus ? [...focus] : [];
      return range ? range.toString().replace(/\s+/g, ' ').trim() : null;
    });
  }

  /** Points at the first word of the mark whose text starts with `start`. */
  async hoverMark(start: string): Promise<void> {
    const point = await this.page.evaluate((prefix) => {
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('claimlight-')) continue;
        for (const range of highlight as unknown as Iterable<Range>) {
          if (!range.toString().replace(/\s+/g, ' ').trim().startsWith(prefix)) continue;
          range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
          const box = range.getClientRects()[0]!;
          return { x: box.left + Math.min(12, box.width / 2), y: box.top + box.height / 2 };
        }
      }
      return null;
    }, start);
    if (!point) throw new Error(`no mark starts with ${start}`);
    await this.page.mouse.move(point.x - 40, point.y - 40);
    await this.page.mouse.move(point.x, point.y, { steps: 4 });
  }

  private layer() {
    return this.page.locator('[data-claimlight-ui]');
  }

  /** The open card, located through our shadow root. */
  card() {
    return this.layer().locator('.claimlight-card');
  }

  /** The live region's text. */
  async announcement(): Promise<string> {
    return (await this.layer().locator('[aria-live]').textContent()) ?? '';
  }
}
