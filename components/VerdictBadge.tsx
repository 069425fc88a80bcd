/**
 * The verdict as a small pill: glyph, word and, when a fact-checker's own rating came with the
 * claim, that label too. Its look lives in `ClaimCard.css` and `verdict-style.ts`.
 */
import { VERDICT_LABELS, type MentionVerdict } from '@/lib/verdicts';
import { VERDICT_STYLES, verdictColourVars } from './verdict-style';

/** Shows a verdict's word and glyph in its colour, followed by the imported rating `label` when there is one. */
export function VerdictBadge({ verdict, label, id }: { verdict: MentionVerdict; label?: string; id?: string }) {
  const word = VERDICT_LABELS[verdict];
  // An imported label that only repeats the word ("False · False") adds nothing.
  const extra = label && label.trim().toLowerCase() !== word.toLowerCase() ? label.trim() : undefined;
  return (
    <span id={id} class="claimlight-badge" data-verdict={verdict} style={verdictColourVars(verdict)}>
      <span class="claimlight-visually-hidden">Verdict: </span>
      <span class="claimlight-badge__glyph" aria-hidden="true">
        {VERDICT_STYLES[verdict].glyph}
      </span>
      <span class="claimlight-badge__word">{word}</span>
      {extra && (
        <span class="claimlight-badge__label">
          <span aria-hidden="true"> · </span>
          <span class="claimlight-visually-hidden">, rated </span>
          {extra}
        </span>
      )}
    </span>
  );
}
