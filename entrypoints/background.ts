import { browser, type Browser } from 'wxt/browser';
import { badgeFor } from '@/lib/badge';
import { feedAlarm } from '@/lib/feeds/alarm';
import { feedOrigin, feedOriginWithPort } from '@/lib/feeds/names';
import { FACTCHECK_KEY, FEED_PROGRESS_KEY, FEEDS_CHECKED_KEY, STORE_CHANGED_KEY } from '@/lib/feeds/keys';
import { createBackgroundHandlers } from '@/lib/background-handlers';
import { expectBundledPack } from '@/lib/bundled-pack';
import { storedDismissals } from '@/lib/dismissals';
import { log } from '@/lib/log';
import * as v from 'valibot';
import { IMPORT_PORT, ImportPortRequestSchema, REQUEST_SCHEMAS, routeMessage, toContentType, type Handlers, type ImportPortEvent, type SenderInfo } from '@/lib/protocol';
import { IDBFactory as MemoryIndexedDb, IDBKeyRange as MemoryKeyRange } from 'fake-indexeddb';
import { ClaimlightDb, installBundledPack, openStore } from '@/lib/store';

/** Where the background notes that the content script runs in a tab (`storage.session`). */
const tabKey = (tabId: number) => `claimlight:tab:${tabId}`;

