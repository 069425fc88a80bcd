/**
 * Claimlight on a page, started by the content script's loader (index.ts) once it has loaded this
 * code (`content-main.js`; see own-scripts.ts): wires the page controller to the browser's events,
 * messages and storage.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { STORE_CHANGED_KEY } from '@/lib/feeds/keys';
import { createClient, toContentType, type BackgroundToContent } from '@/lib/protocol';
import { ok } from '@/lib/result';
import { DISMISSALS_KEY, dismissalsFrom, storedDismissals } from '@/lib/dismissals';
import { log } from '@/lib/log';
import { DEFAULT_SETTINGS, SETTINGS_KEY, settingsFrom, type Settings } from '@/lib/settings';
import { PageController } from './page-controller';
import { removeEarlierLayers } from './tag-name';

/** Marks mentions of known claims on the page and opens their cards on hover or by keyboard, until
 * the context ends. The work is in page-controller.ts and lib/. */
export async function startOnPage(ctx: ContentScriptContext): Promise<void> {
  removeEarlierLayers(document);
  const client = createClient((message) => browser.runtime.sendMessage(message));
  void client.call('contentScriptStarted', { url: location.href });

  // In a private window nothing of what the reader does there is kept: a hidden match or a report
  // holds on this page until it is reloaded, and no address of a private visit reaches the list
  // that the settings page of a normal window shows. (The reader's hidden matches from normal
  // windows still apply here.)
  const privateWindow = browser.extension?.inIncognitoContext === true;
  const page = new PageController(ctx, client, {
    read: storedDismissals(browser.storage.local).read,
    // The background makes every tab's changes, one after another (`changeDismissals`).
    update: async (changes) => {
      if (privateWindow) return 'private';
      const changed = await client.call('changeDismissals', { changes });
      if (changed.ok) return 'kept';
      log.error('Could not remember the rejected match', changed.error.message);
      return changed.error.code === 'storage' ? 'full' : 'failed';
    },
  });
  browser.runtime.onMessage.addListener((message: unknown) => {
    const { type, payload } = (message ?? {}) as { type?: string; payload?: Record<string, unknown> };
    const is = (name: keyof BackgroundToContent) => type === toContentType(name);
    if (is('focusMention')) return Promise.resolve(ok(page.focus(payload?.direction === 'previous' ? 'previous' : 'next')));
    if (is('listMentions')) return Promise.resolve(ok({ mentions: page.summaries(), enabled: page.enabled, host: location.hostname, notice: page.notice() ?? undefined, marksHidden: page.marksAreHidden, scanning: page.scanning, page: page.pageId }));
    if (is('setMarksHidden')) return Promise.resolve(ok({ hidden: page.hideMarks(payload?.hidden === true) }));
    if (is('revealMention')) return Promise.resolve(ok({ revealed: typeof payload?.id === 'number' && page.revealById(payload.id, typeof payload.page === 'string' ? payload.page : undefined) }));
    return undefined;
  });
  /** The last time the store's claims changed, as this page heard it (`STORE_CHANGED_KEY`). */
  let storeChanged: unknown = null;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && changes[SETTINGS_KEY]) void page.applySettings(settingsFrom(changes[SETTINGS_KEY].newValue));
    if (area === 'local' && changes[DISMISSALS_KEY]) void page.applyDismissals(dismissalsFrom(changes[DISMISSALS_KEY].newValue));
    // The store's claims changed (a feed refreshed, a pack imported or deleted): scan again.
    if (area === 'local' && changes[STORE_CHANGED_KEY]) {
      storeChanged = changes[STORE_CHANGED_KEY].newValue ?? null;
      void page.claimsChanged();
    }
  });
  // A page kept in the back/forward cache hears no change while it waits there (Firefox drops the
  // events of an inactive page, Chrome holds a cached page's extension events back): brought back,
  // it showed the marks of a pack deleted meanwhile, on a site switched off meanwhile, and matches
  // hidden meanwhile. It reads what it missed.
  const caughtUp = async () => {
    try {
      const [settings, dismissals, local] = await Promise.all([readStoredSettings(), storedDismissals(browser.storage.local).read(), browser.storage.local.get(STORE_CHANGED_KEY)]);
      if (!ctx.isValid) return;
      // Noted before the page is scanned again: a change told meanwhile is newer, and stays.
      const stamp = local[STORE_CHANGED_KEY] ?? null;
      const claimsChanged = stamp !== storeChanged;
      storeChanged = stamp;
      if (settings) await page.applySettings(settings);
      await page.applyDismissals(dismissals);
      if (claimsChanged) await page.claimsChanged();
    } catch (error) {
      log.debug('could not read what changed while the page was in the back/forward cache', error);
    }
  };
  window.addEventListener('pageshow', (event) => event.persisted && void caughtUp(), { signal: ctx.signal });
  // A single-page app's navigation is a new page: scan it afresh, once the address is the new one.
  // (WXT's own event comes from the Navigation API's "navigate", before the address changes: the
  // rescan read the last page's address, so applied its hidden matches to the new one.)
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', (event) => page.navigated((event as Event & { navigationType?: string | null }).navigationType), { signal: ctx.signal });
  } else {
    ctx.addEventListener(window, 'wxt:locationchange', () => page.navigated());
  }

  const [settings, stamp] = await Promise.all([readStoredSettings(), browser.storage.local.get(STORE_CHANGED_KEY).catch(() => ({}) as Record<string, unknown>)]);
  storeChanged ??= stamp[STORE_CHANGED_KEY] ?? null;
  if (!ctx.isValid) return;
  // Settings that cannot be read leave the reader's rules unknown, and a site they switched off
  // must not be marked: the page starts switched off, and follows the settings once they change.
  await page.start(settings ?? { ...DEFAULT_SETTINGS, enabled: false });
}

/** How long to wait before reading the settings a second time. */
const SETTINGS_RETRY_MS = 500;

/** The reader's settings, read again once after a failure; null when they cannot be read. */
async function readStoredSettings(): Promise<Settings | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return settingsFrom((await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]);
    } catch (error) {
      log.debug('could not read the settings', error);
      if (attempt > 0) return null;
      await new Promise((resolve) => setTimeout(resolve, SETTINGS_RETRY_MS));
    }
  }
}
