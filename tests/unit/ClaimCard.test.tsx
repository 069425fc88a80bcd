// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimCard, claimGists, mentionExcerpt, splitOnWords, type ClaimCardProps, type Dismissed } from '@/components/ClaimCard';
import { formatDayRange, formatMoment, formatPartialDate } from '@/lib/partial-date';
import { VERDICT_STYLES } from '@/components/verdict-style';
import { VerdictBadge } from '@/components/VerdictBadge';
import { expectBundledPack } from '@/lib/bundled-pack';
import type { ClaimForCard } from '@/lib/protocol';
import { VERDICTS } from '@/lib/schema';
import { VERDICT_LABELS } from '@/lib/verdicts';
import { contrast } from '../helpers/contrast';

const bundled = expectBundledPack();
afterEach(cleanup);

function bundledClaim(id: string): ClaimForCard {
  const claim = bundled.claims.find((c) => c.id === id);
  if (!claim) throw new Error(`no claim ${id} in the bundled pack`);
  return { ...claim, packId: bundled.id, packTitle: bundled.title };
}

const peskov = bundledClaim('call-duration-90-minutes');

function renderCard(overrides: Partial<ClaimCardProps> = {}) {
  const props: ClaimCardProps = {
    claim: peskov,
    verdict: overrides.claim?.verdict ?? peskov.verdict,
    matched: ['ninety-minute', 'call'],
    mentionText: 'Trump said his ninety-minute call with Putin had been “highly productive”.',
    opened: 'click',
    onDismiss: vi.fn(),
    onClose: vi.fn(),
    ...overrides,
  };
  const view = render(<ClaimCard {...props} />);
  return { ...view, props, dialog: screen.getByRole('dialog') };
}

/** A card that "Not this claim", Undo, "Never mark this claim" and Report change, as the content script's does. */
function DismissibleCard({ opened = 'keyboard' }: { opened?: ClaimCardProps['opened'] }) {
  const [dismissed, setDismissed] = useState<Dismissed | undefined>(undefined);
  const ways = {
    onUndo: () => setDismissed(undefined),
    onReport: () => setDismissed((d) => d && { ...d, reported: true }),
    onEverywhere: () => setDismissed((d) => d && { ...d, everywhere: true }),
  };
  return (
    <ClaimCard claim={peskov} verdict={peskov.verdict} matched={[]} mentionText="x" opened={opened} onClose={() => {}}
      onDismiss={() => setDismissed({ everywhere: false, reported: false, ...ways })} dismissed={dismissed} />
  );
}

