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

/** What the text of a mark is set on: a light page, or a dark one (a site's dark theme). */
export type Backdrop = 'light' | 'dark';

/** The colour a verdict's marks have under the reader's settings: theirs, or the default for the
 * page behind the text (the light colours, at about 2.5:1 on a dark page, were hard to see there). */
const colourFor = (settings: MarkSettings, verdict: MentionVerdict, backdrop: Backdrop = 'light'): string => settings.colors[verdict] ?? VERDICT_COLOURS[verdict][backdrop];

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
export function markLook(settings: MarkSettings, verdict: MentionVerdict, backdrop: Backdrop = 'light'): MarkLook {
  const base = DEFAULT_MARKS[verdict];
  const color = colourFor(settings, verdict, backdrop);
  const strong = settings.highContrast;
  if (settings.markStyle === 'background') {
    return { color, line: base.line, thickness: strong ? 2 : 1, background: withAlpha(color, strong ? 0.4 : 0.22) };
  }
  return { color, line: base.line, thickness: strong ? 3 : base.thickness, background: withAlpha(color, strong ? 0.16 : base.tint) };
}

/** One background layer of a mark: an image and how it is laid. */
interface Layer {
  image: string;
  size: string;
  position: string;
  repeat: string;
  /** The box a layer is laid in: the line's is the box with its padding (a second claim's padding
   * puts its line further down), the tint's the text's box alone. */
  origin: 'padding-box' | 'content-box';
}

/** How tall a line is drawn: a wave rises and falls over 3.5 times its thickness. */
const lineHeight = (line: MarkLine, thickness: number) => (line === 'wavy' ? 3.5 * thickness : thickness);

const px = (n: number) => `${Math.round(n * 100) / 100}px`;

/**
 * A line drawn along the bottom of a box by CSS gradients, in layers, not by text decoration. A
 * mark's box then holds no text: laying out and shaping text in a few hundred boxes was most of
 * the frame that first draws a page's marks (traced: 11 to 28 ms of layout, against 1 ms without).
 * Gradients are images the page's policy cannot block, and draw each style: solid, dashed and dotted
 * as one gradient each (tiled small images cost more to paint), wavy as alternate half rings, arches
 * over cups, meeting on the wave's middle line.
 */
function lineLayers(line: MarkLine, color: string, thickness: number): Layer[] {
  const t = thickness;
  const base = { origin: 'padding-box' as const, repeat: 'repeat-x' };
  switch (line) {
    case 'solid':
      return [{ ...base, image: `linear-gradient(${color}, ${color})`, size: `100% ${px(t)}`, position: 'left 0 bottom 0', repeat: 'no-repeat' }];
    case 'dashed':
      return [{ ...base, image: `repeating-linear-gradient(90deg, ${color} 0 ${px(3 * t)}, transparent ${px(3 * t)} ${px(5 * t)})`, size: `100% ${px(t)}`, position: 'left 0 bottom 0', repeat: 'no-repeat' }];
    case 'dotted':
      return [{ ...base, image: `repeating-linear-gradient(90deg, ${color} 0 ${px(t)}, transparent ${px(t)} ${px(2 * t)})`, size: `100% ${px(t)}`, position: 'left 0 bottom 0', repeat: 'no-repeat' }];
    case 'wavy': {
      // Rings t thick around a middle radius of 1.25 t: a wave 3.5 t high, 5 t long. Each half
      // ring lies whole in the middle of its tile (none is cut at a tile's edge); the cups' tiles
      // start half a tile on, so that each cup begins where an arch ends.
      const inner = 0.75 * t;
      const outer = 1.75 * t;
      const ring = `transparent ${px(inner - 0.5)}, ${color} ${px(inner)}, ${color} ${px(outer - 0.5)}, transparent ${px(outer)}`;
      const size = `${px(5 * t)} ${px(outer)}`;
      return [
        { ...base, image: `radial-gradient(circle at 50% 100%, ${ring})`, size, position: `left 0 bottom ${px(outer)}` },
        { ...base, image: `radial-gradient(circle at 50% 0%, ${ring})`, size, position: `left ${px(2.5 * t)} bottom 0` },
      ];
    }
  }
}

/** A line and a tint as CSS declarations, for a mark's box or the settings page's sample text. */
function drawnDeclarations(line: MarkLine, color: string, thickness: number, tint: string): string {
  const layers: Layer[] = [...lineLayers(line, color, thickness)];
  if (tint !== 'transparent') layers.push({ image: `linear-gradient(${tint}, ${tint})`, size: '100% 100%', position: '0 0', repeat: 'no-repeat', origin: 'content-box' });
  const list = (key: keyof Layer) => layers.map((layer) => layer[key]).join(', ');
  // The custom property names the look, for people and tests reading the style; it draws nothing.
  // The padding is the room the line is drawn in, just under the text, and further down by
  // `--claimlight-layer` for a second and a third claim on the same words; no more than
  // `--claimlight-room`, which the painter sets where a box that clips the text ends closer.
  return `--claimlight-line: ${line} ${color} ${px(thickness)}; background-image: ${list('image')}; background-size: ${list('size')}; background-position: ${list('position')}; background-repeat: ${list('repeat')}; background-origin: ${list('origin')}; background-color: transparent; padding-bottom: min(calc(${px(lineHeight(line, thickness))} + var(--claimlight-layer, 0px)), var(--claimlight-room, 1000px)); box-decoration-break: clone; -webkit-box-decoration-break: clone;`;
}

/** A look as CSS declarations, for a stylesheet rule or a style attribute. */
export function markDeclarations(look: MarkLook): string {
  return drawnDeclarations(look.line, look.color, look.thickness, look.background);
}

