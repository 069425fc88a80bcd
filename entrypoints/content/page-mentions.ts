/**
 * The mentions on this page and their ranges: scanning the whole page or only the parts that
 * changed, dropping marks whose text went away, hiding the ones a reader dismissed, and answering
 * "which mention is under this point of text?". Matching is done by the background (one index for
 * every tab); drawing is the painter's job.
 */
import { enclosingBlock, extractBlocks, extractBlocksInSlices, isInsideSkipped, locateOffset, type DomPoint, type ExtractOptions, type Slicing, type TextBlock } from '@/lib/extract';
import { log } from '@/lib/log';
import { FIND_LIMITS, batchBlocks, pageOpening, type ClaimForCard, type FoundMentions } from '@/lib/protocol';
import { matchKey, type Hidden } from '@/lib/dismissals';
import { pageDate } from '@/lib/timeline';
import type { MentionVerdict } from '@/lib/verdicts';

/** A mention as the page shows it. */
export interface PageMention {
  /** Unique on this page, for as long as the mention lives. */
  id: number;
  claimKey: string;
  claim: ClaimForCard;
  /** What this mention is shown as (`MentionFound.verdict`). */
  verdict: MentionVerdict;
  /** The wording at fault the sentence repeats. */
  repeats?: string;
  range: Range;
  /** The sentence that mentions the claim. */
  text: string;
  cues: string[];
  score: number;
  /** The text nodes the range covers, for hit-testing. */
  nodes: Text[];
  /** Where its words were found (`Carrying`). */
  place: MentionPlace;
}

/** Where a mention's words sit in the page's text: the block element that holds them, the text
 * of the block they are in, and their offsets in it. Enough to find them again in the same block
 * re-rendered with the same text, without asking the matcher. */
interface MentionPlace {
  element: Element;
  blockText: string;
  start: number;
  end: number;
}

/** A claim the page may be about, too loosely to mark: listed in the popup, never drawn. */
export interface RelatedMention {
  id: number;
  claimKey: string;
  claim: ClaimForCard;
  verdict: MentionVerdict;
  text: string;
  score: number;
  nodes: Text[];
}

/** How many scanned parts of the page are remembered, to tell a late answer from a current one. */
const MAX_RECENT_SCANS = 64;
/** How many mentions that left the page are remembered, to give their ids back to the same
 * sentences found again (`idFor`). */
const MAX_GONE = 100;
/** How many mentions one change may carry over to the text that replaced theirs: a page that
 * re-renders a list of a thousand marked items is read again by the scan that follows instead. */
const MAX_CARRIED = 50;
/** A change that added more blocks than this (a page building a whole list anew) is not searched
 * for the text of the marks it took away: the rescan it brings finds them. */
const MAX_ADDED_LOOKED_AT = 200;
/** Nor is a part of the page holding more elements than this (an app's whole root, made anew as
 * it hydrates): read whole in the change's own turn, 60,000 items took most of a second, where
 * the rescan reads it in slices. */
const MAX_ELEMENTS_CARRIED = 2_000;

/** Reading a giant page gives the page its main thread back every 30 ms, well under a long task. */
const SLICING: Slicing = {
  sliceMs: 30,
  now: () => performance.now(),
  giveWay: () => {
    const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
    return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
  },
};

/** How the content script reads a page: plain blocks whole (`wholeBlocks`), and a custom element
 * as a block only where the page's styles display it as one (CSS makes it inline by default). */
const EXTRACT_OPTIONS: ExtractOptions = { wholeBlocks: true, displayOf: (element) => getComputedStyle(element).display };
/** How many mentions in hidden text are kept to mark once shown: a page of endless hidden copies
 * must not grow the list, nor the check each change of a class makes. */
const MAX_HELD_BACK = 100;

/** Sends text blocks to the matcher, with the page's opening where the blocks are a part of the
 * page (`pageOpening`); `null` when it could not answer. */
export type FindMentions = (blocks: string[], pageDate: number | null, opening?: string[]) => Promise<FoundMentions | null>;

// An element a reader cannot see though no attribute says so (a class that hides it): checked only
// for the few elements that hold a mention, since a style lookup per element would be slow.
export function isRendered(node: Node): boolean {
  const parent = node.parentElement;
  if (!parent) return false;
  return typeof parent.checkVisibility === 'function' ? parent.checkVisibility({ visibilityProperty: true }) : true;
}

