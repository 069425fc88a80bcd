/**
 * Text preparation for the claim ranker (`lib/rank.ts`): cleaning a tweet-like post (links,
 * hashtags, the signature with its author and date), the terms and character n-grams that get
 * indexed, and the dates a claim names. Pure string functions, so the extension and the CLI share
 * them; scoring and ranking are `lib/rank.ts`'s job.
 */
import { stemmer } from 'stemmer';
import { foldWord } from './normalize';
import { monthNumber } from './timeline';

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
const SIGNATURE = /\s+[—–-]+\s*([^—–()]{0,80}?)\s*\(@\w+\)([^()]*)$/u;
// A link can be glued to the word before it ("#Hanukkahpic.twitter.com/…"), so no \b here.
const LINK = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S*/giu;

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
    .replace(/[@#](\w+)/gu, (_, word: string) => ` ${splitCompound(word)} `);
  return { body: body.replace(/\s+/g, ' ').trim(), author, date };
}

/** Splits CamelCase and letter–digit runs into words: "FreeIran2020" becomes "Free Iran 2020". */
export function splitCompound(word: string): string {
  return word
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L}{2,})/gu, '$1 $2');
}

// Function words that carry no topic, plus tweet debris ("amp", "via"). Negations ("not", "no",
// "never") are kept, since they can tell a claim from its opposite; dropping them too changed
// train MAP@5 by under 0.001.
const STOP_WORDS = new Set(
  ('a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these ' +
    'they this those through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself yourselves s t d ll m re ve u via amp im dont thats')
    .split(' '),
);

// Lower-cased, without accents or apostrophes ("Trump’s" is one word), split at anything but letters and digits.
function words(text: string): string[] {
  return foldWord(text)
    .replace(/'/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const stemCache = new Map<string, string>();

// Porter stemming, cached: the same few thousand words come up again and again.
function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** The index terms of a text: its words, stop words dropped, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}

/** Character n-grams of sizes `min` to `max` over the text's words (stop words dropped) joined
 * by single spaces, so grams span word boundaries; catches spellings and word forms that stemming
 * misses ("Soleimani"/"Suleimani", "vaccine"/"vaccinated") and hashtags written as one word. */
export function charGrams(text: string, min = 3, max = 5): string[] {
  const joined = ` ${words(text).filter((w) => !STOP_WORDS.has(w)).join(' ')} `;
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
