import { describe, expect, it } from 'vitest';
import { figureReadings, shareAFigure, statedFigures } from '@/lib/matching/figures';
import { tokenize } from '@/lib/normalize';

const stated = (text: string) => statedFigures(tokenize(text));
const readings = (text: string) => figureReadings(tokenize(text));

describe('the figures a text gives', () => {
  it('reads figures in digits and number words, years left out', () => {
    expect(stated('Rents rose 6.8% in 2022, to 1,742 euros a month.')).toEqual([6.8, 1742]);
    expect(stated('Some twelve thousand homes were started in 2023.')).toEqual([12000]);
    expect(stated('The council met on Tuesday.')).toEqual([]);
  });

  it('reads a decimal comma as a decimal point, not as a thousands separator', () => {
    expect(stated('Some 1,5 million people were waiting, 2,5 % more than a year before.')).toEqual([1.5, 2.5]);
    expect(stated('A ticket costs 1,50 euros; 12,345 were sold.')).toEqual([1.5, 12345]);
    // Digits grouped as India groups them are one figure.
    expect(stated('The scheme reached 12,34,567 people and 12,50,000 homes.')).toEqual([1234567, 1250000]);
  });

  it('takes four digits from 1900 to 2099 for a year, and nothing else', () => {
    // "2,000" and "two thousand" are how counts are written; a year is written 2000.
    expect(stated('The plant will create 2,000 jobs.')).toEqual([2000]);
    expect(stated('The plant will create two thousand jobs.')).toEqual([2000]);
    expect(stated('The plant opened in 2000 with 1950 staff.')).toEqual([]);
    expect(readings('Four in 2022 were late.')).toEqual([4]);
    // So is a span of years written short: "2023/24" is no 24.
    for (const text of ['in the 2023/24 financial year', 'the 2019-22 seasons', 'in 2023–24']) {
      expect(stated(text), text).toEqual([]);
      expect(readings(text), text).toEqual([]);
    }
    expect(stated('Murders fell 20% in 2023/24, to 27,500.')).toEqual([20, 27500]);
    // Two digits that are not a later year's, or apart from the year, are figures.
    expect(stated('In 2023, 24 schools closed; by 2024/12 more.')).toEqual([24, 12]);
  });

  it('does not take an ordinal, a share or a multiple alone for a figure the text gives', () => {
    expect(stated('She first said crime had doubled in the second half.')).toEqual([]);
    expect(readings('She first said crime had doubled in the second half.')).toEqual(expect.arrayContaining([1, 2, 100, 50]));
  });
});

describe('the figures a text may be writing, read generously', () => {
  it('joins what the tokenizer leaves apart: "twenty-one", "three thousand one hundred", "one point two"', () => {
    // The tokenizer keeps "one" a pronoun (normalize.ts): "twenty-one" reaches here as 20 and "one".
    expect(readings('twenty-one lakh farmers')).toContain(21);
    expect(readings('three thousand one hundred rupees a quintal')).toContain(3100);
    expect(readings('one point two million passengers')).toContain(1.2);
    expect(readings('six point one trillion dollars')).toContain(6.1);
    // "one" alone is no figure.
    expect(readings('the one who said it')).toEqual([]);
  });

  it('reads a figure with its scale in full too: "one million", "2.5 million", "£5bn", "one point two million"', () => {
    expect(readings('more than one million new residents')).toContain(1e6);
    expect(readings('a million people')).toContain(1e6);
    expect(readings('about 2.5 million passengers')).toEqual(expect.arrayContaining([2.5, 2.5e6]));
    expect(readings('£5bn of lost output')).toEqual(expect.arrayContaining([5, 5e9]));
    expect(readings('one point two million passengers')).toContain(1.2e6);
    expect(readings('$6tn')).toContain(6e12);
    // As India counts: a lakh is a hundred thousand, a crore ten million.
    expect(readings('2.1 lakh passengers a day')).toEqual(expect.arrayContaining([2.1, 210000]));
    expect(readings('3 crore rupees')).toContain(3e7);
    expect(shareAFigure(readings('2.1 lakh passengers'), readings('about 92,000 journeys'))).toBe(false);
    // Told apart from a count in full, and one with it whichever way each is written.
    expect(shareAFigure(readings('more than one million new residents'), readings('about 471,000'))).toBe(false);
    expect(shareAFigure(readings('£5bn'), readings('5,000,000,000 pounds'))).toBe(true);
    expect(shareAFigure(readings('north of £5bn'), readings('five billion pounds'))).toBe(true);
  });

  it('reads shares and multiples as percentages too', () => {
    expect(readings('four in ten call-centre workers')).toContain(40);
    expect(readings('nine out of every ten leaking pipes')).toContain(90);
    expect(readings('two in every five roles')).toContain(40);
    expect(readings('one in a thousand')).toContain(0.1);
    expect(readings('1 in 1,000 recipients')).toContain(0.1);
    expect(readings('his bill had gone up by a third')).toContain(33);
    expect(readings('murders dropped by a fifth')).toContain(20);
    expect(readings('three-quarters of the time')).toContain(75);
    expect(readings('cases were halved')).toContain(50);
    expect(readings('prices tripled')).toEqual(expect.arrayContaining([3, 200]));
    expect(readings('for the fifth month running')).toContain(5);
  });

  it('takes two figures within a tenth of each other for one written round', () => {
    expect(shareAFigure([600000], [593000])).toBe(true);
    expect(shareAFigure([1100], [1000])).toBe(true);
    expect(shareAFigure([40], [40])).toBe(true);
    expect(shareAFigure([0], [0])).toBe(true);
    expect(shareAFigure([40], [9])).toBe(false);
    expect(shareAFigure([12], [11.26, 14])).toBe(true);
    expect(shareAFigure([4], [7])).toBe(false);
    expect(shareAFigure([], [7])).toBe(false);
  });
});
