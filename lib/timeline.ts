/**
 * When a sentence is about: the dates it names ("on 12 February", "in May", "since 2022"), else the
 * time the narrative last named, else the page's own date. The matcher uses it to tell a claim
 * from the same people in another event (the May call, the August summit). Reading a page's
 * publication date from its markup is here too; matching words is `lib/matching/`'s job.
 */

import { formatDayRange, formatPartialDate, utc } from './partial-date';

/** A span of days, as UTC midnights in milliseconds, inclusive. */
export interface Interval {
  from: number;
  to: number;
}

const DAY = 86_400_000;
/** The words that name a month: whole, or cut short ("Jan.", "Sept."; "Sept" before "Sep", as a
 * pattern takes the first that fits). */
export const MONTH_WORDS = {
  whole: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  short: ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec'],
} as const;
const SHORT_MONTH: ReadonlySet<string> = new Set(MONTH_WORDS.short.filter((word) => !(MONTH_WORDS.whole as readonly string[]).includes(word)));
// Each month by its first three letters, in order, for `monthNumber`.
const MONTHS = MONTH_WORDS.whole.map((word) => word.slice(0, 3).toLowerCase());
const MONTH_NAME = `(${[...MONTH_WORDS.whole, ...MONTH_WORDS.short.map((word) => String.raw`${word}\.?`)].join('|')})`;
// A date only sets the narrative's time when it is used as one ("in May", "on 12 February",
// "since 2022", "February 12"), not when it qualifies something ("pre-2014 borders", "the 2008 summit").
const LEAD = String.raw`(?:\b(?:in|on|since|during|until|till|by|from|through|throughout|as of|back in|early|late|mid|end of|start of|beginning of|middle of|around)\s+(?:the\s+)?|\bmid-)`;
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH_NAME}(?:,?\s+(\d{4}))?\b`, 'g');
const MONTH_DAY = new RegExp(String.raw`\b${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?`, 'g');
const LED_MONTH = new RegExp(String.raw`${LEAD}${MONTH_NAME}(?:\s+(\d{4}))?\b`, 'gi');
const MONTH_YEAR = new RegExp(String.raw`\b${MONTH_NAME}\s+(\d{4})\b`, 'g');
// ("2019-21" and a financial year, "2024/25", are spans of years, not the year they start with.)
const LED_YEAR = new RegExp(String.raw`${LEAD}((?:19|20)\d{2})\b(?![-–/]\d)`, 'gi');

/** A date as named in text: year, month (1-12) and day where given. */
export interface NamedDate {
  year?: number;
  month?: number;
  day?: number;
  /** "since 2022": from that date to the time of writing. */
  since?: boolean;
  text: string;
}

/** A month's number (1-12) from its English name or its first three letters, in any case; 0 for none. */
export function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The first place at or after a position where a character is, or -1: asked at positions that
 * only grow, it reads the text once (`indexOf` from each opening quote read it to the end for
 * every quote a page left open). */
function nextOf(text: string, character: string): (from: number) => number {
  let from = Number.POSITIVE_INFINITY;
  let found = -1;
  return (at) => {
    // The last answer holds for any place between where it was asked and what it found.
    if (from <= at && (found === -1 || found >= at)) return found;
    from = at;
    return (found = text.indexOf(character, at));
  };
}

/**
 * A sentence with its quoted words blanked out: they are the speaker's tense, not the writer's. A
 * quote's two ends, and a quote that began in a sentence before (up to its closing mark) or goes on
 * into the next (from its opening one). What `text.replace(/“[^”]*”|"[^"]*"|^[^“”]*”|“[^“”]*$/gu,
 * ' ')` gives, read in one pass: that expression looked for the end of every quote a page left open
 * from its start, for seconds on a hostile page.
 */
export function withoutQuotes(text: string): string {
  const nextClose = nextOf(text, '”');
  const nextOpen = nextOf(text, '“');
  const nextStraight = nextOf(text, '"');
  let out = '';
  let at = 0;
  let copied = 0;
  const blank = (from: number, to: number) => {
    out += `${text.slice(copied, from)} `;
    copied = at = to;
  };
  // A closing mark before any opening one ends a quote that began before the sentence.
  const firstClose = nextClose(0);
  const firstOpen = nextOpen(0);
  if (text[0] !== '“' && text[0] !== '"' && firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) blank(0, firstClose + 1);
  else if (text[0] === '"' && nextStraight(1) < 0 && firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) blank(0, firstClose + 1);
  while (at < text.length) {
    const open = nextOpen(at);
    const straight = nextStraight(at);
    const start = open < 0 ? straight : straight < 0 ? open : Math.min(open, straight);
    if (start < 0) break;
    if (start === open) {
      const close = nextClose(start + 1);
      if (close >= 0) blank(start, close + 1);
      else if (nextOpen(start + 1) < 0) blank(start, text.length);
      else at = start + 1;
    } else {
      const end = nextStraight(start + 1);
      if (end >= 0) blank(start, end + 1);
      else at = start + 1;
    }
  }
  return out + text.slice(copied);
}

// "has/have (not, never, already…) been/done": a modal before it ("would have said", "might never
// have agreed", "to have been") is no present perfect. A participle is "been", a regular one in -ed
// of four letters or more ("has used"; "has red funnels" is none), or a common irregular.
const PRESENT_PERFECT =
  /(?<!\b(?:would|could|should|might|must|may|will|to)\s+(?:(?:not|never|also|still|already|just|surely)\s+)?)\b(?:has|have|hasn['’]t|haven['’]t)\s+(?:(?:not|never|yet|already|still|now|just|since|repeatedly|long|also)\s+)?(?:been|[a-z]{2,}ed|set|made|said|told|put|met|held|left|lost|won|paid|sent|spent|kept|led|done|gone|seen|come|become|begun|known|shown|grown|given|taken|written|spoken|chosen|broken|fallen)\b/iu;

/**
 * Whether a sentence speaks from the time it was written: the writer's present perfect ("No date
 * has been set", "Kyiv has long insisted") reports how things stand now, whatever earlier time the
 * story has gone back to. A look back tells its events in the past ("had agreed", "dismissed").
 */
export function speaksFromNow(sentence: string): boolean {
  // Runs of white space as one space (what `\s+` reads them as): the look-behind read a long run
  // back from each of its places.
  return PRESENT_PERFECT.test(withoutQuotes(sentence).replace(/\s+/g, ' '));
}

// Most sentences name no date; one cheap test spares them the five patterns below. Each pattern
// needs four digits or a month whose first letter is a capital ("may", "decide" and "market" are
// no months; "in MAY" is one, as `LED_MONTH` reads it).
const MAYBE_DATE = /\d{4}|\b(?:J(?:[aA][nN]|[uU][nNlL])|F[eE][bB]|M[aA][rRyY]|A(?:[pP][rR]|[uU][gG])|S[eE][pP]|O[cC][tT]|N[oO][vV]|D[eE][cC])/;
// Which of the patterns can match at all: each of the first four needs a month's name (capitalised,
// as they take it), three of them digits too, and the last a year. Most sentences that pass
// MAYBE_DATE do so by a name ("Mark", "Mayor") or a figure, and need one pattern or none.
const MAYBE_MONTH = /\b(?:J(?:[aA][nN]|[uU][nNlL])|F[eE][bB]|M[aA][rRyY]|A(?:[pP][rR]|[uU][gG])|S[eE][pP]|O[cC][tT]|N[oO][vV]|D[eE][cC])/;
const MAYBE_NUMBERED = /\d/;
const MAYBE_YEAR = /(?:19|20)\d{2}/;

/** A word that may lead a date: at the start of the date's match, where the pattern reads it
 * ("since 2022"), or just before it, where it does not ("since Oct. 7, 2023"). The second is sticky
 * and looks back from the date: a long sentence is not read again for each of its dates. */
interface LeadWord {
  within: RegExp;
  before: RegExp;
}
const leadWord = (word: string): LeadWord => ({ within: new RegExp(String.raw`^${word}\b`, 'i'), before: new RegExp(String.raw`(?<=\b${word}\s+(?:the\s+)?)`, 'iy') });
const BY = leadWord('by');
const SINCE = leadWord('since');

/** Whether the word leads the date matched at `start`. */
function isLedBy(lead: LeadWord, sentence: string, match: string, start: number): boolean {
  lead.before.lastIndex = start;
  return lead.within.test(match) || lead.before.test(sentence);
}

/** The dates a sentence uses as times of events, in the order found. */
export function namedDates(sentence: string): NamedDate[] {
  if (!MAYBE_DATE.test(sentence)) return [];
  const found: NamedDate[] = [];
  // Which characters a date already found holds: the five patterns' matches are each in reading
  // order, but not one after another, and a list of them was read through for every match.
  const taken = new Uint8Array(sentence.length);
  const add = (match: RegExpMatchArray, date: Omit<NamedDate, 'text'>) => {
    const start = match.index!;
    const end = start + match[0].length;
    if (taken.subarray(start, end).includes(1)) return;
    if (date.month === 0) return;
    taken.fill(1, start, end);
    const by = isLedBy(BY, sentence, match[0], start);
    // "Asked by April Ryan": after "by", a month before a name is a name.
    if (by && date.day === undefined && date.year === undefined && /^\s+\p{Lu}/u.test(sentence.slice(end, end + 3))) return;
    // A day the month does not have is no date (a day with no year may be 29 February); nor is any
    // part of it ("on February" of "on February 31, 2025" is no month of the current year).
    if (date.day !== undefined && !isDay(date.year ?? 2024, date.month!, date.day)) return;
    // "Since" may stand before a match that leaves it out: "since Oct. 7, 2023", "since early February".
    const since = isLedBy(SINCE, sentence, match[0], start);
    found.push({ ...date, ...(since ? { since } : {}), text: match[0] });
  };
  const month = MAYBE_MONTH.test(sentence);
  const numbered = month && MAYBE_NUMBERED.test(sentence);
  if (numbered) for (const m of sentence.matchAll(DAY_MONTH)) add(m, { day: Number(m[1]), month: monthNumber(m[2]!), year: m[3] ? Number(m[3]) : undefined });
  if (numbered) for (const m of sentence.matchAll(MONTH_DAY)) {
    // "May 19" is a date; "may 19 people" is not, so May must be capitalised.
    if (m[1] === 'may') continue;
    add(m, { month: monthNumber(m[1]!), day: Number(m[2]), year: m[3] ? Number(m[3]) : undefined });
  }
  if (numbered) for (const m of sentence.matchAll(MONTH_YEAR)) add(m, { month: monthNumber(m[1]!), year: Number(m[2]) });
  if (month) for (const m of sentence.matchAll(LED_MONTH)) {
    const name = m[1]!;
    if (name[0] !== name[0]!.toUpperCase()) continue;
    // "from Mar-a-Lago", "in Jan Egeland's": a name, not a month. A month cut short is taken only
    // before a year, or before no word at all ("from January-March" is two months).
    const after = sentence.slice(m.index + m[0].length);
    if (SHORT_MONTH.has(name.replace(/\.$/, '')) && (/^-\p{Ll}/u.test(after) || (!m[2] && /^\s+\p{L}/u.test(after)))) continue;
    add(m, { month: monthNumber(name), year: m[2] ? Number(m[2]) : undefined });
  }
  if (MAYBE_YEAR.test(sentence)) for (const m of sentence.matchAll(LED_YEAR)) add(m, { year: Number(m[1]) });
  return found;
}


/**
 * Whether a date tells a time of events, as read on `reference`: a date still to come is a
 * deadline or a plan ("a ceasefire by 2030", "paused until March 4", "takes effect on April 2"),
 * not when anything the sentence reports happened; one already past is ("By late April it held
 * Kursk again"). Read as times, such dates ruled out the mentions of claims made before them.
 */
export function isEventTime(date: NamedDate, reference: number): boolean {
  return intervalOf(date, reference).from <= reference;
}

/** Whether a day exists: "February 31" and "0 February" are no dates, whatever they roll over to. */
export function isDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(utc(year, month + 1, 1) - DAY).getUTCDate();
}

/** The earliest year a page or a pack's date is read as: "0000-01-01" says the date is not known. */
export const FIRST_YEAR = 1000;

/**
 * The days a named date covers. A month with no year is placed in the latest year that does not
 * put it more than two months after `reference` ("in February", read in August 2025, is 2025).
 */
export function intervalOf(date: NamedDate, reference: number): Interval {
  const ref = new Date(reference);
  let year = date.year;
  if (year === undefined && date.month !== undefined) {
    const limit = reference + 62 * DAY;
    year = ref.getUTCFullYear() + 1;
    while (utc(year, date.month, 1) > limit) year--;
  }
  year ??= ref.getUTCFullYear();
  let interval: Interval;
  if (date.month === undefined) interval = { from: utc(year, 1, 1), to: utc(year, 12, 31) };
  else if (date.day !== undefined) interval = { from: utc(year, date.month, date.day), to: utc(year, date.month, date.day) };
  else interval = { from: utc(year, date.month, 1), to: utc(year, date.month + 1, 1) - DAY };
  return date.since ? { from: interval.from, to: Math.max(interval.to, reference) } : interval;
}

/** Parses an ISO-style date ("2025-02-12", "2025-02", "2025-02-12T19:58:00-05:00") to a UTC midnight. */
export function parseDate(value: string | null | undefined): number | null {
  // ISO's forms, the compact one some pages' meta tags write ("20240305"), and the slashed, dotted
  // or unpadded ones others write ("2025/02/13", "2025.2.5"). A year alone is taken only where
  // nothing but a time or the end follows it: "2025-W07" is no date, rather than 1 January.
  // A time zone ("-05:00") or a second date ("/2025-02-14") may follow a whole day.
  const match = /^\s*(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2})(?!\d)|(?![\d/.-]))|(\d{2})(\d{2})(?!\d)|(?=$|[T\s]))/.exec(value ?? '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[3] ?? match[5] ?? 1), Number(match[4] ?? match[6] ?? 1)];
  if (year < FIRST_YEAR || !isDay(year, month, day)) return null;
  return utc(year, month, day);
}

// Meta names are matched whatever their case ("DC.Date", "dc.date"): publishers write both.
const DATE_SELECTORS = [
  'meta[property="article:published_time" i]',
  'meta[name="article:published_time" i]',
  'meta[name="date" i]',
  'meta[name="pubdate" i]',
  'meta[name="publishdate" i]',
  'meta[name="publish-date" i]',
  'meta[name="parsely-pub-date" i]',
  'meta[name="sailthru.date" i]',
  'meta[name="dc.date" i]',
  'meta[name="dc.date.issued" i]',
];

/** Elements the page's microdata calls `datePublished`, taken in the page's order: the article's,
 * most often (in <head>, or its byline), before a related story's in a list further on. */
const MICRODATA_SELECTOR = '[itemprop="datePublished"]';
/** `<time>` elements that may give the article's date, in the order they are trusted: the main
 * part's article's (past teaser cards, each an <article>, in a header before it), any article's,
 * the main part's, and last the page's. */
const TIME_SELECTORS = ['main article time[datetime]', 'article time[datetime]', 'main time[datetime]', 'time[datetime]'];

/** The tags `pageDate` reads the page's date from (its meta tags and JSON-LD), as one selector:
 * what a page changes when it dates itself anew. */
export const DATING_TAGS = [...DATE_SELECTORS, 'meta[itemprop="datePublished"]', 'script[type="application/ld+json"]'].join(', ');

/** What JSON-LD calls the article itself (NewsArticle, BlogPosting, ReportageNewsArticle, …). */
const ARTICLE_TYPE = /Article$|^BlogPosting$|^LiveBlogPosting$|^Report$/;
/** How deep into a JSON-LD block an article is looked for: pages nest it in @graph or mainEntity. */
const MAX_LD_DEPTH = 6;
const MAX_LD_CHARS = 200_000;

/** The `datePublished` of the article a JSON-LD block describes, before any other item's (a
 * related story's in an ItemList, the site's WebPage); undefined for a block that is not JSON or
 * holds no article. */
function articleDateIn(text: string): string | undefined {
  // A block bigger than any article's markup is not parsed on the page's main thread.
  if (text.length > MAX_LD_CHARS) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const find = (node: unknown, depth: number): string | undefined => {
    if (!node || typeof node !== 'object' || depth > MAX_LD_DEPTH) return undefined;
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = find(item, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    const record = node as Record<string, unknown>;
    const types = ([] as unknown[]).concat(record['@type'] ?? []);
    if (typeof record.datePublished === 'string' && types.some((type) => typeof type === 'string' && ARTICLE_TYPE.test(type))) return record.datePublished;
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) {
      const found = find(record[key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return find(data, 0);
}

/**
 * The page's publication date from its markup: the page's meta tags, JSON-LD `datePublished` (the
 * article's before any other item's), the first element its microdata calls `datePublished`, any
 * `datePublished` in a JSON-LD block that does not parse, the `<time datetime>` of its main
 * article, or else of the page; `null` when the page does not say. The
 * article's own comes before the page's first, which is often a related story's or a live
 * ticker's, older or newer than this one. Of each kind, the first that is a date is taken (a
 * `<time datetime="10:30">` is passed over).
 */
export function pageDate(document: Document): number | null {
  for (const selector of DATE_SELECTORS) {
    const value = parseDate(document.querySelector(selector)?.getAttribute('content'));
    if (value !== null) return value;
  }
  const scripts = [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent ?? '');
  for (const text of scripts) {
    const value = parseDate(articleDateIn(text));
    if (value !== null) return value;
  }
  const firstDateOf = (selector: string) => {
    for (const element of document.querySelectorAll(selector)) {
      const value = parseDate(element.getAttribute('datetime') ?? element.getAttribute('content'));
      if (value !== null) return value;
    }
    return null;
  };
  const microdata = firstDateOf(MICRODATA_SELECTOR);
  if (microdata !== null) return microdata;
  for (const text of scripts) {
    const match = /"datePublished"\s*:\s*"([^"]+)"/.exec(text);
    const value = parseDate(match?.[1]);
    if (value !== null) return value;
  }
  for (const selector of TIME_SELECTORS) {
    const value = firstDateOf(selector);
    if (value !== null) return value;
  }
  return null;
}

/** A claim date written to the day (YYYY-MM-DD), not only to a month or a year. */
const DATED_TO_THE_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * When a claim can be mentioned. Never on a page written before it was made (a day-precise date
 * gets ten days' slack, for a claim dated by the report that carried it). After that it depends on
 * what the claim is (`isStatement`):
 *  - a claim about events (`boundToEvents`) is news for weeks from its day, after which a page
 *    must go back to it, or it is about the same people in another event; a month's state lasts;
 *  - a checked statement is dated by when it was made (a ClaimReview's
 *    `itemReviewed.datePublished`), and carries its verdict wherever it is repeated, however much
 *    later: a governor's figure checked in January is the same claim in September's campaign.
 */
export function claimWindow(claimDate: string | undefined, boundToEvents: boolean): Interval | null {
  const start = parseDate(claimDate);
  if (start === null || !claimDate) return null;
  const dayPrecise = DATED_TO_THE_DAY.test(claimDate);
  const from = dayPrecise ? start - 10 * DAY : start;
  return { from, to: dayPrecise && boundToEvents ? start + 40 * DAY : Number.POSITIVE_INFINITY };
}

/** How many days after a claim's day a sentence may date what it tells and still be telling the
 * claim's events: a report the day after, a follow-up that week. The claim is news for longer
 * (`claimWindow`), but a sentence that dates its events five weeks on ("Zelensky said his call with
 * Trump on Wednesday had lasted about an hour", on 19 March) tells other ones. */
export const EVENT_DAYS_AFTER = 7;

/** The days a sentence's own dates must touch to tell a claim's events: from the claim's window's
 * start (its day, less the slack `claimWindow` gives) to `EVENT_DAYS_AFTER` days after its day. Null
 * for a claim whose window does not end (`claimWindow`). */
export function eventDays(claimDate: string | undefined, boundToEvents: boolean): Interval | null {
  const window = claimWindow(claimDate, boundToEvents);
  if (!window || window.to === Number.POSITIVE_INFINITY) return null;
  return { from: window.from, to: parseDate(claimDate)! + EVENT_DAYS_AFTER * DAY };
}

/** The days of the week, Sunday first, as `Date.getUTCDay` numbers them. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
// A day of the week a sentence dates its events by, as news writes it ("on Wednesday", "Friday's
// meeting", "last Tuesday"); "the Wednesday" or "that Friday" of a story told afterwards ("the call
// came on the Wednesday", "in Munich that Friday") names a week the page does not say, and "a",
// "every" or "the following" Friday none: those are left out.
const WEEKDAY_NAMED = /(?<!\b(?:the|that|same|a|an|every|each|one|following|previous)\s+(?:(?:next|last)\s+)?)\b(?:(last|next)\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/gi;
// A day's name in the name of something else: a paper ("the Mail on Sunday", "The Sunday Times"), a
// show ("Saturday Night Live"), a day of the year ("Black Friday", "Good Friday", "Super Tuesday").
const NAMED_BEFORE = /(?:\b(?:Black|Good|Super|Ash|Cyber|Bloody|Holy|Easter|Palm|Maundy|Shrove|Giving|Green|Blue)|\b(?:Mail|Independent|Observer|Herald|Post|Express) on)\s+$/;
const NAMED_AFTER = /^\s+(?:Night|Times|Telegraph|Herald|Express|Mirror|Post|Mail|Sport|Morning|Show|Edition|Review|Magazine|Live|Independent|Star|Tribune|World|Politics|Briefing|Extra)\b/;

/**
 * The days a sentence's days of the week may be, around the time its story is at (the page's date,
 * or a day or month an earlier sentence went back to): news writes "on Wednesday" for the nearest
 * one, before or after (the call it reports, the meeting it announces). A page dated weeks later
 * that has said its story happened on 12 February means that week's Friday by "on Friday".
 * (Capitalised names only: "may" is no month, and "sunday" in a handle no day.)
 */
export function weekdaysAround(sentence: string, now: Interval): Interval[] {
  if (!/day\b/.test(sentence)) return [];
  const out: Interval[] = [];
  const first = new Date(now.from).getUTCDay();
  const last = new Date(now.to).getUTCDay();
  for (const match of sentence.matchAll(WEEKDAY_NAMED)) {
    const name = match[2]!;
    if (name.charAt(0) !== name.charAt(0).toUpperCase()) continue;
    const at = match.index! + match[0].length;
    if (NAMED_BEFORE.test(sentence.slice(Math.max(0, match.index! - 20), match.index!)) || NAMED_AFTER.test(sentence.slice(at, at + 16))) continue;
    const day = WEEKDAYS.findIndex((w) => w.toLowerCase() === name.toLowerCase());
    const back = (first - day + 7) % 7;
    const ahead = (day - last + 7) % 7;
    const which = match[1]?.toLowerCase();
    // "Last Wednesday" is past, this week's or the week before's (said on a Wednesday, a week ago
    // or two); "next Wednesday" is to come, as far again.
    if (which === 'last') out.push({ from: now.from - ((back || 7) + 7) * DAY, to: now.from - (back || 7) * DAY });
    else if (which === 'next') out.push({ from: now.to + (ahead || 7) * DAY, to: now.to + ((ahead || 7) + 7) * DAY });
    else out.push({ from: now.from - back * DAY, to: now.to + ahead * DAY });
  }
  return out;
}

/** True when two intervals share a day. */
export const overlaps = (a: Interval, b: Interval) => a.from <= b.to && b.from <= a.to;

/** What a claim says of itself that tells a checked statement from an account of events. */
export type StatementFields = { ratingLabel?: string; telling?: unknown };

/**
 * Whether a claim is a checked statement rather than an account of events: a fact-checker's review
 * rated it in its own words (`ratingLabel`, as every imported review with a named rating has), and
 * it judges no report's telling. A pack's own claims (ours, the bundled one) carry no rating label,
 * and a claim with a `telling` is about how a report told events: both keep the events' window.
 */
export function isStatement(claim: StatementFields): boolean {
  return !claim.telling && !!claim.ratingLabel;
}

/** The page's "old news" notice as a claim's card shows it: not on a checked statement's card, which
 * the page may repeat however long after it was made (`staleNotice` leaves such claims out too). */
export function cardNotice(claim: StatementFields, pageNotice: string | null): string | undefined {
  return pageNotice === null || isStatement(claim) ? undefined : pageNotice;
}

/** How long after the events it reports a page is old news: a report a month on is a look back. */
export const STALE_AFTER_DAYS = 30;

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The notice a reader gets when a page is dated well after the events of the claims it mentions
 * ("This page is dated 28 Apr 2025; the events it reports are from 12 Feb 2025."), or null. Only
 * claims about events count (not checked statements, `isStatement`: one repeated months after it
 * was made is not old news), and only those dated to the day: a claim dated "2014" is background,
 * not the news. The latest event decides, so a page that also reports something recent is not old news.
 */
export function staleNotice(page: number | null, claims: readonly (StatementFields & { claimDate?: string })[]): string | null {
  if (page === null) return null;
  const events = claims.flatMap((claim) => (!isStatement(claim) && claim.claimDate && DATED_TO_THE_DAY.test(claim.claimDate) ? (parseDate(claim.claimDate) ?? []) : []));
  if (!events.length) return null;
  const latest = Math.max(...events);
  if (page - latest <= STALE_AFTER_DAYS * DAY) return null;
  const earliest = Math.min(...events);
  const when = earliest === latest ? formatPartialDate(isoDay(latest)) : formatDayRange(isoDay(earliest), isoDay(latest));
  return `This page is dated ${formatPartialDate(isoDay(page))}; the events it reports are from ${when}.`;
}

