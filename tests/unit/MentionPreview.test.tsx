// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimCard } from '@/components/ClaimCard';
import { MentionPreview, firstSentence } from '@/components/MentionPreview';
import { expectBundledPack } from '@/lib/bundled-pack';
import { parsePackText } from '@/lib/pack';
import type { ClaimForCard } from '@/lib/protocol';

afterEach(cleanup);

const bundled = expectBundledPack();
const peskov: ClaimForCard = { ...bundled.claims.find((c) => c.id === 'call-duration-90-minutes')!, packId: bundled.id, packTitle: bundled.title };

/** A claim imported from a fact-checker's ClaimReview, whose first source is the review itself. */
function reviewed(): ClaimForCard {
  const parsed = parsePackText(JSON.stringify({
    '@context': 'https://schema.org', '@type': 'ClaimReview', url: 'https://checks.example/ferry', datePublished: '2026-03-02',
    claimReviewed: 'Ferry fares doubled this year.', author: { '@type': 'Organization', name: 'Harbour Checks' },
    reviewRating: { '@type': 'Rating', alternateName: 'False' }, reviewBody: 'Fares rose by 8 percent. The operator says so.',
  }));
  if (!parsed.ok) throw new Error(parsed.error.join('\n'));
  return { ...parsed.value.pack.claims[0]!, packId: parsed.value.pack.id, packTitle: parsed.value.pack.title };
}

describe('firstSentence', () => {
  it('keeps the first sentence, not a dot inside it, and cuts a long one at a word', () => {
    expect(firstSentence('Peskov gave it as 1.5 hours. Trump said more.')).toBe('Peskov gave it as 1.5 hours.');
    expect(firstSentence('No stop at all')).toBe('No stop at all');
    const long = firstSentence(`${'word '.repeat(60)}end.`);
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long.endsWith('word…')).toBe(true);
    // A long text with no spaces, of characters outside the Basic Plane: cut between two of them.
    const cut = firstSentence('\u{2000B}'.repeat(100));
    expect(cut).toBe(`${'\u{2000B}'.repeat(79)}…`);
  });
});

describe('MentionPreview', () => {
  it('shows the verdict, the record in a sentence and its main source as a tooltip with no controls', () => {
    render(<MentionPreview claim={peskov} verdict="accurate" others={1} />);
    const tip = screen.getByRole('tooltip');
    const source = peskov.context[0]!.sources[0]!;
    expect(tip.textContent).toBe(`Verdict: ✓AccuratePeskov gave the length as almost an hour and a half, so the report is right.Source: ${source.outlet} · 12 Feb 20251 more claim here. Click for the full record.`);
    expect(tip.querySelectorAll('a, button')).toHaveLength(0);
  });

  it('names a fact-checker\'s review as the fact-check, and shows a mention\'s own verdict', () => {
    render(<MentionPreview claim={reviewed()} verdict="false" others={0} />);
    expect(screen.getByRole('tooltip').textContent).toContain('Fact-check: Harbour Checks · 2 Mar 2026');
    expect(screen.getByRole('tooltip').textContent).toContain('Click for the full record.');
  });
});

describe('the card\'s main source', () => {
  it('offers "Read the fact-check" with its date for a reviewed claim', () => {
    render(<ClaimCard claim={reviewed()} verdict="false" matched={[]} mentionText="Ferry fares doubled." opened="click" onDismiss={() => {}} onClose={() => {}} />);
    const link = screen.getByRole('link', { name: 'Read the fact-check: Harbour Checks, 2 Mar 2026, at checks.example (opens in a new tab)' });
    expect(link.getAttribute('href')).toBe('https://checks.example/ferry');
    expect(link.parentElement?.textContent).toBe('Read the fact-check checks.example · Harbour Checks, 2 Mar 2026');
  });

  it('names the main source of a record that is not a review', () => {
    render(<ClaimCard claim={peskov} verdict="accurate" matched={[]} mentionText="x" opened="click" onDismiss={() => {}} onClose={() => {}} />);
    expect(screen.getByRole('link', { name: /^Main source: / }).parentElement?.textContent).toMatch(/^Main source \S+ · .+, \d+ \w+ 2025$/);
  });
});
