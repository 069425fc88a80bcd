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
 * scroll boxes their text is in, cut where a box of the page that stays put (a masthead, a cookie
 * bar) lies over their text (`covers.ts`), and left out where the text is hidden. The layer also
 * holds the live region that tells screen readers what the page has, since the boxes say nothing.
 */
import { markStyleSheet, type MarkSettings } from '@/lib/mark-style';
import type { MentionVerdict } from '@/lib/verdicts';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { coverAt, findCovers, PROBE_ROWS, holds, uncovered, type Clip, type Cover, type CoveredAt, type Styles } from './covers';
import { LAYER_PREFIXES, unguessableTagName } from './tag-name';
import { clearHostAttributes } from './host-attributes';

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
  /** The page's classes or styles changed: a box over its text may have come or gone (a dialog
   * opened, a cookie bar dismissed). */
  pageRestyled(): void;
  /** Puts the layer back if page script took it out, and measures the marks again; true when the
   * layer had to be put back. */
  guard(): boolean;
  /** Puts the (empty) layer in the page now, whatever the page holds: a layer that appeared only
   * with a mark told page script which sentences the reader's packs hold (it adds a sentence and
   * watches), which claims they hid, and where Claimlight is off. */
  present(): void;
  /** Takes every mark away and stops following the page's layout, leaving the layer in place
   * (Claimlight switched off on the page); `clear` takes the layer too (the script is stopped). */
  empty(): void;
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
  /* A printed page is laid out anew, to the paper's width: boxes measured on the screen would
     underline other words there. Nothing of Claimlight's is printed. */
  @media print { :host { display: none !important; } }
