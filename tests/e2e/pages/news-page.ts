// A news page with Claimlight running on it, as a reader sees it: the marks, the card, the
// announcement. Claimlight draws them in closed shadow roots, which page script cannot enter; they
// are read over the DevTools protocol (scripts/lib/closed-roots.ts).
import type { ElementHandle, Page } from 'playwright-core';
import { colourRowsInPng } from '../../helpers/line-pixels';
import { announcement, cardHandle, drawnMarks, focusedMarkText, inCard, inClosedRoots } from '../../../scripts/lib/closed-roots';

export interface Mark {
  verdict: string;
  text: string;
  faint: boolean;
}

export class NewsPage {
  constructor(readonly page: Page) {}

  /** Every mark on the page (one per mention, drawn where its text is), in no particular order. */
  async marks(): Promise<Mark[]> {
    return (await drawnMarks(this.page)).filter((m) => m.boxes.length).map(({ verdict, text, faint }) => ({ verdict, text, faint }));
  }

  /** The texts of the marks, sorted, for comparisons. */
  async markTexts(): Promise<string[]> {
    return (await this.marks()).map((m) => m.text).sort();
  }

  /** Waits until the page shows this many marks. */
  async waitForMarks(count: number, timeout = 10_000): Promise<void> {
    const end = Date.now() + timeout;
    let seen = -1;
    while (Date.now() < end) {
      seen = (await this.marks()).length;
      if (seen === count) return;
      await this.page.waitForTimeout(50);
    }
    throw new Error(`expected ${count} marks, the page shows ${seen}`);
  }

  /**
   * Where the lines of the marks on some words are drawn, read off a screenshot of their first box: the rows of pixels
   * (counted from the boxes' top) that hold a colour within a small distance of `colour` (#rrggbb,
   * as it shows on the page's background), and the height of the first claim's box: the text and
   * the room under it where its line is drawn; and in the row that holds most of the colour, how
   * many pixels do.
   */
  async lineRows(start: string, colour: string): Promise<{ height: number; width: number; rows: number[]; widest: number }> {
    await this.page.getByText(start).first().scrollIntoViewIfNeeded();
    // The marks follow the text in the next frames.
    await this.page.waitForTimeout(300);
    // Of two marks on the same words, the one reaching furthest down (`data-layer`): both boxes start at the text's top.
    const boxes = (await drawnMarks(this.page)).filter((m) => m.text.startsWith(start) && m.boxes.length).map((m) => m.boxes[0]!);
    if (!boxes.length) throw new Error(`no mark on "${start}"`);
    const box = boxes.reduce((tallest, one) => (one.height > tallest.height ? one : tallest));
    const first = Math.min(...boxes.map((one) => one.height));
    const { found, widest } = await this.colourRows({ x: Math.ceil(box.x), y: Math.ceil(box.y), width: Math.floor(box.width) - 1, height: Math.floor(box.height) }, colour);
    return { height: Math.floor(first), width: Math.floor(box.width) - 1, rows: found, widest };
  }

  /** The rows of a part of the view (CSS pixels) that hold the colour, as a screenshot shows it. */
  async colourRows(clip: { x: number; y: number; width: number; height: number }, colour: string): Promise<{ found: number[]; widest: number }> {
    const png = await this.page.screenshot({ clip });
    // Decoded by the browser itself, in a blank page that no page policy restricts.
    const decoder = await this.page.context().newPage();
    try {
      return await decoder.evaluate(colourRowsInPng, { data: png.toString('base64'), colour });
    } finally {
      await decoder.close();
    }
  }

  /** The text under the keyboard focus mark, or null. */
  async focusedText(): Promise<string | null> {
    return focusedMarkText(this.page);
  }

  /** Points at the first word of the mark whose text starts with `start`. */
  /** Rests the pointer on the start of the first mark whose text starts so, which previews it. */
  async hoverMark(start: string): Promise<{ x: number; y: number }> {
    let mark = (await drawnMarks(this.page)).find((m) => m.text.startsWith(start) && m.boxes.length);
    if (!mark) throw new Error(`no mark starts with ${start}`);
    const first = mark.boxes[0]!;
    // Bring it to the middle of the view, then measure again where it is drawn.
    await this.page.evaluate((y) => window.scrollBy({ top: y - window.innerHeight / 2, behavior: 'instant' }), first.y);
    await this.page.waitForTimeout(50);
    mark = (await drawnMarks(this.page)).find((m) => m.text === mark!.text)!;
    const box = mark.boxes[0]!;
    const point = { x: box.x + Math.min(12, box.width / 2), y: box.y + box.height / 2 };
    await this.page.mouse.move(point.x - 40, point.y - 40);
    await this.page.mouse.move(point.x, point.y, { steps: 4 });
    return point;
  }

  /** Clicks the start of the first mark whose text starts so, which opens its card. */
  async openMark(start: string): Promise<void> {
    const point = await this.hoverMark(start);
    await this.page.mouse.click(point.x, point.y);
  }

  /** The preview's text while one shows, or null. */
  async previewText(): Promise<string | null> {
    const texts = await inClosedRoots(this.page, (root) => root.querySelector('.claimlight-preview')?.textContent ?? null, null);
    return texts.find((text) => text !== null) ?? null;
  }

  /** Whether a card is open. */
  async cardOpen(): Promise<boolean> {
    return (await inCard(this.page, () => true, null)) === true;
  }

  /** The open card's text, or null when none is open. */
  async cardText(): Promise<string | null> {
    return inCard(this.page, (card) => card.textContent, null);
  }

  /** Waits for a card to open, and gives it as an element handle. */
  async card(timeout = 5_000): Promise<ElementHandle<HTMLElement>> {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const card = await cardHandle(this.page);
      if (card) return card;
      await this.page.waitForTimeout(50);
    }
    throw new Error('no card opened');
  }

  /** The live region's text. */
  async announcement(): Promise<string> {
    return announcement(this.page);
  }
}