/**
 * Moves mentions onto the text that replaced their own, where the block they are in reads as it
 * did: a framework re-rendering a paragraph with the same words (its text nodes, or the paragraph
 * element itself, made anew), a text node set to what it held. The mark stays through the change
 * instead of going until a rescan finds it again, and a card open on it stays open. Where the
 * block's text is not what it was, the mention is not moved: the rescan the change brings decides.
 */
class Carrying {
  /** How many mentions were moved. */
  count = 0;
  private readonly read = new Map<Element, TextBlock[]>();
  /** The block that took the place of each old block element that left the page. */
  private readonly replacements = new Map<Element, TextBlock>();

  constructor(private readonly added: readonly Element[]) {}

  /** Moves one mention; false where its words are not found as they were. */
  carry(mention: PageMention): boolean {
    const { element, blockText, start, end } = mention.place;
    const block = element.isConnected ? this.blocksIn(element).find((b) => b.text === blockText) : this.replacementOf(element, blockText);
    const from = block && locateOffset(block, start, 'start');
    const to = block && locateOffset(block, end, 'end');
    if (!block || !from || !to) return false;
    try {
      mention.range.setStart(from.node, from.offset);
      mention.range.setEnd(to.node, to.offset);
    } catch {
      return false;
    }
    mention.nodes = nodesBetween(block, start, end);
    if (!element.isConnected) mention.place = { ...mention.place, element: enclosingBlock(from.node, EXTRACT_OPTIONS) ?? element };
    this.count++;
    return true;
  }

  /** The added block that reads as the old one did; each old block's own, none taken twice. */
  private replacementOf(element: Element, blockText: string): TextBlock | undefined {
    const known = this.replacements.get(element);
    if (known) return known.text === blockText ? known : undefined;
    const taken = new Set(this.replacements.values());
    for (const root of this.added) {
      const block = this.blocksIn(root).find((b) => b.text === blockText && !taken.has(b));
      if (!block) continue;
      this.replacements.set(element, block);
      return block;
    }
    return undefined;
  }

  /** The blocks of a part of the page, read once; none for a part too large to read in the
   * change's own turn (`MAX_ELEMENTS_CARRIED`). */
  private blocksIn(root: Element): TextBlock[] {
    let blocks = this.read.get(root);
    if (!blocks) {
      blocks = root.getElementsByTagName('*').length > MAX_ELEMENTS_CARRIED ? [] : extractBlocks(root, EXTRACT_OPTIONS);
      this.read.set(root, blocks);
    }
    return blocks;
  }
}

/** Whether a range lies between these two points. */
function isAt(range: Range, start: DomPoint, end: DomPoint): boolean {
  return range.startContainer === start.node && range.startOffset === start.offset && range.endContainer === end.node && range.endOffset === end.offset;
}

/** Reading order of two text nodes. */
function orderOf(a: Node, b: Node): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function nodesBetween(block: TextBlock, start: number, end: number): Text[] {
  const nodes: Text[] = [];
  for (const segment of block.segments) {
    if (segment.blockOffset < end && segment.blockOffset + segment.length > start && !nodes.includes(segment.node)) nodes.push(segment.node);
  }
  return nodes;
}

/** Where the text a reader sees of a sentence (`start` to `end` in its block) begins: at its start,
 * or, where the page hides its first words (a "Live:" label its stylesheet shows on small screens
 * only), at its first text node the page shows; -1 when it shows none of it (a folded section).
 * Only the start was checked: a sentence whose first words were hidden was never marked or listed,
 * while the reader saw the rest of it. */
function shownStart(block: TextBlock, start: number, end: number): number {
  for (const segment of block.segments) {
    const to = Math.min(end, segment.blockOffset + segment.length);
    if (segment.blockOffset >= end || to <= start || !isRendered(segment.node)) continue;
    // A space the page shows between two hidden words starts nothing.
    let at = Math.max(start, segment.blockOffset);
    while (at < to && /\s/.test(block.text.charAt(at))) at++;
    if (at < to) return at;
  }
  return -1;
}

/** How many times a batch whose reply was full is halved and asked again (`findInBatches`): up to
 * 16 replies' worth of mentions. */
const MAX_SPLITS = 4;

