/**
 * Draws the marks of mentions in a layer of Claimlight's own: an element laid over the page whose
 * closed shadow root holds, for each mention, one box under each line of its text. Page script sees
 * one empty element. It cannot list the marks, read their verdicts or the reader's colours, restyle
 * them, or add marks that pass for ours, all of which it could with the CSS Custom Highlight API,
 * whose registry any script on the page can walk.
 *
 * The price is that the boxes must follow the text: they are measured again (reads only, written
 * only where something moved) when the page scrolls, resizes, loads fonts or changes, and once a
 * second in case it moved by other means. They are drawn above the page's content, clipped to the
 * scroll boxes their text is in, cut where a fixed or sticky box of the page (a header, a cookie
 * bar) lies over their text (`coversOf`), and left out where the text is hidden. The layer also
 * holds the live region that tells screen readers what the page has, since the boxes say nothing.
 */
import { markStyleSheet, type MarkSettings } from '@/lib/mark-style';
import type { MentionVerdict } from '@/lib/verdicts';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { unguessableTagName } from './tag-name';

/** A range to mark, with the verdict that picks its look and its text (kept with the mark, inside
 * the closed root, so tests driving the browser can tell the marks apart). */
export interface PaintedMention {
  range: Range;
  verdict: MentionVerdict;
  text: string;
  /** Drawn with a faint line: a verdict the reader did not choose to mark. */
  faint?: boolean;
}

/** Paints marks; `paint` replaces everything painted before. */
export interface Painter {
  /** Draws these mentions, given in reading order (by where their ranges start). */
  paint(mentions: readonly PaintedMention[]): void;
  /** Shows the keyboard focus on one range, or on none. */
  focus(range: Range | null): void;
  /** Draws the marks in the reader's look. */
  look(settings: MarkSettings): void;
  /** Says a line to screen readers, through a polite live region in the layer. */
  announce(text: string): void;
  /** Hides every mark, or shows them again; the reader's choice for this page. */
  hide(hidden: boolean): void;
  /** The page changed: measure the marks again before the next frame. */
  relayout(): void;
  /** Puts the layer back if page script took it out, and measures the marks again; true when the
   * layer had to be put back. */
  guard(): boolean;
  clear(): void;
}

/** The host's own style, set from inside its shadow root with every declaration important: in the
 * cascade, an important `:host` rule wins over anything the page's style sheets or the host's
 * style attribute say, so the page can neither hide, move nor fade the layer. */
const HOST_STYLE = [
  'all: initial',
  'display: block',
  // Not the page's text: selecting the whole page and copying it took the announcement along
  // ("Claimlight: 1 claim found on this page").
  'user-select: none',
  '-webkit-user-select: none',
  'position: absolute',
  'inset: 0 auto auto 0',
  'width: 0',
  'height: 0',
  'margin: 0',
  'overflow: visible',
  // Below the card's top layer, above everything else the page stacks.
  'z-index: 2147483646',
  'pointer-events: none',
  // Size and layout contained: nothing of the page's layout depends on the layer. Chromium does
  // not take an out-of-flow box for a relayout boundary, so drawing boxes starts a layout at the
  // document (traced), but one that lays out only what changed: the boxes, not the page's own.
  'contain: size layout style',
  // The marks' own custom properties start here, whatever the page sets on its root.
  '--claimlight-layer: 0px',
  '--claimlight-room: 1000px',
]
  .map((declaration) => `${declaration} !important;`)
  .join(' ');

/** Each box is an empty element whose background draws the verdict's line and tint
 * (`markStyleSheet`), the same declarations the settings page previews. */
const LAYER_STYLES = `
  :host { ${HOST_STYLE} }
  .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  .box { position: absolute; overflow: hidden; pointer-events: none; user-select: none; }
`;

/** Where one mark is drawn: its boxes, relative to the layer, each the height of its text, and
 * compared as "x,y,w,h,room" joined. `room`, where a box that clips the text ends close below it,
 * is how far down from the box's (rounded) top anything of it may show. */