describe('ClaimCard', () => {
  it('shows the verdict word, the claim as recorded, who said it and the pack', () => {
    const { dialog } = renderCard();
    expect(within(dialog).getByText('Accurate')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(peskov.text);
    expect(dialog.textContent).toContain('Dmitry Peskov (Kremlin spokesman) · 12 Feb 2025');
    // The record's first sentence leads, with the main source; the rest follows.
    const [lead, ...rest] = peskov.summary.split(/(?<=\.) /);
    expect(dialog.querySelector('.claimlight-card__summary')?.textContent).toBe(lead);
    expect(dialog.querySelector('.claimlight-card__summary + .claimlight-card__main-source')).toBeTruthy();
    expect(dialog.querySelector('.claimlight-card__summary-rest')?.textContent).toBe(rest.join(' '));
    expect(dialog.textContent).toContain(`From: ${bundled.title}`);
  });

  it('names the dialog by its verdict and claim and describes it by the record', () => {
    renderCard();
    expect(screen.getByRole('dialog', { name: /^Verdict: Accurate According to Peskov/ })).toBeTruthy();
    expect(screen.getByRole('dialog').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByRole('dialog', { description: peskov.summary.split(/(?<=\.) /)[0] })).toBeTruthy();
  });

  it('shows an imported rating label after the verdict word', () => {
    renderCard({ claim: { ...peskov, verdict: 'false', ratingLabel: 'Pants on Fire' } });
    expect(screen.getByRole('dialog', { name: /^Verdict: False\s*, rated Pants on Fire / })).toBeTruthy();
    expect(screen.getByText('Pants on Fire', { exact: false }).textContent).toContain('·');
  });

  it('omits the claimant and date line when the claim has neither', () => {
    const { dialog } = renderCard({ claim: { ...peskov, claimant: undefined, claimDate: undefined } });
    expect(dialog.querySelector('.claimlight-card__meta')).toBeNull();
  });

  it('links every source in a new tab without giving the page an opener', () => {
    renderCard();
    const links = screen.getAllByRole('link');
    const sourceCount = peskov.context.reduce((n, item) => n + item.sources.length, 0);
    // Every source, and the main one once more in the card's first view.
    expect(links).toHaveLength(sourceCount + 1);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(link.getAttribute('href')).toMatch(/^https?:\/\//);
    }
    const first = peskov.context[0]!.sources[0]!;
    const host = new URL(first.url).hostname;
    const link = screen.getByRole('link', { name: `${first.outlet} ${host}, 12 Feb 2025 (opens in a new tab)` });
    expect(link.getAttribute('href')).toBe(first.url);
    // The outlet is what the pack says; the host beside it is where the link goes.
    expect(link.textContent).toContain(`${first.outlet} ${host}`);
  });

  it('sets every custom property its styles read, for light and dark, so that none is left to the page (they inherit through all: initial)', () => {
    const css = readFileSync('components/ClaimCard.css', 'utf8');
    // The verdict's colours come inline on the card (verdictColourVars); every other property read must be set on the card's root rule.
    const read = new Set([...css.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!).filter((name) => !name.startsWith('--claimlight-verdict')));
    const [light, dark] = [...css.matchAll(/\.claimlight-card,\s*\.claimlight-preview\s*\{([^}]*)\}/g)].map((m) => new Set([...m[1]!.matchAll(/(--[\w-]+):/g)].map((d) => d[1]!)));
    expect(read.size).toBeGreaterThan(5);
    expect([...read].filter((name) => !light!.has(name))).toEqual([]);
    // The dark rule sets every colour the light one does.
    expect([...light!].filter((name) => !dark!.has(name))).toEqual([]);
  });

  it('names every link by the words it shows, in their order, so that a reader who says what they see reaches it (WCAG label in name)', () => {
    const claim = { ...peskov, context: [...peskov.context, { text: 'A look-alike.', sources: [{ url: 'https://r\u0435uters.example/story', outlet: 'Reuters' }] }] };
    renderCard({ claim });
    // As axe's label-content-name-mismatch reads them: case, punctuation and symbols (" · ", "↗") aside.
    const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}.-]+/gu, ' ').replace(/(?<!\w)[.-]|[.-](?!\w)/g, ' ').replace(/\s+/g, ' ').trim();
    const links = screen.getAllByRole('link');
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(words(link.getAttribute('aria-label') ?? link.textContent!), link.textContent!).toContain(words(link.textContent!));
  });

  it('shows where each link really goes, and warns of a host that mixes alphabets', () => {
    const source = (url: string, outlet: string) => ({ url, outlet });
    const claim = {
      ...peskov,
      context: [{ text: 'Two sources.', sources: [source('https://reuters.example/story', 'Reuters'), source('https://r\u0435uters.example/story', 'Reuters')] }],
    };
    renderCard({ claim });
    const [main, plain, lookalike] = screen.getAllByRole('link');
    expect(main!.textContent).toBe('Main source reuters.example');
    expect(plain!.textContent).toContain('reuters.example');
    expect(plain!.textContent).not.toContain('mixes alphabets');
    // The Cyrillic "е" host is shown in the form that cannot pass for Reuters, with a warning.
    expect(lookalike!.getAttribute('href')).toBe('https://xn--ruters-3of.example/story');
    expect(lookalike!.textContent).toContain('xn--ruters-3of.example');
    expect(lookalike!.textContent).toContain('mixes alphabets');
    expect(lookalike!.getAttribute('aria-label')).toBe('Reuters xn--ruters-3of.example mixes alphabets (opens in a new tab)');
  });

  it('explains the match with the words and the sentence, marking the words in it', () => {
    const { container } = renderCard({ matched: ['ninety-minute', 'call', 'Call'] });
    expect(within(screen.getByRole('list', { name: 'Matched words' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'ninety-minute',
      'call',
    ]);
    expect([...container.querySelectorAll('blockquote mark')].map((m) => m.textContent)).toEqual(['ninety-minute', 'call']);
    expect(container.querySelector('blockquote')?.textContent).toBe('Trump said his ninety-minute call with Putin had been “highly productive”.');
  });

  describe('when the sentence mentions other claims too', () => {
    const kremlin = bundledClaim('peskov-putin-supports-working-together');
    const sentence = { claims: [{ id: 7, claim: kremlin, verdict: kremlin.verdict }, { id: 9, claim: peskov, verdict: peskov.verdict }], shown: 9 };
    const switcher = () => screen.getByRole('group', { name: 'This sentence mentions 2 checked claims' });

    it('shows no switcher for a sentence with one claim', () => {
      renderCard();
      expect(screen.queryByRole('group')).toBeNull();
      cleanup();
      renderCard({ sentence: { claims: [{ id: 9, claim: peskov, verdict: peskov.verdict }], shown: 9 } });
      expect(screen.queryByRole('group')).toBeNull();
    });

    it('names each claim of the sentence in reading order with its verdict, and marks the one shown', () => {
      renderCard({ sentence });
      const buttons = within(switcher()).getAllByRole('button');
      expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
        `1 ${VERDICT_LABELS[kremlin.verdict]} Peskov said Putin endorsed Trump’s…: ${kremlin.text}`,
        `2 Accurate According to Peskov, the phone…: ${peskov.text}`,
      ]);
      expect(buttons.map((b) => b.textContent)).toEqual([
        `1 ${VERDICT_STYLES[kremlin.verdict].glyph} ${VERDICT_LABELS[kremlin.verdict]} Peskov said Putin endorsed Trump’s…`,
        `2 ${VERDICT_STYLES.accurate.glyph} Accurate According to Peskov, the phone…`,
      ]);
      expect(buttons.map((b) => b.getAttribute('aria-current'))).toEqual([null, 'true']);
    });

    it('switches to another claim when its button is pressed, and does nothing for the one shown', () => {
      const onShowOther = vi.fn();
      renderCard({ sentence, onShowOther });
      const [other, shown] = within(switcher()).getAllByRole('button');
      fireEvent.click(shown!);
      expect(onShowOther).not.toHaveBeenCalled();
      fireEvent.click(other!);
      expect(onShowOther).toHaveBeenCalledWith(7);
    });

    it('puts its buttons in the Tab order between the close button and the record, inside the card\'s Tab loop', () => {
      renderCard({ opened: 'keyboard', sentence });
      const tabbable = [...screen.getByRole('dialog').querySelectorAll<HTMLElement>('a[href], button')].filter((el) => el.tabIndex >= 0);
      const names = tabbable.map((el) => el.getAttribute('aria-label') ?? el.textContent);
      expect(names.slice(0, 3)).toEqual(['Close', `1 ${VERDICT_LABELS[kremlin.verdict]} Peskov said Putin endorsed Trump’s…: ${kremlin.text}`, `2 Accurate According to Peskov, the phone…: ${peskov.text}`]);
      expect(names.at(-1)).toBe('Not this claim');
      const last = tabbable.at(-1)!;
      last.focus();
      expect(fireEvent.keyDown(last, { key: 'Tab' })).toBe(false);
      expect(document.activeElement).toBe(tabbable[0]);
    });
  });

  describe('when pack text is hostile', () => {
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b>';
    const hostile: ClaimForCard = {
      ...peskov,
      text: `Claim ${html}`,
      claimant: html,
      summary: `Summary ${html}`,
      packTitle: html,
      context: [
        {
          text: `Context ${html}`,
          sources: [
            { url: 'javascript:alert(3)', outlet: 'Evil outlet', published: '2025-02' },
            { url: 'data:text/html,<script>alert(4)</script>', outlet: 'Data outlet' },
            { url: 'https://example.com/story', outlet: html },
          ],
        },
      ],
    };

    it('renders HTML as text and creates no elements from it', () => {
      const { container } = renderCard({ claim: hostile, mentionText: `Mention ${html}`, matched: ['<b>bold</b>'] });
      expect(container.querySelector('script, img, b, iframe')).toBeNull();
      expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(`Claim ${html}`);
      expect(container.textContent).toContain(`Summary ${html}`);
      expect(container.textContent).toContain(`From: ${html}`);
    });

    it('shows a source that is not an http(s) URL as plain text, never as a link', () => {
      const { container } = renderCard({ claim: hostile });
      const hrefs = [...container.querySelectorAll('[href]')].map((el) => el.getAttribute('href'));
      expect(hrefs).toEqual(['https://example.com/story']);
      expect(screen.getByText('Evil outlet').closest('a')).toBeNull();
      expect(screen.getByText('Data outlet').closest('a')).toBeNull();
      expect(container.textContent).toContain('Evil outlet · Feb 2025');
    });
  });

  describe('when the reader closes or rejects it', () => {
    it('calls onClose on Escape inside the card and keeps the key from the page', () => {
      const pageHandler = vi.fn();
      document.addEventListener('keydown', pageHandler);
      const { props } = renderCard();
      fireEvent.keyDown(screen.getAllByRole('link')[0]!, { key: 'Escape' });
      document.removeEventListener('keydown', pageHandler);
      expect(props.onClose).toHaveBeenCalledTimes(1);
      expect(pageHandler).not.toHaveBeenCalled();
    });

    it('calls onClose from the close button', () => {
      const { props } = renderCard();
      fireEvent.click(screen.getByRole('button', { name: 'Close' }));
      expect(props.onClose).toHaveBeenCalledTimes(1);
      expect(props.onDismiss).not.toHaveBeenCalled();
    });

    it('calls onDismiss from "Not this claim"', () => {
      const { props } = renderCard();
      fireEvent.click(screen.getByRole('button', { name: 'Not this claim' }));
      expect(props.onDismiss).toHaveBeenCalledTimes(1);
      expect(props.onClose).not.toHaveBeenCalled();
    });
  });

  it('shows a word about the page above the record, when there is one', () => {
    const pageNotice = 'This page is dated 28 Apr 2025; the events it reports are from 12 Feb 2025.';
    const { dialog } = renderCard({ pageNotice });
    expect(within(dialog).getByRole('note').textContent).toBe(pageNotice);
    cleanup();
    expect(within(renderCard().dialog).queryByRole('note')).toBeNull();
  });

  describe('after “Not this claim”', () => {
    it('says what is hidden, and offers to undo it or to hide the claim everywhere', () => {
      const dismissed = { everywhere: false, reported: false, onUndo: vi.fn(), onEverywhere: vi.fn(), onReport: vi.fn() };
      const { dialog, props } = renderCard({ dismissed });
      expect(within(dialog).getByRole('status').textContent).toContain('will not mark this claim on these words on this page again');
      expect(within(dialog).queryByRole('button', { name: 'Not this claim' })).toBeNull();
      fireEvent.click(within(dialog).getByRole('button', { name: 'Never mark this claim' }));
      expect(dismissed.onEverywhere).toHaveBeenCalledTimes(1);
      fireEvent.click(within(dialog).getByRole('button', { name: 'Undo' }));
      expect(dismissed.onUndo).toHaveBeenCalledTimes(1);
      fireEvent.click(within(dialog).getByRole('button', { name: 'Report a wrong match' }));
      expect(dismissed.onReport).toHaveBeenCalledTimes(1);
      fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
      expect(props.onClose).toHaveBeenCalledTimes(1);
    });

    it('says so when the claim is hidden on every page', () => {
      const { dialog } = renderCard({ dismissed: { everywhere: true, reported: true, onUndo: vi.fn(), onEverywhere: vi.fn(), onReport: vi.fn() } });
      expect(within(dialog).getByRole('status').textContent).toContain('will not mark this claim on any page');
      expect(within(dialog).getByRole('status').textContent).toContain('nothing leaves this device');
      expect((within(dialog).getByRole('button', { name: 'Reported' }) as HTMLButtonElement).disabled).toBe(true);
      expect(within(dialog).queryByRole('button', { name: 'Never mark this claim' })).toBeNull();
    });

    it('says where the browser would not keep what was hidden or reported, rather than that it is kept', () => {
      const { dialog } = renderCard({ dismissed: { everywhere: false, reported: true, unkept: 'full', onUndo: vi.fn(), onEverywhere: vi.fn(), onReport: vi.fn() } });
      expect(within(dialog).getByRole('status').textContent).toBe(
        'Hidden on this page until it is reloaded. Your report is not kept either. The browser would not store it: its storage for extensions is full. Hidden matches you no longer need can be shown again in Claimlight’s settings, which makes room.',
      );
      cleanup();
      // "Never mark" in a private window: not "on any page", nor "in the settings".
      const { dialog: inPrivate } = renderCard({ dismissed: { everywhere: true, reported: false, unkept: 'private', onUndo: vi.fn(), onEverywhere: vi.fn(), onReport: vi.fn() } });
      expect(within(inPrivate).getByRole('status').textContent).toBe('Hidden on this page until it is reloaded. In a private window Claimlight keeps nothing of what you do.');
      cleanup();
      // A background that did not answer.
      const { dialog: unanswered } = renderCard({ dismissed: { everywhere: false, reported: false, unkept: 'failed', onUndo: vi.fn(), onEverywhere: vi.fn(), onReport: vi.fn() } });
      expect(within(unanswered).getByRole('status').textContent).toBe('Hidden on this page until it is reloaded. Claimlight’s background did not answer; reload the page to hide it for good.');
    });

    it('says what it did in a live region that was in the card, empty, before "Not this claim" was pressed', () => {
      render(<DismissibleCard />);
      const region = within(screen.getByRole('dialog')).getByRole('status');
      expect(region.textContent).toBe('');
      fireEvent.click(screen.getByRole('button', { name: 'Not this claim' }));
      expect(region.isConnected).toBe(true);
      expect(region.textContent).toBe('Hidden. Claimlight will not mark this claim on these words on this page again.');
      fireEvent.click(screen.getByRole('button', { name: 'Never mark this claim' }));
      expect(region.textContent).toContain('will not mark this claim on any page');
    });

    it('keeps focus in the card as each button takes itself away: on Undo, and on "Not this claim" after Undo', () => {
      render(<DismissibleCard />);
      const press = (name: string) => {
        const button = screen.getByRole('button', { name });
        button.focus();
        fireEvent.click(button);
      };
      press('Not this claim');
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
      press('Never mark this claim');
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
      // "Reported" stays, disabled: a disabled button cannot hold focus.
      press('Report a wrong match');
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
      press('Undo');
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Not this claim' }));
    });

    it('leaves focus where the reader has it on the page when the card turns under the pointer', () => {
      const pageButton = document.createElement('button');
      document.body.append(pageButton);
      pageButton.focus();
      render(<DismissibleCard opened="click" />);
      fireEvent.click(screen.getByRole('button', { name: 'Not this claim' }));
      expect(document.activeElement).toBe(pageButton);
      pageButton.remove();
    });
  });

  describe('claimGists', () => {
    it('tells claims apart by the words after an opening they share', () => {
      expect(claimGists(['Trump said that the call was long and friendly.', 'Trump said that fares would double next year.'])).toEqual([
        '…the call was long and…',
        '…fares would double next year',
      ]);
      expect(claimGists(['Short claim.'])).toEqual(['Short claim']);
    });
  });

  describe('when the page has several mentions', () => {
    it('says which one this is, and moves to the one before or after', () => {
      const place = { index: 2, total: 12, onPrevious: vi.fn(), onNext: vi.fn() };
      renderCard({ place });
      const nav = screen.getByRole('navigation', { name: 'Mentions on this page' });
      expect(nav.textContent).toContain('3 of 12');
      fireEvent.click(within(nav).getByRole('button', { name: 'Next mention' }));
      expect(place.onNext).toHaveBeenCalledTimes(1);
      fireEvent.click(within(nav).getByRole('button', { name: 'Previous mention' }));
      expect(place.onPrevious).toHaveBeenCalledTimes(1);
    });

    it('offers no way to move when the mention is the page’s only one', () => {
      renderCard({ place: { index: 0, total: 1, onPrevious: vi.fn(), onNext: vi.fn() } });
      expect(screen.queryByRole('navigation', { name: 'Mentions on this page' })).toBeNull();
    });
  });

  describe('when opened by the keyboard', () => {
    it('moves focus to its heading', () => {
      renderCard({ opened: 'keyboard' });
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }));
    });

    it('wraps Tab from the last control to the first, and Shift+Tab back', () => {
      renderCard({ opened: 'keyboard' });
      const close = screen.getByRole('button', { name: 'Close' });
      const dismiss = screen.getByRole('button', { name: 'Not this claim' });
      dismiss.focus();
      expect(fireEvent.keyDown(dismiss, { key: 'Tab' })).toBe(false);
      expect(document.activeElement).toBe(close);
      expect(fireEvent.keyDown(close, { key: 'Tab', shiftKey: true })).toBe(false);
      expect(document.activeElement).toBe(dismiss);
    });

    it('leaves Tab between controls inside the card to the browser', () => {
      renderCard({ opened: 'keyboard' });
      const link = screen.getAllByRole('link')[0]!;
      link.focus();
      expect(fireEvent.keyDown(link, { key: 'Tab' })).toBe(true);
      expect(fireEvent.keyDown(link, { key: 'Tab', shiftKey: true })).toBe(true);
    });
  });

  describe('when opened by the pointer', () => {
    it('leaves focus where it was and does not hold Tab', () => {
      renderCard();
      expect(document.activeElement).toBe(document.body);
      const dismiss = screen.getByRole('button', { name: 'Not this claim' });
      expect(fireEvent.keyDown(dismiss, { key: 'Tab' })).toBe(true);
    });
  });
});

