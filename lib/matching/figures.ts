/**
 * The figures a text gives, and the ways it may be writing a figure, read generously: the
 * quantities a sentence and a fact-checked statement may share however each writes them ("21
 * lakh" and "twenty-one lakh", "1.2 million" and "one point two million", "40 percent" and "four in
 * ten", "30 per cent" and "a third"). Only the figures rule for rated statements reads them
 * (`figuresDiffer` in `find-mentions.ts`): the tokenizer keeps its stricter reading, which the
 * fitted models were made with ("one" stays a pronoun there, `normalize.ts`).
 * Years are not figures here: a sentence dates a claim with them without restating it.
 * (The model's `numbers` feature read with these figures, for every claim, was tried on 6 December
 * 2026, refitted: the bar rose to 0.47, CheckThat! dev recall fell 0.525 -> 0.515, eval-feed 0.571
 * -> 0.538, and the held-out sets pooled read 0.711 against 0.714.)
 */
import { startsWithDigit, type Token } from '../normalize';

/** How far apart two figures may be and still be the same one, written round ("about 600,000" for
 * 593,000; "more than a thousand" for 1,100). */
const SAME_FIGURE = 0.1;

/** Words that may be writing a figure without a digit: ordinals ("for the fifth month"), shares
 * ("a third", "three-quarters", "halved", as percentages) and multiples ("tripled": 3 times, 200
 * percent more). Each may be a figure, and is read as one only to find the claim's figure. */
const ORDINALS = new Map(Object.entries({ first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 }));
const SHARES = new Map(Object.entries({ half: 50, halv: 50, third: 33, quarter: 25, thirds: 67, quarters: 75, fifth: 20, fifths: 40, tenth: 10, tenths: 90 }));
const MULTIPLES = new Map(Object.entries({ doubl: 2, tripl: 3, quadrupl: 4 }));
/** The scales the tokenizer leaves as words after a figure ("2.5 million", "£5bn", "one million",
 * "2.1 lakh", as India counts: a hundred thousand, and a crore ten million). */
const LARGE_SCALES = new Map(Object.entries({ million: 1e6, billion: 1e9, trillion: 1e12, lakh: 1e5, crore: 1e7 }));
const scaleOf = (token: Token | undefined): number | undefined => (token ? LARGE_SCALES.get(token.norm) : undefined);

/** A token's value when it is a number, else null. A single comma before a last digit or two is a
 * decimal comma, as most of Europe writes it ("1,5 million", "2,5 %"): read as fifteen and
 * twenty-five, such a retelling of a claim's figure was taken for a sentence that gives other
 * figures. Any other comma groups digits, in thousands ("1,742", which the tokenizer has joined) or
 * as India groups them ("12,34,567", of which it joins only the last group). */