type Boxes = { x: number; y: number; width: number; height: number; room?: number }[];
const keyOf = (boxes: Boxes) => boxes.map((b) => `${b.x},${b.y},${b.width},${b.height},${b.room ?? ''}`).join(';');
/** More than any line reaches under the text (`lib/mark-style.ts`: the tallest, a 3 px wave, is
 * 10.5 px, and a third claim's starts 24 px down): a clip further below cannot cut a line. */
const LINE_REACH = 48;

interface Drawn {
  mention: PaintedMention;
  group: HTMLElement;
  key: string;
}

/** Where a mention's text sits: the boxes that clip it, and whether it stays put on screen while the
 * window scrolls (in a fixed or sticky box), so that it moves against the document. */
interface TextPlace {
  /** The boxes that clip the text, each in the directions it clips: `overflow-x: clip` (with
   * `overflow-y: visible`) cuts nothing above or below. */
  clips: { element: Element; x: boolean; y: boolean }[];
  pinned: boolean;
}

/** How an element styles overflow, position and opacity, read once per pass over the marks. */
interface StyledBox {
  x: boolean;
  y: boolean;
  pinned: boolean;
  transparent: boolean;
}
type StyleCache = Map<Element, StyledBox>;
/** A region of the view, in viewport pixels, outside which nothing of a mark is drawn. */
type Clip = { left: number; top: number; right: number; bottom: number };

function placeOf(node: Node, cache: StyleCache): TextPlace {
  const place: TextPlace = { clips: [], pinned: false };
  const root = node.ownerDocument?.documentElement;
  for (let element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; element && element !== root; element = element.parentElement) {
    const styled = styleOf(element, cache);
    if ((styled.x || styled.y) && element !== node.ownerDocument?.body) place.clips.push({ element, x: styled.x, y: styled.y });
    if (styled.pinned) place.pinned = true;
  }
  return place;
}

/** Where the view is asked what lies on top (`coversOf`), as shares of its width and height: its
 * top and bottom edges, where headers and banners stay, and its middle, where a dialog does. */
const COVER_PROBES_X = [0.1, 0.5, 0.9];
const COVER_PROBES_Y = [0, 0.5, 1];
/** How often, at most, scrolling the window looks for boxes that came to lie over the page while
 * none did before (a header made fixed once the reader scrolls past it). */
const COVER_LOOK_MS = 200;

/**
 * The page's fixed and sticky boxes that lie over its content in the view now, found by asking the
 * browser what is on top at a few points (`COVER_PROBES_X` by `COVER_PROBES_Y`): a marked sentence
 * scrolled under a site's header is drawn over it otherwise, since the layer is above the whole
 * page. A hit test goes through boxes that take no pointer events (the layer itself) and boxes
 * that do not show; one whose opacity is 0 is left out by hand. Claimlight's own layers are not
 * the page's.
 */
function coversOf(document: Document, cache: StyleCache): Element[] {
  const view = document.defaultView;
  if (!view || typeof document.elementFromPoint !== 'function') return [];
  const width = document.documentElement.clientWidth || view.innerWidth;
  const height = document.documentElement.clientHeight || view.innerHeight;
  const covers: Element[] = [];
  for (const shareY of COVER_PROBES_Y) {
    for (const shareX of COVER_PROBES_X) {
      const x = Math.min(width - 1, Math.max(0, Math.round(width * shareX)));
      const y = Math.min(height - 1, Math.max(0, Math.round(height * shareY)));
      const cover = pinnedAncestor(document.elementFromPoint(x, y), cache);
      if (cover && !covers.includes(cover)) covers.push(cover);
    }
  }
  return covers;
}

/** The nearest fixed or sticky box that holds an element (across shadow roots), or null. */
function pinnedAncestor(start: Element | null, cache: StyleCache): Element | null {
  const root = start?.ownerDocument.documentElement;
  for (let element = start; element && element !== root; ) {
    if (element.localName.startsWith('claimlight-')) return null;
    const styled = styleOf(element, cache);
    if (styled.pinned) return styled.transparent ? null : element;
    const parent: Node | null = element.parentNode;
    element = parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
  }
  return null;
}

