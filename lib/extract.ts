/**
 * Reads a page's visible text as blocks (paragraphs, headings, list items), with every character
 * mapped back to the DOM text node and offset it came from, so a mention found in the text can be
 * marked exactly. Works on any DOM: the page's own in the content script, linkedom's in the CLI.
 * What counts as a mention is `lib/matching/`'s business; drawing marks is the content script's.
 */

/** A run of block text that comes from one text node without changes in length. */
export interface TextSegment {
  node: Text;
  nodeOffset: number;
  blockOffset: number;
  length: number;
}

/** One block of visible text, white space collapsed, with its map back to the DOM. */
export interface TextBlock {
  text: string;
  segments: TextSegment[];
}

/** A position in the DOM: a text node and an offset in it. */
export interface DomPoint {
  node: Text;
  offset: number;
}

/** Options for `extractBlocks`. */
export interface ExtractOptions {
  /** Lets a browser add a computed-style check. */
  isHidden?: (element: Element) => boolean;
  /** Reads a block of plain inline markup whole, asking the DOM's selector engine whether it is
   * plain (`isPlainBlock`). For browsers, where that is native and touches no node from script;
   * a DOM written in JavaScript answers slower than the walk, and on deep nesting far slower. */
  wholeBlocks?: boolean;
  /** The CSS display of a custom element (`<x-tooltip>`), where the DOM can tell: a page's styles
   * may make one a block. Without it, a custom element is inline, as CSS has it by default. */
  displayOf?: (element: Element) => string;
}

// Inline elements continue the current block; every other element starts and ends one. The list
// follows the labelling rules of the eval set (../shared/eval/dev/check.mjs), with the old inline
// tags pages still use.
/** Elements whose text continues the block around them rather than starting one. */
export const INLINE_ELEMENTS: ReadonlySet<string> = new Set(
  'a abbr b bdi bdo cite data del dfn em font i ins mark q s small span strong sub sup time u var wbr label acronym big nobr tt strike ruby rb'.split(' '),
);
const INLINE = INLINE_ELEMENTS;

/** Inline elements whose own text, if any, is not read (`SKIPPED`), but which do not end the block
 * around them either: an emoji or flag image, an icon in a link, inline code, a glossary button, a
 * ruby annotation. Each used to cut its sentence in two, so a claim around one was marked over a
 * part of its sentence, or not at all. */
const INLINE_BOXES: ReadonlySet<string> = new Set(
  'img picture svg math button input select output meter progress code kbd samp rt rp iframe object embed canvas video audio textarea'.split(' '),
);
/** Elements inside a line of text that draw nothing there: a script an ad slot leaves in a
 * paragraph, a style, a template, a fallback for browsers without scripts, microdata's meta and
 * link. They neither end the block around them nor stand between its words: each used to cut its
 * sentence in two, so that a claim around one was marked twice, over each half, or not at all. */
const UNDRAWN: ReadonlySet<string> = new Set('script style template noscript noframes noembed meta link title datalist'.split(' '));
/** Of those, the ones that stand between words (all but a ruby annotation, which follows the
 * characters it annotates inside a word). */
const SEPARATING_BOXES: ReadonlySet<string> = new Set([...INLINE_BOXES].filter((name) => name !== 'rt' && name !== 'rp'));

// Never read: not text a reader sees, code the page shows as code, or places where a mark would
// break the page (form fields, editors, navigation menus, Claimlight's own UI).
const SKIPPED = new Set(
  `head script style noscript noframes noembed template title datalist svg math iframe object embed canvas
  video audio select option textarea input button code pre kbd samp nav dialog rt rp picture meter progress`.split(/\s+/),
);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/** Whether an element's own style attribute hides it (`display: none`, `visibility: hidden`). */
export const hidesByStyle = (style: string | null): boolean => style !== null && HIDDEN_STYLE.test(style);

/** True for an element whose attributes alone say a reader cannot see it or it is page chrome. */
export function isHiddenByAttributes(element: Element): boolean {
  if (element.localName.startsWith('claimlight-')) return true;
  // Most elements of a page have no attributes at all: one call answers for them.
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute('hidden')) return true;
  // Attribute values HTML reads whatever their case ("TRUE", "False").
  if (element.getAttribute('aria-hidden')?.toLowerCase() === 'true') return true;
  if (element.getAttribute('role') === 'navigation') return true;
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  if (element.hasAttribute('data-claimlight-ui')) return true;
  return hidesByStyle(element.getAttribute('style'));
}

