// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_SENTENCES, SensitivityPreview, previewMentions } from '@/components/SensitivityPreview';
import { DEFAULT_SETTINGS } from '@/lib/settings';

afterEach(cleanup);

const markedIds = (sensitivity: number) => previewMentions(sensitivity).map((row) => row.claim?.id ?? null);

describe('previewMentions', () => {
  it('runs the real matcher: precise marks only the two plain mentions', () => {
    expect(markedIds(0)).toEqual(['pre-2014-borders-during-call', null, 'ukraine-committed-to-peace', null, null]);
  });

  it('runs the real matcher: broad also marks both paraphrases', () => {
    expect(markedIds(1)).toEqual(['pre-2014-borders-during-call', 'saudi-arabia-meeting', 'ukraine-committed-to-peace', 'zelensky-munich-vance-rubio', null]);
  });

  it('shows a difference between Precise and Balanced, and between Balanced and Broad', () => {
    expect(markedIds(0.5)).not.toEqual(markedIds(0));
    expect(markedIds(1)).not.toEqual(markedIds(0.5));
  });

  it('marks at the default sensitivity what precise marks, and nothing broad would not', () => {
    const marked = (sensitivity: number) => markedIds(sensitivity).flatMap((id, i) => (id ? [`${i}:${id}`] : []));
    const byDefault = marked(DEFAULT_SETTINGS.sensitivity);
    expect(byDefault).toEqual(expect.arrayContaining(marked(0)));
    expect(marked(1)).toEqual(expect.arrayContaining(byDefault));
  });

  it.each([0, 0.25, 0.5, 0.75, 1])('never marks the unrelated sentence at %s', (sensitivity) => {
    expect(markedIds(sensitivity)[4]).toBeNull();
  });
});

describe('SensitivityPreview', () => {
  it('shows each sentence with the claim it would be marked as', () => {
    render(<SensitivityPreview sensitivity={1} marks={DEFAULT_SETTINGS} />);
    expect(screen.getByText('4 of 5 sentences marked.')).toBeTruthy();
    const rows = screen.getAllByRole('listitem');
    // A problem is marked; Accurate is not a verdict marked by default: drawn faintly, and said so.
    expect(rows[0]!.textContent).toContain('→ marked Misattributed: The report says Trump used his call');
    expect(rows[1]!.textContent).toContain('→ marked faintly, Accurate: Trump named no date');
    expect(rows[4]!.textContent).toContain(SAMPLE_SENTENCES[4]);
    expect(rows[4]!.textContent).toContain('not marked');
  });

  it('draws a sentence whose verdict the reader does not mark faintly, or not at all', () => {
    render(<SensitivityPreview sensitivity={0} marks={DEFAULT_SETTINGS} />);
    const drawn = [...document.querySelectorAll<HTMLElement>('.claimlight-page-sample span[style]')];
    expect(drawn.map((span) => span.textContent)).toEqual([SAMPLE_SENTENCES[0], SAMPLE_SENTENCES[2]]);
    expect(drawn.map((span) => span.getAttribute('style')!.includes('dotted'))).toEqual([false, true]);
    cleanup();
    render(<SensitivityPreview sensitivity={0} marks={{ ...DEFAULT_SETTINGS, othersFaint: false }} />);
    expect([...document.querySelectorAll('.claimlight-page-sample span[style]')].map((span) => span.textContent)).toEqual([SAMPLE_SENTENCES[0]]);
  });

  it('says, as it draws, that a sentence whose verdict the reader does not mark gets no mark when faint lines are off', () => {
    render(<SensitivityPreview sensitivity={0.5} marks={{ ...DEFAULT_SETTINGS, othersFaint: false }} />);
    expect(document.querySelectorAll('.claimlight-page-sample span[style]')).toHaveLength(1);
    // It said "3 of 5 sentences marked", and "→ marked Accurate", of sentences it drew unmarked.
    expect(screen.getByText(/of 5 sentences marked/).textContent).toBe('1 of 5 sentences marked. 2 more found, listed in the popup only.');
    expect(screen.getAllByRole('listitem')[1]!.textContent).toContain('→ found, not marked, Accurate: ');
    cleanup();
    render(<SensitivityPreview sensitivity={0.5} marks={{ ...DEFAULT_SETTINGS, markedVerdicts: ['accurate'], othersFaint: false }} />);
    expect(screen.getByText(/of 5 sentences marked/).textContent).toBe('2 of 5 sentences marked. 1 more found, listed in the popup only.');
    expect(screen.getAllByRole('listitem')[1]!.textContent).toContain('→ marked Accurate: ');
  });

  it('draws marked sentences in the marks’ own look', () => {
    render(<SensitivityPreview sensitivity={0} marks={{ ...DEFAULT_SETTINGS, markedVerdicts: ['accurate'], colors: { accurate: '#123456' } }} />);
    const marked = [...document.querySelectorAll<HTMLElement>('.claimlight-page-sample span[style]')].filter((span) => span.getAttribute('style')!.includes('#123456'));
    expect(marked.map((span) => span.textContent)).toEqual([SAMPLE_SENTENCES[2]]);
  });
});