function styleOf(element: Element, cache: StyleCache): StyledBox {
  let styled = cache.get(element);
  if (!styled) {
    const style = getComputedStyle(element);
    styled = { x: style.overflowX !== 'visible', y: style.overflowY !== 'visible', pinned: style.position === 'fixed' || style.position === 'sticky', transparent: style.opacity === '0' };
    cache.set(element, styled);
  }
  return styled;
}

/** The part of a line's box (viewport pixels) that the covers leave, as the clip it gets: a cover
 * as tall as the line cuts it at the side; any other cuts it from above when it starts above the
 * text's top, else from below (where the line under the text would lie over it). Covers that hold
 * the text, or lie clear of the line and of the room under it, cut nothing. */
function uncovered(rect: DOMRect, clip: Clip, covers: readonly DOMRect[]): Clip {
  let cut = clip;
  for (const cover of covers) {
    if (cover.right <= rect.left || cover.left >= rect.right || cover.bottom <= rect.top || cover.top >= rect.bottom + LINE_REACH) continue;
    if (cover.top <= rect.top && cover.bottom >= rect.bottom) {
      if (cover.left <= rect.left) cut = { ...cut, left: Math.max(cut.left, cover.right) };
      else cut = { ...cut, right: Math.min(cut.right, cover.left) };
    } else if (cover.top <= rect.top) cut = { ...cut, top: Math.max(cut.top, cover.bottom) };
    else cut = { ...cut, bottom: Math.min(cut.bottom, cover.top) };
  }
  return cut;
}

export class OverlayPainter implements Painter {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private sheet: HTMLStyleElement | null = null;
  private live: HTMLElement | null = null;
  /** Holds the rule that hides the marks while the reader has them hidden. */
  private hiding: HTMLStyleElement | null = null;
  private hidden = false;
  private rules = markStyleSheet(DEFAULT_SETTINGS);
  private drawn: Drawn[] = [];
  private focused: Drawn | null = null;
  /** Where each mention's text sits: found when a range is first painted, and again (`restyled`)
   * when the page's layout changes size and at every guard, each second: a section folded after
   * load starts to clip its text. */
  private places = new WeakMap<Range, TextPlace>();
  private restyled = false;
  /** Whether some mark is on pinned text, which scrolling the window moves against the layer. */
  private pinned = false;
  /** The page's boxes found over its content at the last measuring (`coversOf`), and when. */
  private covers: Element[] = [];
  private coversFound = 0;
  private frame = 0;
  /** Whether the layer was put in the page since the last frame. */
  private fresh = false;
  private listening: AbortController | null = null;
  private resizes: ResizeObserver | null = null;

  constructor(private readonly document: Document) {}