const WHITESPACE = /\s+/g;
const RUN = /\s\s/;
const ONE_SPACE = /\s/;

/** A block as extraction makes it: its map given, or made from its element when first asked for.
 * One class for both, so the matcher reading `text` sees one shape. */
class Block implements TextBlock {
  constructor(
    readonly text: string,
    private map: TextSegment[] | null,
    private readonly element: Element | null,
  ) {}

  get segments(): TextSegment[] {
    if (!this.map) {
      const walk = new BlockWalk(this.element!, {});
      walk.advance(Number.POSITIVE_INFINITY);
      const walked = walk.blocks()[0];
      // The map is made when a mention is found, after the matcher's answer: if the page changed the
      // block meanwhile, its offsets no longer point at the words matched, and no mark is better than
      // one on other words (the change brings a rescan of the block).
      this.map = walked && walked.text === this.text ? walked.segments : [];
    }
    return this.map;
  }
}

class BlockBuilder {
  blocks: TextBlock[] = [];
  private text = '';
  /** Whether `text` ends in a space. Kept apart: asking the string, which grows by many small
   * appends, made V8 copy it whole each time (23 s for a 300,000-character block of spaced words). */
  private endsInSpace = false;
  private segments: TextSegment[] = [];
  /** Whether the space `text` ends in is one `separate` put there, no page character's. */
  private separated = false;

  private append(node: Text, nodeOffset: number, piece: string): void {
    if (this.separated && piece) {
      // The space `separate` put before this text is mapped to where the text starts.
      this.segments.push({ node, nodeOffset, blockOffset: this.text.length - 1, length: 1 });
    }
    const last = this.segments[this.segments.length - 1];
    if (last && last.node === node && last.nodeOffset + last.length === nodeOffset && last.blockOffset + last.length === this.text.length) {
      last.length += piece.length;
    } else {
      this.segments.push({ node, nodeOffset, blockOffset: this.text.length, length: piece.length });
    }
    this.text += piece;
    if (piece) {
      this.endsInSpace = piece.charCodeAt(piece.length - 1) === 32;
      this.separated = false;
    }
  }

  /**
   * Keeps the words on either side of an inline box (an image, an icon, a form control) apart, as
   * the reader sees them: "news<img>on" read "newson". The space is no page character's: it is
   * mapped to where the text after it starts (`append`), and left out if none comes.
   */
  separate(): void {
    if (!this.text || this.endsInSpace) return;
    this.text += ' ';
    this.endsInSpace = true;
    this.separated = true;
  }

  addText(node: Text): void {
    const data = node.data;
    // Most text nodes hold no run of white space: each white space character becomes a space, at
    // the same offset, so the node is one piece (the word-by-word path below is for the others).
    if (!RUN.test(data)) {
      const skipFirst = data.length > 0 && ONE_SPACE.test(data.charAt(0)) && (this.text.length === 0 || this.endsInSpace) ? 1 : 0;
      if (data.length > skipFirst) this.append(node, skipFirst, data.slice(skipFirst).replace(WHITESPACE, ' '));
      return;
    }
    let from = 0;
    WHITESPACE.lastIndex = 0;
    for (let match = WHITESPACE.exec(data); match; match = WHITESPACE.exec(data)) {
      if (match.index > from) this.append(node, from, data.slice(from, match.index));
      // A run of white space becomes one space, mapped to its first character.
      if (this.text.length > 0 && !this.endsInSpace) this.append(node, match.index, ' ');
      from = match.index + match[0].length;
    }
    if (from < data.length) this.append(node, from, data.slice(from));
  }

  /**
   * A block element whose descendants are all plain inline elements and text, taken whole: its
   * text from `textContent` with white space collapsed (what adding each of its text nodes would
   * give), and its map back to the DOM built only if a mention is found in it. The builder must be
   * between blocks, as it is on entering a block element.
   */
  addWholeBlock(element: Element): void {
    const text = (element.textContent ?? '').replace(WHITESPACE, ' ').trim();
    if (text) this.blocks.push(new Block(text, null, element));
  }

