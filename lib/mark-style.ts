/**
 * How marks look under the reader's settings: each verdict's colour, line and tint, and the CSS the
 * content script's painter draws them with. The options page's preview draws its samples from the same
 * `markLook`, so the preview and the page agree. Which ranges get marked is the painter's business.
 */
import { MENTION_VERDICTS, type MentionVerdict } from './verdicts';
import type { Settings } from './settings';

/** The line drawn under a mark; each verdict has its own, so colour is never the only cue. */
export type MarkLine = 'solid' | 'dashed' | 'wavy' | 'dotted';

/** A verdict's mark apart from its colour, which is `VERDICT_COLOURS`'s. */
interface DefaultMark {
  line: MarkLine;
  /** Line thickness in px. */
  thickness: number;
  /** Opacity of the faint tint drawn behind an underlined mark. */
  tint: number;
}

/**
 * Each verdict's colour: `light` for light backgrounds (at least 4.5:1 as text on white, and as a
 * fill under white text), `dark` for dark ones (the same against the dark card, #1c2128). The
 * default marks on the page and the card's badge both draw from here, so that unless the reader
 * picks their own mark colours, a mark and its card's badge are the same colour.
 */
export const VERDICT_COLOURS: Record<MentionVerdict, { light: string; dark: string }> = {
  accurate: { light: '#1a7f37', dark: '#4ade80' },
  'accurate-but-misdated': { light: '#0e7490', dark: '#22d3ee' },
  misattributed: { light: '#7e22ce', dark: '#c084fc' },
  imprecise: { light: '#b45309', dark: '#fbbf24' },
  disputed: { light: '#c2410c', dark: '#fb923c' },
  false: { light: '#b91c1c', dark: '#f87171' },
  unverified: { light: '#57606a', dark: '#9ca3af' },
  opinion: { light: '#475569', dark: '#94a3b8' },
  unrated: { light: '#6b7280', dark: '#a1a1aa' },
  // Neutral, and apart from every verdict's hue: the record is shown, nothing is judged.
  context: { light: '#3f5f7f', dark: '#9db4cc' },
};

const DEFAULT_MARKS: Record<MentionVerdict, DefaultMark> = {
  accurate: { line: 'solid', thickness: 2, tint: 0.08 },
  'accurate-but-misdated': { line: 'dashed', thickness: 2, tint: 0.08 },
  misattributed: { line: 'dashed', thickness: 2, tint: 0.08 },
  imprecise: { line: 'wavy', thickness: 1.5, tint: 0.08 },
  disputed: { line: 'wavy', thickness: 1.5, tint: 0.08 },
  false: { line: 'wavy', thickness: 2, tint: 0.1 },
  unverified: { line: 'dotted', thickness: 2, tint: 0.08 },
  opinion: { line: 'dotted', thickness: 2, tint: 0.08 },
  unrated: { line: 'dotted', thickness: 2, tint: 0.06 },
  context: { line: 'dotted', thickness: 1.5, tint: 0.04 },
};

/** The colour a verdict's marks have under the reader's settings: theirs, or the default. */
const colourFor = (settings: MarkSettings, verdict: MentionVerdict): string => settings.colors[verdict] ?? defaultMarkColour(verdict);

/** The colour a verdict's marks have when the reader has not picked one, as #rrggbb. */
export function defaultMarkColour(verdict: MentionVerdict): string {
  return VERDICT_COLOURS[verdict].light;
}

/** What one verdict's mark looks like under some settings. */
export interface MarkLook {
  /** The line's colour, #rrggbb. */
  color: string;
  line: MarkLine;
  /** Line thickness in px. */
  thickness: number;
  /** The tint behind the text, as a CSS colour. */
  background: string;
}

/** The settings that change how marks look. */
export type MarkSettings = Pick<Settings, 'markStyle' | 'highContrast' | 'colors'>;