/** The look of a mention whose verdict the reader did not choose to mark: a thin dotted line in
 * the verdict's colour, half see-through, no tint. Enough to find it, not enough to read over. */
export function faintDeclarations(settings: MarkSettings, verdict: MentionVerdict, backdrop: Backdrop = 'light'): string {
  const color = withAlpha(colourFor(settings, verdict, backdrop), settings.highContrast ? 0.85 : 0.55);
  return drawnDeclarations('dotted', color, settings.highContrast ? 2 : 1, 'transparent');
}

/** How a mention of this verdict is drawn under the reader's settings, as CSS declarations: in
 * the verdict's own look when the reader marks it, faintly, or (empty) not at all. The settings
 * page's previews draw with it; the painter's sheet holds the same rules. */
export function mentionDeclarations(settings: MarkSettings & Pick<Settings, 'markedVerdicts' | 'othersFaint'>, verdict: MentionVerdict): string {
  if (settings.markedVerdicts.includes(verdict)) return markDeclarations(markLook(settings, verdict));
  return settings.othersFaint ? faintDeclarations(settings, verdict) : '';
}

/** The focus's outline and line: near black on a light page, near white on a dark one (#111 was
 * 1.13:1 on a #1e1e1e page, where the keyboard's reader could not find it; #f5f5f5 is 15:1 there). */
const FOCUS_COLOURS: Record<Backdrop, string> = { light: '#111', dark: '#f5f5f5' };

/** The look of the mark that has the keyboard's focus, drawn above the verdict's own. Marks are
 * drawn over the text, so the focus's tint is faint, and its outline finds it at a glance: at 0.55
 * the tint took the text under it from 16:1 to 3:1, where the keyboard's reader is reading. */
export function focusDeclarations(settings: Pick<Settings, 'highContrast'>, backdrop: Backdrop = 'light'): string {
  const colour = FOCUS_COLOURS[backdrop];
  return `${drawnDeclarations('solid', colour, settings.highContrast ? 4 : 3, 'rgb(255 224 138 / 0.15)')} outline: ${settings.highContrast ? 3 : 2}px solid ${colour};`;
}

/**
 * The CSS text of every mark rule for these settings, for the painter's layer (a closed shadow
 * root, so neither the page's rules reach it nor page script reads it): each verdict's look on the
 * boxes of `.mark[data-verdict=…]`, and the focus's on those of `.focus`.
 */
export function markStyleSheet(settings: MarkSettings): string {
  const rules: string[] = [];
  // Text on a dark page (`data-dark`, which the painter sets) takes the dark colours, where the
  // reader kept the default one.
  const ownColour = (verdict: MentionVerdict) => settings.colors[verdict] !== undefined;
  for (const verdict of MENTION_VERDICTS) rules.push(`.mark[data-verdict='${verdict}'] > .box { ${markDeclarations(markLook(settings, verdict))} }`);
  for (const verdict of MENTION_VERDICTS) if (!ownColour(verdict)) rules.push(`.mark[data-verdict='${verdict}'][data-dark] > .box { ${markDeclarations(markLook(settings, verdict, 'dark'))} }`);
  // After the verdicts' rules, so that a faint mark's look wins over its verdict's.
  for (const verdict of MENTION_VERDICTS) rules.push(`.mark[data-verdict='${verdict}'][data-faint] > .box { ${faintDeclarations(settings, verdict)} }`);
  for (const verdict of MENTION_VERDICTS) if (!ownColour(verdict)) rules.push(`.mark[data-verdict='${verdict}'][data-faint][data-dark] > .box { ${faintDeclarations(settings, verdict, 'dark')} }`);
  // A second and a third claim on the same words draw their lines further under the text (the
  // painter sets `data-layer`), each below the tallest line the first could have.
  const tallest = Math.max(
    ...MENTION_VERDICTS.map((verdict) => {
      const look = markLook(settings, verdict);
      return lineHeight(look.line, look.thickness);
    }),
  );
  const step = Math.ceil(tallest) + 1;
  for (const layer of [1, 2]) rules.push(`.mark[data-layer='${layer}'] { --claimlight-layer: ${layer * step}px; }`);
  rules.push(`.focus > .box { ${focusDeclarations(settings)} }`);
  // The painter sets data-dark on the focus group as on a mark.
  rules.push(`.focus[data-dark] > .box { ${focusDeclarations(settings, 'dark')} }`);
  rules.push(forcedColorsRule(settings, { verdict: (verdict) => `.mark[data-verdict='${verdict}'] > .box`, faint: '.mark[data-faint] > .box', focus: '.focus > .box' }));
  return rules.join('\n');
}

/**
 * In forced colours (Windows' contrast themes) browsers draw no background images, so the lines
 * are drawn as borders in the theme's colour, in each verdict's style (a wave as a double line):
 * one `@media` rule, for the painter's marks and the settings page's samples alike.
 */
export function forcedColorsRule(settings: MarkSettings, selectors: { verdict: (verdict: MentionVerdict) => string; faint: string; focus: string }): string {
  const border = (line: MarkLine) => (line === 'wavy' ? 'double' : line);
  const verdicts = MENTION_VERDICTS.map((verdict) => `${selectors.verdict(verdict)} { border-bottom: 3px ${border(markLook(settings, verdict).line)} CanvasText; }`);
  return `@media (forced-colors: active) { ${verdicts.join(' ')} ${selectors.faint} { border-bottom: 1px dotted CanvasText; } ${selectors.focus} { border-bottom: 3px solid Highlight; } }`;
}