`;

/** Where one mark is drawn: its boxes, relative to the layer, each the height of its text, and
 * compared as "x,y,w,h,room" joined. `room`, where a box that clips the text ends close below it,
 * is how far down from the box's (rounded) top anything of it may show. */
type Boxes = { x: number; y: number; width: number; height: number; room?: number; cut?: Clip['cut'] }[];
const keyOf = (boxes: Boxes) => boxes.map((b) => `${b.x},${b.y},${b.width},${b.height},${b.room ?? ''},${b.cut ? `${+!!b.cut.top}${+!!b.cut.left}${+!!b.cut.right}` : ''}`).join(';');
/** More than any line reaches under the text (`lib/mark-style.ts`: the tallest, a 3 px wave, is
 * 10.5 px, and a third claim's starts 24 px down): a clip further below cannot cut a line. */
const LINE_REACH = 48;

interface Drawn {
  mention: PaintedMention;
  group: HTMLElement;
  key: string;
  /** Its boxes as last measured, and whether a cover cut them (`covers.ts`). */
  boxes: Boxes;
  cut: boolean;
}

/** What a pass over the marks measures: every mark; or, as the window scrolls while some box of
 * the page lies over its content, only the marks near such a box or cut by one before (the rest
 * move with the layer); or, as it scrolls while none does, nothing unless the probes now find one
 * (a masthead made fixed once the reader scrolled past it). Larger takes in smaller. */
const enum Pass {
  LookForCovers = 1,
  NearCovers = 2,
  All = 3,
}
/** How often, at most, scrolling the window looks for boxes over the page while none is known. */
const COVER_LOOK_MS = 200;

/** Where a mention's text sits: the boxes that clip it, and whether it stays put on screen while the
 * window scrolls (in a fixed or sticky box), so that it moves against the document. */
interface TextPlace {
  /** The boxes that clip the text, each in the directions it clips: `overflow-x: clip` (with
   * `overflow-y: visible`) cuts nothing above or below. */
  clips: { element: Element; x: boolean; y: boolean }[];
  pinned: boolean;
  /** The text is set on a dark background (a site's dark theme): its marks take the dark colours. */
  dark: boolean;
  /** The node it was found for (the range's common ancestor): a range moved to other text (a
   * mention carried over to a paragraph made anew) is placed again. */
  at: Node;
}

/** How each element styles overflow and position, and what its background tells of the page
 * behind the text, read once per pass over the marks. */
type StyleCache = Map<Element, { x: boolean; y: boolean; pinned: boolean; backdrop: Backdrop | null }>;

/** The relative luminance (WCAG) of a CSS colour, and its opacity; null for one it cannot read.
 * rgb() is read here; any other form (oklch(), as Tailwind's colours compute) is drawn on a pixel
 * of a canvas and read back. */
const colours = new Map<string, { luminance: number; alpha: number } | null>();
function colourOf(color: string): { luminance: number; alpha: number } | null {
  let known = colours.get(color);
  if (known !== undefined) return known;
  let channels: number[] | null = null;
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(color);
  if (rgb) channels = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? Number.parseFloat(rgb[4]) / 100 : Number(rgb[4])];
  else channels = drawnColour(color);
  known = channels && {
    alpha: channels[3]!,
    luminance: 0.2126 * linear(channels[0]!) + 0.7152 * linear(channels[1]!) + 0.0722 * linear(channels[2]!),
  };
  if (colours.size < 256) colours.set(color, known);
  return known;
}

const linear = (channel: number) => {
  const v = channel / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

let pixel: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;
/** A colour as the browser draws it, [r, g, b, alpha], by a pixel of a canvas of our own. */
function drawnColour(color: string): number[] | null {
  pixel ??= typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true }) : null;
  if (!pixel) return null;
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = '#000';
  pixel.fillStyle = color;
  pixel.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

/** Below this luminance a background is dark: the light colours of marks show at under 3:1 there
 * (#1e1e1e is 0.013; mid-grey #777 is 0.18). */
const DARK_BACKGROUND = 0.18;

/** What an element's background says of the page behind its text: dark or light where it paints
 * a colour that mostly hides what is behind; `text` where it paints an image (a photo, a gradient)
 * whose brightness only the text's own colour tells; null where it shows what is behind it. */
type Backdrop = 'dark' | 'light' | 'text';

function backdropOf(style: CSSStyleDeclaration): Backdrop | null {
  const colour = colourOf(style.backgroundColor);
  if (colour && colour.alpha >= 0.5) return colour.luminance < DARK_BACKGROUND ? 'dark' : 'light';
  return style.backgroundImage && style.backgroundImage !== 'none' ? 'text' : null;
}

function styledOf(element: Element, cache: StyleCache) {
  let styled = cache.get(element);
  if (!styled) {
    const style = getComputedStyle(element);
    styled = { x: style.overflowX !== 'visible', y: style.overflowY !== 'visible', pinned: style.position === 'fixed' || style.position === 'sticky', backdrop: backdropOf(style) };
    cache.set(element, styled);
  }
  return styled;
}

/** Whether light text tells of a dark page behind it (light text on a light page would not be read). */
function lightText(element: Element | null): boolean {
  const colour = element && colourOf(getComputedStyle(element).color);
  return !!colour && colour.luminance > 0.5;
}

function placeOf(node: Node, cache: StyleCache): TextPlace {
  const place: TextPlace = { clips: [], pinned: false, dark: false, at: node };
  const root = node.ownerDocument?.documentElement;
  const textElement = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  // The nearest background painted behind the text decides; the page's own, past the body, last.
  let backdrop: Backdrop | null = null;
  for (let element = textElement; element && element !== root; element = element.parentElement) {
    const styled = styledOf(element, cache);
    if ((styled.x || styled.y) && element !== node.ownerDocument?.body) place.clips.push({ element, x: styled.x, y: styled.y });
    if (styled.pinned) place.pinned = true;
    backdrop ??= styled.backdrop;
  }
  if (backdrop === null && root) backdrop = styledOf(root, cache).backdrop;
  // No background painted at all: the canvas, dark where the page asks for a dark scheme and the
  // browser gives it; the text's colour tells as well.
  if (backdrop === null && root) {
    const scheme = getComputedStyle(root).colorScheme;
    backdrop = /\bdark\b/.test(scheme) && (!/\blight\b/.test(scheme) || matchMedia('(prefers-color-scheme: dark)').matches) ? 'dark' : 'text';
  }
  place.dark = backdrop === 'dark' || (backdrop === 'text' && lightText(textElement));
  return place;
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
  /** The page's boxes over its content at the last pass (`covers.ts`), when it looked, and the look
   * due once `COVER_LOOK_MS` have passed, for a scroll that came sooner. */
  private covers: Cover[] = [];
  private coversFound = -Infinity;
  /** The guard's passes, counted: each asks one row of probes (`guardRow`), and each cover, the
   * pass that last found it, so that one no probe has found for a round of rows is dropped. */
  private guardPasses = 0;
  private coverSeen = new Map<Element, number>();
  private lookDue: ReturnType<typeof setTimeout> | null = null;
  /** Whether a cover is on top at a point, during one pass (`covers.ts`). */
  private coveredAt: CoveredAt = () => false;
  private frame = 0;
  /** The frame that writes the live region's line (`announce`). */
  private announcing = 0;
  /** What the next frame's pass measures (`Pass`). */
  private pass: Pass = Pass.All;
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
      const place = this.placeFor(mention.range, cache);
      if (place.pinned) this.pinned = true;
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
      if (place.dark) group.dataset.dark = '';
      group.dataset.text = mention.text;
      return { mention, group, key: '', boxes: [], cut: false };
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
    this.focused = { mention: { range, verdict: 'unrated', text: group.dataset.text }, group, key: '', boxes: [], cut: false };
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
    cancelAnimationFrame(this.announcing);
    this.announcing = requestAnimationFrame(() => {
      live.textContent = text;
    });
  }

  pageRestyled(): void {
    this.relayout(Pass.LookForCovers);
  }

  relayout(pass: Pass = Pass.All): void {
    if (!this.host) return;
    this.pass = this.frame ? Math.max(this.pass, pass) : pass;
    if (this.frame) return;
    // A layer just put in the page costs the page a layout of its own: that frame is left to it,
    // and the marks are measured and drawn in the next, so neither task carries both.
    const settled = !this.fresh;
    this.fresh = false;
    this.frame = requestAnimationFrame(() => {
      if (!settled) {
        this.frame = 0;
        this.relayout(this.pass);
        return;
      }
      this.frame = 0;
      this.draw(this.pass);
    });
  }

  guard(): boolean {
    const host = this.host;
    if (!host) return false;
    let repaired = clearHostAttributes(host);
    if (host.parentNode !== this.document.documentElement) {
      this.document.documentElement.append(host);
      repaired = true;
    }
    // A box folded, or made to clip or stay put, inside a part of the page whose size did not
    // change (a panel, a dialog, an app's own scrolling pane) reports no resize: found here.
    this.restyled = true;
    // One row of probes a second, in turn, beside the covers found before: every probe each second
    // held a page of a million nodes for some 270 ms of hit tests at a time (traced), where a
    // scroll, a resize or a change of the page's styles asks them all at once.
    this.guardPasses++;
    if (this.drawn.length || this.focused) this.draw(Pass.All, this.guardPasses % PROBE_ROWS);
    return repaired;
  }

  present(): void {
    this.ensureHost();
  }

  empty(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.listening?.abort();
    this.listening = null;
    this.resizes?.disconnect();
    this.resizes = null;
    for (const drawn of this.drawn) drawn.group.remove();
    this.focused?.group.remove();
    // What it said of the marks goes with them: a screen reader found "1 claim found" on a page
    // with none marked.
    cancelAnimationFrame(this.announcing);
    if (this.live) this.live.textContent = '';
    this.drawn = [];
    this.focused = null;
    this.covers = [];
    if (this.lookDue) clearTimeout(this.lookDue);
    this.lookDue = null;
  }

  clear(): void {
    this.empty();
    this.fresh = false;
    this.host?.remove();
    this.host = null;
    this.root = null;
    this.sheet = null;
    this.live = null;
    this.hiding = null;
  }

  /** The layer in the page (made on first use), and the page's layout followed (from the first
   * mark on: a page with none is not measured). */
  private ensureLayer(): boolean {
    if (!this.ensureHost()) return false;
    if (!this.listening) this.follow();
    return true;
  }

  /** Makes the layer, empty, and puts it in the page, once. */
  private ensureHost(): boolean {
    const documentElement = this.document.documentElement;
    if (this.host) {
      // One the page took out while there was nothing to draw: back before drawing in it.
      if (!this.host.isConnected && documentElement) documentElement.append(this.host);
      return true;
    }
    if (!(documentElement instanceof HTMLElement)) return false;
    // A tag name the page cannot guess, so it cannot define an element of its own under it first.
    const host = this.document.createElement(unguessableTagName(LAYER_PREFIXES.marks));
    const root = host.attachShadow({ mode: 'closed' });
    const sheet = this.document.createElement('style');
    const live = this.document.createElement('div');
    live.className = 'visually-hidden';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    // Its words are English, as the card's are: on a page in German, a German voice read them.
    live.lang = 'en';
    const hiding = this.document.createElement('style');
    root.append(sheet, hiding, live);
    sheet.textContent = LAYER_STYLES + this.rules;
    this.host = host;
    this.root = root;
    this.sheet = sheet;
    this.hiding = hiding;
    this.live = live;
    this.hide(this.hidden);
    documentElement.append(host);
    this.fresh = true;
    return true;
  }

  /** Follows the page's layout: what moves, resizes or covers the marked text. */
  private follow(): void {
    const documentElement = this.document.documentElement;
    const listening = new AbortController();
    this.listening = listening;
    const options = { capture: true, passive: true, signal: listening.signal };
    // Scrolling the window moves the layer with the text, so nothing needs measuring, unless some
    // marked text is in a fixed or sticky box, or such a box lies over the page's text (then the
    // marks near it are measured); scrolling a box inside the page moves only its text.
    this.document.addEventListener(
      'scroll',
      (event) => {
        if (event.target !== this.document || this.pinned || this.focusPinned()) this.relayout();
        else if (this.covers.length) this.relayout(Pass.NearCovers);
        else this.lookSoon();
      },
      options,
    );
    // A header that slides in, a banner that fades out: where it ends is known once it has moved.
    for (const type of ['transitionend', 'animationend']) this.document.addEventListener(type, () => this.lookSoon(), options);
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
  }

  /** The page's layout changed size: a box may have started or stopped clipping marked text, or
   * holding it in place. Found again in the next frame, before the marks are measured. */
  private restyle(): void {
    this.restyled = true;
    this.relayout();
  }

  /** Looks for boxes over the page in the next frame, or, within `COVER_LOOK_MS` of the last look,
   * once they have passed: a scroll inside that time is put off, not lost. */
  private lookSoon(): void {
    const wait = this.coversFound + COVER_LOOK_MS - performance.now();
    if (wait <= 0) this.relayout(Pass.LookForCovers);
    else if (!this.lookDue) {
      this.lookDue = setTimeout(() => {
        this.lookDue = null;
        this.relayout(Pass.LookForCovers);
      }, wait);
    }
  }

  /** Where a range's text sits, found the first time it is asked for. */
  private placeFor(range: Range, cache: StyleCache): TextPlace {
    let place = this.places.get(range);
    // A range moved to other text (a mention carried over to a paragraph made anew) is placed again:
    // the boxes that clipped its old text are out of the page.
    if (!place || place.at !== range.commonAncestorContainer) this.places.set(range, (place = placeOf(range.commonAncestorContainer, cache)));
    return place;
  }

  private focusPinned(): boolean {
    return !!this.focused && !!this.places.get(this.focused.mention.range)?.pinned;
  }

  /** Measures the marks the pass asks for (all reads first), then moves the boxes of those that
   * moved; with `guardRow`, asking only that row of probes for covers (`guard`). */
  private draw(pass: Pass = Pass.All, guardRow?: number): void {
    const host = this.host;
    if (!host) return;
    const all = this.focused ? [...this.drawn, this.focused] : this.drawn;
    // Only while there is something to draw: each probe is a hit test.
    const styles: Styles = new Map();
    const found = all.length ? findCovers(this.document, styles, guardRow === undefined ? undefined : [guardRow]) : [];
    if (guardRow === undefined) this.coverSeen.clear();
    for (const { element } of found) this.coverSeen.set(element, this.guardPasses);
    // The row's covers, and those another row found within the last round of rows, where they are now.
    const kept = guardRow === undefined ? [] : this.covers.filter(({ element }) => element.isConnected && !found.some((cover) => cover.element === element) && this.guardPasses - (this.coverSeen.get(element) ?? -Infinity) < PROBE_ROWS);
    this.covers = [...found, ...kept.map(({ element }) => ({ element, rect: element.getBoundingClientRect() }))];
    this.coveredAt = coverAt(this.document, styles);
    this.coversFound = performance.now();
    if (pass !== Pass.All && !this.covers.length && !all.some((drawn) => drawn.cut)) return;
    // Each mark's place, found again where the page's styles changed (`restyled`: marks not drawn
    // now, a verdict the reader hid, find theirs again when drawn) or where its range moved to
    // other text (`placeFor`); a page that switched to its dark theme, or back, changes its marks'
    // colours. (A look-up per mark otherwise.)
    const cache: StyleCache = new Map();
    if (this.restyled) {
      this.restyled = false;
      this.places = new WeakMap();
    }
    for (const drawn of all) drawn.group.toggleAttribute('data-dark', this.placeFor(drawn.mention.range, cache).dark);
    this.pinned = this.drawn.some((drawn) => this.placeFor(drawn.mention.range, cache).pinned);
    const origin = host.getBoundingClientRect();
    // A page zoomed with CSS zoom on <html> zooms the layer too: the text's boxes, measured in the
    // view's pixels, are drawn in the layer's, each that many view pixels. (Every mark was offset
    // and as much too large on such a page.)
    const zoom = (host as Element & { currentCSSZoom?: number }).currentCSSZoom || 1;
    // Covers in the layer's pixels, as the boxes are: a mark none of whose lines, nor the room
    // under them, meets one (and that none cut before) is where it was against the layer.
    const coversInLayer = this.covers.map(({ rect }) => ({ left: (rect.left - origin.left) / zoom, top: (rect.top - origin.top) / zoom, right: (rect.right - origin.left) / zoom, bottom: (rect.bottom - origin.top) / zoom }));
    const nearCover = (drawn: Drawn) => drawn.cut || drawn.boxes.some((b) => coversInLayer.some((c) => b.x < c.right && b.x + b.width > c.left && b.y < c.bottom && b.y + b.height + LINE_REACH > c.top));
    const targets = pass === Pass.All ? all : all.filter(nearCover);
    const measured = targets.map((drawn) => this.measure(drawn.mention.range, origin, zoom));
    targets.forEach((drawn, i) => {
      const { boxes, cut } = measured[i]!;
      drawn.boxes = boxes;
      drawn.cut = cut;
      const key = keyOf(boxes);
      if (key === drawn.key) return;
      drawn.key = key;
      drawn.group.replaceChildren(...boxes.map((box) => this.box(box)));
    });
  }

  /** The boxes of a range's text, relative to the layer: one per line, clipped to its scroll boxes
   * and cut where a box of the page lies over it (`cut`), none where the text is hidden. */
  private measure(range: Range, origin: DOMRect, zoom: number): { boxes: Boxes; cut: boolean } {
    const element = range.startContainer.nodeType === Node.ELEMENT_NODE ? (range.startContainer as Element) : range.startContainer.parentElement;
    if (!element?.isConnected) return { boxes: [], cut: false };
    if (typeof element.checkVisibility === 'function' && !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return { boxes: [], cut: false };
    let clip: Clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
    for (const { element: ancestor, x, y } of this.places.get(range)?.clips ?? []) {
      // Overflow is cut at the padding box's edge: inside borders and scroll bars.
      const r = ancestor.getBoundingClientRect();
      const left = r.left + ancestor.clientLeft;
      const top = r.top + ancestor.clientTop;
      if (x) clip = { ...clip, left: Math.max(clip.left, left), right: Math.min(clip.right, left + ancestor.clientWidth) };
      if (y) clip = { ...clip, top: Math.max(clip.top, top), bottom: Math.min(clip.bottom, top + ancestor.clientHeight) };
    }
    // Text inside a box lying over the page (a headline in a sticky header) is not under it.
    const covers = this.covers.filter((cover) => !holds(cover.element, range.commonAncestorContainer));
    const boxes: Boxes = [];
    let cut = false;
    for (const rect of range.getClientRects()) {
      // Element boundaries inside the range give empty rects; only text has width.
      if (rect.width < 1 || rect.height < 1) continue;
      const pieces = covers.length ? uncovered(rect, clip, covers, LINE_REACH, this.coveredAt) : [clip];
      if (pieces.length !== 1 || pieces[0] !== clip) cut = true;
      for (const piece of pieces) {
        const left = Math.max(rect.left, piece.left);
        const right = Math.min(rect.right, piece.right);
        const top = Math.max(rect.top, piece.top);
        const bottom = Math.min(rect.bottom, piece.bottom);
        if (right - left < 1 || bottom - top < 1) continue;
        // A line cut by a clip keeps its own height, so its line sits under the text, not at the cut.
        if (bottom < rect.bottom) continue;
        const box: Boxes[number] = { x: Math.round((left - origin.left) / zoom), y: Math.round((top - origin.top) / zoom), width: Math.round((right - left) / zoom), height: Math.round((rect.bottom - top) / zoom) };
        // The line is drawn under the text, in the box's padding: where the text's scroll box ends
        // just below it (a one-line teaser, a clamped summary), or a cover starts, the line must end there too.
        if (piece.bottom - rect.bottom < LINE_REACH) box.room = Math.max(0, Math.floor((piece.bottom - origin.top) / zoom) - box.y);
        if (piece.cut) box.cut = piece.cut;
        boxes.push(box);
      }
    }
    return { boxes, cut };
  }

  private box({ x, y, width, height, room, cut }: Boxes[number]): HTMLElement {
    const box = this.document.createElement('div');
    box.className = 'box';
    // Near a clip, the line is drawn in the room left under the text (`--claimlight-room` caps the
    // padding it is drawn in, so a line with no room left lies over the letters' lowest pixels
    // rather than vanishing), and nothing of the box shows past the clip's edge. Only the bottom
    // is cut there: the focus's outline, around the box, stays whole, except on a side a box of the
    // page lying over the text cut, where it would be drawn over that box.
    const edge = (side: boolean | undefined) => (side ? '0' : '-8px');
    const clipped = room !== undefined || cut;
    const roomStyle = room === undefined ? '' : ` --claimlight-room: ${Math.max(0, room - height)}px;`;
    const clipPath = clipped ? ` clip-path: inset(${edge(cut?.top)} ${edge(cut?.right)} ${room === undefined ? '-8px' : `calc(100% - ${room}px)`} ${edge(cut?.left)});` : '';
    box.style.cssText = `left: ${x}px; top: ${y}px; width: ${width}px; height: ${height}px;${roomStyle}${clipPath}`;
    return box;
  }
}

/** The painter for this page. */
export function createPainter(document: Document): Painter {
  return new OverlayPainter(document);
}
