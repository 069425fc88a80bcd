/**
 * Claimlight on one page: scans it, paints the marks, opens cards on hover and by keyboard, keeps
 * up with changes, and follows the reader's settings (off, per-site rules, sensitivity).
 * start.ts wires this to the browser's events.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Client, MentionSummary } from '@/lib/protocol';
import { DEFAULT_SETTINGS, isEnabledOn, type Settings } from '@/lib/settings';
import { cardNotice, pageDate, staleNotice } from '@/lib/timeline';
import { NO_DISMISSALS, fitted, hiddenOn, pageKeyOf, type DismissalChange, type Dismissals } from '@/lib/dismissals';
import { pageVerdicts } from '@/lib/badge';
import { log } from '@/lib/log';
import type { MentionPlace } from '@/components/ClaimCard';
import type { CardHost, OpenCard } from './card-host';
import { focusTargetAt } from './card-tab-order';
import { loadOwnScript } from './own-scripts';
import { watchHover } from './hover';
import { observeChanges, outermost, type ChangeWatcher } from './observe';
import { isRendered, PageMentions, type PageMention } from './page-mentions';
import { createPacer } from './pace';
import { createPainter } from './painter';

/** The least time between two rescans for navigation: a page that calls pushState every few
 * milliseconds gets one rescan a second, not one per call. */
const NAVIGATION_RESCAN_INTERVAL = 1_000;
/** How long after the address changes a single-page app's new page is read (`navigated`). */
const NAVIGATION_SETTLE_MS = 50;
/**
 * Scrolls a mention's text to the middle of the view: its element into view first (and so out of
 * any folded scroll box), then each box that scrolls it, and the window, by where the text itself
 * is. Centring the element alone left a mention deep in a paragraph taller than the screen, and
 * its card, out of sight.
 */
function centreInView(range: Range): void {
  const element = range.startContainer.parentElement;
  if (!element) return;
  element.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  // Up to the element that scrolls the document, which the window's scroll moves (on some pages
  // it is <body> that scrolls, as a box of its own).
  for (let box = element.parentElement; box && box !== document.scrollingElement && box !== document.documentElement; box = box.parentElement) {
    if (box.scrollHeight <= box.clientHeight || !/auto|scroll/.test(getComputedStyle(box).overflowY)) continue;
    const text = range.getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    box.scrollTop += text.top + text.height / 2 - (frame.top + box.clientTop + box.clientHeight / 2);
  }
  const text = range.getBoundingClientRect();
  window.scrollBy({ top: text.top + text.height / 2 - window.innerHeight / 2, behavior: 'instant' });
}

/** Whether a mention's text is shown now: the page may have hidden it since it was found (a
 * carousel's slide gone by, a box the reader folded), and a hidden range has no boxes, so going
 * to it scrolled the page by half a screen and put its card in the view's corner. */
const isShown = (mention: PageMention) => isRendered(mention.range.startContainer);

/** How often the marks are checked against what was painted. */
const GUARD_INTERVAL = 1_000;
/** How soon after a change of class or style the mentions in hidden text are looked at again. */
const RESTYLE_LOOK_MS = 250;
/** A part of the page that changed is read one scan at a time, each after a rest as long as the
 * last one took, up to this: a page rewriting a word inside a container of a million characters
 * every 100 ms had the shared background matching without pause (45 requests, 22 million
 * characters in 14 s), and every other tab waiting on it. Scans shorter than the next bound rest not. */
const MAX_CHANGE_REST_MS = 2_000;
const RESTLESS_SCAN_MS = 50;
/** A scan whose answer has not come by then (a background that restarted) no longer holds back the next. */
const CHANGE_SCAN_PATIENCE_MS = 15_000;

/** Where the reader's rejected matches are kept (storage.local, through start.ts). */
export interface DismissalStore {
  read(): Promise<Dismissals>;
  /** Makes the changes to the list as stored: `kept`, or why not (`full`: the browser would not
   * store it; `private`: a private window, where nothing is kept; `failed`: the background did not
   * answer). */
  update(changes: DismissalChange[]): Promise<'kept' | 'full' | 'private' | 'failed'>;
}

