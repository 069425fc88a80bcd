// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HiddenMatches } from '@/components/HiddenMatches';
import { NO_DISMISSALS, type Dismissals } from '@/lib/dismissals';

afterEach(cleanup);

const list: Dismissals = {
  onPage: [{ page: 'https://news.example/story', claimKey: 'p/a', claimText: 'The call lasted 90 minutes.', text: 'The call ran long.', at: 'x' }],
  everywhere: [{ claimKey: 'p/b', claimText: 'Fares doubled.', at: 'y' }],
  reports: [],
};

describe('HiddenMatches', () => {
  it('lists each hidden match with where it was, and each claim hidden everywhere', () => {
    render(<HiddenMatches list={list} onChange={vi.fn()} />);
    expect(screen.getByText('The call lasted 90 minutes.')).toBeTruthy();
    expect(screen.getByText('The call ran long.').parentElement!.textContent).toBe('“The call ran long.” on news.example/story');
    expect(screen.getByRole('button', { name: 'Mark again: Fares doubled.' })).toBeTruthy();
  });

  it('takes one back, or all of them', () => {
    const onChange = vi.fn();
    render(<HiddenMatches list={list} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show again: The call lasted 90 minutes. on news.example/story' }));
    expect(onChange).toHaveBeenLastCalledWith({ onPage: [], everywhere: list.everywhere, reports: [] });
    fireEvent.click(screen.getByRole('button', { name: 'Show all 2 again' }));
    expect(onChange).toHaveBeenLastCalledWith(NO_DISMISSALS);
  });

  it('takes one row away for a double-click on its button, not the row that slides into its place', () => {
    function Harness() {
      const [shown, setShown] = useState<Dismissals>({ ...list, everywhere: [...list.everywhere, { claimKey: 'p/c', claimText: 'Bridge closed.', at: 'z' }] });
      return <HiddenMatches list={shown} onChange={setShown} />;
    }
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Mark again: Fares doubled.' }), { detail: 1 });
    fireEvent.click(screen.getByRole('button', { name: 'Mark again: Bridge closed.' }), { detail: 2 });
    expect(screen.getByRole('button', { name: 'Mark again: Bridge closed.' })).toBeTruthy();
  });

  it('keeps focus in the section as its buttons take their rows away: on the next row\'s button, else the heading', () => {
    function Harness() {
      const [shown, setShown] = useState<Dismissals>({ ...list, everywhere: [...list.everywhere, { claimKey: 'p/c', claimText: 'Bridge closed.', at: 'z' }] });
      return <HiddenMatches list={shown} onChange={setShown} />;
    }
    render(<Harness />);
    const press = (name: string) => {
      const button = screen.getByRole('button', { name });
      button.focus();
      fireEvent.click(button);
    };
    press('Mark again: Fares doubled.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Mark again: Bridge closed.' }));
    press('Mark again: Bridge closed.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Hidden matches' }));
    press('Show it again');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Hidden matches' }));
  });

  it('lets the claim and the page\'s words, in any script, set their own direction, and wraps the claim rather than widen the page', () => {
    render(<HiddenMatches list={list} onChange={vi.fn()} />);
    expect(screen.getByText('Fares doubled.').getAttribute('dir')).toBe('auto');
    expect(screen.getByText('The call ran long.').tagName).toBe('BDI');
    expect(readFileSync('entrypoints/options/style.css', 'utf8')).toMatch(/\.hidden-matches__claim \{[^}]*overflow-wrap: anywhere/);
  });

  it('says the list could not be read, rather than that there is none', () => {
    render(<HiddenMatches list={null} unreadable="Claimlight could not read the hidden matches (IO error); reload the page to try again." onChange={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toBe('Claimlight could not read the hidden matches (IO error); reload the page to try again.');
    expect(screen.queryByText(/When you choose “Not this claim” on a card/)).toBeNull();
  });

  it('says how a match gets here when there is none', () => {
    render(<HiddenMatches list={NO_DISMISSALS} onChange={vi.fn()} />);
    expect(screen.getByText(/When you choose “Not this claim” on a card/)).toBeTruthy();
  });

  it('exports the reported wrong matches as a file, and clears them', () => {
    const report = { url: 'https://news.example/story?id=1', claimKey: 'p/a', claimText: 'The call lasted 90 minutes.', text: 'The call ran long.', at: 'z' };
    const onChange = vi.fn();
    const saved: Blob[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:x';
    });
    render(<HiddenMatches list={{ ...NO_DISMISSALS, reports: [report] }} onChange={onChange} />);
    expect(screen.getByText(/1 report, kept on this computer/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export reports' }));
    expect(saved).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear reports' }));
    expect(onChange).toHaveBeenLastCalledWith(NO_DISMISSALS);
    createObjectURL.mockRestore();
  });
});