  endBlock(): void {
    if (this.endsInSpace) {
      this.text = this.text.slice(0, -1);
      if (!this.separated) {
        const last = this.segments[this.segments.length - 1]!;
        if (--last.length === 0) this.segments.pop();
      }
    }
    this.separated = false;
    if (this.text) this.blocks.push(new Block(this.text, this.segments, null));
    this.text = '';
    this.endsInSpace = false;
    this.segments = [];
  }
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function skips(element: Element, options: ExtractOptions): boolean {
  return SKIPPED.has(element.localName) || isHiddenByAttributes(element) || (options.isHidden?.(element) ?? false);
}

/** What an element the page adds does to its text: `none` for one drawn nowhere in it (a script, a
 * style, a template: an ad tag, an analytics loader); `spacing` for one that holds no text
 * extraction reads but stands between words (a frame, an image, a form field, code); `text` for
 * the rest. The first two added to the body made the body the block to read again, and the whole
 * page was scanned at every ad refresh. */
export function textAdded(element: Element): 'none' | 'spacing' | 'text' {
  const name = element.localName;
  if (UNDRAWN.has(name)) return 'none';
  return SKIPPED.has(name) || name === 'img' ? 'spacing' : 'text';
}

/** True when extraction never reads this element: it, or an element around it, is one the walk
 * skips (an editor, code, a form field, navigation, a hidden part). A part of the page scanned on
 * its own after a change starts below the walk's root, where the walk never saw those elements. */
export function isInsideSkipped(element: Element, options: ExtractOptions = {}): boolean {
  for (let at: Element | null = element; at; at = at.parentElement) if (skips(at, options)) return true;
  return false;
}

const DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\b/i;

/** Whether an element's attributes say the browser lays out no box for it: `hidden` (but
 * `hidden="until-found"`, which keeps its box), or `display: none` in its style. */
function drawsNoBox(element: Element): boolean {
  if (!element.hasAttributes()) return false;
  const hidden = element.getAttribute('hidden');
  if (hidden !== null && hidden.toLowerCase() !== 'until-found') return true;
  const style = element.getAttribute('style');
  return style !== null && DISPLAY_NONE.test(style);
}

/** Whether an element starts and ends a block. A custom element is inline unless the page's
 * styles say otherwise (`displayOf`); Claimlight's own are skipped whatever they are. */
function isBlock(node: Node, options: ExtractOptions): boolean {
  if (node.nodeType !== ELEMENT_NODE) return false;
  const name = (node as Element).localName;
  if (INLINE.has(name) || INLINE_BOXES.has(name) || UNDRAWN.has(name)) return false;
  if (!name.includes('-')) return true;
  const display = options.displayOf?.(node as Element);
  // (No display to read, as in a DOM without styles, is CSS's default: inline. An inline block, a
  // chip or a badge, is a block of its own, its words apart from those around it.)
  return !!display && display !== 'inline' && display !== 'contents' && display !== 'none';
}

/** The nearest element around a node (itself, for an element) that starts and ends a block, where
 * a sentence of its text can end: what to read again when the text inside it changes or shows. */
export function enclosingBlock(node: Node, options: ExtractOptions = {}): Element | null {
  let element = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (element && !isBlock(element, options) && element.parentElement) element = element.parentElement;
  return element;
}

/** Any element that would make a block differ from its `textContent`: one that is not a plain
 * inline element (blocks, line breaks, inline boxes, skipped and unknown elements) or whose attributes may hide
 * it (`isHiddenByAttributes`, `style` included whatever it says). */
const NOT_PLAIN_INLINE = `:not(${[...INLINE].join(', ')}), [hidden], [aria-hidden], [role], [contenteditable], [data-claimlight-ui], [style]`;

/**
 * True when a block element can be read whole (`addWholeBlock`): everything inside it is plain
 * inline markup, which the browser's own selector engine tells without the walk touching each
 * node. That matters in a content script, where every node a script touches gets a wrapper of its
 * own world, and a page of a million nodes made the collector stall the page for 200 ms and more.
 */
function isPlainBlock(element: Element): boolean {
  try {
    return element.querySelector(NOT_PLAIN_INLINE) === null;
  } catch {
    // A DOM whose selector engine cannot read the selector: walk the block node by node.
    return false;
  }
}

/**
 * A walk over the text under `root` that can stop and go on later: the tree is walked by sibling
 * and parent links, without recursion, so deep nesting cannot overflow the stack, and the place
 * reached is one node, so a content script can hand the page back its main thread between steps.
 */
class BlockWalk {
  private readonly builder = new BlockBuilder();
  private node: Node | null;

  constructor(
    private readonly root: Node,
    private readonly options: ExtractOptions,
  ) {
    this.node = root.firstChild;
  }

  /** Whether the walk is over. */
  get done(): boolean {
    return this.node === null;
  }

  /** Whether the node the walk will go on from is still in the document, under the root it started
   * from (false once it is over): a node the page moved elsewhere would lead the walk out. */
  get inDocument(): boolean {
    return !!this.node && this.node.isConnected && this.root.contains(this.node);
  }

