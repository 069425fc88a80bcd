/**
 * Watches the page for text that appears, changes or goes away after load, and reports it in
 * batches when the page is idle, as the block elements to scan again. Claimlight's own layers (the
 * card's, the marks') are ignored, so drawing a card or a mark never triggers a scan: each is an
 * element named `claimlight-…`, which extraction skips too.
 */
import { INLINE_ELEMENTS, enclosingBlock, textAdded, hidesByStyle, type ExtractOptions } from '@/lib/extract';
import { DATING_TAGS } from '@/lib/timeline';

/** What the watcher reports. */
export interface ChangeEvents {
  /** These blocks gained or changed text: scan them again. */
  changed(roots: Element[]): void;
  /** Nodes left the page: drop the marks that were on them, or move them to the text that took
   * their place, which may be in `added` (the blocks of the nodes added with them). Told before
   * the next paint, as `textChanged` is. */
  removed(added: Element[]): void;
  /** These text nodes were rewritten: their marks are stale now, before any rescan. */
  textChanged(nodes: ReadonlySet<Node>): void;
  /** The page's content changed in any way: what is drawn over it may have moved. */
  moved(): void;
  /** A class or a style changed somewhere: text that was hidden may show now. */
  restyled(): void;
  /** What may say the page's date changed: a `<meta>`'s content, or a `<meta>` or JSON-LD script
   * put in or taken out (a single-page app that shows a route after fetching it dates it then). */
  redated(): void;
}

/** One of Claimlight's layers (or an element named like them, which extraction skips anyway): known
 * by its name, so that a layer is recognised from the moment it is in the page. */
const isOwn = (node: Node) => node.nodeType === Node.ELEMENT_NODE && (node as Element).localName.startsWith('claimlight-');


/** Blocks as extraction reads them, a custom element by how the page displays it. */
const BLOCKS: ExtractOptions = { displayOf: (element) => getComputedStyle(element).display };

/** The nearest ancestor that is a block, where a sentence's text can end. */
const blockOf = (node: Node) => enclosingBlock(node, BLOCKS);

/** The blocks to read again where an element is shown: its own, and where it is a block itself
 * inside a run of text, the block around it too. Hidden, it drew no box, and the sentence around
 * it was read across it as one (`extractBlocks`); shown, it splits that sentence, whose mention
 * ran over its box. (A block among blocks, the usual "read more", splits nothing.) */
function shownBlocks(element: Node): Element[] {
  const block = blockOf(element);
  if (!block) return [];
  const parent = element.parentElement;
  const inText = block === element && parent && [...parent.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && /\S/.test(node.nodeValue ?? ''));
  const around = inText ? blockOf(parent) : null;
  return around ? [block, around] : [block];
}

/** Attributes whose change may show text the page hid: the three that hide it by themselves (text
 * they hide is not read, or read and not marked), and a class or style, which may (a "read more");
 * and `contenteditable`, which makes text a reader's own (a comment box: not marked) or gives it back. */
const SHOWING = ['hidden', 'aria-hidden', 'open', 'class', 'style', 'contenteditable'];
/** Attributes watched besides: a `<meta>`'s `content`, where a page's date is most often written. */
const WATCHED = [...SHOWING, 'content'];

/** Whether a node is, or holds, a tag the page's date is read from (`DATING_TAGS`: a date's meta
 * tag, JSON-LD), as a route's markup brings one in. */
const mayDate = (node: Node) => node.nodeType === Node.ELEMENT_NODE && ((node as Element).matches(DATING_TAGS) || (node as Element).querySelector(DATING_TAGS) !== null);
/** Whether a record rewrote a JSON-LD script's text in place. */
const inDatingScript = (node: Node) => {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element !== null && element.localName === 'script' && element.matches(DATING_TAGS);
};

/** Whether a change of `hidden`, `aria-hidden` or `open` showed the element's text (a consent
 * dialog giving the article back, a folded section opened). */
function shows(record: MutationRecord): boolean {
  const element = record.target as Element;
  // (A record of `hidden` is of its taking away or its setting: only the first shows anything.)
  if (record.attributeName === 'hidden') return !element.hasAttribute('hidden');
  if (record.attributeName === 'aria-hidden') return record.oldValue === 'true' && element.getAttribute('aria-hidden') !== 'true';
  return record.oldValue === null && element.hasAttribute('open');
}

// Idle callbacks wait for a quiet moment, but never longer than this.
const IDLE_TIMEOUT_MS = 500;

/** A running watcher. */
export interface ChangeWatcher {
  /** Runs a change of Claimlight's own (wrapping marks where highlights are missing) unseen. */
  quietly(change: () => void): void;
}

/** Starts watching `document`; stops when the signal aborts. */
/** The roots that no other of them holds: a root inside another is scanned with it. */
export function outermost(roots: readonly Element[]): Element[] {
  return roots.filter((root) => !roots.some((other) => other !== root && other.contains(root)));
}