  paint(mentions: readonly PaintedMention[]): void {
    if (!mentions.length && !this.drawn.length) return;
    if (!this.ensureLayer()) return;
    // Marks still on the page keep their boxes: a rescan that finds what it found before moves
    // and measures nothing.
    const before = new Map(this.drawn.map((drawn) => [drawn.mention.range, drawn]));
    const cache: StyleCache = new Map();
    this.pinned = false;
    // Two claims on one sentence lie on the same words: the second and third draw their lines
    // further under the text, so each verdict's line stays visible. Mentions come in reading
    // order, so ranges with the same start are neighbours: each is compared with those alone,
    // not with every mark before it.
    let sameStart: Range[] = [];
    const layerOf = (range: Range) => {
      if (sameStart.length && sameStart[0]!.compareBoundaryPoints(Range.START_TO_START, range) !== 0) sameStart = [];
      const same = sameStart.filter((other) => other.compareBoundaryPoints(Range.END_TO_END, range) === 0).length;
      sameStart.push(range);
      return same;
    };
    this.drawn = mentions.map((mention) => {
      const layer = layerOf(mention.range);
      if (this.placeFor(mention.range, cache).pinned) this.pinned = true;
      const kept = before.get(mention.range);
      if (kept && kept.mention.verdict === mention.verdict && !kept.mention.faint === !mention.faint && (kept.group.dataset.layer ?? '0') === String(layer)) {
        before.delete(mention.range);
        return kept;
      }
      const group = this.document.createElement('div');
      group.className = 'mark';
      // The boxes are drawing only; what they mark is said by the live region and the card.
      group.setAttribute('aria-hidden', 'true');
      group.dataset.verdict = mention.verdict;
      if (mention.faint) group.dataset.faint = '';
      if (layer) group.dataset.layer = String(Math.min(layer, 2));
      group.dataset.text = mention.text;
      return { mention, group, key: '' };
    });
    for (const gone of before.values()) gone.group.remove();
    const fragment = this.document.createDocumentFragment();
    for (const drawn of this.drawn) if (!drawn.group.isConnected) fragment.append(drawn.group);
    // The focus, drawn last, stays above the mark it is on.
    this.root!.insertBefore(fragment, this.focused?.group ?? null);
    // Measured in a later frame, not now: measuring forces a layout, and on a page of a million
    // nodes each one takes a tenth of a second. By then the card's layer, added on the same turn,
    // is in as well. The first marks wait one frame more (`relayout`), so that the page lays the
    // new layer out in a frame of its own.
    if (this.drawn.some((drawn) => !drawn.key)) this.relayout();
  }

  focus(range: Range | null): void {
    this.focused?.group.remove();
    this.focused = null;
    if (!range || !this.ensureLayer()) return;
    this.placeFor(range, new Map());
    const group = this.document.createElement('div');
    group.className = 'focus';
    group.setAttribute('aria-hidden', 'true');
    group.dataset.text = range.toString().replace(/\s+/g, ' ').trim();
    this.root!.append(group);
    this.focused = { mention: { range, verdict: 'unrated', text: group.dataset.text }, group, key: '' };
    this.relayout();
  }

  look(settings: MarkSettings): void {
    this.rules = markStyleSheet(settings);
    if (this.sheet && this.sheet.textContent !== LAYER_STYLES + this.rules) this.sheet.textContent = LAYER_STYLES + this.rules;
  }

  hide(hidden: boolean): void {
    this.hidden = hidden;
    if (this.hiding) this.hiding.textContent = hidden ? '.mark, .focus { display: none; }' : '';
  }

  announce(text: string): void {
    if (!this.ensureLayer()) return;
    const live = this.live!;
    // A frame after the region is in the page: a live region filled as it appears is often not read.
    requestAnimationFrame(() => {
      live.textContent = text;
    });
  }

  relayout(): void {
    if (this.frame || !this.host) return;
    // A layer just put in the page costs the page a layout of its own: that frame is left to it,
    // and the marks are measured and drawn in the next, so neither task carries both.
    const settled = !this.fresh;
    this.fresh = false;
    this.frame = requestAnimationFrame(() => {
      if (!settled) {
        this.frame = 0;
        this.relayout();
        return;
      }
      this.frame = 0;
      this.draw();
    });
  }

  guard(): boolean {
    const host = this.host;
    if (!host) return false;
    let repaired = false;
    if (host.parentNode !== this.document.documentElement) {
      this.document.documentElement.append(host);
      repaired = true;
    }
    // A box folded, or made to clip or stay put, inside a part of the page whose size did not
    // change (a panel, a dialog, an app's own scrolling pane) reports no resize: found here.
    this.restyled = true;
    this.draw();
    return repaired;
  }

  clear(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.fresh = false;
    this.listening?.abort();
    this.listening = null;
    this.resizes?.disconnect();
    this.resizes = null;
    this.host?.remove();
    this.host = null;
    this.root = null;
    this.sheet = null;
    this.live = null;
    this.hiding = null;
    this.drawn = [];
    this.focused = null;
    this.covers = [];
  }

