/**
 * The figures a text gives, read generously: the quantities a sentence and a fact-checked
 * statement may share however each writes them ("21 lakh" and "twenty-one lakh", "1.2 million" and
 * "one point two million", "40 percent" and "four in ten", "30 per cent" and "a third"). Only the
 * figures rule for rated statements reads them (`figuresDiffer`): the tokenizer keeps its stricter
 * reading, which the fitted models were made with ("one" stays a pronoun there, `normalize.ts`).
 * Years are not figures here: a sentence dates a claim with them without restating it.
 * (The model's `numbers` feature read with these figures, for every claim, was tried on 6 December
 * 2026, refitted: the bar rose to 0.47, CheckThat! dev recall fell 0.525 -> 0.515, eval-feed 0.571
 * -> 0.538, and the held-out sets pooled read 0.711 against 0.714.)
 */
import type { Token } from '../normalize';

/** How far apart two figures may be and still be the same one, written round ("about 600,000" for
 * 593,000; "more than a thousand" for 1,100). */
const SAME_FIGURE = 0.1;

const ORDINALS = new Map(Object.entries({ first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 }));
/** A share written as a word: "a third", "three-quarters", "halved", as a percentage. */
const SHARES = new Map(Object.entries({ half: 50, halv: 50, third: 33, quarter: 25, thirds: 67, quarters: 75 }));
/** A multiple written as a word: "doubled", "triple" (2 and 3 times, 100 and 200 percent more). */
const MULTIPLES = new Map(Object.entries({ doubl: 2, tripl: 3, quadrupl: 4 }));
const UNITS = new Map(Object.entries({ one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 }));

const isYear = (value: number, written: string) => /^(?:19|20)\d\d$/.test(written) && Number.isInteger(value);
const valueOf = (norm: string): number | null => {
  if (!/^\d/.test(norm)) return null;
  const value = Number(norm.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
};

/** The figures of a text's tokens, years left out. */
export function figuresIn(tokens: readonly Token[]): number[] {
  const figures: number[] = [];
  const add = (value: number | null | undefined) => {
    if (value !== null && value !== undefined && Number.isFinite(value)) figures.push(value);
  };
  for (let i = 0; i < tokens.length; i++) {
    const { norm } = tokens[i]!;
    const value = valueOf(norm);
    const next = tokens[i + 1]?.norm;
    const after = tokens[i + 2]?.norm;
    if (value !== null) {
      if (isYear(value, norm)) continue;
      add(value);
      // "twenty-one" and "thirty one" reach here as 20 and "one" (`normalize.ts`).
      if (value >= 20 && value < 100 && value % 10 === 0 && next === 'one') add(value + 1);
      // "three thousand one hundred": 3000 and 100.
      const nextValue = next === undefined ? null : valueOf(next);
      if (nextValue !== null && value >= 1000 && value % 1000 === 0 && nextValue < 1000) add(value + nextValue);
      // "six point one", "one point two": the decimal the words spell.
      if (next === 'point' && after !== undefined) {
        const decimal = valueOf(after) ?? UNITS.get(after) ?? null;
        if (decimal !== null && decimal < 10) add(Number(`${value}.${decimal}`));
      }
      // "four in ten", "nine out of every ten", "two in every five": a share, as a percentage.
      const share = shareAfter(tokens, i + 1);
      if (share !== null && share > value) add(Math.round((100 * value) / share));
      continue;
    }
    const unit = UNITS.get(norm);
    if (unit !== undefined) {
      if (next === 'point' && after !== undefined) {
        const decimal = valueOf(after) ?? UNITS.get(after) ?? null;
        if (decimal !== null && decimal < 10) add(Number(`${unit}.${decimal}`));
      }
      const share = shareAfter(tokens, i + 1);
      if (share !== null && share > unit) add(Math.round((100 * unit) / share));
      continue;
    }
    add(ORDINALS.get(norm));
    const stem = tokens[i]!.stem;
    add(SHARES.get(norm) ?? SHARES.get(stem));
    const multiple = MULTIPLES.get(stem);
    if (multiple !== undefined) {
      add(multiple);
      add(100 * (multiple - 1));
    }
  }
  return figures;
}

/** The whole that "in" or "out of" (then "every") gives after a count: "in ten", "out of every five". */
function shareAfter(tokens: readonly Token[], at: number): number | null {
  let i = at;
  if (tokens[i]?.norm === 'in') i++;
  else if (tokens[i]?.norm === 'out' && tokens[i + 1]?.norm === 'of') i += 2;
  else return null;
  if (tokens[i]?.norm === 'every') i++;
  const word = tokens[i]?.norm;
  if (word === undefined) return null;
  return valueOf(word) ?? UNITS.get(word) ?? null;
}

/** Whether two lists of figures share one, as written or rounded (`SAME_FIGURE`). */
export function shareAFigure(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) for (const y of b) if (x === y || Math.abs(x - y) <= SAME_FIGURE * Math.max(Math.abs(x), Math.abs(y))) return true;
  return false;
}