// The background owns the fact store and answers every message; the work is in lib/.
export default defineBackground(() => {
  // Uncaught failures would otherwise vanish in the worker; log them with the product's prefix.
  globalThis.addEventListener?.('unhandledrejection', (event) => log.error('unhandled rejection', event.reason));
  globalThis.addEventListener?.('error', (event) => log.error('uncaught error', event.error ?? event.message));
  const bundled = expectBundledPack();
  // Firefox set never to remember history refuses the background a database: the store is then
  // kept in memory, and the settings page says that what the reader adds lasts until Firefox closes.
  const store = openStore(new ClaimlightDb(), () => new ClaimlightDb({ indexedDB: new MemoryIndexedDb(), IDBKeyRange: MemoryKeyRange }));
  void store.then(({ kept }) => kept === 'memory' && log.debug('no database allowed: the store is kept in memory'));
  // Idempotent: installs on first run, replaces an older bundled pack after an update, else does nothing.
  const ready = store
    .then(({ db }) => installBundledPack(db, bundled))
    .then(
      (outcome) => log.debug('bundled pack', outcome),
      (e: unknown) => {
        log.error('could not install the bundled fact pack', e);
        // Tried again at the next message (`bundledMissing`).
        void background.then((handlers) => handlers.bundledMissing()).catch(() => undefined);
      },
    );

  // The one alarm for when the next feed is due: the handlers say when feeds are due (a feed whose
  // refresh failed to be stored is held back) and refresh them. (Read when the alarm is set or
  // fires, by which time `background`, below, is made.)
  const alarm = feedAlarm({
    alarms: browser.alarms,
    feeds: async () => (await background).feedTimings(),
    refreshDue: async () => (await background).refreshDueFeeds().catch((e: unknown) => log.error('could not refresh the feeds', e)),
  });
  const scheduleFeeds = () => alarm.schedule();
  /** Tabs closed while this background lives (`onContentScriptStarted`). */
  const closedTabs = new Set<number>();

  const background = store.then(({ db, kept }) => createBackgroundHandlers({
    db,
    kept,
    bundled,
    feeds: {
      fetch: (input, init) => fetch(input, init),
      allowed: async (url) => {
        const origin = feedOrigin({ kind: 'url', url });
        if (!origin) return true;
        // The host is asked for whatever its port (`feedOrigin`); a feed subscribed to before that
        // holds its origin with the port ("http://127.0.0.1:8080/*"): either says it is allowed.
        const withPort = feedOriginWithPort({ kind: 'url', url });
        return (await browser.permissions.contains({ origins: [origin] })) || (withPort !== null && (await browser.permissions.contains({ origins: [withPort] })));
      },
      apiKey: async () => {
        const stored = (await browser.storage.local.get(FACTCHECK_KEY))[FACTCHECK_KEY];
        return typeof stored === 'string' && stored ? stored : undefined;
      },
      // Storing a large feed takes a second or two: the settings page shows how far it is.
      onProgress: (feedId, done, total) => void browser.storage.session?.set({ [FEED_PROGRESS_KEY]: { feedId, done, total } }).catch(() => undefined),
    },
    // The reader's hidden matches: every tab's changes are made here, one after another.
    dismissals: storedDismissals(browser.storage.local),
    // The alarm is set again whether or not the stamp could be written (storage.local full): a stamp
    // that failed once must not leave every feed unchecked while the background lives.
    async onStoreChanged() {
      // Every open tab's content script watches this stamp and scans its page again.
      try {
        await browser.storage.local.set({ [STORE_CHANGED_KEY]: Date.now() });
      } finally {
        await scheduleFeeds();
      }
    },
    async onFeedChecked() {
      // An open settings page shows the check (a feed that now fails, or was asked and had nothing new).
      try {
        await browser.storage.local.set({ [FEEDS_CHECKED_KEY]: Date.now() });
      } finally {
        await scheduleFeeds();
      }
    },
    async onOriginUnused(origin) {
      await browser.permissions.remove({ origins: [origin] }).catch((e: unknown) => log.debug('could not give back', origin, e));
    },
    async onContentScriptStarted(tabId, url) {
      // Session storage lets other contexts (and the tests) see which tabs the script runs in
      // (never a private window's: the handler leaves those out). Not for a tab closed while its
      // message waited for the store (a worker waking): its record outlived it for the session.
      if (closedTabs.has(tabId)) return;
      await browser.storage.session?.set({ [tabKey(tabId)]: { url, startedAt: Date.now() } });
      if (closedTabs.has(tabId)) await browser.storage.session?.remove(tabKey(tabId));
    },
    async onMentionsShown(tabId, page) {
      // Firefox's Manifest V2 build names the toolbar button browserAction.
      const action = browser.action ?? browser.browserAction;
      const badge = badgeFor(page);
      await action.setBadgeBackgroundColor({ tabId, color: badge.color });
      await action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
      await action.setBadgeText({ tabId, text: badge.text });
      await action.setTitle({ tabId, title: badge.title });
    },
  }));
  // A closed tab's record goes with it: its address is not kept for the rest of the session. The
  // tab is remembered as closed (ids are not given again within a session), for a record its
  // content script's message writes late.
  browser.tabs.onRemoved.addListener((tabId) => {
    closedTabs.add(tabId);
    void browser.storage.session?.remove(tabKey(tabId)).catch(() => undefined);
  });
  browser.alarms.onAlarm.addListener(async (fired) => {
    await ready;
    await alarm.onAlarm(fired);
  });
  void ready.then(scheduleFeeds).catch((e: unknown) => log.error('could not schedule the feeds', e));

  // Every message waits for the store and the bundled pack.
  const afterReady = Object.fromEntries(
    (Object.keys(REQUEST_SCHEMAS) as (keyof Handlers)[]).map((name) => [
      name,
      async (payload: never, sender: SenderInfo) => {
        await ready;
        const handle = (await background)[name] as (p: never, s: SenderInfo) => unknown;
        return handle(payload, sender);
      },
    ]),
  ) as Handlers;

  // The keyboard commands move through the mentions of the active tab. (Firefox for Android has no
  // commands: unguarded, this threw before the message listeners below were added, and no page
  // was ever marked there.)
  browser.commands?.onCommand.addListener(async (command, tab) => {
    if (command !== 'next-mention' && command !== 'previous-mention') return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    const direction = command === 'next-mention' ? 'next' : 'previous';
    await browser.tabs.sendMessage(tabId, { type: toContentType('focusMention'), payload: { direction } }).catch(() => undefined);
  });

  const extensionOrigin = browser.runtime.getURL('/');

  // Imports from the settings page come over a port, so the page can show progress.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== IMPORT_PORT || port.sender?.id !== browser.runtime.id || !port.sender?.url?.startsWith(extensionOrigin)) return;
    port.onMessage.addListener(async (message: unknown) => {
      const request = v.safeParse(ImportPortRequestSchema, message);
      // A page closed while its import runs cannot be told of it; the import is stored all the same.
      const post = (event: ImportPortEvent) => {
        try {
          port.postMessage(event);
        } catch {
          // The port is gone with its page.
        }
      };
      if (!request.success) {
        post({ kind: 'done', result: { ok: false, error: { code: 'invalid-message', message: 'The import request was malformed.' } } });
        return;
      }
      await ready;
      // The page waits for "done" with its import controls held: it gets one, whatever happened.
      const result = await (await background)
        .importWithProgress(request.output.text, request.output.fileName, (done, total) => post({ kind: 'progress', done, total }))
        .catch((e: unknown) => {
          log.error('import failed', e);
          return { ok: false as const, error: { code: 'internal' as const, message: 'The import failed in Claimlight itself; nothing was changed.' } };
        });
      post({ kind: 'done', result });
    });
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    // Chrome says whether the sending document is the one its tab shows; Firefox does not.
    const lifecycle = (sender as { documentLifecycle?: string }).documentLifecycle;
    return routeMessage(
      message,
      {
        tabId: sender.tab?.id,
        url: sender.url,
        fromThisExtension: sender.id === browser.runtime.id,
        fromExtensionPage: !!sender.url?.startsWith(extensionOrigin),
        ...(lifecycle ? { documentActive: lifecycle === 'active' } : {}),
        ...(sender.tab?.incognito ? { privateTab: true } : {}),
      },
      afterReady,
    );
  });
});
