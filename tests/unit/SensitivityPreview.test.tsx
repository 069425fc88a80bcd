// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_SENTENCES, SensitivityPreview, previewMentions } from '@/components/SensitivityPreview';
import { DEFAULT_SETTINGS } from '@/lib/settings';

afterEach(cleanup);

const markedIds = (sensitivity: number) => previewMentions(sensitivity).map((row) => row.claim?.id ?? null);

describe('previewMentions', () => {
  it('runs the real matcher: precise marks only the two plain mentions', () => {
    expect(markedIds(0)).toEqual(['call-agreed-negotiations', 'ukraine-committed-to-peace', null, null]);
  });

  it('runs the real matcher: broad also marks the loose paraphrase', () => {
    expect(markedIds(1)).toEqual(['call-agreed-negotiations', 'ukraine-committed-to-peace', 'zelensky-munich-vance-rubio', null]);
  });

  it('marks at the default sensitivity what precise marks, and nothing broad would not', () => {
    const marked = (sensitivity: number) => markedIds(sensitivity).flatMap((id, i) => (id ? [`${i}:${id}`] : []));
    const byDefault = marked(DEFAULT_SETTINGS.sensitivity);
    expect(byDefault).toEqual(expect.arrayContaining(marked(0)));
    expect(marked(1)).toEqual(expect.arrayContaining(byDefault));
  });

  it.each([0, 0.25, 0.5, 0.75, 1])('never marks the unrelated sentence at %s', (sensitivity) => {
    expect(markedIds(sensitivity)[3]).toBeNull();
  });
});

describe('SensitivityPreview', () => {
  it('shows each sentence with the claim it would be marked as', () => {
    render(<SensitivityPreview sensitivity={1} marks={DEFAULT_SETTINGS} />);
    expect(screen.getByText('3 of 4 sentences marked.')).toBeTruthy();
    const rows = screen.getAllByRole('listitem');
    // Accurate is not a verdict marked by default: drawn faintly, and said so.
    expect(rows[0]!.textContent).toContain('→ marked faintly, Accurate: Trump said that after a long and very productive phone call');
    expect(rows[3]!.textContent).toContain(SAMPLE_SENTENCES[3]);
    expect(rows[3]!.textContent).toContain('not marked');
  });

  it('draws a sentence whose verdict the reader does not mark faintly, or not at all', () => {
    render(<SensitivityPreview sensitivity={0} marks={DEFAULT_SETTINGS} />);
    const drawn = [...document.querySelectorAll<HTMLElement>('.claimlight-page-sample span[style]')];
    expect(drawn.map((span) => span.getAttribute('style'))).toEqual([expect.stringContaining('dotted'), expect.stringContaining('dotted')]);
    cleanup();
    render(<SensitivityPreview sensitivity={0} marks={{ ...DEFAULT_SETTINGS, othersFaint: false }} />);
    expect(document.querySelectorAll('.claimlight-page-sample span[style]')).toHaveLength(0);
  });

  it('says, as it draws, that a sentence whose verdict the reader does not mark gets no mark when faint lines are off', () => {
    render(<SensitivityPreview sensitivity={0.5} marks={{ ...DEFAULT_SETTINGS, othersFaint: false }} />);
    expect(document.querySelectorAll('.claimlight-page-sample span[style]')).toHaveLength(0);
    // It said "2 of 4 sentences marked", and "→ marked Accurate", of sentences it drew unmarked.
    expect(screen.getByText(/of 4 sentences marked/).textContent).toBe('0 of 4 sentences marked. 2 more found, listed in the popup only.');
    expect(screen.getAllByRole('listitem')[0]!.textContent).toContain('→ found, not marked, Accurate: ');
    cleanup();
    render(<SensitivityPreview sensitivity={0.5} marks={{ ...DEFAULT_SETTINGS, markedVerdicts: ['accurate'], othersFaint: false }} />);
    expect(screen.getByText(/of 4 sentences marked/).textContent).toBe('2 of 4 sentences marked.');
    expect(screen.getAllByRole('listitem')[0]!.textContent).toContain('→ marked Accurate: ');
  });

  it('draws marked sentences in the marks’ own look', () => {
    render(<SensitivityPreview sensitivity={0} marks={{ ...DEFAULT_SETTINGS, markedVerdicts: ['accurate'], colors: { accurate: '#123456' } }} />);
    const marked = [...document.querySelectorAll<HTMLElement>('.claimlight-page-sample span[style]')];
    expect(marked.map((span) => span.textContent)).toEqual([SAMPLE_SENTENCES[0], SAMPLE_SENTENCES[1]]);
    for (const span of marked) expect(span.getAttribute('style')).toContain('#123456');
  });
});
