/**
 * Text preparation for the claim ranker (`rank.ts`): cleaning a tweet-like post (links,
 * hashtags, the signature with its author and date), the terms and character n-grams that get
 * indexed, and the dates a claim names. Pure string functions, so the extension and the CLI share
 * them; scoring and ranking are `rank.ts`'s job. Words are the engine's own tokens (`lib/normalize.ts`).
 */
import { compoundParts, LINK, tokenize, type Token } from '../normalize';
import { monthNumber } from '../timeline';

/** A post split into what it says, who signed it and when. */
export interface CleanedPost {
  /** The post's own words: no signature or links, and handles and hashtags split into words. */
  body: string;
  /** The signer's display name from a trailing "— Name (@handle) Date" signature, or '' without one. */
  author: string;
  /** The month the signature dates the post to, or null when there is no readable date. */
  date: YearMonth | null;
}

/** A calendar month: `month` runs from 1 (January) to 12. */
export interface YearMonth {
  year: number;
  month: number;
}

// Embedded tweets end "— Name (@handle) Month D, YYYY"; some use a hyphen or a two-digit year.
// It starts where a run of white space starts: the leftmost match does anyway, and tried from each
// place inside a long run, the run was read again from each (seconds for a post of spaces).
const SIGNATURE = /(?<!\s)\s+[—–-]+\s*([^—–()]{0,80}?)\s*\(@\w+\)([^()]*)$/u;

/** Removes what a post carries besides its words: signature, links, "RT", "@" and "#" marks. */
export function cleanPost(text: string): CleanedPost {
  let body = text;
  let author = '';
  let date: YearMonth | null = null;
  const signature = SIGNATURE.exec(body);
  if (signature) {
    author = signature[1]!.trim();
    const [dated] = signature[2]!.matchAll(MONTH_DATE);
    if (dated) date = yearMonth(dated[1]!, dated[2]!);
    body = body.slice(0, signature.index);
  }
  body = body
    .replace(LINK, ' ')
    .replace(/&amp;/g, '&')
    .replace(/(^|\s)RT\s+(?=@)/g, '$1')
    // Handles and hashtags name things ("@realDonaldTrump", "#AustralianFires"): keep their words.
    // (Letters of any alphabet, with their marks (a Hindi vowel sign): "\w" stopped "#vacunación"
    // at its first accented letter.)
    .replace(/[@#]([\p{L}\p{M}\p{N}_]+)/gu, (_, word: string) => ` ${splitCompound(word)} `);
  return { body: body.replace(/\s+/g, ' ').trim(), author, date };
}

/** Splits CamelCase and letter–digit runs into words: "FreeIran2020" becomes "Free Iran 2020". */
export function splitCompound(word: string): string {
  return compoundParts(word)
    .map((part) => part.word)
    .join(' ');
}

// Tweet debris that carries no topic, on top of the tokenizer's function words.
const POST_DEBRIS = new Set(['via', 'amp', 'rt']);

/** The words of a text as the engine's tokenizer folds them (case, accents, spellings, number
 * words), function words and tweet debris dropped. */
function words(text: string): Token[] {
  return tokenize(text).filter((t) => !t.stop && !POST_DEBRIS.has(t.norm));
}

/** The index terms of a text: the stems of its content words, as the page matcher indexes them. */
export function terms(text: string): string[] {
  return words(text).map((t) => t.stem);
}

/** Character n-grams of sizes `min` to `max` over the text's words (stop words dropped) joined
 * by single spaces, so grams span word boundaries; catches spellings and word forms that stemming
 * misses ("Soleimani"/"Suleimani", "vaccine"/"vaccinated") and hashtags written as one word. */
export function charGrams(text: string, min = 3, max = 5): string[] {
  const joined = ` ${words(text).map((t) => t.norm.replace(/'/g, '')).join(' ')} `;
  const grams: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= joined.length; i++) grams.push(joined.slice(i, i + n));
  }
  return grams;
}

const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// "January 14, 2020", "Jan. 2020", "October 03, 19" (some signatures shorten the year).
const MONTH_DATE = new RegExp(`\\b${MONTH_NAME}\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?(\\d{4}|\\d{2})\\b`, 'giu');
const YEAR = /\b(?:19|20)\d\d\b/g;

function yearMonth(monthName: string, year: string): YearMonth {
  return {
    year: year.length === 2 ? 2000 + Number(year) : Number(year),
    month: monthNumber(monthName),
  };
}

/** The dates a text names: every year from 1900 to 2099, and every month written with a four-digit
 * year ("in January 2020", "on May 24, 2019") as a `monthKey`. Both sets are empty when it names none. */
export function datesNamed(text: string): { years: Set<number>; months: Set<string> } {
  const years = new Set((text.match(YEAR) ?? []).map(Number));
  const months = new Set<string>();
  for (const [, name, year] of text.matchAll(MONTH_DATE)) {
    if (year!.length === 4) months.add(monthKey(yearMonth(name!, year!)));
  }
  return { years, months };
}

/** A month as the key `datesNamed` uses: "YYYY-MM". */
export function monthKey({ year, month }: YearMonth): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}
