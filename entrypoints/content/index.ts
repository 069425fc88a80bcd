import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { log } from '@/lib/log';
import { loadOwnScript, type OwnScripts } from './own-scripts';

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

// The content script proper is a loader: it guards against forged restarts at once, then imports
// the code that does the work (see own-scripts.ts for why it is a module of its own).
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    ignoreForgedRestarts(ctx);
    let main: OwnScripts['/content-main.js'];
    try {
      main = await loadOwnScript('/content-main.js');
    } catch (error) {
      // Said once, not thrown at the page: the extension was updated or removed under it (this copy
      // is stopped and a new one starts), or the file did not load.
      if (ctx.isValid) log.error('Could not start on this page', error);
      return;
    }
    if (!ctx.isValid) return;
    await main.start(ctx);
  },
});
