/**
 * What of the page lies over its own text: a site's masthead or a cookie bar that stays put while
 * the text scrolls under it, a dialog, a menu hanging from a fixed header. The marks' layer is
 * above the whole page, so a mark on text under such a box was drawn over the box; the painter
 * cuts the mark's lines there instead.
 *
 * Candidates are found by asking the browser what is on top at a few points of the view
 * (`PROBES_X` by `PROBES_Y`, looking into open shadow roots, where consent banners often live) and
 * keeping what is in a fixed or sticky box. A line is cut only where the browser, asked at a point
 * of the line under a candidate, answers with the candidate, and something there paints (a
 * background, an image, a blur): a fixed background under the page's content, a full-view layer
 * that takes no pointer events and holds one small toast, or the transparent part of a bar that
 * holds a floating "pill" of links cover nothing but what they paint. Not found: a fixed box that
 * takes no pointer events itself (hit tests go through it), and a sticky head inside a pane of the
 * page that no probe reaches.
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

/** Whether a cover lies on top of the page at a point of the view (`coverAt`). */
export type CoveredAt = (cover: Cover, x: number, y: number) => boolean;

/** Where the view is asked what lies on top, as shares of its width and height: along its top and
 * bottom edges and a little inside them, where mastheads, banners and floating cookie cards stay,
 * and across its middle, where a dialog or a menu does. */
const PROBES_X = [0.1, 0.5, 0.9];
const PROBES_Y = [0, 0.1, 0.5, 0.9, 1];

/** How the probes read an element's style, once per pass over the marks. */
export type Styles = Map<Element, { pinned: boolean; catches: boolean; paints: boolean }>;

/** Elements that draw what they hold whatever their style says. */
const REPLACED = new Set(['img', 'video', 'canvas', 'iframe', 'svg', 'picture', 'object', 'embed', 'input', 'button', 'select', 'textarea']);

function styleOf(element: Element, styles: Styles) {
  let style = styles.get(element);
  if (!style) {
    const computed = getComputedStyle(element);
    const paints =
      REPLACED.has(element.localName) ||
      !/^(transparent|rgba\(.*,\s*0\))$/.test(computed.backgroundColor) ||
      computed.backgroundImage !== 'none' ||
      (computed.backdropFilter !== undefined && computed.backdropFilter !== 'none' && computed.backdropFilter !== '');
    style = { pinned: computed.position === 'fixed' || computed.position === 'sticky', catches: computed.pointerEvents !== 'none', paints };
    styles.set(element, style);
  }
  return style;
}

/** An element's parent, or the host of the shadow root it is in. */
function parentOf(element: Element): Element | null {
  const parent = element.parentNode;
  return parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
}

/** The element on top at a point, looking into open shadow roots (a hit test from the document
 * answers with their host). */
