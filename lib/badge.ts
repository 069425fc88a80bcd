/**
 * The toolbar badge: the most serious verdict on the page (its colour and glyph) and the number of
 * problems, so the reader sees from the toolbar whether a page needs a second look. The content
 * script sums up its mentions; the background draws the badge.
 */
import { VERDICT_COLOURS } from './mark-style';
import { VERDICT_GLYPHS, VERDICT_LABELS, isProblem, mostSerious, type MentionVerdict } from './verdicts';

/** What a page's mentions come to, as the content script reports it. */
export interface PageVerdicts {
  /** Every mention on the page. */
  count: number;
  /** The mentions whose verdict is a problem. */
  problems: number;
  /** The most serious verdict among them, or null for a page with none. */
  worst: MentionVerdict | null;
}

/** Sums up a page's mention verdicts. */
export function pageVerdicts(verdicts: readonly MentionVerdict[]): PageVerdicts {
  return { count: verdicts.length, problems: verdicts.filter(isProblem).length, worst: mostSerious(verdicts) };
}

// The verdicts' own glyphs, but context shows as a plain "i" in the toolbar's few pixels.
const BADGE_GLYPHS: Record<MentionVerdict, string> = { ...VERDICT_GLYPHS, context: 'i' };

/** The badge's text, its colour and the button's tooltip for a page. No mentions: no badge. */
export function badgeFor(page: PageVerdicts): { text: string; color: string; title: string } {
  if (!page.count || !page.worst) return { text: '', color: '#133a63', title: 'Claimlight' };
  const glyph = BADGE_GLYPHS[page.worst];
  const others = page.count - page.problems;
  const parts = [
    page.problems ? `${page.problems} problem${page.problems === 1 ? '' : 's'} on this page (most serious: ${VERDICT_LABELS[page.worst]})` : 'No problems on this page',
    others ? `${others} other mention${others === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return {
    text: page.problems ? `${glyph}${page.problems > 99 ? '99+' : page.problems}` : glyph,
    color: VERDICT_COLOURS[page.worst].light,
    title: `Claimlight: ${parts.join('; ')}`,
  };
}
