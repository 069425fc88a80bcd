// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
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

  it('reads a title\'s full stop as none, and runs on to the end of a quote the sentence opened', () => {
    expect(firstSentence('Mr. Peskov said the call lasted 90 minutes. Trump agreed.')).toBe('Mr. Peskov said the call lasted 90 minutes.');
    expect(firstSentence('Dr. Ames said so. More.')).toBe('Dr. Ames said so.');
    expect(firstSentence('The U.S. Senate voted. Then it left.')).toBe('The U.S. Senate voted.');
    expect(firstSentence('Rated \u201cMisleading. The video is from 2019.\u201d by Harbour Checks on 2026-03-02. It was filmed elsewhere.')).toBe('Rated \u201cMisleading. The video is from 2019.\u201d by Harbour Checks on 2026-03-02.');
  });

  it.each([
    ['Cyrillic', 'Звонок длился около 90 минут. Обе стороны это подтвердили.', 'Звонок длился около 90 минут.'],
    ['Greek', 'Η κλήση διήρκεσε 90 λεπτά. Και οι δύο πλευρές το επιβεβαίωσαν.', 'Η κλήση διήρκεσε 90 λεπτά.'],
    ['Latin with an accented capital', 'La llamada duró 90 minutos. Él lo confirmó después.', 'La llamada duró 90 minutos.'],
    ['Arabic', 'استمرت المكالمة نحو 90 دقيقة. وأكد الطرفان ذلك.', 'استمرت المكالمة نحو 90 دقيقة.'],
    ['Arabic, ending in its question mark', 'هل استمرت المكالمة 90 دقيقة؟ نعم، وفق البيان.', 'هل استمرت المكالمة 90 دقيقة؟'],
    ['Hindi', 'कॉल लगभग 90 मिनट चली। दोनों पक्षों ने इसकी पुष्टि की।', 'कॉल लगभग 90 मिनट चली।'],
    ['Chinese', '通话持续了约90分钟。双方均证实了这一点。', '通话持续了约90分钟。'],
    ['Japanese', '通話は約90分続いた。双方がこれを認めた。', '通話は約90分続いた。'],
    ['Chinese, with a closing quote', '他说：“通话很好。”双方均证实了这一点。', '他说：“通话很好。”'],
  ])('ends the first sentence of a %s record where it ends', (_script, record, first) => {
    expect(firstSentence(record)).toBe(first);
  });

  it('is written in ASCII, with escapes: the content script bundle must be ASCII only, and esbuild leaves regex literals as written', () => {
    const source = readFileSync('components/MentionPreview.tsx', 'utf8');
    // Every regular expression literal it writes (after "(", "," or "=").
    const code = source.split('\n').filter((line) => !/^\s*(\/\/|\*)/.test(line)).join('\n');
    const regexes = [...code.matchAll(/[(,=]\s*(\/(?:\\.|[^/\n*])(?:\\.|[^/\n])*\/[a-z]*)/g)].map((m) => m[1]!);
    expect(regexes.length).toBeGreaterThan(2);
    for (const regex of regexes) expect(regex).toMatch(/^[\x20-\x7e]+$/);
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

  it('shows one sentence of a long Chinese record, not 160 characters of several', () => {
    const summary = `通话持续了约90分钟。${'双方在通话中讨论了停火、领土、安全保障和制裁等多个问题。'.repeat(8)}`;
    const { container } = render(<MentionPreview claim={{ ...peskov, summary }} verdict="accurate" others={0} />);
    expect(container.querySelector('.claimlight-preview__record')!.textContent).toBe('通话持续了约90分钟。');
  });

  it('lets a record written right to left set its own direction, and isolates the outlet from the date after it', () => {
    const claim = { ...peskov, summary: 'استمرت المكالمة نحو 90 دقيقة. وأكد الطرفان ذلك.', context: [{ text: 'بيان رسمي', sources: [{ url: 'https://news.example/ar', outlet: 'الجزيرة', published: '2025-02-12' }] }] };
    const { container } = render(<MentionPreview claim={claim} verdict="accurate" others={0} />);
    expect(container.querySelector('.claimlight-preview__record')!.getAttribute('dir')).toBe('auto');
    const source = container.querySelector('.claimlight-preview__source')!;
    expect(source.textContent).toContain('الجزيرة · 12 Feb 2025');
    expect(source.querySelector('bdi')?.textContent).toBe('الجزيرة');
  });

  it('declares its own words English, on a page in another language', () => {
    const page = document.createElement('div');
    page.setAttribute('lang', 'ar');
    document.body.append(page);
    render(<MentionPreview claim={peskov} verdict="accurate" others={2} />, { container: page });
    expect(screen.getByText(/Click for the full record/).closest('[lang]')?.getAttribute('lang')).toBe('en');
    expect(screen.getByText(/Click for the full record/).textContent).toBe('2 more claims here. Click for the full record.');
    page.remove();
  });

  it('says Alt+click opens the record where the marked words are a link’s, whose click follows the link', () => {
    render(<MentionPreview claim={peskov} verdict="accurate" others={0} inLink />);
    expect(screen.getByRole('tooltip').textContent).toContain('Alt+click for the full record.');
    expect(screen.getByRole('tooltip').textContent).not.toContain(' Click for');
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
    const link = screen.getByRole('link', { name: 'Read the fact-check checks.example, Harbour Checks, 2 Mar 2026 (opens in a new tab)' });
    expect(link.getAttribute('href')).toBe('https://checks.example/ferry');
    expect(link.parentElement?.textContent).toBe('Read the fact-check checks.example · Harbour Checks, 2 Mar 2026');
  });

  it('names the main source of a record that is not a review', () => {
    render(<ClaimCard claim={peskov} verdict="accurate" matched={[]} mentionText="x" opened="click" onDismiss={() => {}} onClose={() => {}} />);
    expect(screen.getByRole('link', { name: /^Main source / }).parentElement?.textContent).toMatch(/^Main source \S+ · .+, \d+ \w+ 2025$/);
  });
});
