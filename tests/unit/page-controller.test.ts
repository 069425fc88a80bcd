// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardHost, OpenCard } from '@/entrypoints/content/card-host';
import { provideOwnScript } from '@/entrypoints/content/own-scripts';
import { PageController } from '@/entrypoints/content/page-controller';
import type { Client, FoundMentions } from '@/lib/protocol';
import { err, ok } from '@/lib/result';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { DismissalChangesSchema, NO_DISMISSALS, pageKeyOf, withChanges, withPageDismissal, type DismissalChange, type Dismissals } from '@/lib/dismissals';
import * as v from 'valibot';
import type { Verdict } from '@/lib/verdicts';
import { fakeContentContext } from '../helpers/content-context';

// The page's controller with a matcher that answers when the test says so and a card host that
// records what it was asked to show, so the test sees which cards open and when.
const CLAIM = 'The harbour bridge will close all summer.';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(dismissals: Dismissals = NO_DISMISSALS, { failedReports = 0 } = {}) {
  const { ctx, stop } = fakeContentContext();
  const waiting: (() => void)[] = [];
  const reports: unknown[] = [];
  const requests: { blocks?: string[]; pageDate?: number | null }[] = [];
  const client = {
    call: async (name: string, payload: { blocks?: string[]; pageDate?: number | null }) => {
      if (name === 'mentionsShown') {
        reports.push(payload);
        if (failedReports-- > 0) return err({ code: 'internal', message: 'Claimlight’s background did not answer.' });
      }
      if (name !== 'findMentions') return ok({});
      requests.push(payload);
      return new Promise((resolve) =>
        waiting.push(() =>
          resolve(
            ok<FoundMentions>({
              mentions: payload.blocks!.flatMap((text, block) => (text === CLAIM ? [{ claimKey: 'p/bridge', block, start: 0, end: text.length, score: 0.9, cues: [], verdict: 'false' as const }] : [])),
              related: [],
              claims: { 'p/bridge': { id: 'bridge', text: CLAIM, verdict: 'false', summary: 'It closes on weekends.', context: [], cues: { phrases: [], terms: [] }, packId: 'p', packTitle: 'P' } },
            }),
          ),
        ),
      );
    },
  } as unknown as Client;
  const shown: OpenCard['opened'][] = [];
  const host = {
    current: null as OpenCard | null,
    element: null,
    show(card: OpenCard) {
      this.current = card;
      shown.push(card.opened);
    },
    hide() {
      this.current = null;
    },
    guard() {},
  };
  provideOwnScript('/card-ui.js', { createCardHost: async () => host as unknown as CardHost });
  const controller = new PageController(ctx, client, { read: async () => dismissals, update: async () => 'kept' as const });
  const answer = async () => {
    for (let i = 0; i < 20; i++) {
      await tick();
      while (waiting.length) waiting.shift()!();
    }
  };
  return { controller, shown, reports, answer, pending: () => waiting.length, requests: () => requests, stop, ctx };
}

/** A card host that keeps the card it was asked to show, and its "Not this claim" state. */
function cardHostRecording(onShow: (card: OpenCard) => void = () => {}) {
  return {
    current: null as OpenCard | null,
    element: null,
    show(card: OpenCard) {
      this.current = card;
      onShow(card);
    },
    hide() {
      this.current = null;
    },
    showDismissed(dismissed: NonNullable<OpenCard['dismissed']>) {
      if (this.current) this.current = { ...this.current, dismissed };
    },
    guard() {},
  };
}

let stop = () => {};
afterEach(() => stop());

/** The controller on a page at `path` dated 1 March 2015 in its meta tag, started, its first scan answered. */
async function startedDated(path: string) {
  history.replaceState(null, '', path);
  document.head.innerHTML = '<meta property="article:published_time" content="2015-03-01T08:00:00Z">';
  return startedOn(`<main><p>${CLAIM}</p></main>`);
}

/** The controller on a page, started, its first scan answered. */
async function startedOn(html: string, options: { failedReports?: number } = {}) {
  document.body.innerHTML = html;
  const page = setup(NO_DISMISSALS, options);
  stop = page.stop;
  const started = page.controller.start(DEFAULT_SETTINGS);
  await page.answer();
  await started;
  return page;
}