/** While nothing watches the page, Claimlight's own changes need no hiding. */
const UNWATCHED: ChangeWatcher = { quietly: (change) => change() };

/** Claimlight's state on this page. */
export class PageController {
  private readonly painter = createPainter(document);
  private readonly mentions: PageMentions;
  /** The card's layer, made the first time a card opens: adding a layer to a page of a million
   * nodes lays the page out again, a tenth of a second that a reader who never opens a card
   * should not pay on top of the marks' own. */
  private host: CardHost | null = null;
  /** The reader hid the marks on this page (from the popup): no mark shows and none opens a card. */
  private marksHidden = false;
  /** The reader's rejected matches as last read. */
  private remembered: Dismissals = NO_DISMISSALS;
  private hostReady: Promise<CardHost> | null = null;
  /** The card asked for while the card's code loads, opened when it has. */
  private pendingCard: Pick<OpenCard, 'mention' | 'opened' | 'at'> | null = null;
  /** The mention the keyboard is at. The mention itself, not its place in the list: a mention
   * hidden ("Not this claim") or added or taken out before it moves every place after it, and the
   * next step skipped one. */
  private focused: PageMention | null = null;
  /** The address as last told (`navigated`), and whether a new page's rescan is due: meanwhile a
   * change of the page's date is left to it (`rescanIfRedated`), or the new route was read twice,
   * the first time with the last route's hidden matches. */
  private address = location.href;
  private navigationDue = false;
  /** Whether this page (or route: `rescanForNavigation`) was told to screen readers what there is
   * to find. Once a page, not once an address: an anchor followed ("#comments") or an address
   * rewritten in place, which are the same page (`navigated`), said it all again at the next scan. */
  private announced = false;
  /** The count last sent for the badge; every rescan after a page change would otherwise send it again. */
  private reported = '';
  private watcher: ChangeWatcher = UNWATCHED;
  /** The look at the mentions in hidden text that a change of class or style has due (`restyled`). */
  private restyleLook: ReturnType<typeof setTimeout> | null = null;
  /** The changed parts of the page waiting for the scan under way to end (`scanChanged`). */
  private changedRoots = new Set<Element>();
  private changesScanning = false;
  private watching: AbortController | null = null;
  private settings: Settings = DEFAULT_SETTINGS;
  private active = false;
  private readonly pacedNavigation: () => void;
  /** The same for a page whose date may have changed (`redated`). */
  private readonly pacedRedating: () => void;

