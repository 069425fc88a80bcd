// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimCard } from '@/components/ClaimCard';
import { MentionPreview } from '@/components/MentionPreview';
import { expectBundledPack } from '@/lib/bundled-pack';
import type { ClaimForCard } from '@/lib/protocol';

afterEach(cleanup);

const bundled = expectBundledPack();
const claimOf = (id: string): ClaimForCard => ({ ...bundled.claims.find((c) => c.id === id)!, packId: bundled.id, packTitle: bundled.title });

/** axe's serious and critical findings in a rendered tree. The card lives in a closed shadow root
 * on pages, where no page-side axe reaches it, so its markup is checked here; colour contrast,
 * which needs layout, is checked by the contrast tests in ClaimCard.test.tsx. */
async function serious(container: Element): Promise<string[]> {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the card in a page', () => {
  it('adds no banner or content info landmark beside the page\'s own', async () => {
    const page = document.body.appendChild(document.createElement('div'));
    page.innerHTML = '<header><p>Harbour news</p></header><main><p>The ferry left.</p></main><footer><p>Contact us</p></footer><div id="card"></div>';
    render(<ClaimCard claim={claimOf('call-duration-90-minutes')} verdict="context" matched={[]} mentionText="x" opened="keyboard" onDismiss={() => {}} onClose={() => {}} />, { container: page.querySelector('#card')! });
    const results = await axe.run(page, { runOnly: ['landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo'] });
    page.remove();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
});

describe('axe on the card and the preview', () => {
  it('finds nothing serious in a card with two claims, a telling, a notice and its place in the page', async () => {
    const summit = claimOf('munich-defense-summit-focus');
    const munich = claimOf('zelensky-munich-vance-rubio');
    const { container } = render(
      <ClaimCard
        claim={summit}
        verdict="imprecise"
        repeats="defense summit"
        matched={['defense summit']}
        mentionText="Zelensky will meet Vance at a defense summit in Munich later this week."
        opened="keyboard"
        onDismiss={() => {}}
        onClose={() => {}}
        sentence={{ claims: [{ id: 1, claim: summit, verdict: 'imprecise' }, { id: 2, claim: munich, verdict: 'accurate-but-misdated' }], shown: 1 }}
        place={{ index: 2, total: 5, onPrevious: () => {}, onNext: () => {} }}
        pageNotice="This page is dated 28 Apr 2025; the events it reports are from 12–14 Feb 2025."
      />,
    );
    expect(await serious(container)).toEqual([]);
  });

  it('finds nothing serious in a card after "Not this claim", nor in a preview', async () => {
    const { container } = render(
      <ClaimCard claim={claimOf('call-duration-90-minutes')} verdict="context" matched={[]} mentionText="x" opened="click" onDismiss={() => {}} onClose={() => {}}
        dismissed={{ everywhere: false, reported: false, onUndo: () => {}, onEverywhere: () => {}, onReport: () => {} }} />,
    );
    expect(await serious(container)).toEqual([]);
    cleanup();
    const preview = render(<MentionPreview claim={claimOf('call-duration-90-minutes')} verdict="accurate" others={1} />);
    expect(await serious(preview.container)).toEqual([]);
  });

  it.each(['keyboard', 'click'] as const)('finds nothing at all, of any impact, in a card opened by %s, before and in every state after "Not this claim"', async (opened) => {
    const call = claimOf('call-duration-90-minutes');
    const summit = claimOf('munich-defense-summit-focus');
    for (const dismissed of [undefined, { everywhere: false, reported: false }, { everywhere: true, reported: true }]) {
      const { container } = render(
        <ClaimCard claim={summit} verdict="context" matched={['summit']} mentionText="A summit." opened={opened} onDismiss={() => {}} onClose={() => {}}
          sentence={{ claims: [{ id: 1, claim: summit, verdict: 'context' }, { id: 2, claim: call, verdict: call.verdict }], shown: 1 }}
          dismissed={dismissed && { ...dismissed, onUndo: () => {}, onEverywhere: () => {}, onReport: () => {} }} />,
      );
      const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
      expect(results.violations.map((v) => `${v.impact} ${v.id}`), JSON.stringify(dismissed)).toEqual([]);
      cleanup();
    }
  });
});
