import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import { expectBundledPack } from '@/lib/bundled-pack';
import { mentionDeclarations, type MarkSettings } from '@/lib/mark-style';
import { buildClaimIndex, findMentions, type ClaimIndex } from '@/lib/matching';
import { judgeMention } from '@/lib/mention-verdict';
import type { Claim } from '@/lib/schema';
import type { Settings } from '@/lib/settings';
import { VERDICT_LABELS, type MentionVerdict } from '@/lib/verdicts';

/** The sample paragraph, one sentence per entry: a plain mention of a claim the pack rates
 * misattributed (a problem, marked by default), a paraphrase marked from a little below Balanced
 * (0.35 when it was chosen), a plain mention of an accurate claim, a loose paraphrase that only a broad setting
 * marks, and a sentence about something else; so that the slider changes the preview at both ends
 * and the marks show their looks. (Their model scores, refitted, may move: a test says when the
 * preview no longer changes between Precise and Balanced, or Balanced and Broad.) */
export const SAMPLE_SENTENCES = [
  'After a long phone call on Wednesday, Trump told Putin that Ukraine would not get back its pre-2014 borders.',
  'They would likely meet in Saudi Arabia, Trump said.',
  'In Kyiv, Zelensky replied that Ukraine was fully committed to peace.',
  'Ukraine’s president is also expected to hold talks in the Bavarian capital with the American vice president.',
  'Elsewhere, the city council voted to repair the old tram bridge before winter.',
] as const;

/** The sample's date: the day after the bundled pack's call, so its claims are current news. */
export const SAMPLE_PAGE_DATE = Date.UTC(2025, 1, 13);

let bundled: ClaimIndex<Claim> | null = null;

// Built on first use, not at import, so the page opens before the pack is compiled.
function bundledIndex(): ClaimIndex<Claim> {
  bundled ??= buildClaimIndex(expectBundledPack().claims);
  return bundled;
}

/** Each sample sentence with the bundled claim the real matcher finds in it at this sensitivity
 * and what its mention is shown as (`lib/mention-verdict.ts`), or null. */
export function previewMentions(sensitivity: number): { sentence: string; claim: Claim | null; verdict: MentionVerdict | null }[] {
  const index = bundledIndex();
  const text = SAMPLE_SENTENCES.join(' ');
  const mentions = findMentions([{ text }], index, { sensitivity, pageDate: SAMPLE_PAGE_DATE });
  let start = 0;
  return SAMPLE_SENTENCES.map((sentence) => {
    const from = start;
    start += sentence.length + 1;
    const mention = mentions.filter((m) => m.start >= from && m.start < start).sort((a, b) => b.score - a.score)[0];
    const claim = mention?.claim ?? null;
    return { sentence, claim, verdict: claim && judgeMention(claim, sentence, SAMPLE_PAGE_DATE).verdict };
  });
}

/** The sample paragraph as Claimlight would mark it at this sensitivity, and which claim each mark is. */
export function SensitivityPreview({ sensitivity, marks }: { sensitivity: number; marks: MarkSettings & Pick<Settings, 'markedVerdicts' | 'othersFaint'> }) {
  const rows = useMemo(() => previewMentions(sensitivity), [sensitivity]);
  // How each mention is drawn, as a page draws it: in its verdict's look, faintly, or not at all
  // (a verdict the reader does not mark, with faint lines off: the popup still lists it).
  const lookOf = (verdict: MentionVerdict | null) => (!verdict ? null : marks.markedVerdicts.includes(verdict) ? 'marked' : marks.othersFaint ? 'faint' : 'unmarked');
  const found = rows.filter((row) => row.claim).length;
  const drawn = rows.filter((row) => row.claim && lookOf(row.verdict) !== 'unmarked').length;
  return (
    <figure class="sensitivity-preview">
      <figcaption>Preview with the bundled pack</figcaption>
      <p class="claimlight-page-sample">
        {rows.map(({ sentence, verdict }, i) => (
          <Fragment key={i}>
            {i > 0 && ' '}
            {verdict ? <span style={mentionDeclarations(marks, verdict) || undefined}>{sentence}</span> : sentence}
          </Fragment>
        ))}
      </p>
      <p aria-live="polite" class="preview-count">
        {drawn} of {rows.length} sentences marked.{found > drawn && ` ${found - drawn} more found, listed in the popup only.`}
      </p>
      <ol class="preview-results">
        {rows.map(({ sentence, claim, verdict }, i) => (
          <li key={i} data-marked={claim ? 'yes' : 'no'}>
            <q>{sentence}</q>{' '}
            {claim && verdict ? (
              <span>
                {lookOf(verdict) === 'marked' ? '→ marked ' : lookOf(verdict) === 'faint' ? '→ marked faintly, ' : '→ found, not marked, '}
                <strong>{VERDICT_LABELS[verdict]}</strong>: {claim.text}
              </span>
            ) : (
              <span class="not-marked">→ not marked</span>
            )}
          </li>
        ))}
      </ol>
    </figure>
  );
}
