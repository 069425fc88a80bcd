import { describe, expect, it } from 'vitest';
import { defaultMarkColour, markLook, markStyleSheet } from '@/lib/mark-style';
import { MENTION_VERDICTS as VERDICTS } from '@/lib/verdicts';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { contrast } from '../helpers/contrast';

const ruleFor = (css: string, name: string) =>
  css.split('\n').find((line) => line.startsWith(name === 'focus' ? '.focus > .box' : `.mark[data-verdict='${name}'] > .box`)) ?? '';
const settings = (changes: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...changes });

describe('markStyleSheet', () => {
  describe('when the settings are the defaults', () => {
    it('has a rule for every verdict’s boxes and for the focus', () => {
      const css = markStyleSheet(DEFAULT_SETTINGS);
      // Each verdict's look, on a light page and on a dark one, drawn fully and faintly; the focus's on either.
      expect(css.split('\n')).toHaveLength(4 * VERDICTS.length + 5);
      for (const verdict of [...VERDICTS, 'focus']) expect(ruleFor(css, verdict)).toMatch(/\{ --claimlight-line: \w+ .*background-image: [a-z-]*gradient\(.*\}$/);
    });

    it('draws a faint mark of any verdict as a thin, half see-through dotted line with no tint, after the verdicts\' own rules', () => {
      const css = markStyleSheet(DEFAULT_SETTINGS);
      const faint = css.split('\n').find((line) => line.startsWith(".mark[data-verdict='accurate'][data-faint] > .box"));
      expect(faint).toContain('--claimlight-line: dotted rgb(26 127 55 / 0.55) 1px');
      // One layer, the dots; no tint.
      expect(faint).toContain('background-image: repeating-linear-gradient(90deg, rgb(26 127 55 / 0.55) 0 1px, transparent 1px 2px);');
      expect(faint).toContain('background-color: transparent');
      expect(css.indexOf(faint!)).toBeGreaterThan(css.indexOf(ruleFor(css, 'context')));
      const strong = markStyleSheet(settings({ highContrast: true })).split('\n').find((line) => line.startsWith(".mark[data-verdict='accurate'][data-faint] > .box"));
      expect(strong).toContain('--claimlight-line: dotted rgb(26 127 55 / 0.85) 2px');
    });

    it('leaves text under any mark, and under the focus drawn over it, readable: 4.5:1 or more, in every look', () => {
      const tint = (rule: string) => {
        const found = /linear-gradient\(rgb\((\d+) (\d+) (\d+) \/ ([\d.]+)\)/.exec(rule) ?? /background-color: rgb\((\d+) (\d+) (\d+) \/ ([\d.]+)\)/.exec(rule);
        return found ? { colour: [1, 2, 3].map((i) => Number(found[i])), alpha: Number(found[4]) } : { colour: [0, 0, 0], alpha: 0 };
      };
      const over = (layer: ReturnType<typeof tint>, base: number[]) => base.map((c, i) => c * (1 - layer.alpha) + layer.colour[i]! * layer.alpha);
      const hex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
      for (const changes of [{}, { highContrast: true }, { markStyle: 'background' as const }, { markStyle: 'background' as const, highContrast: true }]) {
        const css = markStyleSheet(settings(changes));
        const focus = tint(ruleFor(css, 'focus'));
        for (const verdict of VERDICTS) {
          const mark = tint(ruleFor(css, verdict));
          const [text, ground] = [[17, 17, 17], [255, 255, 255]].map((colour) => over(focus, over(mark, colour)));
          expect(contrast(hex(text!), hex(ground!)), `${verdict} ${JSON.stringify(changes)}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    });

    it('draws the focus see-through, since marks lie over the text', () => {
      const rule = ruleFor(markStyleSheet(DEFAULT_SETTINGS), 'focus');
      const tint = /linear-gradient\(rgb\(\d+ \d+ \d+ \/ ([\d.]+)\), /.exec(rule);
      expect(Number(tint?.[1])).toBeLessThan(1);
      expect(rule).toContain('outline: 2px solid #111');
    });
  });

  describe('on a dark page', () => {
    const line = (css: string, selector: string) => css.split('\n').find((rule) => rule.startsWith(selector)) ?? '';

    it('draws each verdict in its dark colour, at 3:1 or more on a dark page, fully and faintly, the faint rule winning', () => {
      const css = markStyleSheet(DEFAULT_SETTINGS);
      expect(line(css, ".mark[data-verdict='context'][data-dark] > .box")).toContain('--claimlight-line: dotted #9db4cc 1.5px');
      expect(line(css, ".mark[data-verdict='false'][data-dark] > .box")).toContain('--claimlight-line: wavy #f87171 2px');
      expect(line(css, ".mark[data-verdict='accurate'][data-faint][data-dark] > .box")).toContain('--claimlight-line: dotted rgb(74 222 128 / 0.55) 1px');
      // A faint mark's rule comes after the dark full ones it must win over.
      expect(css.indexOf(line(css, ".mark[data-verdict='accurate'][data-faint] > .box"))).toBeGreaterThan(css.indexOf(line(css, ".mark[data-verdict='context'][data-dark] > .box")));
      for (const verdict of VERDICTS) {
        const colour = /--claimlight-line: \w+ (#[0-9a-f]{6})/.exec(line(css, `.mark[data-verdict='${verdict}'][data-dark] > .box`))![1]!;
        expect(contrast(colour, '#1e1e1e'), verdict).toBeGreaterThanOrEqual(3);
      }
    });

    it('draws the keyboard focus in a light outline and line, at 3:1 or more on a dark page, in high contrast too', () => {
      // The painter sets data-dark on the focus group as on a mark; #111 there was 1.13:1 on #1e1e1e.
      for (const changes of [{}, { highContrast: true }]) {
        const rule = line(markStyleSheet(settings(changes)), '.focus[data-dark] > .box');
        const outline = /outline: \d+px solid (#[0-9a-f]{6})/.exec(rule)?.[1];
        const stroke = /--claimlight-line: solid (#[0-9a-f]{6})/.exec(rule)?.[1];
        expect(outline ? contrast(outline, '#1e1e1e') : 0, JSON.stringify(changes)).toBeGreaterThanOrEqual(3);
        expect(stroke ? contrast(stroke, '#1e1e1e') : 0, JSON.stringify(changes)).toBeGreaterThanOrEqual(3);
      }
      expect(line(markStyleSheet(settings({ highContrast: true })), '.focus[data-dark] > .box')).toContain('outline: 3px solid');
    });

    it('keeps a colour the reader picked, on any page', () => {
      const css = markStyleSheet(settings({ colors: { false: '#123456' } }));
      expect(line(css, ".mark[data-verdict='false'][data-dark]")).toBe('');
      expect(line(css, ".mark[data-verdict='false'][data-faint][data-dark]")).toBe('');
      expect(line(css, ".mark[data-verdict='accurate'][data-dark] > .box")).toContain('#4ade80');
    });
  });

  describe('when the reader picked a colour', () => {
    it('uses it for that verdict only, in the line and the tint', () => {
      const css = markStyleSheet(settings({ colors: { false: '#123456' } }));
      expect(ruleFor(css, 'false')).toContain('--claimlight-line: wavy #123456 2px');
      expect(ruleFor(css, 'false')).toContain('rgb(18 52 86 / 0.1)');
      expect(ruleFor(css, 'accurate')).toContain(defaultMarkColour('accurate'));
      // The full mark's line (named once, drawn by two rings of two stops each), and nothing else:
      // the faint mark writes the colour as rgb().
      expect(ruleFor(css, 'false').match(/#123456/g)).toHaveLength(5);
      expect(css.match(/#123456/g)).toHaveLength(5);
    });
  });

  describe('when marks are a background tint', () => {
    it('deepens the tint and keeps a thin line in the verdict’s own style', () => {
      const rule = ruleFor(markStyleSheet(settings({ markStyle: 'background' })), 'accurate-but-misdated');
      expect(rule).toContain('--claimlight-line: dashed #0e7490 1px');
      expect(rule).toContain('repeating-linear-gradient(90deg, #0e7490 0 3px, transparent 3px 5px)');
      expect(rule).toContain('linear-gradient(rgb(14 116 144 / 0.22), rgb(14 116 144 / 0.22))');
    });
  });

  describe('when high contrast is on', () => {
    it.each([
      ['underline', '3px', '/ 0.16)'],
      ['background', '2px', '/ 0.4)'],
    ] as const)('thickens the lines and strengthens the tint of %s marks', (markStyle, thickness, tint) => {
      const css = markStyleSheet(settings({ markStyle, highContrast: true }));
      for (const verdict of VERDICTS) {
        expect(ruleFor(css, verdict)).toContain(` ${thickness};`);
        expect(ruleFor(css, verdict)).toContain(tint);
      }
      expect(ruleFor(css, 'focus')).toContain('--claimlight-line: solid #111 4px');
    });
  });

  describe('the lines, drawn by gradients in a box that holds no text', () => {
    const declarations = (rule: string) => Object.fromEntries([...rule.matchAll(/([a-z-]+): ([^;]+);/g)].map((m) => [m[1]!, m[2]!]));

    it('lays each line along the bottom of its box, under the text, with the tint in the text\'s box alone', () => {
      const css = markStyleSheet(DEFAULT_SETTINGS);
      for (const verdict of VERDICTS) {
        const rule = declarations(ruleFor(css, verdict));
        const layers = rule['background-image']!.split(/, (?=(?:repeating-)?(?:linear|radial)-gradient)/);
        const positions = rule['background-position']!.split(', ');
        const origins = rule['background-origin']!.split(', ');
        expect(positions).toHaveLength(layers.length);
        // The tint last, over the text's box; every line layer from the bottom of the padded box.
        expect(origins.at(-1)).toBe('content-box');
        expect(positions.at(-1)).toBe('0 0');
        for (const position of positions.slice(0, -1)) expect(position).toMatch(/^left (0|[\d.]+px) bottom (0|[\d.]+px)$/);
        expect(origins.slice(0, -1).every((origin) => origin === 'padding-box')).toBe(true);
        // The room the line is drawn in, under the text: as tall as the line.
        expect(rule['padding-bottom']).toMatch(/^min\(calc\([\d.]+px \+ var\(--claimlight-layer, 0px\)\), var\(--claimlight-room, 1000px\)\)$/);
      }
    });

    it('draws a wave as arches over cups that meet on its middle line, below the text', () => {
      const rule = declarations(ruleFor(markStyleSheet(DEFAULT_SETTINGS), 'false'));
      const [arches, cups] = rule['background-image']!.split(/, (?=radial-gradient)/);
      // Each half ring in the middle of its tile, none cut at a tile's edge.
      expect(arches).toMatch(/^radial-gradient\(circle at 50% 100%, /);
      expect(cups).toMatch(/^radial-gradient\(circle at 50% 0%, /);
      // Both rows of half rings are as tall as the ring's outer radius (1.75 × 2 px); the arches
      // sit that much higher, and the cups start half a tile on, where the arches end.
      expect(rule['background-size']!.split(', ').slice(0, 2)).toEqual(['10px 3.5px', '10px 3.5px']);
      expect(rule['background-position']!.split(', ').slice(0, 2)).toEqual(['left 0 bottom 3.5px', 'left 5px bottom 0']);
      // The room under the text is the wave's whole height: it does not rise into the letters.
      expect(rule['padding-bottom']).toBe('min(calc(7px + var(--claimlight-layer, 0px)), var(--claimlight-room, 1000px))');
    });

    it('puts a second and a third claim\'s line further down than the first, below the tallest line it could have', () => {
      const css = markStyleSheet(DEFAULT_SETTINGS).split('\n');
      // The tallest line is a 2 px wave, 7 px high.
      expect(css).toContain(".mark[data-layer='1'] { --claimlight-layer: 8px; }");
      expect(css).toContain(".mark[data-layer='2'] { --claimlight-layer: 16px; }");
      // High contrast: a 3 px wave, 10.5 px high.
      expect(markStyleSheet(settings({ highContrast: true })).split('\n')).toContain(".mark[data-layer='1'] { --claimlight-layer: 12px; }");
    });

    it('draws borders in the theme\'s colour under forced colours, where browsers drop background images', () => {
      const forced = markStyleSheet(DEFAULT_SETTINGS).split('\n').find((line) => line.startsWith('@media (forced-colors: active)'))!;
      expect(forced).toContain(".mark[data-verdict='accurate-but-misdated'] > .box { border-bottom: 3px dashed CanvasText; }");
      expect(forced).toContain(".mark[data-verdict='false'] > .box { border-bottom: 3px double CanvasText; }");
      expect(forced).toContain('.mark[data-faint] > .box { border-bottom: 1px dotted CanvasText; }');
      expect(forced).toContain('.focus > .box { border-bottom: 3px solid Highlight; }');
    });
  });
});

describe('markLook', () => {
  it.each([
    ['accurate', 'solid'],
    ['accurate-but-misdated', 'dashed'],
    ['misattributed', 'dashed'],
    ['imprecise', 'wavy'],
    ['disputed', 'wavy'],
    ['false', 'wavy'],
    ['unverified', 'dotted'],
    ['opinion', 'dotted'],
    ['unrated', 'dotted'],
  ] as const)('draws %s marks with a %s line in any style', (verdict, line) => {
    expect(markLook(DEFAULT_SETTINGS, verdict).line).toBe(line);
    expect(markLook(settings({ markStyle: 'background', highContrast: true }), verdict).line).toBe(line);
  });

  it('gives every verdict a lower-case #rrggbb default, as colour inputs need', () => {
    for (const verdict of VERDICTS) expect(defaultMarkColour(verdict)).toMatch(/^#[0-9a-f]{6}$/);
  });
});