  /** Creates the layer on first use, and starts following the page's layout. */
  private ensureLayer(): boolean {
    if (this.host) return true;
    const documentElement = this.document.documentElement;
    if (!(documentElement instanceof HTMLElement)) return false;
    // A tag name the page cannot guess, so it cannot define an element of its own under it first.
    const host = this.document.createElement(unguessableTagName('claimlight-marks'));
    const root = host.attachShadow({ mode: 'closed' });
    const sheet = this.document.createElement('style');
    sheet.textContent = LAYER_STYLES + this.rules;
    const live = this.document.createElement('div');
    live.className = 'visually-hidden';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    const hiding = this.document.createElement('style');
    root.append(sheet, hiding, live);
    this.live = live;
    this.hiding = hiding;
    this.hide(this.hidden);
    documentElement.append(host);
    this.fresh = true;
    this.host = host;
    this.root = root;
    this.sheet = sheet;
    const listening = new AbortController();
    this.listening = listening;
    const options = { capture: true, passive: true, signal: listening.signal };
    // Scrolling the window moves the layer with the text, so nothing needs measuring, unless some
    // marked text is in a fixed or sticky box, or such a box lies over the page's text (or may have
    // come to: looked for every `COVER_LOOK_MS`); scrolling a box inside the page moves only its text.
    this.document.addEventListener(
      'scroll',
      (event) => {
        if (event.target !== this.document || this.pinned || this.focusPinned() || this.covers.length || performance.now() - this.coversFound >= COVER_LOOK_MS) this.relayout();
      },
      options,
    );
    this.document.defaultView?.addEventListener('resize', () => this.restyle(), options);
    this.document.fonts?.addEventListener('loadingdone', () => this.relayout(), { signal: listening.signal });
    // Images and embeds that load late push text down without a DOM change.
    this.document.addEventListener('load', () => this.relayout(), options);
    if (typeof ResizeObserver === 'function') {
      // Its first report only says the observed boxes exist; the marks are measured already.
      let first = true;
      this.resizes = new ResizeObserver(() => {
        if (first) first = false;
        else this.restyle();
      });
      this.resizes.observe(documentElement);
      if (this.document.body) this.resizes.observe(this.document.body);
    }
    return true;
  }

  /** The page's layout changed size: a box may have started or stopped clipping marked text, or
   * holding it in place. Found again in the next frame, before the marks are measured. */
  private restyle(): void {
    this.restyled = true;
    this.relayout();
  }

  /** Where a range's text sits, found the first time it is asked for. */
  private placeFor(range: Range, cache: StyleCache): TextPlace {
    let place = this.places.get(range);
    if (!place) this.places.set(range, (place = placeOf(range.commonAncestorContainer, cache)));
    return place;
  }

  private focusPinned(): boolean {
    return !!this.focused && !!this.places.get(this.focused.mention.range)?.pinned;
  }

  /** Measures every mark (all reads first), then moves the boxes of those that moved. */
  private draw(): void {
    const host = this.host;
    if (!host) return;
    const all = this.focused ? [...this.drawn, this.focused] : this.drawn;
    if (this.restyled) {
      this.restyled = false;
      const cache: StyleCache = new Map();
      // Marks not drawn now (a verdict the reader hid) find theirs again when drawn.
      this.places = new WeakMap();
      for (const drawn of all) this.placeFor(drawn.mention.range, cache);
      this.pinned = this.drawn.some((drawn) => this.placeFor(drawn.mention.range, cache).pinned);
    }
    const origin = host.getBoundingClientRect();
    // A page zoomed with CSS zoom on <html> zooms the layer too: the text's boxes, measured in the
    // view's pixels, are drawn in the layer's, each that many view pixels. (Every mark was offset
    // and as much too large on such a page.)
    const zoom = (host as Element & { currentCSSZoom?: number }).currentCSSZoom || 1;
    // Only while there is something to draw: each probe is a hit test.
    this.covers = all.length ? coversOf(this.document, new Map()) : [];
    this.coversFound = performance.now();
    const covers = this.covers.map((element) => ({ element, rect: element.getBoundingClientRect() }));
    const measured = all.map((drawn) => this.measure(drawn.mention.range, origin, zoom, covers));
    all.forEach((drawn, i) => {
      const boxes = measured[i]!;
      const key = keyOf(boxes);
      if (key === drawn.key) return;
      drawn.key = key;
      drawn.group.replaceChildren(...boxes.map((box) => this.box(box)));
    });
  }

