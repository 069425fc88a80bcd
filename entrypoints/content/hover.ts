/**
 * Finds the mention under the pointer, and tells a pointer that means a mark from one that passes
 * over it. Marks are drawn in a layer that takes no events, so this asks the browser which text the
 * pointer is over (caret position from point), looks up the mentions of that text node, and checks
 * the point is inside one of the range's boxes (the caret API snaps to the nearest text even over
 * blank space). Runs at most once a frame.
 *
 * A preview opens on a mark when the pointer rests on it (a dwell: it stays within a few pixels for
 * `HOVER_OPEN_MS`; a pointer drifting along the lines as the reader reads never rests); the full
 * card opens at once on a click or a tap.
 */
import type { PageMention, PageMentions } from './page-mentions';

/** How long the pointer rests on a mark before its card opens, and leaves before it closes. */
export const HOVER_OPEN_MS = 400;
export const HOVER_CLOSE_MS = 300;
/** How far the pointer may drift, in CSS pixels, and still be resting. */
export const DWELL_DRIFT_PX = 6;

interface CaretPoint {
  node: Node;
  offset: number;
}

function caretAt(document: Document, x: number, y: number): CaretPoint | null {
  const withPosition = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (typeof withPosition.caretPositionFromPoint === 'function') {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** The mention whose text is at this point of the viewport, or null. */
export function mentionAt(document: Document, mentions: PageMentions, x: number, y: number): PageMention | null {
  const caret = caretAt(document, x, y);
  if (!caret) return null;
  for (const mention of mentions.at(caret.node)) {
    for (const box of mention.range.getClientRects()) {
      if (x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1) return mention;
    }
  }
  return null;
}

const inside = (box: DOMRectReadOnly | null, x: number, y: number) => !!box && x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;

/** What the hover watcher reports, and what it needs to know. */
export interface HoverEvents {
  /** The pointer has come onto a mention: it may rest there, or only be passing. */
  approached(mention: PageMention): void;
  /** The pointer has rested on a mention, at this point of the viewport. */
  entered(mention: PageMention, at: { x: number; y: number }): void;
  /** The reader clicked or tapped a mention at this point, or (null) the page outside every
   * mention and the card. */
  clicked(mention: PageMention | null, at: { x: number; y: number }): void;
  /** The reader clicked the open preview, at this point: it says "Click for the full record". */
  previewClicked?(at: { x: number; y: number }): void;
  /** The pointer has left the mention it was on, and has not moved onto the card. */
  left(): void;
  /** Claimlight's own layer: while the pointer is over it, the open card stays as it is. */
  layer(): Element | null;
  /** Where a preview open lies, with the gap between it and its mark, in viewport px, as last
   * placed; null when none is open. */
  previewArea?(): DOMRectReadOnly | null;
}

/** Watches the pointer over the page until the signal aborts. */
export function watchHover(document: Document, mentions: PageMentions, events: HoverEvents, signal: AbortSignal): void {
  let frame = 0;
  let current: PageMention | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let x = 0;
  let y = 0;
  /** Where the pointer was when the dwell on `current` started. */
  let anchor = { x: 0, y: 0 };
  /** Whether the pointer was on the open preview when last checked: leaving it closes it. */
  let onPreview = false;
  const check = () => {
    frame = 0;
    // A pointer gone from the mark onto its preview, or on its way there, stays with it (WCAG
    // 1.4.13: content shown on hover can be hovered). The preview takes no pointer events (page
    // script must not find it by hit-testing), so the page under it is what the pointer is over:
    // it is found by where it was placed. A mark under the preview is not what the pointer is on,
    // even the preview's own: a mention wrapping over several lines has its preview under the line
    // the pointer rested on, over the lines after it, and taking the pointer there for the mark
    // restarted the rest, which opened the preview again a line lower at each move. (The area
    // starts at that line's bottom, or ends at its top, so the line itself is never inside it.)
    // And whether or not the pointer is still with a mark: one that slipped past the mark's end on
    // its line on the way down had left the mark, and the close timer that started then closed the
    // preview under it. Leaving the preview starts that timer, as leaving a mark does.
    if (inside(events.previewArea?.() ?? null, x, y)) {
      clearTimeout(timer);
      onPreview = true;
      return;
    }
    const leftPreview = onPreview;
    onPreview = false;
    const under = mentions.list().length ? mentionAt(document, mentions, x, y) : null;
    if (under && under.id === current?.id) {
      // Still on the same mark: moving further than a drift starts the dwell over.
      if (Math.hypot(x - anchor.x, y - anchor.y) <= DWELL_DRIFT_PX) return;
    } else if (!under && !current && !leftPreview) return;
    if (under) events.approached(under);
    current = under;
    anchor = { x, y };
    clearTimeout(timer);
    timer = under ? setTimeout(() => events.entered(under, { x, y }), HOVER_OPEN_MS) : setTimeout(() => events.left(), HOVER_CLOSE_MS);
  };
  const onLayer = (event: Event) => {
    const layer = events.layer();
    return !!layer && event.composedPath().includes(layer);
  };
  /** Forgets the mark the pointer was on and the rest it began there: the reader has clicked, or
   * the pointer is gone. */
  const forget = () => {
    clearTimeout(timer);
    current = null;
    onPreview = false;
  };
  // The pointer is gone from the page (out of the window, to the browser's own bar), taken by the
  // browser (a touch that became a scroll, a long press that selects), or the window lost focus: a
  // rest that began is no rest, and a preview open goes. (A preview opened as the pointer left the
  // page stayed until the next move, seconds later.)
  const gone = () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    forget();
    // Whether or not the pointer was still on the mark: moved off it a moment before, its preview
    // waited on the close timer just cleared. (`left` closes a previewing card only.)
    events.left();
  };
  document.addEventListener('pointerout', (event) => event.isTrusted && !event.relatedTarget && gone(), { capture: true, signal });
  document.addEventListener('pointercancel', (event) => event.isTrusted && gone(), { capture: true, signal });
  document.defaultView?.addEventListener('blur', (event) => event.isTrusted && gone(), { signal });
  document.addEventListener(
    'pointermove',
    (event) => {
      // Only the reader's own pointer opens cards: page script dispatching pointer events must not
      // be able to open each card in turn and read what the reader has.
      if (!event.isTrusted) return;
      // A finger does not rest to preview: a tap opens the card (`click`), and a finger held still
      // before a scroll or a selection is not a reader asking.
      if (event.pointerType === 'touch') return;
      if (onLayer(event)) {
        // On the card: keep it open, and forget the mark, so coming back to it opens it again.
        forget();
        return;
      }
      x = event.clientX;
      y = event.clientY;
      // With no marks and no card open there is nothing to find: no frame is spent on it.
      if (!frame && (current || onPreview || mentions.list().length)) frame = requestAnimationFrame(check);
    },
    // In the capture phase, as the click is: a page whose article stops its pointer moves from
    // bubbling (a drag area, a framework's handler) must not leave its marks without previews.
    { passive: true, capture: true, signal },
  );
  document.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted || event.button !== 0 || onLayer(event)) return;
      // The preview takes no pointer events, so a click on it lands on the page under it: a link
      // there was followed, another mark's card opened, or the preview only closed. It is the
      // preview's, which offers the full record.
      // (A click that ends a selection dragged over it is the selection's.)
      if (inside(events.previewArea?.() ?? null, event.clientX, event.clientY) && document.getSelection()?.isCollapsed !== false) {
        event.preventDefault();
        event.stopPropagation();
        forget();
        events.previewClicked?.({ x: event.clientX, y: event.clientY });
        return;
      }
      // A link keeps its click: the reader is going somewhere. So does a click that ends a selection.
      // On a mark in a link, Alt+click opens the record instead, as the preview says (the browser
      // would download the link).
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('a[href]') && event.altKey && mentions.list().length) {
        const mention = mentionAt(document, mentions, event.clientX, event.clientY);
        if (mention) {
          event.preventDefault();
          event.stopPropagation();
          forget();
          events.clicked(mention, { x: event.clientX, y: event.clientY });
          return;
        }
      }
      if (target?.closest('a[href], button, input, select, textarea, label, summary')) return;
      if (!document.getSelection()?.isCollapsed) {
        // A double or triple click selects words: its first click, the selection still empty,
        // opened the card of the mark under it, which is not what the reader asked for. It closes.
        if (event.detail >= 2 && mentions.list().length && mentionAt(document, mentions, event.clientX, event.clientY)) events.clicked(null, { x: event.clientX, y: event.clientY });
        return;
      }
      const mention = mentions.list().length ? mentionAt(document, mentions, event.clientX, event.clientY) : null;
      forget();
      events.clicked(mention, { x: event.clientX, y: event.clientY });
    },
    { capture: true, signal },
  );
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    if (frame) cancelAnimationFrame(frame);
  });
}
