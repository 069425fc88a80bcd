/**
 * Search over the stored claims for the popup: a MiniSearch index of each claim's text, cues,
 * claimant, summary and context, typo-tolerant and prefix-matching, filtered by verdict and pack.
 * It is for a reader typing a few words; finding claims in a page's text is `lib/matching/`'s job,
 * and ranking claims for a whole post is `lib/matching/rank.ts`'s.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import { INITIALISMS, STOPWORDS, foldWord, startsWithDigit, stemOfWord } from './normalize';
import { UNSPACED, unspacedWords } from './unspaced-words';
import { claimKey } from './protocol';
import type { Verdict } from './schema';

/** What the search needs from a claim; a `ClaimForCard` or a stored claim with its pack title fits. */
export interface SearchableClaim {
  packId: string;
  packTitle: string;
  /** The language its pack is written in, which its text is declared in. */
  packLanguage?: string;
  id: string;
  text: string;
  /** The fact-check's own title, where its publisher gives one (a ClaimReview's headline). */
  headline?: string;
  summary: string;
  claimant?: string;
  claimDate?: string;
  verdict: Verdict;
  context: readonly { text: string }[];
  cues?: { phrases: readonly string[] };
}

/** Narrows a search to one verdict and/or one pack; an absent field does not filter. */
export interface ClaimSearchFilters {
  verdict?: Verdict;
  packId?: string;
}

/** One result: the claim's key (`packId/id`), the claim, its score (higher is better), and the
 * indexed words the query matched (for highlighting). */
export interface ClaimHit<C extends SearchableClaim> {
  key: string;
  claim: C;
  score: number;
  terms: string[];
}

/** Results scoring under this share of the best one are cut: "ninety minute call" matched 20 of
 * 28 claims on "call" alone, and the reader wants the one about the ninety minutes. */
export const RELEVANCE_FLOOR = 0.2;

/** A built index over a fixed set of claims. */
export interface ClaimSearch<C extends SearchableClaim> {
  /** How many claims the index holds. */
  readonly size: number;
  /**
   * The claims that match `query`, best first, at most `limit`. A blank query with no filter
   * gives an empty list; a blank query with a filter lists the filtered claims in their given order.
   */
  search(query: string, filters?: ClaimSearchFilters, limit?: number): ClaimHit<C>[];
  /** The claim stored under `packId/id`, or `undefined` when there is none. */
  get(key: string): C | undefined;
}


/** The most results a search returns unless told otherwise. */
export const DEFAULT_LIMIT = 50;

// The claim's own words matter most; the fact-check's title and the cue phrases are the other ways
// the claim is worded, so they come next; the summary and context describe the record rather than
// the claim and count least.
const BOOST = { text: 4, headline: 3, cues: 2.5, claimant: 1.5, summary: 1, context: 0.5 } as const;
const FIELDS = Object.keys(BOOST);

// Numbers are indexed and searched as digits, so "ninety", "90" and a typo of the word ("ninty",
// "fourty": one letter from it, `numberWordNear`) all reach a claim that writes "90-minute call".
// Only digits: a "9" indexed as "nine" too was found by "line" and "mine", one letter away, and a
// query "4" read as "four" found claims about an "hour".
// A Map, not an object: a search for "constructor" must not find the object's own method.
const NUMBER_WORDS = new Map(Object.entries({
  zero: '0', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16',
  seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50',
  sixty: '60', seventy: '70', eighty: '80', ninety: '90', hundred: '100', thousand: '1000', million: '1000000',
}));

/** The digits of a number word one letter away from a query's word ("ninty", "fourty", "sevn"), for
 * words of five letters or more ("fire" is not "five"). Many real words are one letter from a number
 * word too ("right", "light", "sever", "billion"): `queryForms` reads a word so only where the
 * claims do not hold it, and searches it as written beside the digits. */
function numberWordNear(word: string): string | undefined {
  if (word.length < 5) return undefined;
  for (const [number, digits] of NUMBER_WORDS) if (Math.abs(number.length - word.length) <= 1 && oneEditApart(number, word)) return digits;
  return undefined;
}

/** Whether two different words are one insertion, deletion or substitution apart. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(short.length === long.length ? i + 1 : i) === long.slice(i + 1);
}

/** Folds one token to the forms it is indexed by; null drops it (a function word). An elided article
 * or preposition ("l'OMS", "dell'Ucraina", "d'Italia") is also indexed without it, as the reader
 * types the name. */
