import { browser } from 'wxt/browser';
import { log } from '@/lib/log';
import { createClient, toContentType } from '@/lib/protocol';
import { ok } from '@/lib/result';
import { CardHost } from './card-host';
import './highlights.css';
import { watchHover } from './hover';
import { observeChanges } from './observe';
import { PageMentions, type PageMention } from './page-mentions';
import { createPainter } from './painter';

// Marks mentions of known claims on the page and opens their cards on hover or by keyboard.
// The work is in the modules beside this one and in lib/; this file wires them to the page.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const client = createClient((message) => browser.runtime.sendMessage(message));
    void client.call('contentScriptStarted', { url: location.href });
    const mentions = new PageMentions(document, async (blocks, pageDate) => {
      const found = await client.call('findMentions', { blocks, pageDate });
      if (!found.ok) log.debug('matching failed', found.error.message);
      return found.ok ? found.value : null;
    });
    const painter = createPainter();
    let host: CardHost | null = null;
    let focused = -1;
    let announcedFor = '';
    let watcher: { quietly(change: () => void): void } = { quietly: (change) => change() };

    const closeCard = () => {
      host?.hide();
      painter.focus(null);
    };
    const openCard = (mention: PageMention, opened: 'hover' | 'keyboard') =>
      host?.show({
        mention,
        opened,
        onDismiss: () => {
          mentions.dismiss(mention);
          closeCard();
          void refresh();
        },
        onClose: closeCard,
      });

    async function refresh(): Promise<void> {
      const list = mentions.list();
      watcher.quietly(() => painter.paint(list.map((m) => ({ range: m.range, verdict: m.claim.verdict }))));
      void client.call('mentionsShown', { count: list.length });
      if (list.length && !host) host = await CardHost.create(ctx);
      if (host?.current && !list.some((m) => m.id === host?.current?.mention.id)) closeCard();
      // Painted marks are invisible to screen readers: say once per page what there is to find.
      if (host && list.length && announcedFor !== location.href) {
        announcedFor = location.href;
        const count = mentions.claimCount();
        host.announce(`Claimlight: ${count} claim${count === 1 ? '' : 's'} found on this page`);
      }
    }

    await mentions.scanAll();
    if (!ctx.isValid) return;
    await refresh();

    watchHover(
      document,
      mentions,
      {
        entered: (mention) => {
          if (host?.current?.opened !== 'keyboard') openCard(mention, 'hover');
        },
        left: () => {
          if (host?.current?.opened === 'hover') closeCard();
        },
        layer: () => host?.element ?? null,
      },
      ctx.signal,
    );
    document.addEventListener('keydown', (event) => event.key === 'Escape' && host?.current && closeCard(), { signal: ctx.signal });

    browser.runtime.onMessage.addListener((message: unknown) => {
      const envelope = message as { type?: string; payload?: { direction?: string } };
      if (envelope?.type !== toContentType('focusMention')) return undefined;
      const list = mentions.list();
      if (!list.length) return Promise.resolve(ok({ index: -1, total: 0 }));
      const step = envelope.payload?.direction === 'previous' ? -1 : 1;
      focused = (((focused + step) % list.length) + list.length) % list.length;
      const mention = list[focused]!;
      mention.range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      painter.focus(mention.range);
      openCard(mention, 'keyboard');
      return Promise.resolve(ok({ index: focused, total: list.length }));
    });

    watcher = observeChanges(
      document,
      {
        ignore: () => host?.element ?? null,
        changed: (roots) => void mentions.scan(roots).then(refresh),
        removed: () => mentions.prune() && void refresh(),
      },
      ctx.signal,
    );
    // A single-page app's navigation is a new page: scan it afresh.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      closeCard();
      focused = -1;
      void mentions.scanAll().then(refresh);
    });
    ctx.onInvalidated(() => painter.clear());
  },
});
