import { describe, expect, it } from 'vitest';
import { figuresIn, shareAFigure } from '@/lib/matching/figures';
import { tokenize } from '@/lib/normalize';

const figures = (text: string) => figuresIn(tokenize(text));

describe('the figures a text gives, read generously', () => {
  it('reads figures in digits and words, years left out', () => {
    expect(figures('Rents rose 6.8% in 2022, to 1,742 euros a month.')).toEqual([6.8, 1742]);
    expect(figures('Some twelve thousand homes were started in 2023.')).toEqual([12000]);
    expect(figures('The council met on Tuesday.')).toEqual([]);
  });

  it('joins what the tokenizer leaves apart: "twenty-one", "three thousand one hundred", "one point two"', () => {
    // The tokenizer keeps "one" a pronoun (normalize.ts): "twenty-one" reaches here as 20 and "one".
    expect(figures('twenty-one lakh farmers')).toContain(21);
    expect(figures('three thousand one hundred rupees a quintal')).toContain(3100);
    expect(figures('one point two million passengers')).toContain(1.2);
    expect(figures('six point one trillion dollars')).toContain(6.1);
    // "one" alone is no figure.
    expect(figures('the one who said it')).toEqual([]);
  });

  it('reads shares and multiples as percentages too', () => {
    expect(figures('four in ten call-centre workers')).toContain(40);
    expect(figures('nine out of every ten leaking pipes')).toContain(90);
    expect(figures('two in every five roles')).toContain(40);
    expect(figures('his bill had gone up by a third')).toContain(33);
    expect(figures('three-quarters of the time')).toContain(75);
    expect(figures('cases were halved')).toContain(50);
    expect(figures('prices tripled')).toEqual(expect.arrayContaining([3, 200]));
    expect(figures('for the fifth month running')).toContain(5);
  });

  it('takes two figures within a tenth of each other for one written round', () => {
    expect(shareAFigure([600000], [593000])).toBe(true);
    expect(shareAFigure([1100], [1000])).toBe(true);
    expect(shareAFigure([40], [40])).toBe(true);
    expect(shareAFigure([40], [9])).toBe(false);
    expect(shareAFigure([12], [11.26, 14])).toBe(true);
    expect(shareAFigure([4], [7])).toBe(false);
    expect(shareAFigure([], [7])).toBe(false);
  });
});
