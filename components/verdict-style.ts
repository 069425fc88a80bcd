/**
 * How each verdict looks: a colour pair and a glyph, shared by the card's badge and the marks on
 * the page so both say the same thing, and so colour is never the only signal. The verdict words
 * come from `lib/verdicts.ts`; this module adds only the look.
 */
import { VERDICT_COLOURS } from '@/lib/mark-style';
import { MENTION_VERDICTS, VERDICT_GLYPHS, type MentionVerdict } from '@/lib/verdicts';

/** The colours and glyph drawn for one verdict. */
export interface VerdictStyle {
  /** For light backgrounds: at least 4.5:1 as text on white, and as a fill under white text. */
  colour: string;
  /** For dark backgrounds: at least 4.5:1 as text on the dark card (#1c2128), and as a fill under it. */
  colourOnDark: string;
  /** A text glyph drawn beside the verdict word; decorative (the word says it), so hide it from assistive tech. */
  glyph: string;
}

/** Each verdict's colours and glyph. The colours are the marks' own (lib/mark-style.ts), the
 * glyphs lib/verdicts.ts's; the contrast ratios are checked in tests/unit/ClaimCard.test.tsx. */
export const VERDICT_STYLES: Record<MentionVerdict, VerdictStyle> = Object.fromEntries(
  MENTION_VERDICTS.map((verdict) => [verdict, { colour: VERDICT_COLOURS[verdict].light, colourOnDark: VERDICT_COLOURS[verdict].dark, glyph: VERDICT_GLYPHS[verdict] }]),
) as Record<MentionVerdict, VerdictStyle>;

/** The custom properties that carry one verdict's colours into `ClaimCard.css` (set as an inline style). */
export function verdictColourVars(verdict: MentionVerdict): Record<string, string> {
  const style = VERDICT_STYLES[verdict];
  return { '--claimlight-verdict': style.colour, '--claimlight-verdict-on-dark': style.colourOnDark };
}
