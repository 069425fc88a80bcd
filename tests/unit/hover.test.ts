// @vitest-environment happy-dom
// The pointer's rest on a mark and its leaving, with the page's layout stood in for: one mention
// drawn from x 0 to 100 on the first line.
import { expect, it, vi } from 'vitest';
import { watchHover, HOVER_OPEN_MS } from '@/entrypoints/content/hover';

const trusted = <E extends Event>(e: E): E => { Object.defineProperty(e, 'isTrusted', { value: true }); return e; };
const move = (x: number, y: number) => { const e = trusted(new PointerEvent('pointermove', { clientX: x, clientY: y, pointerType: 'mouse', bubbles: true })); document.body.dispatchEvent(e); };

it('closes a preview when the pointer leaves the mark, then the page within the close delay (which leaving the page stops)', async () => {
  vi.useFakeTimers();
  document.body.innerHTML = '<p>Ferry fares doubled.</p>';
  const text = document.body.firstChild!.firstChild!;
  (document as unknown as Record<string, unknown>).caretRangeFromPoint = (x: number) => (x < 100 ? { startContainer: text, startOffset: 0 } : null);
  (document as unknown as Record<string, unknown>).caretPositionFromPoint = undefined;
  const mention = { id: 'm', range: { getClientRects: () => [{ left: 0, right: 100, top: 0, bottom: 20 }] } };
  const mentions = { list: () => [mention], at: () => [mention] } as never;
  const events = { approached: vi.fn(), entered: vi.fn(), clicked: vi.fn(), left: vi.fn(), layer: () => null };
  watchHover(document, mentions, events, new AbortController().signal);
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
