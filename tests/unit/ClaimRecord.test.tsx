// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimRecord } from '@/components/ClaimRecord';
import type { ClaimForCard } from '@/lib/protocol';

afterEach(cleanup);

const claim: ClaimForCard = {
  packId: 'p',
  packTitle: 'Harbour pack',
  id: 'bridge',
  text: 'The harbour bridge will close all summer.',
  claimant: 'City council',
  claimDate: '2026-05-01',
  verdict: 'imprecise',
  summary: 'It closes on weekends only.',
  context: [
    {
      text: 'The works notice lists weekend closures.',
      sources: [
        { url: 'https://example.org/notice', outlet: 'Example Council', published: '2026-04-20' },
        { url: 'javascript:alert(1)', outlet: 'Bad link' },
      ],
    },
  ],
  cues: { phrases: [], terms: [] },
};

describe('ClaimRecord', () => {
  it('shows the verdict, the claim, who made it and when, the record and the pack', () => {
    render(<ClaimRecord claim={claim} onBack={vi.fn()} />);
    const record = screen.getByRole('article', { name: claim.text });
    expect(within(record).getByText('Imprecise')).toBeTruthy();
    expect(record.textContent).toContain('City council · 1 May 2026');
    expect(record.textContent).toContain('It closes on weekends only.');
    expect(record.textContent).toContain('From: Harbour pack');
  });

  it('takes focus on the claim when it opens', () => {
    render(<ClaimRecord claim={claim} onBack={vi.fn()} />);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }));
  });

  it('links http(s) sources in a new tab and shows other URLs as text', () => {
    render(<ClaimRecord claim={claim} onBack={vi.fn()} />);
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('aria-label')).toBe('Example Council example.org, 20 Apr 2026 (opens in a new tab)');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByText('Bad link')).toBeTruthy();
  });

  it('goes back on the Back button and on Escape', () => {
    const onBack = vi.fn();
    render(<ClaimRecord claim={claim} onBack={onBack} />);
    fireEvent.click(screen.getByRole('button', { name: 'Back to results' }));
    fireEvent.keyDown(screen.getByRole('heading', { level: 2 }), { key: 'Escape' });
    expect(onBack).toHaveBeenCalledTimes(2);
  });

  it('lets a claim, its record and its context written right to left set their own direction', () => {
    const arabic = { ...claim, text: 'قال المتحدث إن المكالمة استمرت 90 دقيقة.', summary: 'استمرت المكالمة نحو 90 دقيقة.', context: [{ text: 'بيان رسمي', sources: [] }] };
    const { container } = render(<ClaimRecord claim={arabic} onBack={vi.fn()} />);
    expect(screen.getByRole('heading', { level: 2 }).getAttribute('dir')).toBe('auto');
    expect(screen.getByText(arabic.summary).getAttribute('dir')).toBe('auto');
    expect(container.querySelector('.claimlight-popup__context p')!.getAttribute('dir')).toBe('auto');
  });

  it('declares the claim and its record in its pack’s language, in a popup whose own words are English', () => {
    render(<ClaimRecord claim={{ ...claim, text: 'قال المتحدث إن المكالمة استمرت 90 دقيقة.', summary: 'استمرت المكالمة ساعة واحدة.', packLanguage: 'ar' }} onBack={() => {}} />);
    expect(screen.getByRole('heading', { level: 2 }).getAttribute('lang')).toBe('ar');
    expect(screen.getByText('استمرت المكالمة ساعة واحدة.').getAttribute('lang')).toBe('ar');
  });

  it('leaves out the who-and-when line and the context when the claim has neither', () => {
    render(<ClaimRecord claim={{ ...claim, claimant: undefined, claimDate: undefined, context: [] }} onBack={vi.fn()} />);
    expect(screen.queryByText('Context')).toBeNull();
    expect(screen.queryByText(/City council/)).toBeNull();
  });
});