export function observeChanges(document: Document, events: ChangeEvents, signal: AbortSignal): ChangeWatcher {
  let pending = new Set<Element>();
  let scheduled = false;
  const idle = (fn: () => void) =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS }) : setTimeout(fn, 50);
  const flush = () => {
    scheduled = false;
    if (signal.aborted) return;
    const roots = [...pending].filter((root) => root.isConnected);
    pending = new Set();
    const outer = outermost(roots);
    if (outer.length) events.changed(outer);
  };
  const handle = (records: MutationRecord[]) => {
    const rewritten = new Set<Node>();
    const added = new Set<Element>();
    let removed = false;
    let pageChanged = false;
    let restyled = false;
    let redated = false;
    for (const record of records) {
      if (isOwn(record.target)) continue;
      if (record.type === 'attributes' && record.attributeName === 'content') {
        // (A meta tag that is no date, the theme's colour, changes unseen.)
        redated ||= mayDate(record.target);
        continue;
      }
      if (!redated && record.type !== 'attributes') redated = inDatingScript(record.target) || [...record.addedNodes, ...record.removedNodes].some(mayDate);
      if (record.type === 'attributes') {
        // Text an inline style hid is not read at all (extraction skips it, as `hidden`), so its
        // showing is a change of the page's text, not only of its look: a "read more" that sets
        // `display: block` was never marked. And text made editable, or no longer, is read again.
        const unhidden = record.attributeName === 'style' && hidesByStyle(record.oldValue) && !hidesByStyle((record.target as Element).getAttribute('style'));
        if (unhidden || record.attributeName === 'contenteditable') {
          for (const block of shownBlocks(record.target)) pending.add(block);
          pageChanged = true;
          if (unhidden) restyled = true;
        } else if (record.attributeName === 'class' || record.attributeName === 'style') {
          restyled = true;
        } else if (shows(record)) {
          for (const block of shownBlocks(record.target)) pending.add(block);
          pageChanged = true;
        }
        continue;
      }
      // Adding or removing one of our own layers is not a change of the page's.
      if (record.type === 'childList' && [...record.addedNodes, ...record.removedNodes].every(isOwn)) continue;
      pageChanged = true;
      if (record.type === 'characterData') {
        rewritten.add(record.target);
        const block = blockOf(record.target);
        if (block) pending.add(block);
        continue;
      }
      if (record.removedNodes.length) removed = true;
      for (const node of record.addedNodes) {
        if (isOwn(node)) continue;
        if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.TEXT_NODE) continue;
        const adds = node.nodeType === Node.ELEMENT_NODE ? textAdded(node as Element) : 'text';
        if (adds === 'none') continue;
        const block = blockOf(node);
        // A frame or an image put between two words parts them: their paragraph is read again. One
        // put beside the paragraphs (an ad frame in the article, a lazy image) changes no sentence.
        if (adds === 'spacing' && !amongWords(node as Element)) continue;
        if (block) {
          pending.add(block);
          added.add(block);
        }
      }
    }
    // Runs before the next paint, so a mark never shows over text it no longer matches, and a
    // paragraph re-rendered with the same words keeps its marks through the frame.
    if (rewritten.size) events.textChanged(rewritten);
    if (removed) events.removed([...added].filter((block) => block.isConnected));
    if (pageChanged) events.moved();
    // (Not a move: classes and styles change with every frame of a page's animations.)
    if (restyled) events.restyled();
    if (redated) events.redated();
    if (pending.size && !scheduled) {
      scheduled = true;
      idle(flush);
    }
  };
  const observer = new MutationObserver(handle);
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributeFilter: WATCHED, attributeOldValue: true });
  signal.addEventListener('abort', () => observer.disconnect());
  return {
    quietly(change) {
      // The page's own changes still waiting for the callback are handled, not lost with ours.
      handle(observer.takeRecords());
      change();
      observer.takeRecords();
    },
  };
}

/** Whether an element stands among a paragraph's words: words beside it, or beside the inline
 * elements (a link, an emphasis, an icon's box) it is inside. (The empty `<ins>` an ad fills with
 * its frame, set beside the paragraphs, stands among none.) */
function amongWords(element: Element): boolean {
  const hasWords = (node: Node | null) =>
    node !== null && (node.nodeType === Node.TEXT_NODE || (node.nodeType === Node.ELEMENT_NODE && INLINE_ELEMENTS.has((node as Element).localName))) && /\S/.test(node.textContent ?? '');
  for (let at: Element = element; ; at = at.parentElement!) {
    if (hasWords(at.previousSibling) || hasWords(at.nextSibling)) return true;
    if (!at.parentElement || !INLINE_ELEMENTS.has(at.parentElement.localName)) return false;
  }
}
