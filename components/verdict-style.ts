/**
 * How each verdict looks: a colour pair and a glyph, shared by the card's badge and the marks on
 * the page so both say the same thing, and so colour is never the only signal. The verdict words
 * come from `lib/verdicts.ts`; this module adds only the look.
 */
import type { Verdict } from '@/lib/schema';

/** The colours and glyph drawn for one verdict. */
export interface VerdictStyle {
  /** For light backgrounds: at least 4.5:1 as text on white, and as a fill under white text. */
  colour: string;
  /** For dark backgrounds: at least 4.5:1 as text on the dark card (#1c2128), and as a fill under it. */
  colourOnDark: string;
  /** A text glyph drawn beside the verdict word; decorative (the word says it), so hide it from assistive tech. */
  glyph: string;
}

// Glyphs come from blocks that system fonts on Windows, macOS and Linux all cover and that have no
// emoji presentation, so they take the badge's colour instead of turning into coloured pictures.
// The contrast ratios are checked in tests/unit/ClaimCard.test.tsx.
/** Each verdict's colours and glyph. */
export const VERDICT_STYLES: Record<Verdict, VerdictStyle> = {
  accurate: { colour: '#1a7f37', colourOnDark: '#4ade80', glyph: '✓' },
  'accurate-but-misdated': { colour: '#0e7490', colourOnDark: '#22d3ee', glyph: '◷' },
  misattributed: { colour: '#7e22ce', colourOnDark: '#c084fc', glyph: '⇄' },
  imprecise: { colour: '#b45309', colourOnDark: '#fbbf24', glyph: '≈' },
  disputed: { colour: '#c2410c', colourOnDark: '#fb923c', glyph: '±' },
  false: { colour: '#b91c1c', colourOnDark: '#f87171', glyph: '✗' },
  unverified: { colour: '#57606a', colourOnDark: '#9ca3af', glyph: '?' },
  opinion: { colour: '#475569', colourOnDark: '#94a3b8', glyph: '“' },
  unrated: { colour: '#6b7280', colourOnDark: '#a1a1aa', glyph: '○' },
};

/** The custom properties that carry one verdict's colours into `ClaimCard.css` (set as an inline style). */
export function verdictColourVars(verdict: Verdict): Record<string, string> {
  const style = VERDICT_STYLES[verdict];
  return { '--claimlight-verdict': style.colour, '--claimlight-verdict-on-dark': style.colourOnDark };
}