function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / ${alpha})`;
}

/**
 * One verdict's look. A tinted mark keeps a thin line in the verdict's own style, so marks still
 * differ without colour; high contrast thickens the line and deepens the tint.
 */
export function markLook(settings: MarkSettings, verdict: MentionVerdict): MarkLook {
  const base = DEFAULT_MARKS[verdict];
  const color = colourFor(settings, verdict);
  const strong = settings.highContrast;
  if (settings.markStyle === 'background') {
    return { color, line: base.line, thickness: strong ? 2 : 1, background: withAlpha(color, strong ? 0.4 : 0.22) };
  }
  return { color, line: base.line, thickness: strong ? 3 : base.thickness, background: withAlpha(color, strong ? 0.16 : base.tint) };
}

/** A look as CSS declarations ("text-decoration: …; …"), for a stylesheet rule or a style attribute. */
export function markDeclarations(look: MarkLook): string {
  return `text-decoration: underline ${look.line} ${look.color} ${look.thickness}px; text-underline-offset: 3px; background-color: ${look.background};`;
}

/** The look of a mention whose verdict the reader did not choose to mark: a thin dotted line in
 * the verdict's colour, half see-through, no tint. Enough to find it, not enough to read over. */
export function faintDeclarations(settings: MarkSettings, verdict: MentionVerdict): string {
  const color = withAlpha(colourFor(settings, verdict), settings.highContrast ? 0.85 : 0.55);
  return `text-decoration: underline dotted ${color} ${settings.highContrast ? 2 : 1}px; text-underline-offset: 3px; background-color: transparent;`;
}

/** How a mention of this verdict is drawn under the reader's settings, as CSS declarations: in
 * the verdict's own look when the reader marks it, faintly, or (empty) not at all. The settings
 * page's previews draw with it; the painter's sheet holds the same rules. */
export function mentionDeclarations(settings: MarkSettings & Pick<Settings, 'markedVerdicts' | 'othersFaint'>, verdict: MentionVerdict): string {
  if (settings.markedVerdicts.includes(verdict)) return markDeclarations(markLook(settings, verdict));
  return settings.othersFaint ? faintDeclarations(settings, verdict) : '';
}

/** The look of the mark that has the keyboard's focus, drawn above the verdict's own. Marks are
 * drawn over the text, so the focus's tint is see-through, and its outline finds it at a glance. */
export function focusDeclarations(settings: Pick<Settings, 'highContrast'>): string {
  return `background-color: rgb(255 224 138 / 0.55); outline: ${settings.highContrast ? 3 : 2}px solid #111; text-decoration: underline solid #111 ${settings.highContrast ? 4 : 3}px; text-underline-offset: 3px;`;
}

/**
 * The CSS text of every mark rule for these settings, for the painter's layer (a closed shadow
 * root, so neither the page's rules reach it nor page script reads it): each verdict's look on the
 * boxes of `.mark[data-verdict=…]`, and the focus's on those of `.focus`.
 */
export function markStyleSheet(settings: MarkSettings): string {
  const rules: string[] = [];
  for (const verdict of MENTION_VERDICTS) rules.push(`.mark[data-verdict='${verdict}'] > .box { ${markDeclarations(markLook(settings, verdict))} }`);
  // After the verdicts' rules, so that a faint mark's look wins over its verdict's.
  for (const verdict of MENTION_VERDICTS) rules.push(`.mark[data-verdict='${verdict}'][data-faint] > .box { ${faintDeclarations(settings, verdict)} }`);
  // A second and a third claim on the same words draw their lines further under the text (the
  // painter sets `data-layer`), their boxes letting the line run below them; after the rules
  // above, and as specific as the faint ones.
  rules.push(`.mark[data-layer='1'][data-verdict] > .box { text-underline-offset: 8px; overflow: clip visible; }`);
  rules.push(`.mark[data-layer='2'][data-verdict] > .box { text-underline-offset: 13px; overflow: clip visible; }`);
  rules.push(`.focus > .box { ${focusDeclarations(settings)} }`);
  return rules.join('\n');
}