describe('PageController', () => {
  it('reads a part of the page that keeps changing one scan at a time, the changes made meanwhile together after it', async () => {
    const page = await startedOn(`<main><div id="feed"><span id="ticker">0</span><p>${CLAIM}</p></div></main>`);
    const before = page.requests().length;
    const ticker = document.getElementById('ticker')!;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 120));
    ticker.textContent = '1';
    await settle();
    // One request for the change, not yet answered; the page goes on changing meanwhile.
    expect(page.requests().length - before).toBe(1);
    for (let i = 2; i < 8; i++) {
      ticker.textContent = String(i);
      await settle();
    }
    expect(page.requests().length - before).toBe(1);
    await page.answer();
    // The six changes made while the first was read: one more request, after a rest as long as the
    // first scan took (here, the test's wait for its answer), and none after it.
    await vi.waitFor(() => expect(page.requests().length - before).toBe(2), { timeout: 3_000, interval: 50 });
    await page.answer();
    await settle();
    expect(page.requests().length - before).toBe(2);
    expect(page.pending()).toBe(0);
  });

  it('measures its marks again each second while it runs, and never after its content script is stopped', async () => {
    const page = await startedOn(`<main><p>${CLAIM}</p></main>`);
    const painter = (page.controller as unknown as { painter: { guard(): void } }).painter;
    const guard = vi.spyOn(painter, 'guard');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(guard).toHaveBeenCalled();
    page.stop();
    guard.mockClear();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(guard).not.toHaveBeenCalled();
  });

  it('starts on a page served over plain http, whose crypto has no randomUUID', () => {
    const { randomUUID } = crypto;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const page = setup();
      stop = page.stop;
      expect(page.controller.pageId).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });

  it('says it is still reading the page until its first scan is done, and reveals a mention only for the load of the page that listed it', async () => {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const page = setup();
    stop = page.stop;
    expect(page.controller.scanning).toBe(true);
    const started = page.controller.start(DEFAULT_SETTINGS);
    expect(page.controller.scanning).toBe(true);
    await page.answer();
    await started;
    expect(page.controller.scanning).toBe(false);
    const [mention] = page.controller.summaries();
    // Another load of the page counts its mentions from 1 again: an id listed by it is not this one's.
    expect(page.controller.revealById(mention!.id, 'another-load')).toBe(false);
    expect(page.shown).toEqual([]);
    expect(page.controller.revealById(mention!.id, page.controller.pageId)).toBe(true);
  });

  it('hides the matches the reader rejected on the page a single-page app moves to, and shows again those rejected on the last one', async () => {
    history.replaceState(null, '', '/story-a');
    const rejected = withPageDismissal(NO_DISMISSALS, { page: pageKeyOf(new URL('/story-b', location.href).href), claimKey: 'p/bridge', claimText: CLAIM, text: CLAIM, at: '2026-12-01T00:00:00Z' });
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const page = setup(rejected);
    stop = page.stop;
    const started = page.controller.start(DEFAULT_SETTINGS);
    await page.answer();
    await started;
    expect(page.controller.summaries()).toHaveLength(1);
    history.pushState(null, '', '/story-b');
    page.controller.navigated();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await page.answer();
    expect(page.controller.summaries()).toEqual([]);
    history.pushState(null, '', '/story-c');
    page.controller.navigated();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await page.answer();
    expect(page.controller.summaries()).toHaveLength(1);
  });

  it('reads no route a single-page app moves to before it knows the reader\'s settings, so marks nothing on a site switched off', async () => {
    history.replaceState(null, '', '/story-h');
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const page = setup();
    stop = page.stop;
    // The app moves on (a locale's redirect) while the settings are still being read.
    history.pushState(null, '', '/story-h/en');
    page.controller.navigated('push');
    await new Promise((resolve) => setTimeout(resolve, 120));
    await page.answer();
    expect(page.requests()).toEqual([]);
    // The settings, read: Claimlight is off.
    await page.controller.start({ ...DEFAULT_SETTINGS, enabled: false });
    await page.answer();
    expect(page.requests()).toEqual([]);
    expect(page.controller.summaries()).toEqual([]);
  });

  it('leaves nothing behind for the script\'s end from focus moves and address changes (each of the context\'s timers does)', async () => {
    history.replaceState(null, '', '/story-f');
    document.body.innerHTML = `<main><p>${CLAIM}</p><a href="#x">x</a></main>`;
    const page = setup();
    stop = page.stop;
    const started = page.controller.start(DEFAULT_SETTINGS);
    await page.answer();
    await started;
    const timers = vi.spyOn(page.ctx, 'setTimeout');
    const link = document.querySelector('a')!;
    for (let i = 0; i < 50; i++) {
      link.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      link.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    }
    for (let i = 0; i < 20; i++) {
      history.pushState(null, '', `/story-f/${i}`);
      page.controller.navigated('push');
    }
    await new Promise((resolve) => setTimeout(resolve, 120));
    // The pacer's one wait for the next rescan at most.
    expect(timers.mock.calls.length).toBeLessThanOrEqual(1);
    await page.answer();
  });

  it('takes an address rewritten only in its query or fragment for the same page: no rescan, its card and hidden matches kept', async () => {
    history.replaceState(null, '', '/story-d');
    const rejected = withPageDismissal(NO_DISMISSALS, { page: pageKeyOf(location.href), claimKey: 'p/bridge', claimText: CLAIM, text: CLAIM, at: '2026-12-01T00:00:00Z' });
    document.body.innerHTML = `<main><p>${CLAIM}</p><p>${CLAIM} Again.</p><h2 id="comments">Comments</h2></main>`;
    const page = setup(rejected);
    stop = page.stop;
    const started = page.controller.start(DEFAULT_SETTINGS);
    await page.answer();
    await started;
    expect(page.controller.summaries()).toEqual([]);
    for (const address of ['/story-d?ref=scroll', '/story-d?ref=scroll#comments', '/story-d']) {
      history.replaceState(null, '', address);
      page.controller.navigated('replace');
    }
    // A link to an anchor on the page, pushed, and back; "#" pushed by a link that is a button; a
    // query rewritten where the browser does not say how (Firefox): the reader is on the same page.
    history.pushState(null, '', '/story-d#comments');
    page.controller.navigated('push');
    history.back();
    await new Promise((resolve) => setTimeout(resolve, 20));
    page.controller.navigated('traverse');
    history.pushState(null, '', '/story-d#');
    page.controller.navigated('push');
    history.replaceState(null, '', '/story-d?utm=feed');
    page.controller.navigated();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(page.pending()).toBe(0);
    expect(page.controller.summaries()).toEqual([]);
  });

  it('reads the page again with its new date when the page changes it after it was read (an app that dates a route once fetched), and not when the date stays', async () => {
    const page = await startedDated('/story-e');
    const before = page.requests().length;
    // The same date written again: nothing to read again.
    document.head.querySelector('meta')!.setAttribute('content', '2015-03-01T09:00:00Z');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(page.requests()).toHaveLength(before);
    document.head.querySelector('meta')!.setAttribute('content', '2025-03-01T08:00:00Z');
    await vi.waitFor(() => expect(page.requests().at(-1)?.pageDate).toBe(Date.UTC(2025, 2, 1)), { timeout: 2_000 });
    await page.answer();
    document.head.innerHTML = '';
  });

  it('reads a route once, with its own hidden matches, when the app changes the address and then the date in its tags', async () => {
    const page = await startedDated('/story-r');
    const before = page.requests().length;
    history.pushState(null, '', '/story-s');
    page.controller.navigated('push');
    document.head.querySelector('meta')!.setAttribute('content', '2025-03-01T08:00:00Z');
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      await page.answer();
    }
    expect(page.requests().slice(before).map((request) => request.pageDate)).toEqual([Date.UTC(2025, 2, 1)]);
    document.head.innerHTML = '';
  });

  it('takes a route pushed in the fragment or the query (an app routed by "#/story" or "?v=") for a new page, read with its own date', async () => {
    for (const [from, to] of [['/app#/old', '/app#/new'], ['/watch?v=old', '/watch?v=new']]) {
      history.replaceState(null, '', from);
      document.head.innerHTML = '<meta property="article:published_time" content="2015-03-01T08:00:00Z">';
      document.body.innerHTML = '<main><p>The old route.</p></main>';
      const page = setup();
      stop = page.stop;
      const started = page.controller.start(DEFAULT_SETTINGS);
      await page.answer();
      await started;
      expect(page.pending()).toBe(0);
      history.pushState(null, '', to);
      document.head.innerHTML = '<meta property="article:published_time" content="2025-03-01T08:00:00Z">';
      page.controller.navigated('push');
      await new Promise((resolve) => setTimeout(resolve, 60));
      // (The page's date is the publisher's day.)
      expect(page.requests().at(-1)?.pageDate).toBe(Date.UTC(2025, 2, 1));
      page.stop();
    }
  });

  it('finds nothing and opens no card on a site switched off while its scan was under way', async () => {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const page = setup();
    stop = page.stop;
    const started = page.controller.start(DEFAULT_SETTINGS);
    await tick();
    await page.controller.applySettings({ ...DEFAULT_SETTINGS, siteRules: [{ pattern: location.hostname, mode: 'never' }] });
    await page.answer();
    await started;
    expect(page.controller.summaries()).toEqual([]);
    expect(page.controller.focus('next')).toEqual({ index: -1, total: 0 });
    expect(page.controller.revealById(1)).toBe(false);
    await page.answer();
    expect(page.shown).toEqual([]);
    // (The layer's marks are in a closed root: the painter says what it drew.)
    expect((page.controller as unknown as { painter: { drawn: unknown[] } }).painter.drawn).toEqual([]);
  });

  it('marks nothing on a site the reader switched off while the page was starting, before it had read the hidden matches', async () => {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const { ctx, stop: stopContext } = fakeContentContext();
    stop = stopContext;
    let release = () => {};
    const read = () => new Promise<Dismissals>((resolve) => (release = () => resolve(NO_DISMISSALS)));
    const asked: string[] = [];
    const client = { call: async (name: string) => (asked.push(name), ok({ mentions: [], related: [], claims: {} })) } as unknown as Client;
    const controller = new PageController(ctx, client, { read, update: async () => 'kept' as const });
    const started = controller.start(DEFAULT_SETTINGS);
    await tick();
    await controller.applySettings({ ...DEFAULT_SETTINGS, siteRules: [{ pattern: location.hostname, mode: 'never' }] });
    release();
    await started;
    expect(asked).not.toContain('findMentions');
    expect(controller.enabled).toBe(false);
    // Settings told before the content script had read its own are the newer: switched on again.
    const { ctx: ctx2, stop: stop2 } = fakeContentContext();
    stop = () => (stopContext(), stop2());
    const later = new PageController(ctx2, client, { read: async () => NO_DISMISSALS, update: async () => 'kept' as const });
    await later.applySettings({ ...DEFAULT_SETTINGS, enabled: true });
    await later.start({ ...DEFAULT_SETTINGS, enabled: false });
    expect(later.enabled).toBe(true);
  });

  it('tells the badge again when the page comes back from the back/forward cache or a prerendered page is shown', async () => {
    const page = await startedOn(`<main><p>${CLAIM}</p></main>`);
    expect(page.reports).toEqual([{ count: 1, problems: 1, worst: 'false' }]);
    // The browser cleared the tab's badge when it showed the page again; the mentions did not change.
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    document.dispatchEvent(new Event('prerenderingchange'));
    // A page loaded afresh reports from its scan, not from this.
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    expect(page.reports).toEqual([{ count: 1, problems: 1, worst: 'false' }, { count: 1, problems: 1, worst: 'false' }, { count: 1, problems: 1, worst: 'false' }]);
  });

  it('tells the badge again with the next scan when the background did not take the last report', async () => {
    const page = await startedOn(`<main><p>${CLAIM}</p></main>`, { failedReports: 1 });
    expect(page.reports).toEqual([{ count: 1, problems: 1, worst: 'false' }]);
    // The same mentions again: sent, since the first report was not taken; then not again.
    const again = page.controller.claimsChanged();
    await page.answer();
    await again;
    const twice = [{ count: 1, problems: 1, worst: 'false' }, { count: 1, problems: 1, worst: 'false' }];
    expect(page.reports).toEqual(twice);
    const thrice = page.controller.claimsChanged();
    await page.answer();
    await thrice;
    expect(page.reports).toEqual(twice);
  });

  it('goes nowhere from the keyboard while the marks are hidden, whether or not the card’s code has loaded', async () => {
    const page = await startedOn(`<main><p>${CLAIM}</p></main>`);
    expect(page.controller.summaries()).toHaveLength(1);
    // Once: the card's code loads and the card opens.
    expect(page.controller.focus('next')).toEqual({ index: 0, total: 1 });
    await page.answer();
    expect(page.shown).toEqual(['keyboard']);
    page.controller.hideMarks(true);
    expect(page.controller.focus('next')).toEqual({ index: -1, total: 0 });
    await page.answer();
    expect(page.shown).toEqual(['keyboard']);
    // Shown again, the command works again.
    page.controller.hideMarks(false);
    expect(page.controller.focus('next')).toEqual({ index: 0, total: 1 });
    expect(page.shown).toEqual(['keyboard', 'keyboard']);
  });

  it('looks at the mentions in hidden text at most once per quarter second while the page changes its classes every frame', async () => {
    const page = await startedOn(`<main><p>${CLAIM}</p></main>`);
    const mentions = (page.controller as unknown as { mentions: { shown(): Element[] } }).mentions;
    let looks = 0;
    const shown = mentions.shown.bind(mentions);
    mentions.shown = () => (looks++, shown());
    const main = document.querySelector('main')!;
    const start = performance.now();
    for (let frame = 0; frame < 30; frame++) {
      main.classList.toggle('pulse');
      await new Promise((resolve) => setTimeout(resolve, 16));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One look per quarter second of the run, however slow the machine, and one at its end: not one a frame.
    expect(looks).toBeGreaterThan(0);
    expect(looks).toBeLessThanOrEqual(Math.ceil((performance.now() - start) / 250) + 1);
    expect(looks).toBeLessThan(30);
  });
});

