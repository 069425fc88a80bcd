import { describe, expect, it } from 'vitest';
import { defaultMarkColour, markLook, markStyleSheet } from '@/lib/mark-style';
import { MENTION_VERDICTS as VERDICTS } from '@/lib/verdicts';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';

const ruleFor = (css: string, name: string) =>
  css.split('\n').find((line) => line.startsWith(name === 'focus' ? '.focus > .box' : `.mark[data-verdict='${name}'] > .box`)) ?? '';
const settings = (changes: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...changes });

describe('markStyleSheet', () => {
  describe('when the settings are the defaults', () => {
    it('has a rule for every verdict’s boxes and for the focus', () => {
      const css = markStyleSheet(DEFAULT_SETTINGS);
      expect(css.split('\n')).toHaveLength(2 * VERDICTS.length + 3);
      for (const verdict of [...VERDICTS, 'focus']) expect(ruleFor(css, verdict)).toMatch(/\{ .*text-decoration: underline .*\}$/);
    });

    it('draws a faint mark of any verdict as a thin, half see-through dotted line with no tint, after the verdicts\' own rules', () => {
      const css = markStyleSheet(DEFAULT_SETTINGS);
      const faint = css.split('\n').find((line) => line.startsWith(".mark[data-verdict='accurate'][data-faint] > .box"));
      expect(faint).toContain('underline dotted rgb(26 127 55 / 0.55) 1px');
      expect(faint).toContain('background-color: transparent');
      expect(css.indexOf(faint!)).toBeGreaterThan(css.indexOf(ruleFor(css, 'context')));
      const strong = markStyleSheet(settings({ highContrast: true })).split('\n').find((line) => line.startsWith(".mark[data-verdict='accurate'][data-faint] > .box"));
      expect(strong).toContain('underline dotted rgb(26 127 55 / 0.85) 2px');
    });

    it('draws the focus see-through, since marks lie over the text', () => {
      const rule = ruleFor(markStyleSheet(DEFAULT_SETTINGS), 'focus');
      const tint = /background-color: rgb\(\d+ \d+ \d+ \/ ([\d.]+)\)/.exec(rule);
      expect(Number(tint?.[1])).toBeLessThan(1);
      expect(rule).toContain('outline: 2px solid #111');
    });
  });

  describe('when the reader picked a colour', () => {
    it('uses it for that verdict only, in the line and the tint', () => {
      const css = markStyleSheet(settings({ colors: { false: '#123456' } }));
      expect(ruleFor(css, 'false')).toContain('underline wavy #123456 2px');
      expect(ruleFor(css, 'false')).toContain('rgb(18 52 86 / 0.1)');
      expect(ruleFor(css, 'accurate')).toContain(defaultMarkColour('accurate'));
      // The full mark's line, and nothing else: the faint mark writes the colour as rgb().
      expect(css.match(/#123456/g)).toHaveLength(1);
    });
  });

  describe('when marks are a background tint', () => {
    it('deepens the tint and keeps a thin line in the verdict’s own style', () => {
      const rule = ruleFor(markStyleSheet(settings({ markStyle: 'background' })), 'accurate-but-misdated');
      expect(rule).toContain('underline dashed #0e7490 1px');
      expect(rule).toContain('background-color: rgb(14 116 144 / 0.22)');
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
      expect(ruleFor(css, 'focus')).toContain('underline solid #111 4px');
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