function processTerm(term: string): string | string[] | null {
  // "US", "USA" and "U.S." (its dots taken out by `tokenize`) as the matcher reads them: one word.
  const initialism = INITIALISMS.get(term);
  if (initialism) return initialism;
  // (`foldWord` reads "ß" as "ss": "Strasse" and "gross" are how it is typed without a German
  // keyboard, and Arabic-Indic digits and the tatweel as the matcher reads them.)
  const folded = foldWord(term).replace(/,(?=\d{3}\b)/g, '');
  const word = folded.replace(/'/g, '');
  if (!word || (STOPWORDS.has(word) && !isCapitals(term))) return null;
  const digits = NUMBER_WORDS.get(word);
  if (digits) return digits;
  const elided = /'(\p{L}[\p{L}\p{N}]+)$/u.exec(folded)?.[1];
  return elided && !STOPWORDS.has(elided) ? [word, elided] : word;
}

/** A query's token as it is searched: as indexed, and, where the claims hold no such word, with
 * the digits of the number word it is one letter from ("ninty" also as 90). */
function queryForms(term: string, indexed: ReadonlySet<string>): string | string[] | null {
  const forms = processTerm(term);
  if (forms === null) return null;
  const list = Array.isArray(forms) ? [...forms] : [forms];
  const word = list[0]!;
  // Also by its stem, as the matcher reads words, searched as the start of a word: "taxes" finds
  // "tax", "vaccinated" finds "vaccines", "policies" "policy", which a typo's one edit in five
  // letters did not reach. A claim that writes the word typed matches both, and comes first.
  const stem = stemOfWord(word);
  if (stem && stem !== word && stem.length > 2 && !startsWithDigit(stem) && !list.includes(stem)) list.push(stem);
  if (!indexed.has(word)) {
    const digits = numberWordNear(word);
    if (digits) list.push(digits);
  }
  return list.length === 1 ? list[0]! : list;
}

/** Whether a query holds words, and every one of them is a function word the search leaves out
 * ("can", "is it"): typed so far, it searches for nothing. */
export function onlyCommonWords(query: string): boolean {
  const words = tokenize(query);
  return words.length > 0 && words.every((word) => processTerm(word) === null);
}

/** Whether a word of two or more letters is written all in capitals: a function word written so is
 * a name ("WHO" the World Health Organization, "IT"), not the word. One capital ("A", "I")
 * starts a sentence as often as it names anything. */
const isCapitals = (word: string) => word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();

// A number then a percent sign, or "per cent": both read as the word "percent", since the sign is
// not a letter and would be lost ("40%" found only claims with a 40 in them), and "per cent" is
// two words where a query has one. (Digits and signs listed rather than \p{N} with the u flag: that
// read every field of every claim several times slower when the index is built.)
const PERCENT = /([0-9０-９٠-٩۰-۹])\s*[%％٪]|\bper[\s-]+cent\b/gi;
const readPercent = (_: string, digit: string | undefined) => (digit ? `${digit} percent` : 'percent');

// Words are split on anything that is not a letter, a digit or a mark; "90-minute" gives "90" and
// "minute". Marks and format characters are part of the word they are in: an accent written apart
// ("pre\u0301sident"), the vowel signs of Arabic, Hebrew and Hindi, the joiners of Persian.
const WORD_BREAK = /[^\p{L}\p{N}\p{M}\p{Cf}'’]+/u;
/** The comma of a number's thousands ("12,500"), which would otherwise split it in two. */
const THOUSANDS_COMMA = /(?<=\d),(?=\d{3}(?!\d))/g;
/** A query of more words than this is searched for its first ones: a pasted paragraph of 400 words
 * took two seconds over 10,000 claims, on every keystroke. */
const MAX_QUERY_WORDS = 40;

/** An initialism written with full stops ("U.S.", "U.K", "J.K.", typed "u.s."): one word, not its
 * letters, in capitals, as the name it is. */
const DOTTED_INITIALISM = /\b\p{L}(?:\.\p{L})+\.?/gu;
const undotted = (word: string) => (word.includes('.') ? word.replace(/\./g, '').toUpperCase() : word);

function tokenize(text: string): string[] {
  const words = text.replace(DOTTED_INITIALISM, undotted).replace(PERCENT, readPercent).replace(THOUSANDS_COMMA, '').split(WORD_BREAK).filter(Boolean);
  if (!UNSPACED.test(text)) return words;
  return words.flatMap((word) => (UNSPACED.test(word) ? unspacedWords(word).map((each) => each.text) : word));
}

/** The longest word the search matches with typing mistakes. */
const MAX_FUZZY_LETTERS = 40;

/** Whether a query's word is a number, digits alone: matched neither with a typo nor as the start
 * of a longer one. */
const isNumber = (term: string) => /^\d+$/.test(term);

const SEARCH_OPTIONS: SearchOptions = {
  boost: BOOST,
  // One edit in five letters: "ninty" finds "ninety", "negociations" finds "negotiations". Words of
  // three letters or fewer are left exact, since one edit there ("call" → "all") changes the word.
  // A word longer than any word is typed by mistake or on purpose: matched exactly, since a fuzzy
  // match costs the square of its length (a 40,000-letter "word" took seconds and 900 MB).
  // A function word reaches the search only as a name written in capitals, and a name is matched
  // exactly: "IT" is not the start of "items", nor "WHOM" a typo of "WHO". A number is matched
  // with no typo either, 1200 not being 1300.
  fuzzy: (term) => (term.length > 3 && term.length <= MAX_FUZZY_LETTERS && !STOPWORDS.has(term) && !isNumber(term) ? 0.2 : false),
  // Every word also matches as a prefix, so results come while a word is still being typed and
  // "minute" reaches "minutes". Not a number: "2,000" is not the start of 20,000 or 200,000, which
  // it listed (and marked in them), nor "30" of 300. (A word of digits and letters is: "1md" of
  // "1MDB", "1990" of "1990s" would be, but a number is digits alone.)
  prefix: (term) => term.length > 1 && !STOPWORDS.has(term) && !isNumber(term),
  combineWith: 'OR',
};

/** Builds the search index over `claims`; the same key twice keeps the first. */
export function createClaimSearch<C extends SearchableClaim>(claims: readonly C[]): ClaimSearch<C> {
  const { index, documents, search } = searchOver(claims);
  index.addAll(documents);
  return search;
}

/** How many claims are indexed between two turns the page is given (`buildClaimSearch`). */
const CLAIMS_PER_TURN = 500;
/** How often, at most, a build in turns reports the claims indexed so far: each report runs the
 * reader's search again, over more claims. */
const REPORT_EVERY_MS = 250;

/** What a build in turns has done so far: a search over the claims indexed until now (`indexed`
 * of `search.size`), which answers from those claims alone. */
export interface SearchProgress<C extends SearchableClaim> {
  search: ClaimSearch<C>;
  indexed: number;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * `createClaimSearch` in turns of a few hundred claims, the page given its thread between them:
 * 10,000 claims take most of a second to index, which held the popup, its search box with it,
 * from the moment it read them. `onProgress` is given the search over the claims indexed so far
 * after the first turn and then every quarter of a second, so that a reader of a store of 50,000
 * claims (some four seconds to index) sees results from the first claims at once, not after the last.
 * Browsing by verdict or pack reads every claim from the first report on.
 */
export async function buildClaimSearch<C extends SearchableClaim>(claims: readonly C[], onProgress?: (progress: SearchProgress<C>) => void): Promise<ClaimSearch<C>> {
  const { index, documents, search } = searchOver(claims);
  let reported = -Infinity;
  for (let start = 0; start < documents.length; start += CLAIMS_PER_TURN) {
    index.addAll(documents.slice(start, start + CLAIMS_PER_TURN));
    const indexed = Math.min(documents.length, start + CLAIMS_PER_TURN);
    if (indexed === documents.length) break;
    if (onProgress && Date.now() - reported >= REPORT_EVERY_MS) {
      reported = Date.now();
      onProgress({ search, indexed });
    }
    await nextTurn();
  }
  return search;
}

/** The index over `claims`, still empty, the claims to add to it, and the search it answers. */
function searchOver<C extends SearchableClaim>(claims: readonly C[]): { index: MiniSearch<C>; documents: C[]; search: ClaimSearch<C> } {
  const byKey = new Map<string, C>();
  for (const claim of claims) {
    const key = claimKey(claim);
    if (!byKey.has(key)) byKey.set(key, claim);
  }
  const indexed = new Set<string>();
  const index = new MiniSearch<C>({
    idField: 'key',
    fields: FIELDS,
    extractField: (claim, field) => {
      switch (field) {
        case 'key':
          return claimKey(claim);
        case 'cues':
          return claim.cues?.phrases.join('\n') ?? '';
        case 'context':
          return claim.context.map((item) => item.text).join('\n');
        default:
          return (claim as unknown as Record<string, string | undefined>)[field] ?? '';
      }
    },
    tokenize,
    // Every word indexed is kept, for `queryForms`.
    processTerm: (term) => {
      const forms = processTerm(term);
      if (typeof forms === 'string') indexed.add(forms);
      else if (forms) for (const form of forms) indexed.add(form);
      return forms;
    },
    searchOptions: { ...SEARCH_OPTIONS, processTerm: (term) => queryForms(term, indexed) },
  });

  const passes = (claim: C, filters: ClaimSearchFilters) =>
    (!filters.verdict || claim.verdict === filters.verdict) && (!filters.packId || claim.packId === filters.packId);

  const search: ClaimSearch<C> = {
    size: byKey.size,
    get: (key) => byKey.get(key),
    search(query, filters = {}, limit = DEFAULT_LIMIT) {
      if (!query.trim()) {
        if (!filters.verdict && !filters.packId) return [];
        const listed: ClaimHit<C>[] = [];
        for (const [key, claim] of byKey) {
          if (listed.length >= limit) break;
          if (passes(claim, filters)) listed.push({ key, claim, score: 0, terms: [] });
        }
        return listed;
      }
      const filtered = filters.verdict || filters.packId;
      // Counted only where there can be that many words (each is a character at least): the search
      // reads the query's words itself, and a few typed words are not read twice per keystroke.
      const words = query.length > MAX_QUERY_WORDS ? tokenize(query) : [];
      const searched = words.length > MAX_QUERY_WORDS ? words.slice(0, MAX_QUERY_WORDS).join(' ') : query;
      const results = index.search(searched, filtered ? { filter: (result) => passes(byKey.get(result.id as string)!, filters) } : {});
      const floor = (results[0]?.score ?? 0) * RELEVANCE_FLOOR;
      return results
        .filter((result) => result.score >= floor)
        .slice(0, limit)
        .map((result) => ({ key: result.id as string, claim: byKey.get(result.id as string)!, score: result.score, terms: result.terms }));
    },
  };
  return { index, documents: [...byKey.values()], search };
}

/** A text cut into runs, each marked when it is a word the search matched (in any of the forms a
 * word is indexed by: folded, digits for number words, a prefix of a longer word typed so far,
 * "percent" for a percent sign after a number and for "per cent"). */
export function highlightRuns(text: string, terms: readonly string[]): { text: string; hit: boolean }[] {
  if (!terms.length) return [{ text, hit: false }];
  const matched = new Set(terms);
  const runs: { text: string; hit: boolean }[] = [];
  let last = 0;
  const mark = (start: number, end: number) => {
    // Pairs of characters (no segmenter) overlap: a pair that starts inside the last mark extends it.
    if (start < last) runs[runs.length - 1]!.text += text.slice(last, end);
    else {
      if (start > last) runs.push({ text: text.slice(last, start), hit: false });
      runs.push({ text: text.slice(start, end), hit: true });
    }
    last = end;
  };
  const isHit = (word: string) => {
    const forms = processTerm(word);
    return forms !== null && (Array.isArray(forms) ? forms : [forms]).some((form) => matched.has(form));
  };
  for (const word of text.matchAll(/(\bper[\s-]+cent\b|(?<=[0-9０-９٠-٩۰-۹]\s*)[%％٪])|\d{1,3}(?:,\d{3})+(?!\d)|\b\p{L}(?:\.\p{L})+\.?|[\p{L}\p{N}\p{M}\p{Cf}'’]+/giu)) {
    const at = word.index!;
    if (word[1]) {
      if (matched.has('percent')) mark(at, at + word[0].length);
    } else if (UNSPACED.test(word[0])) {
      for (const each of unspacedWords(word[0])) if (isHit(each.text)) mark(at + each.start, at + each.start + each.text.length);
    } else if (isHit(undotted(word[0]))) mark(at, at + word[0].length);
  }
  if (last < text.length) runs.push({ text: text.slice(last), hit: false });
  return runs;
}