  /** This load of the page, named for the popup: mention ids count from 1 on each load. (Not
   * `crypto.randomUUID`, which a page served over plain http does not have.) */
  readonly pageId = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  /** Whether the page is being read: before its first scan is done, and while any scan runs. */
  private starting = true;
  /** Whether `start` has decided whether Claimlight runs on the page, with the settings as they
   * are then; and whether a change told settings before it did, newer than those it was given. */
  private decided = false;
  private settingsTold = false;
  private scansRunning = 0;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly client: Client,
    private readonly dismissals: DismissalStore,
  ) {
    this.mentions = new PageMentions(document, async (blocks, pageDate, opening) => {
      const found = await client.call('findMentions', { blocks, pageDate, sensitivity: this.settings.sensitivity, ...(opening ? { opening } : {}) });
      return found.ok ? found.value : null;
    });
    this.mentions.drawWhere((m) => this.settings.othersFaint || this.isMarked(m));
    const clock = { now: () => performance.now(), setTimeout: (run: () => void, ms: number) => ctx.setTimeout(run, ms) };
    this.pacedNavigation = createPacer(NAVIGATION_RESCAN_INTERVAL, () => void this.rescanForNavigation(), clock);
    this.pacedRedating = createPacer(NAVIGATION_RESCAN_INTERVAL, () => void this.rescanIfRedated(), clock);
  }

  /** Whether a mention is marked in its verdict's own look (else faintly, or not at all). */
  private isMarked(mention: PageMention): boolean {
    return this.settings.markedVerdicts.includes(mention.verdict);
  }

  /** Starts on the page with these settings: scans it if Claimlight is on here. */
  async start(settings: Settings): Promise<void> {
    // Settings a change told while the content script read these are newer (`applySettings`).
    if (!this.settingsTold) this.settings = settings;
    // The layer is in the page from the start, on or off, marks or none (`Painter.present`).
    this.painter.present();
    watchHover(
      document,
      this.mentions,
      {
        // The card's code loads while the pointer rests, so that the first preview does not wait for it.
        approached: () => {
          if (!this.marksHidden) loadOwnScript('/card-ui.js').catch(() => undefined);
        },
        entered: (mention, at) => {
          if (this.marksHidden) return;
          // A card the reader opened on purpose (click, tap, keyboard) stays until they close it;
          // resting the pointer only previews.
          if (!this.host?.current || this.host.current.opened === 'hover') this.openCard(mention, 'hover', at);
        },
        clicked: (mention, at) => {
          const open = this.host?.current ?? this.pendingCard;
          if (mention && !this.marksHidden) this.openCard(mention, 'click', at);
          else if (open && open.opened !== 'keyboard') this.closeCard();
        },
        previewClicked: (at) => {
          const open = this.host?.current;
          // Beside the line the pointer rested on, not the point on the preview, which lies off it.
          if (open?.opened === 'hover' && !this.marksHidden) this.openCard(open.mention, 'click', open.at ?? at);
        },
        // A preview is the pointer's: the keyboard's place among the mentions (its focus mark, left
        // where Escape closed a card) stays as the pointer leaves one, where it went as the pointer
        // passed over another mark.
        left: () => {
          if (this.host?.current?.opened === 'hover' || this.pendingCard?.opened === 'hover') this.closeCard(true);
        },
        layer: () => this.host?.element ?? null,
        previewArea: () => this.host?.previewArea ?? null,
      },
      this.ctx.signal,
    );
    // An Escape the page took for its own (closing its menu or dialog: it prevents the default) is
    // the page's, not a request to close the card too.
    document.addEventListener('keydown', (event) => event.isTrusted && event.key === 'Escape' && !event.defaultPrevented && (this.host?.current || this.pendingCard) && this.closeCard(), { signal: this.ctx.signal });
    // Enter at the mention the keyboard left (Escape leaves the reader there) opens its card again.
    document.addEventListener('keydown', (event) => {
      if (!event.isTrusted || event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || this.host?.current || this.marksHidden) return;
      const mention = this.focused && this.mentions.drawn().includes(this.focused) ? this.focused : null;
      const active = document.activeElement;
      // Focus on the page itself (a click on blank space) means the reader left the mention.
      if (!mention || !active || active === document.body || active === document.documentElement || active.closest('a[href], button, input, select, textarea, summary, [contenteditable]')) return;
      if (active !== focusTargetAt(mention.range)) return;
      event.preventDefault();
      this.openCard(mention, 'keyboard');
    }, { signal: this.ctx.signal });
    // The focus mark says where the keyboard is among the mentions. A card closed from the keyboard
    // leaves it, with focus on the element around the mention; once focus leaves that element (Tab
    // to a link, a click on blank space) with no card open, the mark goes, where it stayed beside
    // the page's own focus ring until some later card closed. (Asked after the move: a card closing
    // hands focus back in two steps.)
    // One check pending at a time, on a plain timer: each of WXT's `ctx.setTimeout` adds a listener
    // for the script's end that stays until then, one per focus move on a page open all day.
    let focusCheck: ReturnType<typeof setTimeout> | null = null;
    const focusMoved = () => {
      if (focusCheck !== null) return;
      focusCheck = setTimeout(() => {
        focusCheck = null;
        if (!this.ctx.isValid) return;
        const mention = this.outlined;
        // (A preview open under the pointer is no card the keyboard is in.)
        const card = this.host?.current ?? this.pendingCard;
        if (!mention || (card && card.opened !== 'hover')) return;
        const active = document.activeElement;
        // (Not the page itself: a mention's text may lie in <body>, which a click on blank space focuses.)
        if (active && active !== document.body && active !== document.documentElement && active === focusTargetAt(mention.range)) return;
        this.outline(null);
      }, 0);
    };
    document.addEventListener('focusin', focusMoved, { signal: this.ctx.signal });
    document.addEventListener('focusout', focusMoved, { signal: this.ctx.signal });
    this.ctx.onInvalidated(() => {
      // An answer still on its way finds the page stopped, and paints no layer back.
      this.active = false;
      this.painter.clear();
    });
    // The browser clears a tab's badge whenever the tab commits a page, a page brought back from the
    // back/forward cache included, and a prerendered page's report was not taken for the tab's: when
    // the page is shown, it tells the badge again.
    const reportAgain = () => {
      this.reported = '';
      if (this.active) this.report(this.mentions.list());
    };
    window.addEventListener('pageshow', (event) => event.persisted && reportAgain(), { signal: this.ctx.signal });
    document.addEventListener('prerenderingchange', reportAgain, { signal: this.ctx.signal });
    // Each second the marks are measured again (text can move without an event saying so), and
    // Claimlight's layers are put back if page script took them out: on a page where Claimlight is
    // off too, or a layer that came back only where it is on would tell the page which it is.
    this.ctx.setInterval(() => {
      this.watcher.quietly(() => {
        this.painter.guard();
        this.host?.guard();
      });
    }, GUARD_INTERVAL);
    this.painter.look(this.settings);
    this.remembered = await this.dismissals.read().catch(() => NO_DISMISSALS);
    this.mentions.remember(hiddenOn(this.remembered, pageKeyOf(location.href)));
    // Decided with the settings as they are now: the reader may have switched the site off in the
    // popup while the hidden matches were read, which found the page not yet running and did
    // nothing, and the page was then marked with the settings it started with.
    this.decided = true;
    try {
      if (isEnabledOn(this.settings, location.hostname)) await this.rescan();
    } finally {
      this.starting = false;
    }
  }

  /** Takes the reader's rejected matches as changed anywhere (this card, another tab, the settings
   * page): newly rejected marks go now; one taken back is found again by a new scan. */
  async applyDismissals(list: Dismissals): Promise<void> {
    const page = pageKeyOf(location.href);
    const before = hiddenOn(this.remembered, page);
    const now = hiddenOn(list, page);
    this.remembered = list;
    const dropped = this.mentions.remember(now);
    const takenBack = [...before.matches].some((key) => !now.matches.has(key)) || [...before.claims].some((key) => !now.claims.has(key));
    if (!this.active) return;
    if (takenBack) await this.rescan();
    else if (dropped) this.refresh();
  }

  /** Applies new settings: switched off here, marks go; switched on or made more or less
   * sensitive, the page is scanned again. */
  async applySettings(settings: Settings): Promise<void> {
    const before = this.settings;
    this.settings = settings;
    this.settingsTold = true;
    this.painter.look(settings);
    // Before the page has decided whether it runs here, it decides with these (`start`).
    if (!this.decided) return;
    const on = isEnabledOn(settings, location.hostname);
    if (!on) {
      if (this.active) this.stop();
      return;
    }
    if (!this.active || before.sensitivity !== settings.sensitivity) await this.rescan();
    else if (before.othersFaint !== settings.othersFaint || before.markedVerdicts.join() !== settings.markedVerdicts.join()) this.refresh();
  }

  /** The store's claims changed: a page Claimlight runs on is scanned again with them. */
  async claimsChanged(): Promise<void> {
    if (this.active) await this.rescan();
  }

  /** The address changed (told once the change is made; `how`, where the browser says, as the
   * Navigation API names it): a new page in a single-page app is scanned afresh, at most once a
   * second however often the page navigates. Another path is a new page. On the same path, only an
   * app's route is: a fragment route ("#/story", "#!story") or a query, pushed or gone back to
   * ("?v=…"). An address rewritten in place ("?ref=scroll" as the reader scrolls, a tracking tag
   * taken off), an anchor on the page, "#", and a way back from one are the same page: they closed
   * the card the reader had open, and scanned the whole page again. */
  navigated(how?: string | null): void {
    const before = new URL(this.address);
    this.address = location.href;
    const sameRoute = pageKeyOf(before.href) === pageKeyOf(location.href) && !((how === 'push' || how === 'traverse') && (/^#[/!]/.test(location.hash) || before.search !== location.search));
    if (sameRoute) return;
    this.navigationDue = true;
    // A moment later: an app that changes the address first and then shows the new page (as most
    // routers do) has shown it, its date and opening with it.
    // A plain timer, for the reason `focusMoved`'s is: an app may change its address many times a second.
    setTimeout(() => {
      if (this.ctx.isValid) this.pacedNavigation();
    }, NAVIGATION_SETTLE_MS);
  }

  private async rescanForNavigation(): Promise<void> {
    this.navigationDue = false;
    // Before `start` has decided, the settings are not known yet (the defaults, switched on, stand
    // in for them): a route the app moved to meanwhile, read then, was marked on a site the reader
    // switched off, and stayed marked. `start` reads the page at its address then, whatever it is.
    if (!this.decided) return;
    this.closeCard();
    this.focused = null;
    // The matches the reader rejected are rejected on a page: the new page's, not the last one's.
    this.mentions.newPage();
    // And what there is to find is said again, of the new page.
    this.announced = false;
    this.mentions.remember(hiddenOn(this.remembered, pageKeyOf(location.href)));
    if (isEnabledOn(this.settings, location.hostname)) await this.rescan();
  }

  /** A single-page app that shows a route after fetching it dates the page then, after the route's
   * first scan read the last route's date: the page is read again with its own, which decides
   * which claims it can mention. (A page rewriting its tags every moment is read at most once a
   * second, and only when the date they give changed.) */
  private async rescanIfRedated(): Promise<void> {
    if (this.active && !this.navigationDue && pageDate(document) !== this.mentions.pageDate) await this.rescan();
  }

  /** Whether Claimlight is running on this page now. */
  get enabled(): boolean {
    return isEnabledOn(this.settings, location.hostname);
  }

  /** Moves to the next or previous mention and opens its card as a dialog. */
  focus(direction: 'next' | 'previous'): { index: number; total: number } {
    // Off on this site, or the marks hidden from the popup: the command finds nothing to go to.
    const list = this.active && !this.marksHidden ? this.mentions.drawn().filter(isShown) : [];
    if (!list.length) return { index: -1, total: 0 };
    const index = this.stepFrom(list, direction);
    this.focused = list[index]!;
    this.reveal(this.focused);
    return { index, total: list.length };
  }

  /** Where in `list` the keyboard's next or previous step lands. From a mention no longer marked
   * (hidden, or taken out by the page), it goes on from where its text was: its range, live, stays
   * at that place in the page. */
  private stepFrom(list: readonly PageMention[], direction: 'next' | 'previous'): number {
    const from = this.focused;
    const at = from ? list.indexOf(from) : -1;
    if (at >= 0) return (at + (direction === 'next' ? 1 : -1) + list.length) % list.length;
    if (!from) return direction === 'next' ? 0 : list.length - 1;
    // The first mention starting at or after the text left (another claim on the same words is
    // one the reader has not seen yet), or the last one before it; round the page at either end.
    const after = list.findIndex((m) => m.range.compareBoundaryPoints(Range.START_TO_START, from.range) >= 0);
    if (direction === 'next') return Math.max(after, 0);
    return ((after < 0 ? list.length : after) - 1 + list.length) % list.length;
  }

  /** Hides the page's marks until it is reloaded, or shows them again. */
  hideMarks(hidden: boolean): boolean {
    this.marksHidden = hidden;
    if (hidden) this.closeCard();
    this.watcher.quietly(() => this.painter.hide(hidden));
    return hidden;
  }

  /** Whether the reader hid the marks on this page. */
  get marksAreHidden(): boolean {
    return this.marksHidden;
  }

  /** Says so when the page is dated well after the events of the claims it mentions. */
  notice(): string | null {
    return staleNotice(this.mentions.pageDate, this.mentions.list().map((m) => m.claim));
  }

  /** The mentions on the page in reading order, then the claims it may be about (not marked), as the popup lists them. */
  summaries(): MentionSummary[] {
    return [
      ...this.mentions.list().map((m) => ({ id: m.id, verdict: m.verdict, claimText: m.claim.text, text: m.text, ...(isShown(m) ? {} : { hidden: true as const }) })),
      ...this.mentions.listRelated().map((m) => ({ id: m.id, verdict: m.verdict, claimText: m.claim.text, text: m.text, related: true as const })),
    ];
  }

  /** Scrolls to a mention by id and opens its card; false when there is no such mention, or the id
   * was listed by another load of the page (`pageId`). */
  revealById(id: number, page?: string): boolean {
    if (page !== undefined && page !== this.pageId) return false;
    const mention = this.active ? this.mentions.list().find((m) => m.id === id) : undefined;
    if (!mention || !isShown(mention)) return false;
    // A mention the reader chose not to mark is still revealed; the keyboard's place stays put then.
    if (this.mentions.drawn().includes(mention)) this.focused = mention;
    this.reveal(mention);
    return true;
  }

  private reveal(mention: PageMention, opened: 'click' | 'keyboard' = 'keyboard'): void {
    centreInView(mention.range);
    this.outline(mention);
    this.openCard(mention, opened);
  }

  private async rescan(): Promise<void> {
    this.active = true;
    this.watchChanges();
    this.scansRunning++;
    try {
      await this.mentions.scanAll();
    } finally {
      this.scansRunning--;
    }
    if (this.active) this.refresh();
  }

  /** Whether the page is still being read, so that what it lists may grow (the popup asks again). */
  get scanning(): boolean {
    return this.starting || this.scansRunning > 0;
  }

  private stop(): void {
    this.active = false;
    this.closeCard();
    this.mentions.clear();
    // Said again when Claimlight is on here again, as on a page newly read.
    this.announced = false;
    this.watcher.quietly(() => this.painter.empty());
    this.watching?.abort();
    this.watching = null;
    this.watcher = UNWATCHED;
    this.report([]);
  }

  /** Watches the page for changes while Claimlight is on here; where it is off, the page's changes cost nothing. */
  private watchChanges(): void {
    if (this.watching) return;
    this.watching = new AbortController();
    this.watcher = observeChanges(
      document,
      {
        moved: () => this.painter.relayout(),
        redated: () => this.active && this.pacedRedating(),
        changed: (roots) => this.active && this.scanChanged(roots),
        removed: (added) => this.active && this.mentions.prune(added) && this.refresh(),
        textChanged: (nodes) => this.active && this.mentions.dropOn(nodes) && this.refresh(),
        // At most one look at the hidden mentions per RESTYLE_LOOK_MS: a page animating its classes
        // changes them every frame, and each look checks the visibility of each mention held back.
        restyled: () => {
          if (!this.active || this.restyleLook) return;
          const signal = this.watching?.signal;
          this.restyleLook = setTimeout(() => {
            this.restyleLook = null;
            if (!this.active || signal?.aborted) return;
            // A dialog opened or closed, a cookie bar dismissed: the marks under it are cut or drawn again.
            this.painter.pageRestyled();
            const shown = this.mentions.shown();
            if (shown.length) void this.mentions.scan(shown).then(() => (this.active ? this.refresh() : undefined));
          }, RESTYLE_LOOK_MS);
        },
      },
      AbortSignal.any([this.ctx.signal, this.watching.signal]),
    );
  }

  /** Reads the parts of the page that changed: at once, or, while a scan of changes is under way,
   * after it, together with every other part that changed meanwhile (`MAX_CHANGE_REST_MS`). */
  private scanChanged(roots: readonly Element[]): void {
    for (const root of roots) this.changedRoots.add(root);
    if (!this.changesScanning) void this.scanChanges();
  }

  private async scanChanges(): Promise<void> {
    this.changesScanning = true;
    try {
      while (this.changedRoots.size && this.active && this.ctx.isValid) {
        const roots = outermost([...this.changedRoots].filter((root) => root.isConnected));
        this.changedRoots.clear();
        const started = performance.now();
        // Plain timers, cleared here: each of WXT's `ctx.setTimeout` adds a listener for the
        // script's end that stays until then, one per scan of a page that never stops changing.
        let patience: ReturnType<typeof setTimeout> | undefined;
        try {
          await Promise.race([
            this.mentions.scan(roots).then(() => (this.active ? this.refresh() : undefined)),
            new Promise<void>((resolve) => (patience = setTimeout(resolve, CHANGE_SCAN_PATIENCE_MS))),
          ]);
        } catch (error) {
          if (this.ctx.isValid) log.error('Could not read a part of the page that changed', error);
        } finally {
          clearTimeout(patience);
        }
        const took = performance.now() - started;
        if (took > RESTLESS_SCAN_MS && this.changedRoots.size) await new Promise((resolve) => setTimeout(resolve, Math.min(took, MAX_CHANGE_REST_MS)));
      }
    } finally {
      this.changesScanning = false;
    }
  }

  /** Tells the background what the page's mentions come to (for the toolbar badge), when that changes. */
  private report(list: readonly PageMention[]): void {
    const shown = pageVerdicts(list.map((m) => m.verdict));
    const key = JSON.stringify(shown);
    if (key === this.reported) return;
    this.reported = key;
    // Counted as told only once the background has it: a report it did not take (a background
    // restarting) is sent again with the next report, where the same figures were skipped before.
    const untold = () => {
      if (this.reported === key) this.reported = '';
    };
    void this.client.call('mentionsShown', shown).then((result) => {
      if (!result.ok) untold();
    }, untold);
  }

  /** Closes the open card, and takes the focus mark away unless `keepFocusMark`. */
  private closeCard(keepFocusMark = false): void {
    this.pendingCard = null;
    this.host?.hide();
    if (!keepFocusMark) this.outline(null);
  }

  /** The mention the focus mark is drawn around, if any. */
  private outlined: PageMention | null = null;

  /** Draws the focus mark around a mention, or takes it away. */
  private outline(mention: PageMention | null): void {
    this.outlined = mention;
    this.painter.focus(mention?.range ?? null);
  }

  /** Closes a card the reader is done with. One the keyboard opened leaves the reader at its
   * mention: the focus mark stays on it, the next Tab and the next "next mention" go on from it. */
  private leaveCard(mention: PageMention): void {
    if (this.host?.current?.opened === 'keyboard') this.host.hide(mention.range);
    else this.closeCard();
  }

  /** The marked mentions whose text is shown now, in reading order, and this one among them. */
  private shownAnd(mention: PageMention): PageMention[] {
    return this.mentions.drawn().filter((other) => other === mention || isShown(other));
  }

  /** Opens the card of the mention before or after this one, scrolled into view. */
  private step(from: PageMention, direction: 'next' | 'previous', opened: 'hover' | 'click' | 'keyboard'): void {
    const list = this.shownAnd(from);
    const index = list.indexOf(from);
    if (index < 0 || !list.length) return;
    this.focused = list[(index + (direction === 'next' ? 1 : -1) + list.length) % list.length]!;
    this.reveal(this.focused, opened === 'keyboard' ? 'keyboard' : 'click');
  }

  private openCard(mention: PageMention, opened: 'hover' | 'click' | 'keyboard', at?: { x: number; y: number }): void {
    // Not for a mention the page has dropped since it was asked for (a preview's dwell can outlast
    // it), nor on a site switched off while a scan or the card's code was under way.
    if (!this.ctx.isValid || !this.active || !this.mentions.list().includes(mention)) return;
    if (!this.host) {
      // The card's code may take a moment to load: the last card asked for meanwhile is the one
      // opened, and none is if the reader moved on (the pointer left, a click elsewhere, marks hidden).
      this.pendingCard = { mention, opened, ...(at ? { at } : {}) };
      if (this.hostReady) return;
      this.hostReady = loadOwnScript('/card-ui.js')
        .then((ui) => {
          if (!this.ctx.isValid) throw new Error('the content script was stopped');
          return ui.createCardHost(this.ctx);
        })
        .then((host) => (this.host = host));
      this.hostReady.then(
        () => {
          const pending = this.pendingCard;
          this.pendingCard = null;
          // Still a mention of the page, and nothing hid the marks meanwhile.
          if (pending && this.ctx.isValid && !this.marksHidden && this.mentions.list().includes(pending.mention)) this.openCard(pending.mention, pending.opened, pending.at);
        },
        (error: unknown) => {
          // The next card the reader asks for tries again.
          this.hostReady = null;
          this.pendingCard = null;
          if (this.ctx.isValid) log.error('Could not open the card', error);
        },
      );
      return;
    }
    this.host.show({
      mention,
      opened,
      ...(at ? { at } : {}),
      sameText: this.mentions.onSameText(mention),
      // The reader chose another claim of the same sentence: its card replaces this one, opened
      // the same way, and the keyboard's place in the list moves to it.
      onShowOther: (other) => {
        // A rescan since the card opened may have dropped it.
        if (!this.mentions.list().includes(other)) return;
        if (opened === 'keyboard' && this.mentions.drawn().includes(other)) {
          this.focused = other;
          this.outline(other);
        }
        this.openCard(other, opened, at);
      },
      onDismiss: () => {
        this.mentions.dismiss(mention);
        const page = pageKeyOf(location.href);
        const match = { page, claimKey: mention.claimKey, text: mention.text };
        const at = new Date().toISOString();
        // The card says what is hidden only as far as it was kept: a list the browser would not
        // store (its storage for extensions full) is said, not passed over as remembered.
        const remember = (change: DismissalChange) =>
          void this.dismissals.update([change]).then((kept) => {
            const shown = this.host?.current;
            if (kept !== 'kept' && shown?.mention === mention && shown.dismissed) this.host?.showDismissed({ ...shown.dismissed, unkept: kept });
          });
        remember({ hideOnPage: { ...match, claimText: mention.claim.text, at } });
        // The card stays, saying what was hidden, with a way back and a way further.
        this.host?.showDismissed({
          everywhere: false,
          reported: false,
          onReport: () => {
            this.host?.showDismissed({ ...this.host.current!.dismissed!, reported: true });
            remember({ report: fitted({ url: location.href, claimKey: mention.claimKey, claimText: mention.claim.text, text: mention.text, at }) });
          },
          onUndo: () => {
            const back = this.mentions.undismiss(mention);
            // Marked again, the reader is left at it, as Escape leaves them (a card the keyboard
            // opened hands focus back to the mention, where closing it dropped focus to the page's
            // body, and the next Tab started from the top).
            if (back) {
              this.refresh();
              this.leaveCard(mention);
            } else this.closeCard();
            void this.dismissals.update([{ show: match }]);
          },
          onEverywhere: () => {
            this.host?.showDismissed({ ...this.host.current!.dismissed!, everywhere: true });
            remember({ hideEverywhere: { claimKey: mention.claimKey, claimText: mention.claim.text, at } });
          },
        });
        // After the card has turned: a card whose mention is gone would otherwise close.
        this.refresh();
      },
      onClose: () => this.leaveCard(mention),
      notice: cardNotice(mention.claim, this.notice()),
      place: this.placeOf(mention, opened),
    });
  }

  /** Where a mention is among the marked ones, with the ways to the one before and after; none
   * for a mention that has no mark. */
  private placeOf(mention: PageMention, opened: 'hover' | 'click' | 'keyboard'): MentionPlace | undefined {
    // Counted as the keyboard goes: over the mentions shown now (`isShown`), and this one.
    const drawn = this.shownAnd(mention);
    const index = drawn.indexOf(mention);
    if (index < 0) return undefined;
    return { index, total: drawn.length, onPrevious: () => this.step(mention, 'previous', opened), onNext: () => this.step(mention, 'next', opened) };
  }

  private refresh(): void {
    if (!this.ctx.isValid) return;
    const list = this.mentions.list();
    this.watcher.quietly(() => this.painter.paint(this.mentions.drawn().map((m) => ({ range: m.range, verdict: m.verdict, text: m.text, faint: !this.isMarked(m) }))));
    this.report(list);
    // A card whose mention went closes, unless it went because the reader dismissed it there. (By
    // the mention itself, not its id: a sentence found again elsewhere keeps its id, not its card.)
    if (this.host?.current && !this.host.current.dismissed && !list.includes(this.host.current.mention)) this.closeCard();
    // Marks are invisible to screen readers: say once per page what there is to find.
    if (list.length && !this.announced) {
      this.announced = true;
      const count = this.mentions.claimCount();
      this.watcher.quietly(() => this.painter.announce(`Claimlight: ${count} claim${count === 1 ? '' : 's'} found on this page`));
    }
  }
}
