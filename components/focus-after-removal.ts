/**
 * Where focus goes when a button takes itself out of the page: "Delete" on a pack's row, "Remove"
 * on a feed's or a site rule's, "Mark again" on a hidden match. Left alone, focus falls to the
 * page's body and a keyboard user starts again from the top of the settings.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** The button with the same words in the nearest row after `button`'s row, else before it. */
function sameButtonNearby(button: HTMLElement): HTMLElement | null {
  const row = button.closest('li, tr');
  if (!row) return null;
  const same = (other: Element) => [...other.querySelectorAll<HTMLElement>('button')].find((b) => b.textContent === button.textContent);
  for (let other = row.nextElementSibling; other; other = other.nextElementSibling) {
    const found = same(other);
    if (found) return found;
  }
  for (let other = row.previousElementSibling; other; other = other.previousElementSibling) {
    const found = same(other);
    if (found) return found;
  }
  return null;
}

/**
 * Whether a click is the second (or later) of a double-click: a row's button that removes its row
 * at once (a site rule's Remove, a hidden match's Mark again) was gone before the second click
 * came, which then fell on the next row's button, in the same place, and removed that row too.
 * Keys and single clicks give 0 or 1.
 */
export function isRepeatedClick(event: Event): boolean {
  return (event as MouseEvent).detail > 1;
}

/**
 * Once a button the reader used is gone from the page, moves focus to the same button on the next
 * row, else the row before, else to `fallback` (a heading with tabIndex -1). Call `removing` as the
 * removal starts, and `kept` if it failed and the button stays.
 */
export function useFocusAfterRemoval(fallback: RefObject<HTMLElement>) {
  const pending = useRef<{ button: HTMLElement; next: HTMLElement | null } | null>(null);
  // A layout effect: focus moves in the same task that takes the button out, before anything else
  // can act on the page with focus on its body.
  useLayoutEffect(() => {
    const removal = pending.current;
    if (!removal || removal.button.isConnected) return;
    pending.current = null;
    const active = removal.button.ownerDocument.activeElement;
    // Only focus that went out with the button; not focus the reader has since taken elsewhere.
    if (active && active !== removal.button.ownerDocument.body) return;
    (removal.next?.isConnected ? removal.next : fallback.current)?.focus();
  });
  return {
    removing(button: HTMLElement) {
      pending.current = { button, next: sameButtonNearby(button) };
    },
    kept() {
      pending.current = null;
    },
  };
}