/** The live set of mentions on the page. */
export class PageMentions {
  private mentions: PageMention[] = [];
  private related: RelatedMention[] = [];
  /** Where mentions were found in text the page did not show (a folded section, a "read more"):
   * the first text node of each, and the block to read again once it shows (`shown`). */
  private heldBack: { node: Text; block: Element }[] = [];
  private byNode = new Map<Text, PageMention[]>();
  /** Matches rejected since this page was opened. */
  private dismissed = new Set<string>();
  /** Matches and claims the reader rejected before, remembered across visits (lib/dismissals.ts). */
  private remembered: Hidden = { matches: new Set(), claims: new Set() };
  private nextId = 1;
  /** Mentions that left the page lately, whose ids go back to the same sentences found again. */
  private gone: { claimKey: string; text: string; id: number }[] = [];
  /** Counts whole-page scans, so the answer of one that was overtaken is dropped. */
  private generation = 0;
  private fullScan: Promise<void> | null = null;
  /** What the whole-page scan under way is to replace (`scanAll`). */
  private replacing: { mentions: PageMention[]; related: RelatedMention[] } | null = null;
  /** The page's date, read afresh by each full scan (`scanAll`), which comes before any partial one. */
  private date: number | null = null;
  /** The page's opening as the last full scan read it, sent with every part of the page scanned
   * after it: the matcher reads a rated statement's names there (`namedInOpening`). */
  private opening: string[] | undefined = undefined;

  /** The page's own date, as the last full scan read it. */
  get pageDate(): number | null {
    return this.date;
  }

  constructor(
    private readonly document: Document,
    private readonly find: FindMentions,
  ) {}

  /** Which mentions get a mark (the reader's choice of verdicts): only those answer the pointer
   * and the keyboard; the popup lists them all. */
  private drawnOnes: (mention: PageMention) => boolean = () => true;

  /** Every mention, in reading order. */
  list(): readonly PageMention[] {
    return this.mentions;
  }

  /** Sets which mentions get a mark. */
  drawWhere(shows: (mention: PageMention) => boolean): void {
    this.drawnOnes = shows;
  }

  /** The mentions that get a mark, in reading order. */
  drawn(): PageMention[] {
    return this.mentions.filter(this.drawnOnes);
  }

  /** The claims the page may be about but that are not marked, in reading order. */
  listRelated(): readonly RelatedMention[] {
    return this.related;
  }

  /** How many different claims the page mentions. */
  claimCount(): number {
    return new Set(this.mentions.map((m) => m.claimKey)).size;
  }

  /** Forgets every mention (Claimlight was switched off here); a scan under way finds none. */
  clear(): void {
    this.generation++;
    this.mentions = [];
    this.related = [];
    this.heldBack = [];
    this.gone = [];
    this.replacing = null;
    this.index();
  }

  /**
   * Asks the matcher about the blocks within the request limits (`batchBlocks`), one batch after
   * another, and joins the answers with block numbers counted over the whole list. A batch the
   * matcher could not answer costs only its own marks; null when none was answered.
   */
  private async findInBatches(blocks: readonly TextBlock[]): Promise<FoundMentions | null> {
    const joined: FoundMentions = { mentions: [], related: [], claims: {} };
    if (!blocks.length) return joined;
    let answered = false;
    // The answer's mentions in its blocks `from` to `to`, counted from `first` in the page's list.
    const take = (found: FoundMentions, first: number, from = 0, to = Infinity) => {
      answered = true;
      const inside = (m: { block: number }) => m.block >= from && m.block < to;
      const shift = <M extends { block: number }>(m: M): M => ({ ...m, block: m.block + first });
      joined.mentions.push(...found.mentions.filter(inside).map(shift));
      joined.related.push(...found.related.filter(inside).map(shift));
      Object.assign(joined.claims, found.claims);
    };
    // A reply holds at most `FIND_LIMITS.mentions` mentions: a full one may have left the rest of
    // its blocks' out, and they are asked again in halves (a page of 2,000 mentions had its second
    // thousand never marked). Halved a few times at most: a page made of mentions is bounded too.
    // True when the matcher answered. A half it does not answer keeps what the full reply gave for
    // its blocks: asking again must not lose what one answer already had.
    const ask = async (first: number, texts: string[], splits: number): Promise<boolean> => {
      const found = await this.find(texts, this.date, this.opening);
      if (!found) return false;
      if (found.mentions.length >= FIND_LIMITS.mentions && texts.length > 1 && splits < MAX_SPLITS) {
        const half = texts.length >> 1;
        if (!(await ask(first, texts.slice(0, half), splits + 1))) take(found, first, 0, half);
        if (!(await ask(first + half, texts.slice(half), splits + 1))) take(found, first, half, texts.length);
        return true;
      }
      take(found, first);
      return true;
    };
    for (const batch of batchBlocks(blocks.map((b) => b.text))) await ask(batch.first, batch.blocks, 0);
    return answered ? joined : null;
  }

