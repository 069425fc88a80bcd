/**
 * What of the page lies over its own text: a site's masthead or a cookie bar that stays put while
 * the text scrolls under it, a dialog. The marks' layer is above the whole page, so a mark on text
 * under such a box was drawn over the box; the painter cuts the mark's lines there instead.
 *
 * Candidates are found by asking the browser what is on top at a few points of the view
 * (`PROBES_X` by `PROBES_Y`) and keeping what is in a fixed or sticky box. A line is cut only where
 * the browser, asked at a point of the line under a candidate, answers with the candidate: a fixed
 * background under the page's content, or a full-view layer that takes no pointer events and holds
 * one small toast, covers nothing but the toast. Not found: a fixed box that takes no pointer
 * events itself (hit tests go through it), and a sticky head inside a pane of the page that no
 * probe reaches.
 */

/** A box of the page over its content, and where it is in the view. */
export interface Cover {
  element: Element;
  rect: DOMRect;
}

/** A region of the view, in viewport pixels, outside which nothing of a mark's line is drawn, and
 * the sides of it that a cover cut (where the keyboard focus's outline stops too). */
export interface Clip {
  left: number;
  top: number;
  right: number;
  bottom: number;
  cut?: { top?: boolean; left?: boolean; right?: boolean };
}

/** Where the view is asked what lies on top, as shares of its width and height: along its top and
 * bottom edges and a little inside them, where mastheads, banners and floating cookie cards stay,
 * and across its middle, where a dialog does. */
const PROBES_X = [0.1, 0.5, 0.9];
const PROBES_Y = [0, 0.1, 0.5, 0.9, 1];

/** How the probes read an element's style, once per search. */
type Styles = Map<Element, { pinned: boolean; catches: boolean }>;

function styleOf(element: Element, styles: Styles) {
  let style = styles.get(element);
  if (!style) {
    const computed = getComputedStyle(element);
    style = { pinned: computed.position === 'fixed' || computed.position === 'sticky', catches: computed.pointerEvents !== 'none' };
    styles.set(element, style);
  }
  return style;
}

/** An element's parent, or the host of the shadow root it is in. */
function parentOf(element: Element): Element | null {
  const parent = element.parentNode;
  return parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
}

/** The box a hit belongs to if it is in a fixed or sticky box: the outermost box between the hit and
 * that pinned box that takes pointer events (the pinned box itself, or, in a full-view layer that
 * takes none, the toast in it). Claimlight's own layers are not the page's. */
function coverOf(hit: Element | null, styles: Styles): Element | null {
  const root = hit?.ownerDocument.documentElement;
  let catching: Element | null = null;
  for (let element = hit; element && element !== root; element = parentOf(element)) {
    if (element.localName.startsWith('claimlight-')) return null;
    const style = styleOf(element, styles);
    if (style.catches) catching = element;
    if (style.pinned) return catching;
  }
  return null;
}

/** The page's boxes that may lie over its text now, found by the probes. */
export function findCovers(document: Document): Cover[] {
  const view = document.defaultView;
  if (!view || typeof document.elementFromPoint !== 'function') return [];
  const width = document.documentElement.clientWidth || view.innerWidth;
  const height = document.documentElement.clientHeight || view.innerHeight;
  const styles: Styles = new Map();
  const found: Element[] = [];
  for (const shareY of PROBES_Y) {
    for (const shareX of PROBES_X) {
      const x = Math.min(width - 1, Math.max(0, Math.round(width * shareX)));
      const y = Math.min(height - 1, Math.max(0, Math.round(height * shareY)));
      const cover = coverOf(document.elementFromPoint(x, y), styles);
      if (cover && !found.includes(cover)) found.push(cover);
    }
  }
  return found.map((element) => ({ element, rect: element.getBoundingClientRect() }));
}

/** Whether a node lies inside an element, across the shadow roots between them. */
export function holds(element: Element, node: Node): boolean {
  for (let at: Node | null = node; at; at = at instanceof ShadowRoot ? at.host : at.parentNode) if (at === element) return true;
  return false;
}

/**
 * The parts of a line of marked text (`rect`, viewport pixels) that the covers leave to draw, each
 * as the clip it is drawn in, starting from `clip`; `reach` is how far under the text its line is
 * drawn. A cover across the part's width cuts it from above (where it starts above the text's top)
 * or from below (the line under the text stops where the cover starts); a narrower one cuts it at
 * its sides, leaving what lies left and right of it. `onTop` asks the browser what is on top at a
 * point: a cover cuts only where it is.
 */
export function uncovered(rect: DOMRect, clip: Clip, covers: readonly Cover[], reach: number, onTop: (x: number, y: number) => Element | null): Clip[] {
  let pieces = [clip];
  for (const cover of covers) {
    const c = cover.rect;
    pieces = pieces.flatMap((piece) => {
      const left = Math.max(rect.left, piece.left);
      const right = Math.min(rect.right, piece.right);
      const top = Math.max(rect.top, piece.top);
      const bottom = Math.min(rect.bottom + reach, piece.bottom);
      if (c.right <= left || c.left >= right || c.bottom <= top || c.top >= bottom) return [piece];
      const hit = onTop((Math.max(left, c.left) + Math.min(right, c.right)) / 2, (Math.max(top, c.top) + Math.min(bottom, c.bottom)) / 2);
      if (!hit || !holds(cover.element, hit)) return [piece];
      if (c.left <= left && c.right >= right) {
        return c.top <= top ? [{ ...piece, top: Math.max(piece.top, c.bottom), cut: { ...piece.cut, top: true } }] : [{ ...piece, bottom: Math.min(piece.bottom, c.top) }];
      }
      const sides: Clip[] = [];
      if (c.left > left) sides.push({ ...piece, right: Math.min(piece.right, c.left), cut: { ...piece.cut, right: true } });
      if (c.right < right) sides.push({ ...piece, left: Math.max(piece.left, c.right), cut: { ...piece.cut, left: true } });
      return sides;
    });
  }
  return pieces;
}