describe('a card open on a mention the page scans again', () => {
  let stop = () => {};
  afterEach(() => stop());

  /** A page whose one mention's card is open, and a pack that the test can re-rate. */
  async function openCardOn(verdictOf: () => Verdict, kept: 'kept' | 'full' | 'failed' = 'kept', asked: DismissalChange[][] = []) {
    document.body.innerHTML = `<main><p>${CLAIM}</p></main>`;
    const context = fakeContentContext();
    stop = context.stop;
    const { ctx } = context;
    const client = {
      call: async (name: string, payload: { blocks?: string[] }) => {
        if (name !== 'findMentions') return ok({});
        const verdict = verdictOf();
        return ok<FoundMentions>({
          mentions: payload.blocks!.flatMap((text, block) => (text === CLAIM ? [{ claimKey: 'p/bridge', block, start: 0, end: text.length, score: 0.9, cues: [], verdict }] : [])),
          related: [],
          claims: { 'p/bridge': { id: 'bridge', text: CLAIM, verdict, summary: 'It closes on weekends.', context: [], cues: { phrases: [], terms: [] }, packId: 'p', packTitle: 'P' } },
        });
      },
    } as unknown as Client;
    const shown: Verdict[] = [];
    const host = cardHostRecording((card) => shown.push(card.mention.claim.verdict));
    provideOwnScript('/card-ui.js', { createCardHost: async () => host as unknown as CardHost });
    const update = async (changes: DismissalChange[]) => {
      asked.push(changes);
      return kept;
    };
    const controller = new PageController(ctx, client, { read: async () => NO_DISMISSALS, update });
    await controller.start(DEFAULT_SETTINGS);
    expect(controller.revealById(controller.summaries()[0]!.id, controller.pageId)).toBe(true);
    for (let i = 0; i < 10; i++) await tick();
    expect(shown).toEqual(['false']);
    return { controller, host, shown };
  }

  it('says on the card that a hidden match or a report could not be kept, where the browser would not store it', async () => {
    const { host } = await openCardOn(() => 'false', 'full');
    host.current!.onDismiss();
    for (let i = 0; i < 5; i++) await tick();
    expect(host.current!.dismissed).toMatchObject({ everywhere: false, reported: false, unkept: 'full' });
  });

  it('says so on the card where the background did not answer', async () => {
    const { host } = await openCardOn(() => 'false', 'failed');
    host.current!.onDismiss();
    for (let i = 0; i < 5; i++) await tick();
    expect(host.current!.dismissed).toMatchObject({ unkept: 'failed' });
  });

  it('asks for each change to the hidden matches as data, for the background to make one tab’s after another’s', async () => {
    const asked: DismissalChange[][] = [];
    const { host } = await openCardOn(() => 'false', 'kept', asked);
    host.current!.onDismiss();
    host.current!.dismissed!.onReport();
    host.current!.dismissed!.onEverywhere();
    for (let i = 0; i < 5; i++) await tick();
    const page = pageKeyOf(location.href);
    expect(asked).toEqual([
      [{ hideOnPage: { page, claimKey: 'p/bridge', text: CLAIM, claimText: CLAIM, at: expect.any(String) } }],
      [{ report: { url: location.href, claimKey: 'p/bridge', claimText: CLAIM, text: CLAIM, at: expect.any(String) } }],
      [{ hideEverywhere: { claimKey: 'p/bridge', claimText: CLAIM, at: expect.any(String) } }],
    ]);
    host.current!.dismissed!.onUndo();
    for (let i = 0; i < 5; i++) await tick();
    expect(asked.at(-1)).toEqual([{ show: { page, claimKey: 'p/bridge', text: CLAIM } }]);
  });

  it('sends a report from a page whose address is longer than a message may be with the address cut as the list keeps it, not to be refused', async () => {
    const asked: DismissalChange[][] = [];
    const { host } = await openCardOn(() => 'false', 'kept', asked);
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?state=${'x'.repeat(30_000)}`);
    try {
      host.current!.onDismiss();
      host.current!.dismissed!.onReport();
      for (let i = 0; i < 5; i++) await tick();
      const report = asked.map((changes) => changes[0]!).find((change) => 'report' in change) as { report: { url: string } };
      expect(location.href.startsWith(report.report.url)).toBe(true);
      expect(report.report.url.length).toBe(5_000);
      expect(v.safeParse(DismissalChangesSchema, asked.flat()).success).toBe(true);
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('keeps a match hidden that could not be stored through the page\'s later scans, whole or in part, until a new page', async () => {
    const { controller, host } = await openCardOn(() => 'false', 'full');
    host.current!.onDismiss();
    for (let i = 0; i < 5; i++) await tick();
    expect(controller.summaries()).toEqual([]);
    // A feed refreshed: the page is read again whole.
    await controller.claimsChanged();
    expect(controller.summaries()).toEqual([]);
  });

  it('marks a hidden match again at once on Undo after the stored hiding has come back to the tab, and hands focus back to it', async () => {
    const asked: DismissalChange[][] = [];
    const { controller, host } = await openCardOn(() => 'false', 'kept', asked);
    host.current!.onDismiss();
    for (let i = 0; i < 5; i++) await tick();
    // The list the card stored comes back to this tab, as every change of the browser's storage does.
    await controller.applyDismissals(withChanges(NO_DISMISSALS, asked.flat()));
    expect(controller.summaries()).toEqual([]);
    const hide = vi.spyOn(host, 'hide');
    host.current!.dismissed!.onUndo();
    // Left at its mention, as Escape leaves it: not closed with focus dropped to the page's body.
    expect(hide).toHaveBeenCalledWith(expect.any(Range));
    expect(controller.summaries().map((m) => m.text)).toEqual([CLAIM]);
    expect((controller as unknown as { painter: { drawn: unknown[] } }).painter.drawn).toHaveLength(1);
    // And the list without it, stored next, keeps it marked.
    await controller.applyDismissals(withChanges(withChanges(NO_DISMISSALS, asked.flat()), [{ show: { page: pageKeyOf(location.href), claimKey: 'p/bridge', text: CLAIM } }]));
    expect(controller.summaries().map((m) => m.text)).toEqual([CLAIM]);
  });

  it('marks a hidden match again at once on Undo, though the hiding could not be stored', async () => {
    const { controller, host } = await openCardOn(() => 'false', 'full');
    host.current!.onDismiss();
    for (let i = 0; i < 5; i++) await tick();
    expect(controller.summaries()).toEqual([]);
    // The card was opened from the keyboard (the popup's list): it hands focus back to the mention.
    const hide = vi.spyOn(host, 'hide');
    host.current!.dismissed!.onUndo();
    expect(hide).toHaveBeenCalledWith(expect.any(Range));
    for (let i = 0; i < 5; i++) await tick();
    expect(controller.summaries().map((m) => m.text)).toEqual([CLAIM]);
    expect((controller as unknown as { painter: { drawn: unknown[] } }).painter.drawn).toHaveLength(1);
    // And the page's next scan keeps it.
    await controller.claimsChanged();
    expect(controller.summaries().map((m) => m.text)).toEqual([CLAIM]);
  });

  it('says nothing of the kind where it was kept', async () => {
    const { host } = await openCardOn(() => 'false');
    host.current!.onDismiss();
    for (let i = 0; i < 5; i++) await tick();
    expect(host.current!.dismissed?.unkept).toBeUndefined();
  });

  it('stays open when the pack changed and the mention is found again as it was (a feed refreshed)', async () => {
    const { controller, host } = await openCardOn(() => 'false');
    const before = host.current!.mention;
    await controller.claimsChanged();
    for (let i = 0; i < 10; i++) await tick();
    expect(host.current?.mention).toBe(before);
  });

  it('closes, rather than go on saying the old verdict, when the claim was rated anew', async () => {
    let verdict: Verdict = 'false';
    const { controller, host } = await openCardOn(() => verdict);
    const id = controller.summaries()[0]!.id;
    verdict = 'accurate';
    await controller.claimsChanged();
    for (let i = 0; i < 10; i++) await tick();
    expect(controller.summaries().map((m) => [m.id, m.verdict])).toEqual([[id, 'accurate']]);
    expect(host.current).toBeNull();
  });
});

describe('the keyboard’s place among the mentions', () => {
  let stop = () => {};
  afterEach(() => stop());
  const SENTENCES = ['The ferry will stop running in May.', 'The harbour bridge will close all summer.', 'The old lighthouse will be sold next year.'];

  /** A page of three sentences, each mentioning its own claim, read and marked. */
  async function threeMentions() {
    document.body.innerHTML = `<main>${SENTENCES.map((text, i) => `<p id="p${i}">${text}</p>`).join('')}</main>`;
    const context = fakeContentContext();
    stop = context.stop;
    const claim = (i: number) => ({ id: `c${i}`, text: SENTENCES[i]!, verdict: 'false' as const, summary: 'No.', context: [], cues: { phrases: [], terms: [] }, packId: 'p', packTitle: 'P' });
    const client = {
      call: async (name: string, payload: { blocks?: string[] }) => {
        if (name !== 'findMentions') return ok({});
        return ok<FoundMentions>({
          mentions: payload.blocks!.flatMap((text, block) => {
            const i = SENTENCES.indexOf(text);
            return i < 0 ? [] : [{ claimKey: `p/c${i}`, block, start: 0, end: text.length, score: 0.9, cues: [], verdict: 'false' as const }];
          }),
          related: [],
          claims: Object.fromEntries(SENTENCES.map((_, i) => [`p/c${i}`, claim(i)])),
        });
      },
    } as unknown as Client;
    const host = cardHostRecording();
    provideOwnScript('/card-ui.js', { createCardHost: async () => host as unknown as CardHost });
    const controller = new PageController(context.ctx, client, { read: async () => NO_DISMISSALS, update: async () => 'kept' as const });
    await controller.start(DEFAULT_SETTINGS);
    /** Steps with the keyboard's command and gives the text of the mention whose card opened. */
    const step = async (direction: 'next' | 'previous') => {
      controller.focus(direction);
      for (let i = 0; i < 10; i++) await tick();
      return host.current?.mention.text;
    };
    return { controller, host, step };
  }

  it('goes on to the mention after one the reader hid ("Not this claim", then Done)', async () => {
    const { host, step } = await threeMentions();
    expect(await step('next')).toBe(SENTENCES[0]);
    host.current!.onDismiss();
    host.current!.onClose();
    expect(await step('next')).toBe(SENTENCES[1]);
  });

  it('goes on from a mention the reader hid in the middle, either way', async () => {
    const { host, step } = await threeMentions();
    await step('next');
    expect(await step('next')).toBe(SENTENCES[1]);
    host.current!.onDismiss();
    host.current!.onClose();
    expect(await step('next')).toBe(SENTENCES[2]);
    expect(await step('previous')).toBe(SENTENCES[0]);
  });

  it('keeps its place when the page takes out a mention before it', async () => {
    const { step } = await threeMentions();
    await step('next');
    expect(await step('next')).toBe(SENTENCES[1]);
    document.getElementById('p0')!.remove();
    await vi.waitFor(() => expect(document.querySelectorAll('p')).toHaveLength(2));
    for (let i = 0; i < 20; i++) await tick();
    expect(await step('next')).toBe(SENTENCES[2]);
  });
});
