/**
 * Draws and removes the marks of mentions. Prefers the CSS Custom Highlight API, which paints
 * ranges without touching the page's DOM or layout; where it is missing, wraps each text run in a
 * `claimlight-mark` element (page CSS rarely targets it) and puts the original nodes back on removal.
 * Which ranges to mark is the content script's business; the look is `highlights.css`.
 */
import type { Verdict } from '@/lib/schema';

/** A range to mark, with the verdict that picks its look. */
export interface PaintedMention {
  range: Range;
  verdict: Verdict;
}

const FOCUS = 'claimlight-focus';
const markName = (verdict: Verdict) => `claimlight-${verdict}`;

/** Paints marks; `paint` replaces everything painted before. */
export interface Painter {
  paint(mentions: readonly PaintedMention[]): void;
  /** Shows the keyboard focus on one range, or on none. */
  focus(range: Range | null): void;
  /** Puts the marks back as painted if page script changed them (added ranges to them, replaced
   * or removed them, or registered marks under our names); true when something was repaired. */
  guard(): boolean;
  clear(): void;
}

/** True where the browser can paint ranges without changing the DOM. */
export function hasHighlightApi(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

class HighlightPainter implements Painter {
  /** What we painted: each name's highlight, the mentions' own ranges, and the copies the highlight
   * shows, the focus included. Page script can reach the copies through the registry and move
   * them; the mentions' ranges (hover, cards) stay ours. */
  private painted = new Map<string, { highlight: Highlight; ranges: Range[]; shown: Range[] }>();

  paint(mentions: readonly PaintedMention[]): void {
    const byName = new Map<string, Range[]>();
    for (const { range, verdict } of mentions) {
      const name = markName(verdict);
      const list = byName.get(name);
      if (list) list.push(range);
      else byName.set(name, [range]);
    }
    for (const name of this.painted.keys()) {
      if (name !== FOCUS && !byName.has(name)) {
        CSS.highlights.delete(name);
        this.painted.delete(name);
      }
    }
    for (const [name, ranges] of byName) this.set(name, ranges);
  }

  focus(range: Range | null): void {
    if (!range) {
      CSS.highlights.delete(FOCUS);
      this.painted.delete(FOCUS);
      return;
    }
    this.set(FOCUS, [range]);
  }

  guard(): boolean {
    let repaired = false;
    // Marks the page registered under a name of ours that we are not using.
    for (const name of [...CSS.highlights.keys()]) {
      if (name.startsWith('claimlight-') && !this.painted.has(name)) {
        CSS.highlights.delete(name);
        repaired = true;
      }
    }
    for (const [name, { highlight, ranges, shown }] of this.painted) {
      // Replaced, removed, with ranges added or taken away, or with one moved: the page's own
      // changes to the text move a copy and its original alike, so only a script moves them apart.
      if (
        CSS.highlights.get(name) !== highlight ||
        highlight.size !== shown.length ||
        shown.some((copy, i) => !highlight.has(copy) || !sameBounds(copy, ranges[i]!))
      ) {
        this.set(name, ranges);
        repaired = true;
      }
    }
    return repaired;
  }

  clear(): void {
    for (const name of this.painted.keys()) CSS.highlights.delete(name);
    this.painted.clear();
  }

  private set(name: string, ranges: Range[]): void {
    const shown = ranges.map((range) => range.cloneRange());
    const highlight = new Highlight(...shown);
    // The focus is drawn above the verdict's own mark, which paints the same text.
    if (name === FOCUS) highlight.priority = 1;
    CSS.highlights.set(name, highlight);
    this.painted.set(name, { highlight, ranges, shown });
  }
}

const sameBounds = (a: Range, b: Range) =>
  a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;

/** Text nodes a range covers, each with the part of it inside the range. */
function textRuns(range: Range): { node: Text; start: number; end: number }[] {
  const root = range.commonAncestorContainer;
  const runs: { node: Text; start: number; end: number }[] = [];
  const add = (node: Text) => {
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.data.length;
    if (end > start && range.intersectsNode(node)) runs.push({ node, start, end });
  };
  if (root.nodeType === Node.TEXT_NODE) add(root as Text);
  else {
    const walker = (root.ownerDocument ?? document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) add(node as Text);
  }
  return runs;
}

class WrappingPainter implements Painter {
  private marks: HTMLElement[] = [];

  paint(mentions: readonly PaintedMention[]): void {
    this.clear();
    for (const { range, verdict } of mentions) {
      // Split the runs from the last to the first, so earlier offsets stay valid.
      for (const { node, start, end } of textRuns(range).reverse()) {
        // White space alone may sit where a new element is not allowed (between table cells).
        if (!node.data.slice(start, end).trim()) continue;
        const middle = node.splitText(start);
        middle.splitText(end - start);
        const mark = node.ownerDocument.createElement('claimlight-mark');
        mark.setAttribute('data-claimlight-verdict', verdict);
        middle.replaceWith(mark);
        mark.append(middle);
        this.marks.push(mark);
      }
    }
  }

  guard(): boolean {
    // Wrapped marks are elements of the page; the observer already sees them change.
    return false;
  }

  focus(range: Range | null): void {
    for (const mark of this.marks) {
      mark.toggleAttribute('data-claimlight-focus', !!range && range.intersectsNode(mark.firstChild ?? mark));
    }
  }

  clear(): void {
    for (const mark of this.marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      mark.replaceWith(...mark.childNodes);
      // Join the text back into the node it was split from, as the page had it.
      parent.normalize();
    }
    this.marks = [];
  }
}

/** The painter this browser supports. */
export function createPainter(): Painter {
  return hasHighlightApi() ? new HighlightPainter() : new WrappingPainter();
}