  /** Forgets everything (a new page in a single-page app) and scans the document again. */
  async scanAll(): Promise<void> {
    const generation = ++this.generation;
    const run = (async () => {
      // What the page had goes, but a sentence found again where it was is the same mention (a
      // card open on it stays), and one found elsewhere keeps its id for the popup's list. What a
      // whole-page scan this one overtook was to replace is what this one replaces.
      // The list stays as it is until the answer comes, which may take a while (a feed's refresh
      // rescans every tab at once): emptied, the marks were drawn but did not answer the reader,
      // a click on one closed its card, and "Not this claim" wiped every mark until the answer.
      const before = this.replacing ?? { mentions: this.mentions, related: this.related };
      this.replacing = before;
      this.date = pageDate(this.document);
      await this.scanRoots([this.document.documentElement], generation, before);
      if (generation === this.generation) this.replacing = null;
    })();
    this.fullScan = run;
    try {
      await run;
    } finally {
      if (this.fullScan === run) this.fullScan = null;
    }
  }

  /**
   * Scans the given roots again: their old mentions go, the ones found now come in. Mentions
   * whose text left the page are dropped as well.
   */
  async scan(roots: Element[]): Promise<void> {
    // A whole-page scan under way read the page before these changes, and would overwrite what is
    // found in them: wait for it, then read the changed parts again.
    if (this.fullScan) await this.fullScan.catch(() => undefined);
    await this.scanRoots(roots, this.generation);
  }

  /** The parts of the page scanned lately, each with the number of its scan (`scanRoots`). */
  private recentScans: { root: Element; scan: number }[] = [];
  private scans = 0;

