/**
 * Finds the mention under the pointer. Painted highlights have no DOM of their own to receive
 * events, so this asks the browser which text the pointer is over (caret position from point),
 * looks up the mentions of that text node, and checks the point is inside one of the range's
 * boxes (the caret API snaps to the nearest text even over blank space). Runs at most once a frame.
 */
import type { PageMention, PageMentions } from './page-mentions';

/** How long the pointer rests on a mark before its card opens, and leaves before it closes. */
export const HOVER_OPEN_MS = 150;
export const HOVER_CLOSE_MS = 300;

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

/** What the hover watcher reports, and what it needs to know. */
export interface HoverEvents {
  /** The pointer has rested on a mention. */
  entered(mention: PageMention): void;
  /** The pointer has left the mention it was on, and has not moved onto the card. */
  left(): void;
  /** Claimlight's own layer: while the pointer is over it, the open card stays as it is. */
  layer(): Element | null;
}

/** Watches the pointer over the page until the signal aborts. */
export function watchHover(document: Document, mentions: PageMentions, events: HoverEvents, signal: AbortSignal): void {
  let frame = 0;
  let current: PageMention | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let x = 0;
  let y = 0;
  const check = () => {
    frame = 0;
    const under = mentions.list().length ? mentionAt(document, mentions, x, y) : null;
    if (under?.id === current?.id) return;
    current = under;
    clearTimeout(timer);
    timer = under ? setTimeout(() => events.entered(under), HOVER_OPEN_MS) : setTimeout(() => events.left(), HOVER_CLOSE_MS);
  };
  document.addEventListener(
    'pointermove',
    (event) => {
      // Only the reader's own pointer opens cards: page script dispatching pointer events must not
      // be able to open each card in turn and read what the reader has.
      if (!event.isTrusted) return;
      const layer = events.layer();
      if (layer && event.composedPath().includes(layer)) {
        // On the card: keep it open, and forget the mark, so coming back to it opens it again.
        clearTimeout(timer);
        current = null;
        return;
      }
      x = event.clientX;
      y = event.clientY;
      // With no marks and no card open there is nothing to find: no frame is spent on it.
      if (!frame && (current || mentions.list().length)) frame = requestAnimationFrame(check);
    },
    { passive: true, signal },
  );
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    if (frame) cancelAnimationFrame(frame);
  });
}