  /** The boxes of a range's text, relative to the layer: one per line, clipped to its scroll boxes
   * and cut where the page's fixed or sticky boxes lie over it, none where the text is hidden. */
  private measure(range: Range, origin: DOMRect, zoom: number, covers: readonly { element: Element; rect: DOMRect }[]): Boxes {
    const element = range.startContainer.nodeType === Node.ELEMENT_NODE ? (range.startContainer as Element) : range.startContainer.parentElement;
    if (!element?.isConnected) return [];
    if (typeof element.checkVisibility === 'function' && !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return [];
    let clip: Clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
    for (const { element: ancestor, x, y } of this.places.get(range)?.clips ?? []) {
      // Overflow is cut at the padding box's edge: inside borders and scroll bars.
      const r = ancestor.getBoundingClientRect();
      const left = r.left + ancestor.clientLeft;
      const top = r.top + ancestor.clientTop;
      if (x) clip = { ...clip, left: Math.max(clip.left, left), right: Math.min(clip.right, left + ancestor.clientWidth) };
      if (y) clip = { ...clip, top: Math.max(clip.top, top), bottom: Math.min(clip.bottom, top + ancestor.clientHeight) };
    }
    const lineClip = clip;
    // Text inside a box lying over the page (a headline in a sticky header) is not under it.
    const over = covers.filter((cover) => !holds(cover.element, range.commonAncestorContainer)).map((cover) => cover.rect);
    const boxes: Boxes = [];
    for (const rect of range.getClientRects()) {
      // Element boundaries inside the range give empty rects; only text has width.
      if (rect.width < 1 || rect.height < 1) continue;
      const clip = over.length ? uncovered(rect, lineClip, over) : lineClip;
      const left = Math.max(rect.left, clip.left);
      const right = Math.min(rect.right, clip.right);
      const top = Math.max(rect.top, clip.top);
      const bottom = Math.min(rect.bottom, clip.bottom);
      if (right - left < 1 || bottom - top < 1) continue;
      // A line cut by a clip keeps its own height, so its line sits under the text, not at the cut.
      if (bottom < rect.bottom) continue;
      const box: Boxes[number] = { x: Math.round((left - origin.left) / zoom), y: Math.round((top - origin.top) / zoom), width: Math.round((right - left) / zoom), height: Math.round((rect.bottom - top) / zoom) };
      // The line is drawn under the text, in the box's padding: where the text's scroll box ends
      // just below it (a one-line teaser, a clamped summary), the line must end there too.
      if (clip.bottom - rect.bottom < LINE_REACH) box.room = Math.max(0, Math.floor((clip.bottom - origin.top) / zoom) - box.y);
      boxes.push(box);
    }
    return boxes;
  }

  private box({ x, y, width, height, room }: Boxes[number]): HTMLElement {
    const box = this.document.createElement('div');
    box.className = 'box';
    // Near a clip, the line is drawn in the room left under the text (`--claimlight-room` caps the
    // padding it is drawn in, so a line with no room left lies over the letters' lowest pixels
    // rather than vanishing), and nothing of the box shows past the clip's edge. Only the bottom
    // is cut: the focus's outline, around the box, stays whole.
    const near = room === undefined ? '' : ` --claimlight-room: ${Math.max(0, room - height)}px; clip-path: inset(-8px -8px calc(100% - ${room}px) -8px);`;
    box.style.cssText = `left: ${x}px; top: ${y}px; width: ${width}px; height: ${height}px;${near}`;
    return box;
  }
}

/** Whether a node lies inside an element, across the shadow roots between them. */
function holds(element: Element, node: Node): boolean {
  for (let at: Node | null = node; at; at = at instanceof ShadowRoot ? at.host : at.parentNode) if (at === element) return true;
  return false;
}

/** The painter for this page. */
export function createPainter(document: Document): Painter {
  return new OverlayPainter(document);
}