describe('VerdictBadge', () => {
  it.each(VERDICTS)('gives %s a glyph of its own beside the word', (verdict) => {
    const { container } = render(<VerdictBadge verdict={verdict} />);
    const glyph = container.querySelector('[aria-hidden="true"]');
    expect(glyph?.textContent).toBe(VERDICT_STYLES[verdict].glyph);
  });

  it('does not repeat a rating label that is the verdict word', () => {
    const { container } = render(<VerdictBadge verdict="false" label="FALSE" />);
    expect(container.textContent).not.toContain('FALSE');
  });
});

describe('VERDICT_STYLES', () => {
  it.each(VERDICTS)('keeps %s at 4.5:1 or more on the light and the dark card', (verdict) => {
    const { colour, colourOnDark } = VERDICT_STYLES[verdict];
    expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colourOnDark, '#1c2128')).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every verdict a different glyph, so colour is never the only signal', () => {
    const glyphs = VERDICTS.map((v) => VERDICT_STYLES[v].glyph);
    expect(new Set(glyphs).size).toBe(VERDICTS.length);
  });
});

describe('text written right to left', () => {
  it('isolates the claimant and each outlet, so that neither can reorder the date or host beside it', () => {
    const claim = { ...peskov, claimant: 'مجلس المدينة', context: [{ ...peskov.context[0]!, sources: [{ ...peskov.context[0]!.sources[0]!, outlet: 'חדשות הנמל' }] }, ...peskov.context.slice(1)] };
    const { dialog } = renderCard({ claim });
    const isolated = [...dialog.querySelectorAll('bdi')].map((b) => b.textContent);
    expect(isolated).toEqual(expect.arrayContaining(['مجلس المدينة', 'חדשות הנמל']));
  });

  it('isolates the main source\'s outlet too, so that the date after it stays after it', () => {
    const claim = { ...peskov, context: [{ text: 'بيان رسمي', sources: [{ url: 'https://news.example/ar', outlet: 'الجزيرة', published: '2025-02-12' }] }] };
    const line = renderCard({ claim }).dialog.querySelector('.claimlight-card__main-source')!;
    expect(line.textContent).toContain('الجزيرة, 12 Feb 2025');
    expect([...line.querySelectorAll('bdi')].map((b) => b.textContent)).toEqual(['الجزيرة']);
  });

  it('lets the claim, the record and the sentence on the page set their own direction in a card set left to right', () => {
    // ClaimCard.css sets direction: ltr on the card; dir="auto" on an element sets its own.
    expect(readFileSync('components/ClaimCard.css', 'utf8')).toMatch(/direction: ltr/);
    const claim = { ...peskov, text: 'قال المتحدث إن المكالمة استمرت 90 دقيقة.', summary: 'استمرت المكالمة نحو 90 دقيقة، وفق البيان الرسمي. وأكد الطرفان ذلك.' };
    const { dialog } = renderCard({ claim, matched: [], mentionText: 'قال إن المكالمة استمرت 90 دقيقة.' });
    expect(screen.getByRole('heading', { level: 2 }).getAttribute('dir')).toBe('auto');
    for (const part of ['.claimlight-card__summary', '.claimlight-card__summary-rest', '.claimlight-card__mention', '.claimlight-card__context p']) {
      expect(dialog.querySelector(part)?.getAttribute('dir'), part).toBe('auto');
    }
  });
});