  /** Scans these roots; `replacing` (a whole-page scan's) is what the page had before it. */
  private async scanRoots(roots: Element[], generation: number, replacing?: { mentions: PageMention[]; related: RelatedMention[] }): Promise<void> {
    const wholePage = !!replacing;
    // Numbered, so that an answer that comes after a later scan's of the same part (a page that
    // re-renders a paragraph twice, the second answer overtaking the first) does not take away
    // what the later one found there.
    const scan = ++this.scans;
    const stillThere = this.recentScans.filter((recent) => recent.root.isConnected);
    this.recentScans = [...stillThere.slice(Math.max(0, stillThere.length + roots.length - MAX_RECENT_SCANS)), ...roots.map((root) => ({ root, scan }))].slice(-MAX_RECENT_SCANS);
    // Concatenated, not pushed as arguments: a page of a million blocks would overflow the stack.
    let blocks: TextBlock[] = [];
    // A part that changed inside an editor, a code block or a menu is not read, as the whole page's
    // walk would not read it.
    for (const root of roots) if (root.isConnected && !isInsideSkipped(root)) blocks = blocks.concat(await extractBlocksInSlices(root, SLICING, EXTRACT_OPTIONS));
    if (wholePage) this.opening = pageOpening(blocks.map((block) => block.text));
    const found = await this.findInBatches(blocks);
    // A whole-page scan started since: what this one found is out of date.
    if (!found || generation !== this.generation) return;
    const later = this.recentScans.filter((recent) => recent.scan > scan).map((recent) => recent.root);
    const stays = (m: { nodes: Text[] }) => m.nodes.every((n) => n.isConnected) && (!roots.some((root) => m.nodes.some((n) => root.contains(n))) || later.some((root) => m.nodes.every((n) => root.contains(n))));
    const kept = this.mentions.filter(stays);
    const relatedKept = this.related.filter(stays);
    // Once each: the list a whole-page scan replaces is the list it kept while it waited.
    const replaced = [...new Set([...(replacing?.mentions ?? []), ...this.mentions.filter((m) => !kept.includes(m))])];
    const relatedReplaced = [...new Set([...(replacing?.related ?? []), ...this.related.filter((r) => !relatedKept.includes(r))])];
    this.heldBack = this.heldBack.filter(({ node }) => stays({ nodes: [node] }));
    for (const loose of found.related) {
      const block = blocks[loose.block];
      const claim = found.claims[loose.claimKey];
      if (!block || !claim) continue;
      // Listed only as the page's marks would be: not a match or a claim the reader rejected, nor
      // a sentence in text the page does not show.
      const shown = shownStart(block, loose.start, loose.end);
      if (shown < 0) continue;
      const text = block.text.slice(shown, loose.end);
      const nodes = nodesBetween(block, shown, loose.end);
      if (!nodes.length || !nodes.every((node) => node.isConnected) || this.isHidden(loose.claimKey, text)) continue;
      relatedKept.push({ id: this.idFor(loose.claimKey, text, relatedReplaced), claimKey: loose.claimKey, claim, verdict: loose.verdict, text, score: loose.score, nodes });
    }
    // Where each mention found is, and what it would be drawn as: every one is placed first, so
    // that a mention found where one was keeps it before a new copy of its sentence elsewhere takes
    // its id (`idFor`).
    const placed: { mention: (typeof found.mentions)[number]; start: DomPoint; end: DomPoint; text: string; fields: Omit<PageMention, 'id' | 'claimKey' | 'range' | 'text' | 'repeats'> }[] = [];
    for (const foundMention of found.mentions) {
      const block = blocks[foundMention.block];
      const claim = found.claims[foundMention.claimKey];
      if (!block || !claim) continue;
      try {
        const shown = shownStart(block, foundMention.start, foundMention.end);
        if (shown !== foundMention.start) {
          // Held back to be read again once the page shows it: all of it, or its first words,
          // which the mark then takes in.
          const start = locateOffset(block, foundMention.start, 'start');
          const element = start && enclosingBlock(start.node, EXTRACT_OPTIONS);
          if (element && this.heldBack.length < MAX_HELD_BACK) this.heldBack.push({ node: start.node, block: element });
          if (shown < 0) continue;
        }
        // Marked over the words the reader sees.
        const mention = shown === foundMention.start ? foundMention : { ...foundMention, start: shown };
        const start = locateOffset(block, mention.start, 'start');
        const end = locateOffset(block, mention.end, 'end');
        if (!start || !end) continue;
        const text = block.text.slice(mention.start, mention.end);
        if (this.isHidden(mention.claimKey, text)) continue;
        const fields = {
          claim,
          verdict: mention.verdict,
          cues: mention.cues,
          score: mention.score,
          nodes: nodesBetween(block, mention.start, mention.end),
          place: { element: enclosingBlock(start.node, EXTRACT_OPTIONS) ?? this.document.documentElement, blockText: block.text, start: mention.start, end: mention.end },
        };
        placed.push({ mention, start, end, text, fields });
      } catch (e) {
        // One odd node (a page that changed under us) must not cost the page its other marks.
        log.debug('could not mark a mention', e);
      }
    }
    // The same words of the same claim, judged the same, found where a mention already was (a
    // rescan of a paragraph that did not change, a new sensitivity): that mention, with its range,
    // so that its mark is not drawn again and a card open on it stays. (Judged otherwise, after an
    // import rated the claim anew, it is a new mention with the old id: a card open on the old one,
    // which would go on saying the old verdict, closes.)
    const foundAgain = new Map<(typeof placed)[number], PageMention>();
    // A mention that a later scan of the same part placed already, whose answer came first (two
    // scans of nested parts, or a whole-page scan overtaken by a change's, answered out of order):
    // it is kept, and not added twice, which drew a second mark on the sentence and listed it twice.
    const keptAlready = (one: (typeof placed)[number]) => kept.some((m) => m.claimKey === one.mention.claimKey && m.text === one.text && isAt(m.range, one.start, one.end));
    for (let i = placed.length - 1; i >= 0; i--) if (keptAlready(placed[i]!)) placed.splice(i, 1);
    for (const one of placed) {
      const same = replaced.findIndex((m) => m.claimKey === one.mention.claimKey && m.text === one.text && isAt(m.range, one.start, one.end) && m.verdict === one.mention.verdict && m.repeats === one.mention.repeats && m.claim.text === one.fields.claim.text);
      if (same >= 0) foundAgain.set(one, replaced.splice(same, 1)[0]!);
    }
    const added: PageMention[] = [];
    for (const one of placed) {
      const old = foundAgain.get(one);
      if (old) {
        added.push(Object.assign(old, one.fields));
        continue;
      }
      // A node of the mention taken away while the matcher was asked (a live page's ticker, in a
      // block whose map was made as it was read): a range set there lies outside the page, and
      // ordering it among the others threw, which cost the page every mark. The rescan that
      // change brings finds the mention again.
      if (!one.fields.nodes.every((node) => node.isConnected) || !one.start.node.isConnected || !one.end.node.isConnected) continue;
      const range = this.document.createRange();
      try {
        range.setStart(one.start.node, one.start.offset);
        range.setEnd(one.end.node, one.end.offset);
      } catch (e) {
        // The page rewrote the text while the matcher was asked (a ticker): the offsets it was read
        // at are past the node's end now. The rescan that change brings finds the mention again.
        log.debug('could not mark a mention', e);
        continue;
      }
      added.push({
        id: this.idFor(one.mention.claimKey, one.text, replaced),
        claimKey: one.mention.claimKey,
        ...(one.mention.repeats ? { repeats: one.mention.repeats } : {}),
        range,
        text: one.text,
        ...one.fields,
      });
    }
    this.forget([...replaced, ...relatedReplaced]);
    this.mentions = [...kept, ...added].sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    // A claim marked anywhere on the page is not also listed as possibly related; the rest once each.
    const marked = new Set(this.mentions.map((m) => m.claimKey));
    const listed = new Set<string>();
    this.related = relatedKept
      .sort((a, b) => orderOf(a.nodes[0]!, b.nodes[0]!))
      .filter((r) => !marked.has(r.claimKey) && !listed.has(r.claimKey) && !!listed.add(r.claimKey));
    this.index();
  }

