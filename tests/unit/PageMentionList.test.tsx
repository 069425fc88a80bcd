// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageMentionList } from '@/components/PageMentionList';

afterEach(cleanup);

const long = `Trump said the call went well. ${'Officials added more detail about the talks. '.repeat(10)}`;

describe('PageMentionList', () => {
  it('names each mention by its verdict, claim and sentence', () => {
    render(<PageMentionList mentions={[{ id: 1, verdict: 'false', claimText: 'Fares doubled.', text: 'Fares have doubled, he said.' }]} siteEnabled onReveal={vi.fn()} />);
    const button = screen.getByRole('button');
    expect(button.textContent).toContain('Verdict: ');
    expect(button.textContent).toContain('False');
    expect(button.textContent).toContain('Fares doubled.');
    expect(button.textContent).toContain('On the page: “Fares have doubled, he said.”');
  });

  it('says of a mention whose sentence the page hides now that it is not shown, and still offers it', () => {
    const onReveal = vi.fn();
    const mentions = [
      { id: 1, verdict: 'false' as const, claimText: 'Fares doubled.', text: 'Fares have doubled, he said.' },
      { id: 2, verdict: 'false' as const, claimText: 'Fares doubled.', text: 'On the second slide, fares doubled.', hidden: true as const },
    ];
    render(<PageMentionList mentions={mentions} siteEnabled onReveal={onReveal} />);
    const [shown, hidden] = screen.getAllByRole('button');
    expect(shown!.textContent).not.toContain('Not shown on the page now');
    expect(hidden!.textContent).toContain('On the page: “On the second slide, fares doubled.”Not shown on the page now');
    fireEvent.click(hidden!);
    expect(onReveal).toHaveBeenCalledWith(2);
  });

  it('says the list is what was found so far while the page is still being read', () => {
    const mentions = [{ id: 1, verdict: 'false' as const, claimText: 'Fares doubled.', text: 'Fares have doubled, he said.' }];
    const { rerender, container } = render(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} scanning />);
    expect(container.textContent).toContain('Still reading this page… more may be listed.');
    rerender(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} />);
    expect(container.textContent).not.toContain('Still reading');
  });

  it('says which keys go from mark to mark on the page, as the reader has them set, and nothing where none is set', () => {
    const mentions = [{ id: 1, verdict: 'false' as const, claimText: 'Fares doubled.', text: 'Fares have doubled, he said.' }];
    const { rerender, container } = render(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} shortcuts={{ next: 'Alt+Shift+N', previous: 'Alt+Shift+P' }} />);
    expect(container.textContent).toContain('On the page, Alt+Shift+N and Alt+Shift+P go to the next and previous claim and open its card.');
    rerender(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} shortcuts={{ next: 'Ctrl+Shift+Y', previous: '' }} />);
    expect(container.textContent).toContain('On the page, Ctrl+Shift+Y goes to the next claim and opens its card.');
    rerender(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} shortcuts={{ next: '', previous: '' }} />);
    expect(container.textContent).not.toContain('On the page,');
    // Nor while the reader has hidden the page's marks, which the keys go between.
    rerender(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} marksHidden onHideMarks={vi.fn()} shortcuts={{ next: 'Alt+Shift+N', previous: 'Alt+Shift+P' }} />);
    expect(container.textContent).not.toContain('On the page,');
  });

  it('cuts a claim as long as a pack allows, and names it in short in each of its mentions', () => {
    const claimText = 'Officials said the bridge would stay closed for repairs '.repeat(40).slice(0, 2000);
    const mentions = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, verdict: 'false' as const, claimText, text: `Sentence ${i}.` }));
    const { container } = render(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} />);
    expect(container.querySelector('.claimlight-popup__group-head .claimlight-popup__mention-claim')!.textContent!.length).toBeLessThanOrEqual(201);
    for (const button of screen.getAllByRole('button')) expect(button.textContent!.length).toBeLessThan(120);
  });

  it('is one Tab stop, the arrow keys, Home and End moving between its mentions, and keeps the stop on the mention the reader was on as the list grows', () => {
    const mention = (id: number, claimText: string) => ({ id, verdict: 'false' as const, claimText, text: `Sentence ${id}.` });
    const mentions = [mention(1, 'Fares doubled.'), mention(2, 'The pier closed.'), mention(3, 'Fares doubled.'), mention(4, 'The bridge reopened.')];
    const onReveal = vi.fn();
    const { rerender } = render(<PageMentionList mentions={mentions} siteEnabled onReveal={onReveal} />);
    const list = screen.getByRole('list', { name: /Claims on this page/ });
    // Grouped by claim: 1 and 3 (fares), then 2 (pier), then 4 (bridge).
    const buttons = () => within(list).getAllByRole('button');
    const stops = () => buttons().filter((b) => b.tabIndex === 0).map((b) => b.textContent!.match(/Sentence (\d)/)![1]);
    expect(stops()).toEqual(['1']);
    buttons()[0]!.focus();
    fireEvent.keyDown(buttons()[0]!, { key: 'ArrowDown' });
    expect(document.activeElement!.textContent).toContain('Sentence 3.');
    expect(stops()).toEqual(['3']);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement!.textContent).toContain('Sentence 4.');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement!.textContent).toContain('Sentence 4.');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement!.textContent).toContain('Sentence 1.');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(stops()).toEqual(['2']);
    // The page found one more: the stop stays where the reader was.
    rerender(<PageMentionList mentions={[mention(5, 'A new claim.'), ...mentions]} siteEnabled onReveal={onReveal} />);
    expect(stops()).toEqual(['2']);
    fireEvent.click(document.activeElement!);
    expect(onReveal).toHaveBeenCalledWith(2);
  });

  it('keeps the keyboard in the list, on the mention after, when the one it is on leaves the page', () => {
    const mention = (id: number, claimText: string) => ({ id, verdict: 'false' as const, claimText, text: `Sentence ${id}.` });
    const mentions = [mention(1, 'Fares doubled.'), mention(2, 'The pier closed.'), mention(3, 'The bridge reopened.')];
    const { rerender } = render(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} />);
    within(screen.getByRole('list', { name: /Claims on this page/ })).getAllByRole('button')[1]!.focus();
    rerender(<PageMentionList mentions={[mentions[0]!, mentions[2]!]} siteEnabled onReveal={vi.fn()} />);
    expect(document.activeElement!.textContent).toContain('Sentence 3.');
    expect((document.activeElement as HTMLElement).tabIndex).toBe(0);
  });

  it('leaves the keyboard on the view around the list when its last mention leaves the page', () => {
    const one = [{ id: 1, verdict: 'false' as const, claimText: 'Fares doubled.', text: 'Sentence 1.' }];
    const { rerender } = render(<div tabIndex={0} data-testid="panel"><PageMentionList mentions={one} siteEnabled onReveal={vi.fn()} /></div>);
    screen.getByRole('button', { name: /Sentence 1/ }).focus();
    rerender(<div tabIndex={0} data-testid="panel"><PageMentionList mentions={[]} siteEnabled onReveal={vi.fn()} /></div>);
    expect(document.activeElement).toBe(screen.getByTestId('panel'));
  });

  it('shows what the tab says about its page above the list', () => {
    const notice = 'This page is dated 28 Apr 2025; the events it reports are from 12 Feb 2025.';
    render(<PageMentionList mentions={[{ id: 1, verdict: 'false', claimText: 'Fares doubled.', text: 'Fares doubled.' }]} siteEnabled onReveal={vi.fn()} notice={notice} />);
    expect(screen.getByRole('note').textContent).toBe(notice);
  });

  it('offers to hide the page’s marks, as a switch that says whether they are hidden', () => {
    const onHideMarks = vi.fn();
    const mentions = [{ id: 1, verdict: 'false' as const, claimText: 'Fares doubled.', text: 'Fares doubled.' }];
    render(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} onHideMarks={onHideMarks} />);
    const toggle = screen.getByRole('button', { name: 'Hide marks on this page' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(onHideMarks).toHaveBeenCalledWith(true);
    cleanup();
    render(<PageMentionList mentions={mentions} siteEnabled onReveal={vi.fn()} onHideMarks={onHideMarks} marksHidden />);
    fireEvent.click(screen.getByRole('button', { name: 'Hide marks on this page' }));
    expect(onHideMarks).toHaveBeenLastCalledWith(false);
  });

  it('cuts a long sentence short', () => {
    render(<PageMentionList mentions={[{ id: 1, verdict: 'false', claimText: 'Claim', text: long }]} siteEnabled onReveal={vi.fn()} />);
    const shown = screen.getByText(/^Trump said the call went well\./);
    expect(shown.textContent!.length).toBeLessThan(long.length);
    expect(shown.parentElement!.textContent).toMatch(/“Trump said the call went well\..*…”$/);
  });

  it('reveals the chosen mention by its id', () => {
    const onReveal = vi.fn();
    render(
      <PageMentionList
        mentions={[
          { id: 4, verdict: 'accurate', claimText: 'A', text: 'a' },
          { id: 9, verdict: 'false', claimText: 'B', text: 'b' },
        ]}
        siteEnabled
        onReveal={onReveal}
      />,
    );
    fireEvent.click(screen.getAllByRole('button')[1]!);
    expect(onReveal).toHaveBeenCalledWith(9);
  });

  it('lists possibly related claims apart, after the marks, with nothing to reveal', () => {
    render(
      <PageMentionList
        mentions={[
          { id: 1, verdict: 'false', claimText: 'Fares doubled.', text: 'Fares have doubled.' },
          { id: 2, verdict: 'imprecise', claimText: 'The bridge closed for good.', text: 'The bridge shut on Monday.', related: true },
        ]}
        siteEnabled
        onReveal={vi.fn()}
      />,
    );
    expect(screen.getAllByRole('button')).toHaveLength(1);
    const related = screen.getByRole('list', { name: 'Possibly related' });
    expect(related.textContent).toContain('The bridge closed for good.');
    expect(related.textContent).toContain('On the page: “The bridge shut on Monday.”');
    expect(screen.getByRole('list', { name: 'Claims on this page, in reading order' }).textContent).not.toContain('bridge');
  });

  it('says nothing of the site or the page before the page has answered, and what was found so far while it is still read', () => {
    const { rerender } = render(<PageMentionList mentions="loading" siteEnabled={false} onReveal={vi.fn()} />);
    expect(screen.getByText('Looking for claims on this page…')).toBeTruthy();
    expect(screen.queryByText('Claimlight is off on this site.')).toBeNull();
    rerender(<PageMentionList mentions={[]} siteEnabled scanning onReveal={vi.fn()} />);
    expect(screen.getByText('Still reading this page… no checked claims found so far.')).toBeTruthy();
    expect(screen.queryByText('No checked claims found on this page.')).toBeNull();
    rerender(<PageMentionList mentions={[]} siteEnabled onReveal={vi.fn()} />);
    expect(screen.getByText('No checked claims found on this page.')).toBeTruthy();
  });

  it('says no claim is marked, and still lists what is possibly related', () => {
    render(<PageMentionList mentions={[{ id: 2, verdict: 'false', claimText: 'The bridge closed.', text: 'The bridge shut.', related: true }]} siteEnabled onReveal={vi.fn()} />);
    expect(screen.getByText('No checked claims found on this page.')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Possibly related' }).textContent).toContain('The bridge closed.');
  });

  it('groups the mentions by claim, in the order each claim first appears, under a summary of their verdicts', () => {
    const onReveal = vi.fn();
    render(
      <PageMentionList
        mentions={[
          { id: 1, verdict: 'context', claimText: 'The summit was about Ukraine.', text: 'Leaders met in Munich.' },
          { id: 2, verdict: 'accurate', claimText: 'The call lasted 90 minutes.', text: 'They spoke for ninety minutes.' },
          { id: 3, verdict: 'imprecise', claimText: 'The summit was about Ukraine.', text: 'A defense summit on Ukraine opens.' },
          { id: 4, verdict: 'false', claimText: 'Fares doubled.', text: 'Fares doubled.' },
        ]}
        siteEnabled
        onReveal={onReveal}
      />,
    );
    expect(screen.getByText('2 problems: 1 False, 1 Imprecise; 2 other mentions')).toBeTruthy();
    const groups = screen.getByRole('list', { name: 'Claims on this page, in reading order' }).children;
    expect([...groups].map((group) => group.querySelector('.claimlight-popup__group-head')!.textContent)).toEqual([
      'Verdict: ≈ImpreciseThe summit was about Ukraine.2 mentions',
      'Verdict: ✓AccurateThe call lasted 90 minutes.',
      'Verdict: ✗FalseFares doubled.',
    ]);
    const summit = within(groups[0] as HTMLElement).getAllByRole('button');
    // The mention judged otherwise than its group shows its own verdict.
    expect(summit.map((b) => b.querySelector('.claimlight-badge')?.textContent ?? null)).toEqual(['Verdict: ¶Context', null]);
    fireEvent.click(summit[1]!);
    expect(onReveal).toHaveBeenCalledWith(3);
  });

  it('lets the claims and the page\'s sentences set their own direction, each sentence isolated within its quotes', () => {
    const { container } = render(
      <PageMentionList
        mentions={[
          { id: 1, verdict: 'false', claimText: 'قال المتحدث إن المكالمة استمرت 90 دقيقة.', text: 'قال إن المكالمة استمرت 90 دقيقة.' },
          { id: 2, verdict: 'false', claimText: 'אמר שהשיחה נמשכה 90 דקות.', text: 'השיחה נמשכה שעה וחצי.', related: true },
        ]}
        siteEnabled
        onReveal={vi.fn()}
      />,
    );
    expect([...container.querySelectorAll('.claimlight-popup__mention-claim')].map((claim) => claim.getAttribute('dir'))).toEqual(['auto', 'auto']);
    // Isolated from "On the page:" before it, which would otherwise set the sentence left to right.
    expect([...container.querySelectorAll('.claimlight-popup__mention-text bdi')].map((bdi) => bdi.textContent)).toEqual(['قال إن المكالمة استمرت 90 دقيقة.', 'השיחה נמשכה שעה וחצי.']);
  });

  it('heads "Possibly related" at the level under the popup\'s title', () => {
    render(<PageMentionList mentions={[{ id: 2, verdict: 'false', claimText: 'The bridge closed.', text: 'The bridge shut.', related: true }]} siteEnabled onReveal={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'Possibly related' }).tagName).toBe('H2');
  });

  it('says the page is closed to Claimlight before saying the site is off', () => {
    render(<PageMentionList mentions="unavailable" siteEnabled={false} onReveal={vi.fn()} />);
    expect(screen.getByText("Claimlight can't run on this page.")).toBeTruthy();
    expect(screen.queryByText('Claimlight is off on this site.')).toBeNull();
  });
});
