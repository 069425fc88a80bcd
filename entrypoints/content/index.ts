import { browser } from 'wxt/browser';
import { log } from '@/lib/log';
import { createClient } from '@/lib/protocol';

// Announces itself to the background, which counts the claims it can match on this page.
// Matching and marks come with the matcher (issue #4) and the in-page UI (issue #5).
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const client = createClient((message) => browser.runtime.sendMessage(message));
    const summary = await client.call('contentScriptStarted', { url: location.href });
    if (!ctx.isValid) return;
    if (summary.ok) log.debug(`${summary.value.claimCount} claims ready`);
    else log.debug('background unavailable', summary.error.message);
  },
});
