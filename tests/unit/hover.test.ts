// @vitest-environment happy-dom
// The pointer's rest on a mark and its leaving, with the page's layout stood in for: one mention
// drawn from x 0 to 100 on the first line.
import { expect, it, vi } from 'vitest';
import { watchHover, HOVER_OPEN_MS } from '@/entrypoints/content/hover';

const trusted = <E extends Event>(e: E): E => { Object.defineProperty(e, 'isTrusted', { value: true }); return e; };
const move = (x: number, y: number) => { const e = trusted(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse', bubbles: true })); document.body.dispatchEvent(e); };

type Line = { left: number; right: number; top: number; bottom: number };
/** Watches a page of one paragraph holding one mention drawn over `lines`, its text where `onText`
 * says, with a preview lying from (0, 20) to (240, 130) while one is open, 10 px below a first line
 * that ends at 20 (it takes no pointer events, so the page is what is under the pointer there). */
function watchWithPreview(html: string, lines: Line[], onText: (x: number, y: number) => boolean) {
  document.body.innerHTML = html;
  const text = document.body.firstChild!.firstChild!;
  (document as unknown as Record<string, unknown>).caretRangeFromPoint = (x: number, y: number) => (onText(x, y) ? { startContainer: text, startOffset: 0 } : null);
  (document as unknown as Record<string, unknown>).caretPositionFromPoint = undefined;
  const mention = { id: 'm', range: { getClientRects: () => lines } };
  const mentions = { list: () => [mention], at: () => [mention] } as never;
  let open = false;
  const events = { approached: vi.fn(), entered: vi.fn(() => (open = true)), clicked: vi.fn(), previewClicked: vi.fn(), left: vi.fn(() => (open = false)), layer: () => null, previewArea: () => (open ? new DOMRect(0, 20, 240, 110) : null) };
  watchHover(document, mentions, events, new AbortController().signal);
  return events;
}

/** Watches a page of one paragraph whose first 100 px on the first line are one mention. */
function watchOneMention() {
  document.body.innerHTML = '<p>Ferry fares doubled.</p>';
  const text = document.body.firstChild!.firstChild!;
  (document as unknown as Record<string, unknown>).caretRangeFromPoint = (x: number) => (x < 100 ? { startContainer: text, startOffset: 0 } : null);
  (document as unknown as Record<string, unknown>).caretPositionFromPoint = undefined;
  const mention = { id: 'm', range: { getClientRects: () => [{ left: 0, right: 100, top: 0, bottom: 20 }] } };
  const mentions = { list: () => [mention], at: () => [mention] } as never;
  const events = { approached: vi.fn(), entered: vi.fn(), clicked: vi.fn(), left: vi.fn(), layer: () => null };
  watchHover(document, mentions, events, new AbortController().signal);
  return { mention, events };
}

it('closes a preview when the pointer leaves the mark, then the page within the close delay (which leaving the page stops)', async () => {
  vi.useFakeTimers();
  const { events } = watchOneMention();
  move(10, 10);
  await vi.advanceTimersByTimeAsync(50);
  await vi.advanceTimersByTimeAsync(HOVER_OPEN_MS + 50);
  expect(events.entered).toHaveBeenCalledTimes(1); // the preview is open
  move(300, 300); // off the mark, on the page: the close timer starts
  await vi.advanceTimersByTimeAsync(20);
  // ...and out of the window (to the tab strip) before it fires
  document.body.dispatchEvent(trusted(new PointerEvent('pointerout', { relatedTarget: null, bubbles: true })));
  await vi.advanceTimersByTimeAsync(2_000);
  expect(events.left).toHaveBeenCalled();
  vi.useRealTimers();
});

it('keeps a preview open while the pointer moves onto it, across the gap from its mark (WCAG 1.4.13), and closes it once the pointer leaves both', async () => {
  vi.useFakeTimers();
  const events = watchWithPreview('<p>Ferry fares doubled.</p>', [{ left: 0, right: 100, top: 0, bottom: 20 }], (x) => x < 100);
  move(10, 10);
  await vi.advanceTimersByTimeAsync(HOVER_OPEN_MS + 100);
  expect(events.entered).toHaveBeenCalledTimes(1);
  move(150, 25); // the gap, beside the mark's end
  await vi.advanceTimersByTimeAsync(50);
  move(200, 80); // on the preview
  await vi.advanceTimersByTimeAsync(2_000);
  expect(events.left).not.toHaveBeenCalled();
  move(300, 300); // off it, on the page
  await vi.advanceTimersByTimeAsync(2_000);
  expect(events.left).toHaveBeenCalledTimes(1);
  vi.useRealTimers();
});

it('keeps a preview where it is while the pointer rests on it over its own mention\'s next line, and closes it once the pointer leaves it', async () => {
  vi.useFakeTimers();
  // One mention over two lines, y 0 to 20 and 20 to 40: the preview under the first line lies over the second.
  const twoLines = [{ left: 0, right: 300, top: 0, bottom: 20 }, { left: 0, right: 300, top: 20, bottom: 40 }];
  const events = watchWithPreview('<p>Ferry fares doubled across the county after the reform, the mayor said.</p>', twoLines, (x, y) => x < 300 && y < 40);
  move(100, 10);
  await vi.advanceTimersByTimeAsync(HOVER_OPEN_MS + 100);
  expect(events.entered).toHaveBeenCalledTimes(1);
  move(100, 35); // onto the preview, with the mention's second line under it
  await vi.advanceTimersByTimeAsync(HOVER_OPEN_MS + 100);
  move(120, 38); // further along it
  await vi.advanceTimersByTimeAsync(HOVER_OPEN_MS + 100);
  expect(events.entered).toHaveBeenCalledTimes(1);
  expect(events.left).not.toHaveBeenCalled();
  move(100, 300); // off it, on the page
  await vi.advanceTimersByTimeAsync(2_000);
  expect(events.left).toHaveBeenCalledTimes(1);
  vi.useRealTimers();
});

it('keeps a preview open when the pointer slips past its mark\'s end on the line before going down onto it, and closes it once the pointer leaves it', async () => {
  vi.useFakeTimers();
  const events = watchWithPreview('<p>Ferry fares doubled.</p>', [{ left: 0, right: 100, top: 0, bottom: 20 }], (x) => x < 100);
  move(90, 10);
  await vi.advanceTimersByTimeAsync(HOVER_OPEN_MS + 100);
  expect(events.entered).toHaveBeenCalledTimes(1);
  move(115, 15); // past the mark's end, still on its line (above the preview's area): the close timer starts
  await vi.advanceTimersByTimeAsync(50);
  move(150, 60); // on the preview, within the close delay
  await vi.advanceTimersByTimeAsync(2_000);
  expect(events.left).not.toHaveBeenCalled();
  move(300, 300); // off it, on the page
  await vi.advanceTimersByTimeAsync(2_000);
  expect(events.left).toHaveBeenCalledTimes(1);
  vi.useRealTimers();
});

it('closes again the card that the first click of a double click on a mark opened: the reader was selecting a word', () => {
  const { mention, events } = watchOneMention();
  const click = (detail: number, x = 10) => document.body.firstChild!.dispatchEvent(trusted(new MouseEvent('click', { clientX: x, clientY: 10, detail, button: 0, bubbles: true })));
  getSelection()!.removeAllRanges();
  click(1);
  expect(events.clicked).toHaveBeenLastCalledWith(mention, { x: 10, y: 10 });
  // The second click finds the word it selected.
  getSelection()!.selectAllChildren(document.body.firstChild!);
  click(2);
  expect(events.clicked).toHaveBeenCalledTimes(2);
  expect(events.clicked).toHaveBeenLastCalledWith(null, { x: 10, y: 10 });
  // A click that ends a selection made by dragging (no second click) leaves what is open as it is.
  click(1);
  expect(events.clicked).toHaveBeenCalledTimes(2);
  // Nor does a double click off the marks close anything twice.
  click(2, 300);
  expect(events.clicked).toHaveBeenCalledTimes(2);
  getSelection()!.removeAllRanges();
});

it('takes a click on the open preview for the preview (which offers the full record), not for the link or the mark under it', async () => {
  vi.useFakeTimers();
  const events = watchWithPreview('<p>Ferry fares doubled. <a href="https://example.com/elsewhere">Elsewhere</a></p>', [{ left: 0, right: 100, top: 0, bottom: 20 }], (x, y) => x < 100 && y < 20);
  move(10, 10);
  await vi.advanceTimersByTimeAsync(HOVER_OPEN_MS + 100);
  expect(events.entered).toHaveBeenCalledTimes(1);
  move(200, 80); // onto the preview, which lies over the link
  await vi.advanceTimersByTimeAsync(50);
  const link = document.querySelector('a')!;
  const click = trusted(new MouseEvent('click', { clientX: 200, clientY: 80, button: 0, bubbles: true, cancelable: true }));
  link.dispatchEvent(click);
  expect(click.defaultPrevented).toBe(true);
  expect(events.previewClicked).toHaveBeenCalledWith({ x: 200, y: 80 });
  expect(events.clicked).not.toHaveBeenCalled();
  // A click that ends a selection dragged down over the preview is the selection's.
  getSelection()!.selectAllChildren(document.querySelector('p')!);
  link.dispatchEvent(trusted(new MouseEvent('click', { clientX: 200, clientY: 80, button: 0, bubbles: true, cancelable: true })));
  expect(events.previewClicked).toHaveBeenCalledTimes(1);
  getSelection()!.removeAllRanges();
  // With no preview open, the same click is the link's: Claimlight leaves it alone.
  events.left();
  link.dispatchEvent(trusted(new MouseEvent('click', { clientX: 200, clientY: 80, button: 0, bubbles: true, cancelable: true })));
  expect(events.previewClicked).toHaveBeenCalledTimes(1);
  expect(events.clicked).not.toHaveBeenCalled();
  vi.useRealTimers();
});
