/**
 * Claimlight's card layer on the page: one closed shadow root (WXT createShadowRootUi) holding the
 * claim card. The card is rendered with Preact and placed next to its
 * mention with @floating-ui/dom, flipping at the viewport's edges and following scroll. Page styles
 * stay out and ours stay in; what the card shows is `components/ClaimCard.tsx`'s business.
 */
import { arrow, autoUpdate, computePosition, flip, hide as referenceHidden, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import cardStyles from '@/components/ClaimCard.css?inline';
import { ClaimCard, type Dismissed, type MentionPlace } from '@/components/ClaimCard';
import { MentionPreview } from '@/components/MentionPreview';
import type { PageMention } from './page-mentions';
import { CardTabOrder, focusAt } from './card-tab-order';
import { clearHostAttributes } from './host-attributes';
import { LAYER_PREFIXES, unguessableTagName } from './tag-name';

const LAYER_STYLES = `
  .claimlight-layer { position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647; }
  .claimlight-floating { position: fixed; top: 0; left: 0; }
  /* The document has one selection, closed roots or not: text selected in the card, or a caret a
     click left there, is what page script reads back through document.getSelection() (extending
     it line by line reads the whole card). Nothing in it can be selected: the popup's search shows
     the same records, where text can be copied. */
  .claimlight-layer, .claimlight-layer * { user-select: none !important; -webkit-user-select: none !important; }
  /* A preview has no controls, and it goes when the pointer leaves its mark: page script sweeping
     elementFromPoint around the reader's resting pointer would find it, and learn which of the
     page's sentences the reader's packs hold. */
  .claimlight-floating:has(> .claimlight-preview), .claimlight-floating:has(> .claimlight-preview) * { pointer-events: none !important; }
  /* A card open as the reader prints is no part of the article (the marks' layer is left out too). */
  @media print { .claimlight-layer { display: none !important; } }
`;

/** Whether a mention's words are a link's (a teaser whose sentence is its link): a click there
 * follows the link, and the preview says how to open the record instead. */
function isInLink(range: Range): boolean {
  const node = range.startContainer;
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!element?.closest('a[href]');
}

/** Which card is open, how it was opened, and what to do when the reader acts on it. */
export interface OpenCard {
  mention: PageMention;
  opened: 'hover' | 'click' | 'keyboard';
  /** Where the pointer rested or clicked, in viewport px: the card goes beside that line, at that
   * point, rather than at the start of a mention that may span a paragraph. */
  at?: { x: number; y: number };
  /** Every mention on the same words, this one included, in reading order; the card can switch between them. */
  sameText: readonly PageMention[];
  onDismiss(): void;
  onClose(): void;
  onShowOther(mention: PageMention): void;
  /** The mention's place in the page's list, and the way to its neighbours. */
  place?: MentionPlace;
  /** A word about the page itself (it is old news), shown above the record. */
  notice?: string;
  /** Set once the reader said "Not this claim": the card says what was hidden instead. */
  dismissed?: Dismissed;
}

/**
 * The line of a range under a point, narrowed to the point: what a card or preview is placed
 * against, so that it sits beside the line being read, never over it, and near the pointer. It
 * follows the line when the page scrolls (the same line box, the same distance along it).
 */
function lineReference(range: Range, at: { x: number; y: number } | undefined): VirtualElement {
  const context = range.startContainer.parentElement ?? undefined;
  if (!at) return { getBoundingClientRect: () => range.getBoundingClientRect(), getClientRects: () => range.getClientRects(), contextElement: context };
  // A line with a link or emphasis in it, or with runs of both directions, is several boxes at
  // one height: the one under the pointer, else the nearest along the line (the first of them put
  // a click at a line's end 300 px from its card).
  const lines = [...range.getClientRects()];
  const distance = (r: DOMRect) => (at.y >= r.top - 1 && at.y <= r.bottom + 1 ? Math.max(r.left - at.x, at.x - r.right, 0) : Infinity);
  const index = lines.reduce((best, r, i) => (distance(r) < distance(lines[best]!) ? i : best), 0);
  const along = at.x - (lines[index]?.left ?? at.x);
  const rect = () => {
    const now = range.getClientRects();
    const line = now[Math.min(index, now.length - 1)] ?? range.getBoundingClientRect();
    const x = Math.min(line.right, line.left + along);
    return new DOMRect(x, line.top, 0, line.height);
  };
  return { getBoundingClientRect: rect, getClientRects: () => [rect()], contextElement: context };
}

/** The shadow-root layer: show a card, hide it. */
export class CardHost {
  private open: OpenCard | null = null;
  private stopFollowing: (() => void) | null = null;
  private returnFocus: HTMLElement | null = null;
  private shownPreviewArea: DOMRect | null = null;
  private readonly tabOrder: CardTabOrder;

  private constructor(private readonly ui: ShadowRootContentScriptUi<HTMLElement>) {
    this.tabOrder = new CardTabOrder(ui.shadowHost, ui.uiContainer);
  }

  /** Creates the layer; it is added to the page now and removed when the context ends. */
  static async create(ctx: ContentScriptContext): Promise<CardHost> {
    const ui = await createShadowRootUi(ctx, {
      // A tag name the page cannot guess: a page that defines a custom element under a fixed name
      // before we create ours would make attaching our shadow root throw, and no card would open.
      name: unguessableTagName(LAYER_PREFIXES.card),
      // Closed: page script reaching the host gets no root, so it can neither read a card (the
      // reader's claims, verdicts, pack titles) nor press its buttons.
      mode: 'closed',
      position: 'inline',
      anchor: 'html',
      append: 'last',
      css: LAYER_STYLES + cardStyles,
      // Keys typed in the card (Escape, Tab) must not reach the page's own shortcuts.
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: (container) => {
        container.classList.add('claimlight-layer');
        return container;
      },
      onRemove: (container) => {
        if (container) render(null, container);
      },
    });
    const host = new CardHost(ui);
    ctx.onInvalidated(() => host.tabOrder.release());
    ui.shadowHost.setAttribute('data-claimlight-ui', '');
    // A press of the main button on the card's text or its blank parts puts no caret there (see
    // LAYER_STYLES): only its controls take the press, and focus, as they would anywhere. (Focus
    // stays where it was, as for a press on any text; the card's keys are the document's.)
    ui.uiContainer.addEventListener('mousedown', (event) => {
      const target = event.composedPath()[0];
      if (event.button !== 0 || !(target instanceof Element) || target.closest('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')) return;
      event.preventDefault();
      // The heading, which the card moves focus to when it opens from the keyboard, takes it back.
      target.closest<HTMLElement>('[tabindex="-1"]')?.focus({ preventScroll: true });
    });
    // In the top layer, as a manual popover that nothing but us closes: a page's own top-layer
    // element (a popover, a full-screen element) cannot cover the card, since each card opens on
    // top again. A modal dialog the page opened still makes the rest of the page inert, the card
    // included: it is then shown above the dialog, but its buttons do not answer until it closes.
    if (typeof ui.shadowHost.showPopover === 'function') {
      ui.shadowHost.setAttribute('popover', 'manual');
      // The user agent's popover box (centred, bordered, padded) would be a visible square.
      ui.shadowHost.style.cssText = 'position: fixed; inset: 0 auto auto 0; width: 0; height: 0; margin: 0; padding: 0; border: 0; background: transparent; overflow: visible;';
    }
    ui.mount();
    host.toTop();
    host.draw();
    return host;
  }

  /** Puts the layer last in the top layer, above anything the page put there since. */
  private toTop(): void {
    const element = this.ui.shadowHost;
    if (typeof element.showPopover !== 'function' || !element.isConnected) return;
    try {
      if (element.matches(':popover-open')) {
        // Already above everything unless the page has put something in the top layer too.
        const others = [...document.querySelectorAll(':popover-open, :modal')].some((other) => other !== element);
        if (!others && !document.fullscreenElement) return;
        element.hidePopover();
      }
      element.showPopover();
    } catch {
      // A page that took the element out of the document, or a browser without the top layer.
    }
  }

  /** Puts the layer back in the document if page script took it out, so cards still open. (Its
   * look cannot be taken: WXT's `:host { all: initial !important }` wins over any page rule.) */
  guard(): void {
    const element = this.ui.shadowHost;
    clearHostAttributes(element);
    // The card is opened as a manual popover: a page that took the attribute away made it throw.
    if (typeof element.showPopover === 'function' && element.getAttribute('popover') !== 'manual') element.setAttribute('popover', 'manual');
    if (element.parentNode === document.documentElement) return;
    document.documentElement.append(element);
    this.toTop();
  }

  /** The element hosting the shadow root, which the page's observers must ignore. */
  get element(): HTMLElement {
    return this.ui.shadowHost;
  }

  /** Where the open preview lies, with the gap between it and its line, in viewport px, as last
   * placed; null when no preview is open. (Measured when placed, not as the pointer moves.) */
  get previewArea(): DOMRectReadOnly | null {
    return this.open?.opened === 'hover' ? this.shownPreviewArea : null;
  }

  /** The mention whose card is open, if any. */
  get current(): OpenCard | null {
    return this.open;
  }

  /** Opens a card for a mention, replacing any open one. */
  show(card: OpenCard): void {
    this.stopFollowing?.();
    this.shownPreviewArea = null;
    // A card opened from the keyboard takes focus; closing it gives focus back where it was.
    if (card.opened === 'keyboard' && !this.open) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && active !== this.ui.shadowHost ? active : null;
    }
    this.open = card;
    this.toTop();
    this.draw();
    // After drawing: a card drawn for another mention (its "Next mention") took the focused button
    // with the card it replaced, and the reader's next Tab goes into the new one.
    if (card.opened === 'click') this.tabOrder.follow(card.mention.range);
    else this.tabOrder.release();
    const floating = this.ui.uiContainer.querySelector<HTMLElement>('.claimlight-floating');
    if (!floating) return;
    const reference = lineReference(card.mention.range, card.at);
    const preview = card.opened === 'hover';
    const scale = this.fitToReader(floating);
    const arrowElement = floating.querySelector<HTMLElement>('.claimlight-preview__arrow');
    // Whether the mention's line has been in view since the card opened, and whether this card is
    // still the one followed (a placement asked for before it closed can answer after).
    let seen = false;
    let following = true;
    const place = () =>
      void computePosition(reference, floating, {
        strategy: 'fixed',
        // Below the line and centred on the pointer; above it when there is no room below.
        placement: card.at ? 'bottom' : 'bottom-start',
        middleware: [
          offset(preview ? 10 : 8),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          ...(arrowElement ? [arrow({ element: arrowElement, padding: 10 })] : []),
          // Never taller than the room left beside the mark, so the card cannot run off-screen.
          size({
            padding: 8,
            apply: ({ availableHeight, elements }) => {
              const card = elements.floating.firstElementChild as HTMLElement | null;
              // At least 160 pixels, where the view has that much: on a phone held sideways the
              // card scrolls whole (ClaimCard.css) rather than running past the screen's edge.
              const room = Math.max(availableHeight, Math.min(160, window.innerHeight - 16));
              if (!card) return;
              card.style.maxHeight = `${Math.floor(room / scale)}px`;
              // Again here: a card drawn anew ("Not this claim") is a new element.
              zoomCard(card, scale);
            },
          }),
          // A card given its 160 pixels where the room beside its line had fewer (400% zoom, a
          // laptop at 200%) is moved up or down into the view, over the line, rather than left
          // running off the screen, where no scrolling reaches what is cut. After `size`, so that
          // everywhere else the card keeps beside its line at the height left there. (A preview
          // keeps off the line the pointer reads; it is a few lines tall.)
          ...(preview ? [] : [shift({ padding: 8, mainAxis: false, crossAxis: true })]),
          // Last, as Floating UI asks: whether the line is out of the view (or scrolled out of its box).
          referenceHidden(),
        ],
      }).then(({ x, y, placement, middlewareData }) => {
        if (!following) return;
        // Its line scrolled out of view, the card closes rather than stay over the article (the
        // shift above keeps it in the view), as the reader closing it would: a keyboard card leaves
        // the reader at the mention. Only once the line was in view: a mention in text the page
        // clips (a folded section) still shows its card.
        if (!middlewareData.hide?.referenceHidden) seen = true;
        else if (seen) return card.onClose();
        floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
        const tip = floating.firstElementChild as HTMLElement | null;
        if (tip?.classList.contains('claimlight-preview')) {
          tip.dataset.side = placement.startsWith('top') ? 'top' : 'bottom';
          // The preview and the strip between it and its line, for the pointer on its way there.
          const box = tip.getBoundingClientRect();
          const line = reference.getBoundingClientRect();
          const top = placement.startsWith('top') ? box.top : Math.min(line.bottom, box.top);
          const bottom = placement.startsWith('top') ? Math.max(line.top, box.bottom) : box.bottom;
          this.shownPreviewArea = new DOMRect(box.left, top, box.width, bottom - top);
          if (arrowElement && middlewareData.arrow?.x !== undefined) arrowElement.style.left = `${Math.round(middlewareData.arrow.x / scale)}px`;
        }
      });
    const stop = autoUpdate(reference, floating, place);
    this.stopFollowing = () => {
      following = false;
      stop();
    };
  }

  /**
   * Sizes the card for the reader, whatever the page does: the layer undoes a CSS zoom on the
   * page's root (which it inherits, and which drew the card twice as large and twice as far off on
   * a page zoomed to 2), and the card is scaled by the reader's default text size over 16 pixels
   * (its sizes are written for 16: at 32, set for low vision, it kept its 14-pixel text). Gives
   * that scale, for the sizes set on the card in view pixels.
   */
  private fitToReader(floating: HTMLElement): number {
    const container = this.ui.uiContainer;
    const pageZoom = (document.documentElement as Element & { currentCSSZoom?: number }).currentCSSZoom || 1;
    container.style.zoom = pageZoom === 1 ? '' : String(1 / pageZoom);
    // `all: initial` on the layer's host makes its text "medium": the reader's default size.
    const scale = (parseFloat(getComputedStyle(container).fontSize) || 16) / 16;
    const card = floating.firstElementChild as HTMLElement | null;
    if (card) zoomCard(card, scale);
    return scale;
  }

  /** Turns the open card into what "Not this claim" did, with its ways back and further. */
  showDismissed(dismissed: Dismissed): void {
    if (!this.open) return;
    this.open = { ...this.open, dismissed };
    this.draw();
  }

  /**
   * Closes the open card. A card the keyboard opened gives focus back: to the place of `returnTo`
   * (the mention just left) when given, so that Tab goes on from there, or else to where focus was.
   * Any other card that holds focus as it closes (the reader tabbed into it, or pressed one of its
   * buttons) gives it to its mention, or to `returnTo`.
   */
  hide(returnTo?: Range): void {
    const wasKeyboard = this.open?.opened === 'keyboard';
    // Asked before the card goes: its focused button, taken out of the page, would leave focus on
    // <body>, and the next Tab at the top of the page or out of it.
    const heldFocus = !wasKeyboard && this.open !== null && document.activeElement === this.ui.shadowHost ? (returnTo ?? this.open.mention.range) : null;
    this.stopFollowing?.();
    this.stopFollowing = null;
    this.tabOrder.release();
    this.open = null;
    this.shownPreviewArea = null;
    this.draw();
    if (wasKeyboard) {
      // Only focus the card held is given back: a reader who went on into the page (its search
      // box, with the card still open) and pressed Escape there keeps their place.
      const active = document.activeElement;
      const inCard = active === this.ui.shadowHost || !active || active === document.body || active === document.documentElement;
      if (inCard) {
        if (returnTo?.startContainer.isConnected) focusAt(returnTo);
        else if (this.returnFocus?.isConnected) this.returnFocus.focus({ preventScroll: true });
        else this.ui.shadowHost.blur();
      }
      this.returnFocus = null;
    } else if (heldFocus?.startContainer.isConnected) focusAt(heldFocus);
  }

  private draw(): void {
    const card = this.open;
    render(
      <>
        {card && card.opened === 'hover' && (
          <div class="claimlight-floating">
            <MentionPreview key={card.mention.id} claim={card.mention.claim} verdict={card.mention.verdict} others={card.sameText.length - 1} inLink={isInLink(card.mention.range)} />
          </div>
        )}
        {card && card.opened !== 'hover' && (
          <div class="claimlight-floating">
            <ClaimCard
              key={card.mention.id}
              claim={card.mention.claim}
              verdict={card.mention.verdict}
              repeats={card.mention.repeats}
              matched={card.mention.cues}
              mentionText={card.mention.text}
              opened={card.opened}
              onDismiss={card.onDismiss}
              onClose={card.onClose}
              sentence={{ claims: card.sameText.map(({ id, claim, verdict }) => ({ id, claim, verdict })), shown: card.mention.id }}
              place={card.place}
              pageNotice={card.notice}
              dismissed={card.dismissed}
              onShowOther={(id) => {
                const other = card.sameText.find((m) => m.id === id);
                if (other) card.onShowOther(other);
              }}
            />
          </div>
        )}
      </>,
      this.ui.uiContainer,
    );
  }
}

/**
 * Sizes a card to the reader's default text size (`scale`, that size over 16 px) by CSS zoom, and
 * gives its sheet the view's width in the card's own pixels (`--claimlight-view-width`). Zoom
 * multiplies every length in the card, a `vw` too: at 24 px on a 427-pixel view the card drew 570
 * pixels wide, its Close button past the screen's edge.
 */
function zoomCard(card: HTMLElement, scale: number): void {
  card.style.zoom = scale === 1 ? '' : String(scale);
  card.style.setProperty('--claimlight-view-width', `${Math.floor(document.documentElement.clientWidth / scale)}px`);
}