function topAt(document: Document, x: number, y: number): Element | null {
  let hit = document.elementFromPoint(x, y);
  for (let depth = 0; hit?.shadowRoot && depth < 32; depth++) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

const inside = (inner: DOMRect, outer: DOMRect) => inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

/**
 * The boxes a hit belongs to if it is in a fixed or sticky box: the outermost box between the hit
 * and that pinned box that takes pointer events (the pinned box itself, or, in a full-view layer
 * that takes none, the toast in it), and, where the hit hangs outside that box (a menu open below
 * a fixed header), the outermost box between them that does. Claimlight's own layers are not the
 * page's.
 */
function coversOf(hit: Element | null, styles: Styles): Element[] {
  const root = hit?.ownerDocument.documentElement;
  const path: Element[] = [];
  let catching: Element | null = null;
  for (let element = hit; element && element !== root; element = parentOf(element)) {
    if (element.localName.startsWith('claimlight-')) return [];
    path.push(element);
    const style = styleOf(element, styles);
    if (style.catches) catching = element;
    if (!style.pinned) continue;
    if (!catching) return [];
    const rect = catching.getBoundingClientRect();
    const hanging = path.slice(0, path.indexOf(catching)).reverse().find((below) => !inside(below.getBoundingClientRect(), rect));
    return hanging ? [catching, hanging] : [catching];
  }
  return [];
}

/** How many rows of probes there are (`findCovers`' `rows`). */
export const PROBE_ROWS = PROBES_Y.length;

/** The page's boxes that may lie over its text now, found by the probes: all of them, or those of
 * the rows given (indices into `PROBES_Y`). */
export function findCovers(document: Document, styles: Styles = new Map(), rows?: readonly number[]): Cover[] {
  const view = document.defaultView;
  if (!view || typeof document.elementFromPoint !== 'function') return [];
  const width = document.documentElement.clientWidth || view.innerWidth;
  const height = document.documentElement.clientHeight || view.innerHeight;
  const found: Element[] = [];
  for (const shareY of rows ? rows.map((row) => PROBES_Y[row]!) : PROBES_Y) {
    for (const shareX of PROBES_X) {
      const x = Math.min(width - 1, Math.max(0, Math.round(width * shareX)));
      const y = Math.min(height - 1, Math.max(0, Math.round(height * shareY)));
      for (const cover of coversOf(topAt(document, x, y), styles)) if (!found.includes(cover)) found.push(cover);
    }
  }
  return found.map((element) => ({ element, rect: element.getBoundingClientRect() }));
}

/** Whether a cover is what the reader sees at a point of the view: the browser finds it on top
 * there, and something of it between the point and the cover paints. */
export function coverAt(document: Document, styles: Styles = new Map()): CoveredAt {
  return (cover, x, y) => {
    const hit = topAt(document, x, y);
    if (!hit || !holds(cover.element, hit)) return false;
    for (let element: Element | null = hit; element; element = element === cover.element ? null : parentOf(element)) {
      if (styleOf(element, styles).paints) return true;
    }
    return false;
  };
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
 * or from below (the line under the text stops where the cover starts); a narrower one over the
 * text cuts it at its sides, leaving what lies left and right of it; a narrower one below the text
 * (a "back to top" button just under the line) only ends the line drawn under the text where it
 * starts, over its width. `coveredAt` says whether a cover is on top at a point: one cuts only there.
 */
export function uncovered(rect: DOMRect, clip: Clip, covers: readonly Cover[], reach: number, coveredAt: CoveredAt): Clip[] {
  let pieces = [clip];
  for (const cover of covers) {
    const c = cover.rect;
    pieces = pieces.flatMap((piece) => {
      const left = Math.max(rect.left, piece.left);
      const right = Math.min(rect.right, piece.right);
      const top = Math.max(rect.top, piece.top);
      const bottom = Math.min(rect.bottom + reach, piece.bottom);
      if (c.right <= left || c.left >= right || c.bottom <= top || c.top >= bottom) return [piece];
      if (!coveredAt(cover, (Math.max(left, c.left) + Math.min(right, c.right)) / 2, (Math.max(top, c.top) + Math.min(bottom, c.bottom)) / 2)) return [piece];
      const across = c.left <= left && c.right >= right;
      if (across && c.top <= top) return [{ ...piece, top: Math.max(piece.top, c.bottom), cut: { ...piece.cut, top: true } }];
      if (across || c.top >= rect.bottom) {
        // Below the text: the line drawn under it ends where the cover starts, over the cover's width.
        const under = { ...piece, bottom: Math.min(piece.bottom, c.top) };
        if (across) return [under];
        const parts: Clip[] = [];
        if (c.left > left) parts.push({ ...piece, right: c.left });
        parts.push({ ...under, left: Math.max(left, c.left), right: Math.min(right, c.right) });
        if (c.right < right) parts.push({ ...piece, left: c.right });
        return parts;
      }
      const sides: Clip[] = [];
      if (c.left > left) sides.push({ ...piece, right: Math.min(piece.right, c.left), cut: { ...piece.cut, right: true } });
      if (c.right < right) sides.push({ ...piece, left: Math.max(piece.left, c.right), cut: { ...piece.cut, left: true } });
      return sides;
    });
  }
  return pieces;
}