  /**
   * The blocks of mentions found in text the page did not show, that it shows now (a class or a
   * style changed): to be read again, as a change of their text would be. They used to stay
   * unmarked for the page's life.
   */
  shown(): Element[] {
    if (!this.heldBack.length) return [];
    const shown = this.heldBack.filter(({ node }) => node.isConnected && isRendered(node));
    if (!shown.length) return [];
    this.heldBack = this.heldBack.filter((held) => !shown.includes(held) && held.node.isConnected);
    return [...new Set(shown.map(({ block }) => block))];
  }

  /** Drops mentions whose text has left the page, or moves them to text that took its place
   * (`Carrying`), in the same block or among `added`, the blocks that came with the change; true
   * when any went or moved. */
  prune(added: readonly Element[] = []): boolean {
    return this.settle((m) => !m.nodes.every((n) => n.isConnected) || ('range' in m && m.range.collapsed), added);
  }

  /** Drops the mentions on any of these text nodes, or moves them where the text is the same
   * (`Carrying`); true when any went or moved. */
  dropOn(nodes: ReadonlySet<Node>): boolean {
    return this.settle((m) => m.nodes.some((n) => nodes.has(n)), []);
  }

  /** Carries over or drops the mentions whose text changed (`changed`); true when any did. */
  private settle(changed: (m: PageMention | RelatedMention) => boolean, added: readonly Element[]): boolean {
    const relatedGone = this.related.filter(changed);
    this.related = this.related.filter((r) => !relatedGone.includes(r));
    const stale = this.mentions.filter(changed);
    this.forget(relatedGone);
    if (!stale.length) return false;
    const carrying = new Carrying(added.length > MAX_ADDED_LOOKED_AT ? [] : added);
    const gone = stale.filter((m) => !(carrying.count < MAX_CARRIED && carrying.carry(m)));
    this.mentions = this.mentions.filter((m) => !gone.includes(m));
    this.forget(gone);
    this.index();
    return true;
  }

  /** The id for a sentence found: the one it had, where a mention of the same claim in the same
   * words is replaced now or left the page lately (a paragraph re-rendered elsewhere), so that
   * the popup's list still points at it; a new one otherwise. */
  private idFor(claimKey: string, text: string, replaced: { claimKey: string; text: string; id: number }[]): number {
    for (const pool of [replaced, this.gone]) {
      const at = pool.findIndex((m) => m.claimKey === claimKey && m.text === text);
      if (at >= 0) return pool.splice(at, 1)[0]!.id;
    }
    return this.nextId++;
  }