describe('the language of the card\'s words', () => {
  it('declares them English, on a page in another language', () => {
    // The card's shadow host sits in the page's <html lang="ar">, and lang is inherited into it.
    const page = document.createElement('div');
    page.setAttribute('lang', 'ar');
    document.body.append(page);
    render(<ClaimCard claim={peskov} verdict="accurate" matched={[]} mentionText="x" opened="click" onDismiss={() => {}} onClose={() => {}} />, { container: page });
    expect(screen.getByRole('heading', { name: 'What the record shows' }).closest('[lang]')?.getAttribute('lang')).toBe('en');
    page.remove();
  });
});

describe('formatPartialDate', () => {
  it.each([
    ['2025-02-12', '12 Feb 2025'],
    ['2025-02-01', '1 Feb 2025'],
    ['2024-12-31', '31 Dec 2024'],
    ['2025-02', 'Feb 2025'],
    ['2025', '2025'],
    ['2025-13', '2025-13'],
    ['2025-02-30', '2025-02-30'],
    ['last week', 'last week'],
    // Date.UTC reads the years 0-99 as 1900-1999; these are written as they are.
    ['0050-03-01', '1 Mar 50'],
    ['0099-12', 'Dec 99'],
  ])('writes %s as %s in the tests\' locale, British English', (date, expected) => {
    expect(formatPartialDate(date)).toBe(expected);
  });

  it('writes a date as the reader\'s locale does, the month always as a word, and the same calendar day in every time zone', () => {
    expect(formatPartialDate('2025-02-12', 'en-US')).toBe('Feb 12, 2025');
    expect(formatPartialDate('2025-02-12', 'de-DE')).toBe('12. Feb. 2025');
    expect(formatPartialDate('2025-02', 'fr-FR')).toBe('févr. 2025');
    expect(formatMoment('2026-12-02T10:00:00.000Z', 'en-US')).toBe('Dec 2, 2026');
    expect(formatMoment('not a time')).toBe('not a time');
    expect(formatDayRange('2025-02-12', '2025-02-14', 'en-US')).toMatch(/^Feb 12\s?–\s?14, 2025$/);
  });
});

