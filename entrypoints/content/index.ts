import { browser } from 'wxt/browser';
import { STORE_CHANGED_KEY } from '@/lib/feeds/keys';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createClient, toContentType, type BackgroundToContent } from '@/lib/protocol';
import { ok } from '@/lib/result';
import { DISMISSALS_KEY, dismissalsFrom } from '@/lib/dismissals';
import { log } from '@/lib/log';
import { SETTINGS_KEY, settingsFrom } from '@/lib/settings';
import { PageController } from './page-controller';

/**
 * WXT stops a content script when a newer copy of it announces itself with a DOM event, which page
 * script can dispatch too: a page could switch Claimlight off that way. A real newer copy only
 * comes after the extension was reloaded or updated, and then this copy has lost its extension
 * (`runtime.id` is gone); while it still has it, the announcement is forged and stopped before
 * WXT's listener on the document sees it.
 */
function ignoreForgedRestarts(ctx: ContentScriptContext): void {
  // The event's name is WXT's (private in its types, public at run time); the e2e suite forges it.
  const name = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: string }).SCRIPT_STARTED_MESSAGE_TYPE;
  if (!name) return;
  window.addEventListener(
    name,
    (event) => {
      if (browser.runtime?.id) event.stopImmediatePropagation();
    },
    { capture: true, signal: ctx.signal },
  );
}

// Marks mentions of known claims on the page and opens their cards on hover or by keyboard. The
// work is in page-controller.ts and lib/; this file wires it to the browser's events.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    ignoreForgedRestarts(ctx);
    // The rest waits for a task of its own: the browser's first use of each extension API here
    // (messaging, storage, their events) costs milliseconds, and the task that compiles and starts
    // this script is the longest Claimlight puts on a page already.
    await new Promise<void>((resolve) => ctx.setTimeout(resolve, 0));
    if (!ctx.isValid) return;
    const client = createClient((message) => browser.runtime.sendMessage(message));
    void client.call('contentScriptStarted', { url: location.href });
    const readDismissals = async () => dismissalsFrom((await browser.storage.local.get(DISMISSALS_KEY))[DISMISSALS_KEY]);
    const page = new PageController(ctx, client, {
      read: readDismissals,
      update: async (change) => {
        const next = change(await readDismissals());
        await browser.storage.local.set({ [DISMISSALS_KEY]: next }).catch((error: unknown) => log.error('Could not remember the rejected match', error));
      },
    });
    browser.runtime.onMessage.addListener((message: unknown) => {
      const { type, payload } = (message ?? {}) as { type?: string; payload?: Record<string, unknown> };
      const is = (name: keyof BackgroundToContent) => type === toContentType(name);
      if (is('focusMention')) return Promise.resolve(ok(page.focus(payload?.direction === 'previous' ? 'previous' : 'next')));
      if (is('listMentions')) return Promise.resolve(ok({ mentions: page.summaries(), enabled: page.enabled, host: location.hostname, notice: page.notice() ?? undefined, marksHidden: page.marksAreHidden }));
      if (is('setMarksHidden')) return Promise.resolve(ok({ hidden: page.hideMarks(payload?.hidden === true) }));
      if (is('revealMention')) return Promise.resolve(ok({ revealed: typeof payload?.id === 'number' && page.revealById(payload.id) }));
      return undefined;
    });
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync' && changes[SETTINGS_KEY]) void page.applySettings(settingsFrom(changes[SETTINGS_KEY].newValue));
      if (area === 'local' && changes[DISMISSALS_KEY]) void page.applyDismissals(dismissalsFrom(changes[DISMISSALS_KEY].newValue));
      // The store's claims changed (a feed refreshed, a pack imported or deleted): scan again.
      if (area === 'local' && changes[STORE_CHANGED_KEY]) void page.claimsChanged();
    });
    // A single-page app's navigation is a new page: scan it afresh.
    ctx.addEventListener(window, 'wxt:locationchange', () => page.navigated());

    const stored = await browser.storage.sync.get(SETTINGS_KEY).catch(() => ({}) as Record<string, unknown>);
    if (!ctx.isValid) return;
    await page.start(settingsFrom((stored as Record<string, unknown>)[SETTINGS_KEY]));
  },
});
