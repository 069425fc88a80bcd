// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimSearch } from '@/components/ClaimSearch';
import type { ClaimForCard } from '@/lib/protocol';

afterEach(cleanup);

const claim = (id: string, text: string): ClaimForCard => ({
  packId: 'p', packTitle: 'Pack', id, text, verdict: 'false', summary: 'No.', context: [], cues: { phrases: [], terms: [] },
});
const claims = [claim('a', 'The bridge closed.'), claim('b', 'The bridge reopened.')];
const results = () => within(screen.getByRole('listbox', { name: 'Matching claims' })).getAllByRole('option');
const box = () => screen.getByRole('combobox', { name: 'Search checked claims' });

describe('ClaimSearch', () => {
  it('shows results for words typed while the store was still being read', () => {
    const { rerender } = render(<ClaimSearch claims={null} packs={[]} onOpenSettings={vi.fn()} />);
    expect(screen.getByText('Reading your fact packs…')).toBeTruthy();
    fireEvent.input(box(), { target: { value: 'bridge' } });
    rerender(<ClaimSearch claims={claims} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    expect(results()).toHaveLength(2);
  });

  it('indexes a large store in turns, taking keys meanwhile, answering from the claims read so far and then from all', async () => {
    // The keeper's claims are the first and the last: the first is found at once, the last once every claim is read.
    const many = Array.from({ length: 3_000 }, (_, i) => claim(`c${i}`, i === 0 ? 'The lighthouse keeper arrived.' : i === 2_999 ? 'The lighthouse keeper retired.' : `Harbour claim number ${i} about the ferry.`));
    render(<ClaimSearch claims={many} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'lighthouse' } });
    expect(box()).toHaveProperty('value', 'lighthouse');
    expect(results().map((option) => option.textContent)).toEqual([expect.stringContaining('The lighthouse keeper arrived.')]);
    expect(screen.getByText(/^1 claim found so far, in 500 of 3,000 claims; searching the rest…$/)).toBeTruthy();
    // Said once to screen readers, not at every turn.
    expect(screen.getByRole('status').textContent).toBe('Searching 3,000 claims…');
    await waitFor(() => expect(results()).toHaveLength(2), { timeout: 10_000 });
    expect(results().map((option) => option.textContent)).toEqual(expect.arrayContaining([expect.stringContaining('retired'), expect.stringContaining('arrived')]));
    expect(screen.queryByText(/so far/)).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('2 claims found');
  });

  it('gives the keyboard to "Open settings" when the store turns out empty, where it fell to the page', async () => {
    const { rerender } = render(<ClaimSearch claims={null} packs={[]} onOpenSettings={vi.fn()} />);
    box().focus();
    expect(document.activeElement).toBe(box());
    rerender(<ClaimSearch claims={[]} packs={[]} onOpenSettings={vi.fn()} />);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Open settings' })));
  });

  it('keeps the result the reader arrowed to highlighted while the index grows and the results move', async () => {
    // The claim that ranks first is the last one read.
    const many = Array.from({ length: 3_000 }, (_, i) => claim(`c${i}`, i === 0 ? 'The lighthouse keeper arrived.' : i === 1 ? 'The lighthouse keeper left.' : i === 2_999 ? 'Lighthouse: the lighthouse keeper retired.' : `Harbour claim number ${i} about the ferry.`));
    render(<ClaimSearch claims={many} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'lighthouse keeper' } });
    expect(results()).toHaveLength(2);
    const highlighted = () => document.getElementById(box().getAttribute('aria-activedescendant')!)!.textContent;
    // To the second result, whichever of the two it is.
    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    const chosen = results()[1]!.textContent!;
    expect(highlighted()).toBe(chosen);
    await waitFor(() => expect(results()).toHaveLength(3), { timeout: 10_000 });
    expect(results()[0]!.textContent).toContain('retired');
    // Once the new results are painted.
    await waitFor(() => expect(highlighted()).toBe(chosen));
  });

  it('keeps what "Show more" listed while the index goes on growing', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => claim(`c${i}`, `Harbour claim number ${i} about the ferry.`));
    render(<ClaimSearch claims={many} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.click(within(screen.getByRole('list', { name: 'Browse by verdict' })).getByRole('button'));
    fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
    expect(results()).toHaveLength(100);
    // Reports of the index growing come every quarter of a second.
    await act(() => new Promise((resolve) => setTimeout(resolve, 800)));
    expect(results()).toHaveLength(100);
    expect(box().getAttribute('aria-activedescendant')).toBe(results()[50]!.id);
  });

  it('says that nothing matches among the claims read so far until every claim is read', async () => {
    const many = Array.from({ length: 3_000 }, (_, i) => claim(`c${i}`, i === 2_999 ? 'The lighthouse keeper retired.' : `Harbour claim number ${i} about the ferry.`));
    render(<ClaimSearch claims={many} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'lighthouse' } });
    expect(screen.getByText(/^No claims match “lighthouse” so far, in 500 of 3,000 claims; searching the rest…$/)).toBeTruthy();
    expect(screen.queryByText('No claims match “lighthouse”.')).toBeNull();
    await waitFor(() => expect(results().map((option) => option.textContent)).toEqual([expect.stringContaining('The lighthouse keeper retired.')]), { timeout: 10_000 });
  });

  it('clears the box on the first Escape', () => {
    render(<ClaimSearch claims={claims} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'bridge' } });
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(box()).toHaveProperty('value', '');
    expect(screen.getByText('Type a few words to search 2 checked claims in 1 pack, or browse them by verdict.')).toBeTruthy();
  });

  it('leaves Enter and Escape that finish composing Chinese or Japanese to the input method', () => {
    render(<ClaimSearch claims={[claim('v', '新冠疫苗会导致女性不孕')]} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: '疫苗' } });
    fireEvent.keyDown(box(), { key: 'Enter', isComposing: true });
    fireEvent.keyDown(box(), { key: 'Escape', keyCode: 229 });
    expect(screen.queryByRole('button', { name: /Back to results/ })).toBeNull();
    expect(box()).toHaveProperty('value', '疫苗');
    // Composed, Enter opens the first result.
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(screen.getByRole('button', { name: /Back to results/ })).toBeTruthy();
  });

  it('highlights the words typed in each result', () => {
    render(<ClaimSearch claims={claims} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'bridge reopen' } });
    expect(results().map((option) => [...option.querySelectorAll('mark')].map((mark) => mark.textContent))).toEqual([['bridge', 'reopened'], ['bridge']]);
  });

  it('offers the claims by verdict, problems first, when the box is empty, and lists one verdict\'s claims when chosen', () => {
    const mixed = [claim('a', 'The bridge closed.'), { ...claim('b', 'The ferry runs daily.'), verdict: 'accurate' as const }, { ...claim('c', 'Fares fell.'), verdict: 'imprecise' as const }];
    render(<ClaimSearch claims={mixed} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    const browse = screen.getByRole('list', { name: 'Browse by verdict' });
    const buttons = within(browse).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Verdict: ✗False1 claim', 'Verdict: ≈Imprecise1 claim', 'Verdict: ✓Accurate1 claim']);
    buttons[2]!.focus();
    fireEvent.click(buttons[2]!);
    expect(results().map((option) => option.textContent)).toEqual([expect.stringContaining('The ferry runs daily.')]);
    expect(screen.queryByRole('list', { name: 'Browse by verdict' })).toBeNull();
    // The button went: the keyboard is back in the box, at the first claim listed (it fell to the popup's top).
    expect(document.activeElement).toBe(box());
    expect(box().getAttribute('aria-activedescendant')).toBe(results()[0]!.id);
  });

  it('stops at the ends of the list', () => {
    render(<ClaimSearch claims={claims} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'bridge' } });
    for (let i = 0; i < 5; i++) fireEvent.keyDown(box(), { key: 'ArrowDown' });
    expect(box().getAttribute('aria-activedescendant')).toBe(results()[1]!.id);
  });

  it('announces how many claims were found, and that none were', () => {
    render(<ClaimSearch claims={claims} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'reopened' } });
    expect(screen.getByRole('status').textContent).toBe('1 claim found');
    fireEvent.input(box(), { target: { value: 'zzzzqqq' } });
    expect(screen.getByRole('status').textContent).toBe('No claims match “zzzzqqq”.');
  });

  it('asks for more than words too common to search by ("can" of "cancer", "in" of "inflation"), rather than saying nothing matches them', () => {
    render(<ClaimSearch claims={claims} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'can' } });
    expect(screen.getByRole('status').textContent).toBe('Keep typing: “can” is too common a word to search by.');
    fireEvent.input(box(), { target: { value: 'is it' } });
    expect(screen.getByRole('status').textContent).toBe('Keep typing: “is it” are too common words to search by.');
    // A word that is searched and matches nothing is said as ever.
    fireEvent.input(box(), { target: { value: 'in zzzzqqq' } });
    expect(screen.getByRole('status').textContent).toBe('No claims match “in zzzzqqq”.');
  });

  it('asks for more than the first letter typed, rather than saying that nothing matches it', () => {
    render(<ClaimSearch claims={claims} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'b' } });
    expect(screen.getByRole('status').textContent).toBe('Keep typing: one letter is too short to search by.');
    fireEvent.input(box(), { target: { value: 'br' } });
    expect(screen.getByRole('status').textContent).toMatch(/found$/);
  });

  it('comes back from a record at the result it was opened from, chosen by the pointer too', () => {
    const many = Array.from({ length: 30 }, (_, i) => claim(`c${i}`, `Harbour claim number ${i} about the ferry.`));
    render(<ClaimSearch claims={many} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.click(within(screen.getByRole('list', { name: 'Browse by verdict' })).getByRole('button'));
    fireEvent.click(results()[12]!);
    fireEvent.click(screen.getByRole('button', { name: /Back to results/ }));
    expect(box().getAttribute('aria-activedescendant')).toBe(results()[12]!.id);
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(screen.getByText('Harbour claim number 12 about the ferry.')).toBeTruthy();
  });

  it('lists a verdict of a large feed a page at a time, saying how many there are in all', () => {
    const many = Array.from({ length: 120 }, (_, i) => claim(`c${i}`, `Harbour claim number ${i} about the ferry.`));
    render(<ClaimSearch claims={many} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.click(within(screen.getByRole('list', { name: 'Browse by verdict' })).getByRole('button'));
    expect(results()).toHaveLength(50);
    expect(screen.getByRole('status').textContent).toBe('120 claims found, 50 listed');
    const more = screen.getByRole('button', { name: 'Show 50 more' });
    more.focus();
    fireEvent.click(more);
    expect(results()).toHaveLength(100);
    // Not the last: the keyboard is in the box all the same, at the first claim it brought in (left
    // on the button, it stayed far below the list it had scrolled to that claim).
    expect(document.activeElement).toBe(box());
    expect(box().getAttribute('aria-activedescendant')).toBe(results()[50]!.id);
    const last = screen.getByRole('button', { name: 'Show 20 more' });
    last.focus();
    fireEvent.click(last);
    expect(results()).toHaveLength(120);
    // The last "Show more" went: the keyboard is in the box, at the first claim it brought in.
    expect(document.activeElement).toBe(box());
    expect(box().getAttribute('aria-activedescendant')).toBe(results()[100]!.id);
    expect(screen.getByRole('status').textContent).toBe('120 claims found');
    expect(screen.queryByRole('button', { name: /more$/ })).toBeNull();
    // A new search starts from the first page again.
    fireEvent.input(box(), { target: { value: 'ferry' } });
    expect(results()).toHaveLength(50);
  });

  it('groups the digits of its counts: the claims to search, and "N of M claims" under a long list', () => {
    const many = Array.from({ length: 1_200 }, (_, i) => claim(`c${i}`, `Ferry claim ${i}.`));
    render(<ClaimSearch claims={many} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    expect(screen.getByText(/^Type a few words/).textContent).toBe('Type a few words to search 1,200 checked claims in 1 pack, or browse them by verdict.');
    fireEvent.click(within(screen.getByRole('list', { name: 'Browse by verdict' })).getByRole('button'));
    expect(document.querySelector('.claimlight-popup__more span')!.textContent).toBe('50 of 1,200 claims');
    expect(screen.getByRole('status').textContent).toBe('1,200 claims found, 50 listed');
  });

  it('lets each result set its own direction, for a claim written right to left', () => {
    render(<ClaimSearch claims={[claim('ar', 'قال إن المكالمة استمرت 90 دقيقة.')]} packs={[{ id: 'p', title: 'Pack' }]} onOpenSettings={vi.fn()} />);
    fireEvent.input(box(), { target: { value: 'المكالمة' } });
    expect(results()[0]!.querySelector('.claimlight-popup__result-text')!.getAttribute('dir')).toBe('auto');
  });
});