describe('mentionExcerpt', () => {
  const long = `${'Earlier words set the scene for the reader at some length. '.repeat(6)}Then the ninety-minute call came, ${'and later words trail on well after it. '.repeat(6)}`;

  it('keeps a short sentence whole, with its spacing tidied', () => {
    expect(mentionExcerpt('  The   call lasted\nan hour. ', ['call'])).toBe('The call lasted an hour.');
  });

  it('cuts a long sentence at spaces around the first matched word', () => {
    const excerpt = mentionExcerpt(long, ['ninety-minute', 'call']);
    expect(excerpt.length).toBeLessThanOrEqual(222);
    expect(excerpt).toMatch(/^…\S/);
    expect(excerpt).toMatch(/\S…$/);
    expect(excerpt).toContain('Then the ninety-minute call came');
    expect(long).toContain(excerpt.slice(1, -1));
  });

  it('cuts a sentence written without spaces, the odd Latin word aside, where the window falls, around the matched word', () => {
    // Chinese, with a Latin name or two: the next space after the window's start lay past its end,
    // and the excerpt was "……".
    const chinese = `据 BBC 报道，${'谈判代表团在会议上讨论了停火的条件和时间表，'.repeat(12)}特朗普${'并表示双方都同意尽快开始谈判，'.repeat(8)} Donald Trump 说。`;
    const excerpt = mentionExcerpt(chinese, ['特朗普']);
    expect(excerpt).toContain('特朗普');
    expect(excerpt.length).toBeGreaterThan(100);
    expect(excerpt.length).toBeLessThanOrEqual(222);
    expect(chinese).toContain(excerpt.slice(1, -1));
  });

  it('starts a long sentence from its beginning when no word is found in it', () => {
    expect(mentionExcerpt(long, ['absent'])).toMatch(/^Earlier words/);
  });
});