  /** Walks at most `budget` more nodes. */
  advance(budget: number): void {
    const { root, builder, options } = this;
    let node = this.node;
    for (let steps = 0; node && steps < budget; steps++) {
      let enter = false;
      if (node.nodeType === TEXT_NODE) builder.addText(node as Text);
      else if (node.nodeType === ELEMENT_NODE) {
        // A block element ends the block before it; a skipped one is passed over whole, and one of
        // plain inline text is read whole. (A computed-style check needs each element: no shortcut.)
        const block = isBlock(node, options);
        // A hidden one has no box, and ends no line: "The minister said <div hidden>…</div> the war
        // is over." reads as one sentence. (Text that keeps its space, `visibility: hidden`, still breaks it.)
        if (block && !drawsNoBox(node as Element)) builder.endBlock();
        else if (SEPARATING_BOXES.has((node as Element).localName)) builder.separate();
        enter = node.firstChild !== null && !skips(node as Element, options);
        if (enter && block && options.wholeBlocks && !options.isHidden && isPlainBlock(node as Element)) {
          builder.addWholeBlock(node as Element);
          enter = false;
          // Counted by its children, so a slice still holds about as much of the page.
          steps += node.childNodes.length;
        }
      }
      if (enter) {
        node = node.firstChild;
        continue;
      }
      // Leave this node; climbing out of a block element ends the block inside it.
      while (node && node !== root && !node.nextSibling) {
        node = node.parentNode;
        if (node && node !== root && isBlock(node, options)) builder.endBlock();
      }
      node = node && node !== root ? node.nextSibling : null;
    }
    this.node = node;
  }

  /** The blocks, once the walk is over. */
  blocks(): TextBlock[] {
    this.builder.endBlock();
    return this.builder.blocks;
  }
}

/** The visible text under `root` as blocks, in document order. Never throws on odd markup. */
export function extractBlocks(root: Node, options: ExtractOptions = {}): TextBlock[] {
  const walk = new BlockWalk(root, options);
  walk.advance(Number.POSITIVE_INFINITY);
  return walk.blocks();
}

/** How a long extraction shares the main thread: how long a slice may run, and how to give way. */
export interface Slicing {
  /** Milliseconds of walking before giving the page its thread back. */
  sliceMs: number;
  now(): number;
  /** Resolves once the page has had its turn (a new task). */
  giveWay(): Promise<void>;
}

/** Nodes walked between two looks at the clock. */
const NODES_PER_LOOK = 2_000;
/** Walks started over after the page changed under a paused walk; the next one the page changes
 * under keeps what it read. */
const RESTARTS = 3;

/**
 * `extractBlocks` in slices of at most `slicing.sliceMs`, giving way to the page between them, so
 * a giant page is never blocked for long (most pages take one slice). When the page removes the
 * node a paused walk would go on from, the walk starts over; after a few such restarts, the walk
 * that is changed under again gives what it read up to there, still in slices.
 */
export async function extractBlocksInSlices(root: Node, slicing: Slicing, options: ExtractOptions = {}): Promise<TextBlock[]> {
  for (let attempt = 0; ; attempt++) {
    const walk = new BlockWalk(root, options);
    let sliceStart = slicing.now();
    while (!walk.done) {
      walk.advance(NODES_PER_LOOK);
      if (walk.done || slicing.now() - sliceStart < slicing.sliceMs) continue;
      await slicing.giveWay();
      sliceStart = slicing.now();
      if (walk.done || walk.inDocument) continue;
      // The last walk the page changes under ends there, with what it read: the change brings a
      // scan of its own part. It used to run to the end without a pause, a long task of hundreds of
      // milliseconds on a giant page that re-renders a list every few moments.
      if (attempt >= RESTARTS) return walk.blocks();
      break;
    }
    if (walk.done) return walk.blocks();
  }
}

/**
 * The DOM point of a block offset. At a seam between two text nodes, `side` picks the node that
 * ends there ('end', for a range's end) or the one that starts there ('start').
 */
export function locateOffset(block: TextBlock, offset: number, side: 'start' | 'end'): DomPoint | null {
  const { segments } = block;
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const segment = segments[mid]!;
    const from = segment.blockOffset;
    const to = from + segment.length;
    const inside = side === 'start' ? offset >= from && offset < to : offset > from && offset <= to;
    if (inside) return { node: segment.node, offset: segment.nodeOffset + (offset - from) };
    if (offset < from || (side === 'end' && offset === from)) high = mid - 1;
    else low = mid + 1;
  }
  return null;
}
