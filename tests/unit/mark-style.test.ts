import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultMarkColour, markLook, markStyleSheet } from '@/lib/mark-style';
import { VERDICTS } from '@/lib/schema';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';

const highlightsCss = readFileSync(new URL('../../entrypoints/content/highlights.css', import.meta.url), 'utf8');
const rulesOf = (css: string) => css.split('\n').filter((line) => line.startsWith(':root ::highlight(') || line.startsWith(':root claimlight-mark['));
const ruleFor = (css: string, name: string) => css.split('\n').find((line) => line.startsWith(`:root ::highlight(claimlight-${name})`)) ?? '';
const settings = (changes: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...changes });

describe('markStyleSheet', () => {
  describe('when the settings are the defaults', () => {
    it('gives exactly the highlight and fallback rules the content script ships with', () => {
      expect(rulesOf(markStyleSheet(DEFAULT_SETTINGS))).toEqual(rulesOf(highlightsCss));
    });

    it('has a highlight rule and a fallback element rule for every verdict and the focus', () => {
      const css = markStyleSheet(DEFAULT_SETTINGS);
      for (const verdict of VERDICTS) {
        expect(css).toContain(`::highlight(claimlight-${verdict}) {`);
        expect(css).toContain(`claimlight-mark[data-claimlight-verdict='${verdict}'] {`);
      }
      expect(css).toContain('::highlight(claimlight-focus) {');
      expect(css).toContain('claimlight-mark[data-claimlight-focus] {');
    });

    it('makes every declaration important, under :root, so a page’s own highlight rules cannot restyle the marks', () => {
      for (const rule of rulesOf(markStyleSheet(DEFAULT_SETTINGS))) {
        const declarations = rule.slice(rule.indexOf('{') + 1, rule.lastIndexOf('}')).split(';').map((d) => d.trim()).filter(Boolean);
        expect(declarations.length).toBeGreaterThan(0);
        for (const declaration of declarations) expect(declaration).toMatch(/ !important$/);
      }
    });
  });

  describe('when the reader picked a colour', () => {
    it('uses it for that verdict only, in the line and the tint', () => {
      const css = markStyleSheet(settings({ colors: { false: '#123456' } }));
      expect(ruleFor(css, 'false')).toContain('underline wavy #123456 2px');
      expect(ruleFor(css, 'false')).toContain('rgb(18 52 86 / 0.1)');
      expect(ruleFor(css, 'accurate')).toContain(defaultMarkColour('accurate'));
      expect(css.match(/#123456/g)).toHaveLength(2);
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
        expect(ruleFor(css, verdict)).toContain(` ${thickness} !important;`);
        expect(ruleFor(css, verdict)).toContain(tint);
      }
      expect(ruleFor(css, 'focus')).toContain('underline solid #111 4px !important');
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