describe('splitOnWords', () => {
  it('flags whole words in any case and leaves words that only contain them', () => {
    expect(splitOnWords('Call recalled the call.', ['call'])).toEqual([
      { text: 'Call', hit: true },
      { text: ' recalled the ', hit: false },
      { text: 'call', hit: true },
      { text: '.', hit: false },
    ]);
  });

  it('treats regular-expression characters in words literally', () => {
    expect(splitOnWords('a (b) c', ['(b)', '.*'])).toEqual([
      { text: 'a ', hit: false },
      { text: '(b)', hit: true },
      { text: ' c', hit: false },
    ]);
  });
});

describe('a verdict on how one report told the story', () => {
  const summit = bundledClaim('munich-defense-summit-focus');

  it('shows the record as context, and says which report the verdict judges, when the sentence does not repeat the fault', () => {
    const { dialog } = renderCard({ claim: summit, verdict: 'context', mentionText: 'Zelensky meets Vance at the Munich Security Conference.' });
    expect(within(dialog).getByText('Context')).toBeTruthy();
    expect(within(dialog).queryByText('Imprecise')).toBeNull();
    expect(dialog.dataset.verdict).toBe('context');
    expect(dialog.querySelector('.claimlight-card__telling')?.textContent).toBe(
      'The verdict “Imprecise” judges how another report told this: Trump Announces Start of Ukraine War Talks Following Call with Putin, 28 Apr 2025. This page does not repeat what it got wrong, so the record is shown as context.',
    );
  });

  it('shows the verdict and the wording this page repeats', () => {
    const { dialog } = renderCard({ claim: summit, verdict: 'imprecise', repeats: 'defense summit' });
    expect(within(dialog).getByText('Imprecise')).toBeTruthy();
    expect(dialog.querySelector('.claimlight-card__telling')?.textContent).toBe(
      'As reported in Trump Announces Start of Ukraine War Talks Following Call with Putin, 28 Apr 2025; this page repeats “defense summit”.',
    );
  });

  it('links the report where the pack gives its address, and says nothing of a telling for a claim in the world', () => {
    const linked = { ...summit, telling: { ...summit.telling!, report: { ...summit.telling!.report, url: 'https://news.example/story' } } };
    const { dialog } = renderCard({ claim: linked, verdict: 'imprecise' });
    expect(within(dialog).getByRole('link', { name: 'Trump Announces Start of Ukraine War Talks Following Call with Putin, at news.example (opens in a new tab)' }).getAttribute('href')).toBe('https://news.example/story');
    // A title that names another site than its link's: the card shows where the link goes, and
    // a link the card would not follow is no link.
    cleanup();
    const elsewhere = { ...summit, telling: { ...summit.telling!, report: { ...summit.telling!.report, title: 'reuters.com – Trump announces talks', url: 'https://evil.example/story' } } };
    const shown = renderCard({ claim: elsewhere, verdict: 'imprecise' });
    expect(shown.dialog.querySelector('.claimlight-card__telling')?.textContent).toContain('reuters.com – Trump announces talks evil.example');
    cleanup();
    const scripted = { ...summit, telling: { ...summit.telling!, report: { ...summit.telling!.report, url: 'javascript:alert(1)' } } };
    const refused = renderCard({ claim: scripted, verdict: 'imprecise' });
    expect(refused.dialog.querySelector('.claimlight-card__telling a')).toBeNull();
    expect(refused.dialog.querySelector('.claimlight-card__telling cite')?.textContent).toBe('Trump Announces Start of Ukraine War Talks Following Call with Putin');
    cleanup();
    const world = { ...summit, telling: undefined };
    const again = renderCard({ claim: world, verdict: 'imprecise' });
    expect(again.dialog.querySelector('.claimlight-card__telling')).toBeNull();
  });
});
