/**
 * Where a card opened by a click or a tap sits in the Tab order: just after its mention, as a
 * non-modal popover sits after the button that opened it (WAI-ARIA practice). The card's layer is
 * the document's last element, so Tab reached it only after the rest of the page (41 presses past
 * a site's forty links). Focus is not moved on the click: a reader with a pointer keeps the page
 * still and the focus ring where it was. A card opened from the keyboard takes focus and keeps Tab
 * inside it (`components/ClaimCard.tsx`); where focus goes when a card closes is `card-host.tsx`'s.
 */

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** The element `focusAt` gives focus to at a mention: the one around its text. Focus on it, and
 * on nothing around it, is focus at the mention: an article a click on its blank space focuses (a
 * skip link's target, tabindex -1) holds the mention too, and the reader has left it. */
export function focusTargetAt(range: Range): HTMLElement | null {
  const node = range.commonAncestorContainer;
  const element = node instanceof Element ? node : node.parentElement;
  return element instanceof HTMLElement ? element : null;
}

/**
 * Puts focus at a mention's text, so that the next Tab goes on from there. Text cannot hold focus,
 * and a caret does not move where Tab starts from in Chromium; the element around the mention can,
 * made focusable (tabindex -1) until focus leaves it, when the page gets its element back as it was.
 */
export function focusAt(range: Range): void {
  const element = focusTargetAt(range);
  if (!element) return;
  if (!element.hasAttribute('tabindex')) {
    element.setAttribute('tabindex', '-1');
    element.addEventListener('blur', () => element.removeAttribute('tabindex'), { once: true });
  }
  element.focus({ preventScroll: true });
}

const plainTab = (event: KeyboardEvent) => event.key === 'Tab' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.defaultPrevented;

/** Whether `a` comes before `b` in the document. */
const isBefore = (a: Node, b: Node) => a !== b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

/** Keeps the open card's place in the Tab order: one card at a time, from `follow` to `release`. */
export class CardTabOrder {
  /** Everything listened for while a card is followed. */
  private following: AbortController | null = null;
  /** The page's next Tab, while the reader is still where the card was opened from. */
  private entry: AbortController | null = null;

  /**
   * @param layer the element hosting the card's shadow root, which is what the page sees focused
   * @param container the element inside the shadow root that holds the card
   */
  constructor(
    private readonly layer: HTMLElement,
    private readonly container: HTMLElement,
  ) {}

  /**
   * Follows a card the pointer opened on this mention, once it is drawn: the reader's next Tab
   * from where they are goes to its first control, Tab past its last control goes on from the
   * mention, and Shift+Tab from its first control goes back to the mention (or where focus was).
   */
  follow(mention: Range): void {
    this.release();
    this.following = new AbortController();
    const { signal } = this.following;
    const active = document.activeElement;
    // A click on text inside a focusable element (a tabindex region, an editor) focuses it: that is
    // where the reader goes back to. A click on plain text leaves focus on <body>.
    const focusWas = active instanceof HTMLElement && active !== document.body && active !== this.layer ? active : null;
    // The card's keys: they never reach the page (isolateEvents stops them at the layer's body,
    // this element, whose own listeners still run).
    this.container.addEventListener(
      'keydown',
      (event) => {
        if (!plainTab(event) || !(event.target instanceof Node)) return;
        const target = event.target;
        const tabbable = [...this.container.querySelectorAll<HTMLElement>(TABBABLE)];
        if (!event.shiftKey && !tabbable.some((element) => isBefore(target, element))) {
          // Past the last control: focus goes to the mention and the browser's own Tab, not
          // prevented, goes on from there to what follows it in the page. (The layer being last,
          // Tab would otherwise leave the page for the browser's toolbar.)
          if (mention.startContainer.isConnected) focusAt(mention);
        } else if (event.shiftKey && !tabbable.some((element) => isBefore(element, target))) {
          // Back before the first control (the end of the page, where the layer is, otherwise).
          event.preventDefault();
          if (focusWas?.isConnected) focusWas.focus({ preventScroll: true });
          // An element that no longer takes focus (a paragraph whose tabindex `focusAt` gave and took
          // back) leaves it on the card: the mention takes it instead.
          if (document.activeElement !== focusWas || !focusWas) {
            if (mention.startContainer.isConnected) focusAt(mention);
            else return;
          }
          this.awaitEntry();
        }
      },
      { signal },
    );
    if (document.activeElement !== this.layer) this.awaitEntry();
  }

  /** Stops following the card: Tab is the page's again, and no listener of ours is left. */
  release(): void {
    this.entry?.abort();
    this.entry = null;
    this.following?.abort();
    this.following = null;
  }

  /** Takes the page's next Tab into the card, until focus moves some other way. */
  private awaitEntry(): void {
    this.entry?.abort();
    const entry = new AbortController();
    this.entry = entry;
    // The reader went on elsewhere (clicked a field, tabbed backwards), or page script moved
    // focus: the Tab from there is the page's.
    document.addEventListener('focusin', () => entry.abort(), { capture: true, signal: entry.signal });
    // On the window, as the bubbling ends: a page that takes Tab for a widget of its own (a
    // roving focus, a carousel) prevents its default in its own listeners first, and keeps it.
    window.addEventListener(
      'keydown',
      (event) => {
        if (!event.isTrusted || !plainTab(event) || event.shiftKey) return;
        const first = this.container.querySelector<HTMLElement>(TABBABLE);
        if (!first) return;
        event.preventDefault();
        entry.abort();
        first.focus();
      },
      { signal: entry.signal },
    );
  }
}