function valueOf(token: Token | undefined): number | null {
  if (!token || !startsWithDigit(token.norm)) return null;
  const norm = token.norm;
  const value = Number(/^\d+,\d{1,2}$/.test(norm) ? norm.replace(',', '.') : norm.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

/** A year as a page writes one: four digits, 1900 to 2099 ("2,000 jobs" and "two thousand" are not). */
const isYear = (token: Token, value: number) => token.end - token.start === 4 && value >= 1900 && value < 2100;

/** The end of a span of years written short after its first ("2023/24", "2019-22", "2023–24"): two
 * digits right after a year, one character between, a later year's last two. A date, not a figure:
 * read as 24, "the 2023/24 financial year" shared a figure with every sentence about that year. */
function endsYearSpan(tokens: readonly Token[], i: number, value: number): boolean {
  const token = tokens[i]!;
  const previous = tokens[i - 1];
  if (!previous || token.end - token.start !== 2 || token.start - previous.end !== 1) return false;
  const year = valueOf(previous);
  return year !== null && isYear(previous, year) && value > year % 100;
}

/** "one" before "point" or a share is a count: the tokenizer keeps it a word (`normalize.ts`). */
const countOf = (token: Token | undefined): number | null => (token?.norm === 'one' ? 1 : valueOf(token));

/** The figures a text states in digits or number words, years left out: what makes a sentence one
 * that "gives figures". */
export function statedFigures(tokens: readonly Token[]): number[] {
  const figures: number[] = [];
  tokens.forEach((token, i) => {
    const value = valueOf(token);
    if (value !== null && !isYear(token, value) && !endsYearSpan(tokens, i, value)) figures.push(value);
  });
  return figures;
}

/** Every figure a text may be writing: those it states, and the readings of the words and word
 * groups above (`statedFigures` and more), to find a claim's figure however it is written. */
export function figureReadings(tokens: readonly Token[]): number[] {
  const figures: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const value = valueOf(token);
    if (value !== null && (isYear(token, value) || endsYearSpan(tokens, i, value))) continue;
    const count = countOf(token);
    // "2.5 million", "£5bn", "one million", "a million": the figure in full too, so that "more than
    // one million" and "about 471,000" are told apart, and "£5bn" and "5,000,000,000" are one. The
    // figure as written is read as well: a page may write "5 billion" where the claim writes "£5bn".
    const scale = scaleOf(next);
    if (scale !== undefined) {
      const written = count ?? (token.norm === 'a' ? 1 : null);
      if (written !== null) figures.push(written * scale);
    }
    if (value !== null) {
      figures.push(value);
      // "twenty-one" and "thirty one" reach here as 20 and "one" (`normalize.ts`).
      if (value >= 20 && value < 100 && value % 10 === 0 && next?.norm === 'one') figures.push(value + 1);
      // "three thousand one hundred": 3000 and 100.
      const nextValue = valueOf(next);
      if (nextValue !== null && value >= 1000 && value % 1000 === 0 && nextValue < 1000) figures.push(value + nextValue);
    }
    if (count !== null) {
      // "six point one", "one point two": the decimal the words spell.
      const decimal = next?.norm === 'point' ? countOf(tokens[i + 2]) : null;
      if (decimal !== null && decimal < 10 && Number.isInteger(count)) {
        const spelled = Number(`${count}.${decimal}`);
        figures.push(spelled);
        const scaled = scaleOf(tokens[i + 3]);
        if (scaled !== undefined) figures.push(spelled * scaled);
      }
      // "four in ten", "nine out of every ten", "two in every five": a share, as a percentage.
      const whole = shareAfter(tokens, i + 1);
      if (whole !== null && whole > count) figures.push(Math.round((1000 * count) / whole) / 10);
      continue;
    }
    const word = ORDINALS.get(token.norm);
    if (word !== undefined) figures.push(word);
    const share = SHARES.get(token.norm) ?? SHARES.get(token.stem);
    if (share !== undefined) figures.push(share);
    const multiple = MULTIPLES.get(token.stem);
    if (multiple !== undefined) figures.push(multiple, 100 * (multiple - 1));
  }
  return figures;
}

/** The whole that "in" or "out of" (then "every") gives after a count: "in ten", "out of every
 * five"; not a year ("4 in 2022"). */
function shareAfter(tokens: readonly Token[], at: number): number | null {
  let i = at;
  if (tokens[i]?.norm === 'in') i++;
  else if (tokens[i]?.norm === 'out' && tokens[i + 1]?.norm === 'of') i += 2;
  else return null;
  if (tokens[i]?.norm === 'every') i++;
  const whole = tokens[i];
  const value = valueOf(whole);
  return value === null || isYear(whole!, value) || value > 1000 ? null : value;
}

/** Whether two lists of figures share one, as written or rounded (`SAME_FIGURE`). */
export function shareAFigure(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) for (const y of b) if (x === y || Math.abs(x - y) <= SAME_FIGURE * Math.max(Math.abs(x), Math.abs(y))) return true;
  return false;
}