  /** Remembers mentions that left the page, for `idFor`. */
  private forget(mentions: readonly { claimKey: string; text: string; id: number }[]): void {
    if (!mentions.length) return;
    this.gone = [...this.gone, ...mentions.map(({ claimKey, text, id }) => ({ claimKey, text, id }))].slice(-MAX_GONE);
  }

  /** Hides one mention for the rest of this page's life ("not this claim"): rescans of the page,
   * whole or in part, leave it out until a new page (`newPage`), stored or not (a private window
   * keeps nothing; a full storage kept nothing). */
  dismiss(mention: PageMention): void {
    this.dismissed.add(matchKey(mention.claimKey, mention.text));
    this.mentions = this.mentions.filter((m) => m.id !== mention.id);
    this.index();
  }

  /** Shows a dismissed mention again ("undo"): at once, where its text is still on the page, and
   * in later scans. It used to come back only with the rescan that the stored list's change
   * brings, which a private window or a full storage never made. True when it is listed again. */
  undismiss(mention: PageMention): boolean {
    const key = matchKey(mention.claimKey, mention.text);
    this.dismissed.delete(key);
    // The hiding, stored, has most often come back to this tab by now (`remember`): the Undo takes
    // it back here too, as the change it stores next takes it back from the list (`show`, which
    // drops the match and its claim's hiding everywhere). Left, it kept the mention from coming back.
    const { matches, claims } = this.remembered;
    if (matches.has(key) || claims.has(mention.claimKey)) {
      this.remembered = { matches: new Set([...matches].filter((other) => other !== key)), claims: new Set([...claims].filter((other) => other !== mention.claimKey)) };
    }
    const stands = mention.nodes.every((n) => n.isConnected) && !mention.range.collapsed;
    if (!stands || this.mentions.includes(mention) || this.isHidden(mention.claimKey, mention.text)) return false;
    this.mentions = [...this.mentions, mention].sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
    this.index();
    return true;
  }

  /** A new page (a single-page app's route): the matches rejected on the last one are not this one's. */
  newPage(): void {
    this.dismissed.clear();
  }

  /** Takes the reader's remembered rejections: what they name is hidden now and in later scans.
   * True when some mention went. */
  remember(hidden: Hidden): boolean {
    this.remembered = hidden;
    this.related = this.related.filter((r) => !this.isHidden(r.claimKey, r.text));
    const before = this.mentions.length;
    this.mentions = this.mentions.filter((m) => !this.isHidden(m.claimKey, m.text));
    if (this.mentions.length === before) return false;
    this.index();
    return true;
  }

  private isHidden(claimKey: string, text: string): boolean {
    const key = matchKey(claimKey, text);
    return this.dismissed.has(key) || this.remembered.matches.has(key) || this.remembered.claims.has(claimKey);
  }

  /** The mentions whose text includes this text node. */
  at(node: Node): readonly PageMention[] {
    return node.nodeType === Node.TEXT_NODE ? (this.byNode.get(node as Text) ?? []).filter(this.drawnOnes) : [];
  }

  /**
   * The mentions whose text overlaps this one's, itself included, in reading order: more than one
   * when a sentence carries several claims, whose marks then lie on the same words. The matcher
   * marks whole sentences, so overlapping mentions have the same range and form one group.
   */
  onSameText(mention: PageMention): PageMention[] {
    const candidates = new Set(mention.nodes.flatMap((node) => this.byNode.get(node) ?? []));
    const overlaps = (other: PageMention) =>
      other === mention ||
      // This one ends after the other starts, and starts before the other ends.
      (mention.range.compareBoundaryPoints(Range.START_TO_END, other.range) > 0 && mention.range.compareBoundaryPoints(Range.END_TO_START, other.range) < 0);
    return this.mentions.filter((other) => candidates.has(other) && overlaps(other));
  }

  private index(): void {
    this.byNode.clear();
    for (const mention of this.mentions) {
      for (const node of mention.nodes) {
        const list = this.byNode.get(node);
        if (list) list.push(mention);
        else this.byNode.set(node, [mention]);
      }
    }
  }
}
