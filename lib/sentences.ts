/**
 * Splits a block of text into sentences by Unicode's rules (UAX #29): read here for blocks of common
 * characters, by `Intl.Segmenter` for the rest; then mends the rules' known weakness:
 * ICU ends a sentence after every abbreviation ("Mr.", "U.S.", "Feb."), which news text is full of.
 */
import { MONTH_WORDS, WEEKDAYS } from './timeline';

/** A sentence's span in its block; `end` excludes trailing white space. */
export interface SentenceSpan {
  start: number;
  end: number;
}

// Titles and initialisms: a name or a noun follows, never a new sentence ("Dr. Smith", "U.S. envoy").
const ALWAYS_JOIN = new Set(
  `mr mrs ms dr st prof gen sen rep gov lt col sgt capt cmdr adm maj pres rev hon amb insp supt mt
  u.s u.k u.n e.u d.c u.s.a`.split(/\s+/),
);
/** Whether a word is a title that is written cut short ("Gov", "Dr", "Sen"), with or without a
 * period: a name follows it, and it is none. */
export function isShortTitle(word: string): boolean {
  return ALWAYS_JOIN.has(word.toLowerCase());
}

/** Whether a word written with a period after it ("Gov", "Dr", "U.S", "J") is a title or an
 * initial, after which a name or a noun follows rather than a new sentence. */
function isTitleOrInitial(word: string): boolean {
  return isShortTitle(word) || /^[a-z]$/i.test(word);
}

/** Letters each written with a period, the last period left off: a person's initials ("J.D",
 * "H.W"), a place's ("L.A"), a body's ("F.B.I"). Only "u.s" and its like were known (`ALWAYS_JOIN`),
 * so "Vice President J.D. Vance" was cut after "J.D." (`joinsNext`). */
const INITIALISM = /^(?:[a-z]\.)+[a-z]$/i;
/** Times of day, which end sentences often ("…at 5 p.m. Officials said"): joined only before a
 * small word, a digit, or a day or a month ("10 a.m. Wednesday"). */
const TIMES_OF_DAY = new Set(['a.m', 'p.m']);
const DAYS_AND_MONTHS: ReadonlySet<string> = new Set([...WEEKDAYS, ...MONTH_WORDS.whole]);

/** Whether a word (its span in \`text\`) is a title or an initial written with a period after it
 * ("Gov.", "J."): the period ends no sentence. */
export function isAbbreviatedTitle(text: string, word: { start: number; end: number }): boolean {
  return text.charCodeAt(word.end) === FULL_STOP && isTitleOrInitial(text.slice(word.start, word.end));
}
const FULL_STOP = 46;

/** Whether the text between two words ends in what opens a sentence or a quotation (".", "!",
 * "?", ":", a quotation mark, a bracket) and white space: /[.!?:"“‘(]\s*$/ on that text, read back
 * from its end rather than run on a copy of it for every word of every claim. */
export function startsSentence(text: string, from: number, to: number): boolean {
  let i = to - 1;
  while (i >= from && isWhiteSpace(text.charCodeAt(i))) i--;
  return i >= from && SENTENCE_OPENERS.has(text.charCodeAt(i));
}

const SENTENCE_OPENERS = new Set([...'.!?:"“‘('].map((c) => c.charCodeAt(0)));
/** What \s matches in a JavaScript regular expression. */
export const isWhiteSpace = (code: number) =>
  (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;

// Abbreviations that can also end a sentence: joined only when a digit or a lower-case word follows
// ("Feb. 12", "No. 10", but "Trump said no. He left"). (Times of day: `TIMES_OF_DAY`.)
const JOIN_BEFORE_LOWER = new Set('jan feb mar apr jun jul aug sep sept oct nov dec no nos approx inc corp co ltd dept est fig vol jr sr'.split(' '));
/** Abbreviations that stand between two names, or before an example, and end no sentence ("Trump
 * vs. Harris", "members, e.g. Germany"). */
const BETWEEN_NAMES = new Set(['vs', 'e.g', 'i.e']);
/** Titles of several people, written capitalised ("Sens. Graham and Schumer"): a name follows. In
 * lower case they are words that may end a sentence ("sales reps."). */
const PLURAL_TITLES = new Set(['Sens', 'Reps', 'Govs', 'Gens', 'Drs', 'Profs']);
/** A time zone after a time of day ("8 p.m. ET in most states"): the time goes on. */
const TIME_ZONE = /^(?:[ECMP][SD]?T|GMT|BST|UTC|CET)$/;
// (A zone spelled out, "8 p.m. Eastern", is left out: "at 4 a.m. Eastern Kentucky was worst hit"
// ends a sentence before it.)

// Words that open sentences and do not follow an initialism inside one ("the U.S. The", but "the
// U.S. State Department"), for `joinsNext`.
const OPENS_SENTENCE = new Set(
  'The He She It They We I But And A An This That These Those There His Her Its Their Our Yet So However Meanwhile Then Now When While After Before If What Why How Who In On At Earlier Later Last Since During According As Asked Speaking Some Both Many Most Still Instead Also Even Although Though Because Despite'.split(' '),
);

/** How much of what follows a segment `joinsNext` reads: the longest word of `OPENS_SENTENCE`, and one
 * more character to see that the word ends there. */
const NEXT_WORD_CHARS = 10;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// An apostrophe after a letter ends a contraction ("didn't."), not an opening quote: the "t" after
// it is no initial. A word after a hyphen, a dash or a slash is read too (`JOINED_TO_WORD`).
const LAST_WORD = /(?:^|([\s(“"[‘]|(?<![A-Za-z])')|[\-–—/])((?:[A-Za-z]\.){2,}|[A-Za-z]+\.)\s*$/;
/** A `LAST_WORD` match whose word is joined to the one before it. */
const JOINED_TO_WORD = /^[\-–—/]/;

const isLetterOrStop = (code: number) => code === FULL_STOP || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);

/** Where `LAST_WORD` may match a segment: from two characters before the run of letters and full
 * stops that ends it (before its white space). The word it reads is that whole run, and the two
 * characters before say what precedes it. Run over the whole segment, the expression, anchored at
 * its end, was tried at every character: a tenth of the time of splitting a page. */
function lastWordFrom(segment: string): number {
  let i = segment.length;
  while (i > 0 && isWhiteSpace(segment.charCodeAt(i - 1))) i--;
  while (i > 0 && isLetterOrStop(segment.charCodeAt(i - 1))) i--;
  return Math.max(0, i - 2);
}

function joinsNext(whole: string, next: string): boolean {
  const from = lastWordFrom(whole);
  const segment = whole.slice(from);
  const match = LAST_WORD.exec(segment);
  if (!match || /^[“"‘'(]/.test(next)) return false;
  const written = match[2]!.replace(/\.$/, '');
  // A word joined to the one before it by a hyphen, a dash or a slash is read as below where it is
  // written with a capital ("then-Sen. Joe Biden", "the sponsor—Sen. Warren", "non-U.S. firms");
  // in small letters, or a letter alone, it ends the sentence ("next-gen.", "120 km/h.").
  if (JOINED_TO_WORD.test(match[0]) && (!/^\p{Lu}/u.test(written) || written.length === 1)) return false;
  if (PLURAL_TITLES.has(written)) return true;
  const word = written.toLowerCase();
  const nextWord = /^[A-Za-z]+/.exec(next)?.[0] ?? '';
  // An initialism, an initial or "St." can end a sentence ("weapons from the U.S. The Kremlin…",
  // "under Part B. It does not…", "Downing St. He…"): a whole word that opens sentences after it
  // says one did ("the U.S. Attorney's Office" goes on). A title ("Dr.", "Gov.") never ends one.
  if (BETWEEN_NAMES.has(word)) return true;
  if (isTitleOrInitial(word)) {
    return !((word.includes('.') || word.length === 1 || word === 'st') && OPENS_SENTENCE.has(nextWord));
  }
  // Initials after a capitalised word, or opening the sentence, are a name's or a title's ("Vice
  // President J.D. Vance", "The L.A. Times", "J.K. Rowling said"), and go on as "U.S." does; after a
  // small word they may end it ("held by the F.B.I. Investigators found…", "moved to L.A. Prices…").
  if (INITIALISM.test(word) && !TIMES_OF_DAY.has(word)) {
    const before = /(\S+)\s*$/.exec(whole.slice(0, from + match.index + match[0].lastIndexOf(match[2]!)))?.[1];
    if (before !== undefined && !/^[“"‘'(]*\p{Lu}/u.test(before)) return false;
    return !OPENS_SENTENCE.has(nextWord);
  }
  if (TIMES_OF_DAY.has(word)) return /^[\p{Ll}\d]/u.test(next) || DAYS_AND_MONTHS.has(nextWord) || TIME_ZONE.test(nextWord);
  return JOIN_BEFORE_LOWER.has(word) && /^[\p{Ll}\d]/u.test(next);
}

// A full stop after a figure, then a figure: "…on Feb. 3. 12 people were killed", "…in 2019. 2024
// was different". Unicode's rules read past figures to the small word after them and go on.
const FIGURE_OPENS = /(?<=\d\.["”’)]*)\s+(?=\d)/g;

/** The raw ends, with one more where a sentence after a figure's full stop opens with a figure. */
function withFiguresOpening(text: string, raw: readonly number[]): readonly number[] {
  if (!/\d\.["”’)]*\s+\d/.test(text)) return raw;
  const extra: number[] = [];
  for (const match of text.matchAll(FIGURE_OPENS)) extra.push(match.index! + match[0].length);
  return [...new Set([...raw, ...extra])].sort((a, b) => a - b);
}

/** What opens a quotation or an aside. */
const OPENERS = new Set([...'[(“‘«'].map((c) => c.charCodeAt(0)));
/** A footnote's marker as a page writes it after a sentence: "[1]", "(2)", "[a]". */
const FOOTNOTE = /[[(](?:\d{1,3}|[a-z])[\])]/y;

/**
 * Unicode's rules count an opening bracket or quotation mark after a full stop with the sentence
 * that ends there ("went well.[1] The Kremlin…", "went well.“Next…”"), and break after it: the next
 * sentence started with a stray "1]". A footnote's marker stays with the sentence it follows; any
 * other opening goes with the sentence it opens.
 */
function openingsMoved(text: string, ends: readonly number[]): number[] {
  const moved: number[] = [];
  // The block's own end stays where it is: what opens there opens nothing.
  for (let k = 0; k < ends.length - 1; k++) {
    let end = ends[k]!;
    let open = end;
    while (open > 0 && OPENERS.has(text.charCodeAt(open - 1))) open--;
    if (open < end) {
      FOOTNOTE.lastIndex = open;
      end = FOOTNOTE.test(text) ? FOOTNOTE.lastIndex : open;
    }
    // A marker that runs to the next end leaves nothing between them; an opening at the start of
    // the block leaves nothing before it.
    if (end > (moved[moved.length - 1] ?? 0) && end < ends[k + 1]!) moved.push(end);
  }
  if (ends.length) moved.push(ends[ends.length - 1]!);
  return moved;
}

// A block of these characters, with at most a run of sentence ends (and closing quotes) at its end,
// is one sentence: none of them starts a new one in Unicode's rules (UAX #29), so the segmenter,
// dear on a long page, is not asked. Line and paragraph separators are left out: they end one.
// In two steps, the run of plain characters and then what may end it: as one expression, the
// quotes and spaces that both parts take made a long run of them followed by anything else
// backtrack for seconds. The run is taken whole, which loses nothing: it holds no sentence end,
// so a tail the expression could have started inside it can start after it.
const SENTENCE_BODY = /[\p{L}\p{M}\p{N}\t \u00a0,;:'"“”‘’()\-–—\/&%$#@+*=]*/uy;
const SENTENCE_TAIL = /[.!?]*["”’)]*\s*$/uy;

function isOneSentence(text: string): boolean {
  SENTENCE_BODY.lastIndex = 0;
  SENTENCE_BODY.test(text);
  SENTENCE_TAIL.lastIndex = SENTENCE_BODY.lastIndex;
  return SENTENCE_TAIL.test(text);
}

/** The first character at or after `at`, and before `end`, that is not white space (`end` when none is). */
function skipSpace(text: string, at: number, end: number): number {
  while (at < end && isWhiteSpace(text.charCodeAt(at))) at++;
  return at;
}

/** The sentences of a block, in order; an empty or blank block has none. */
export function splitSentences(text: string): SentenceSpan[] {
  // The rules read most blocks in one pass; a sentence they cannot read is tried as one sentence
  // before the segmenter. (Asked first, the one-sentence test read every block of several
  // sentences up to its first stop for nothing: a third of the time of splitting a page.)
  const ends = ruleEnds(text);
  if (ends) return mended(text, ends);
  if (isOneSentence(text)) {
    const end = text.trimEnd().length;
    const start = skipSpace(text, 0, end);
    return start < end ? [{ start, end }] : [];
  }
  return mended(text, segmenterEnds(text));
}

function segmenterEnds(text: string): number[] {
  const ends: number[] = [];
  for (const { segment, index } of segmenter.segment(text)) ends.push(index + segment.length);
  return ends;
}

/** `splitSentences` by the segmenter alone, whatever the block (exported for its test). */
export function segmentSentences(text: string): SentenceSpan[] {
  return mended(text, segmenterEnds(text));
}

/** The sentences of a block from where its raw sentences end, with ICU's stops after
 * abbreviations mended. */
function mended(text: string, raw: readonly number[]): SentenceSpan[] {
  const ends = openingsMoved(text, withFiguresOpening(text, raw));
  const spans: SentenceSpan[] = [];
  // A sentence starts at its first non-space character; a blank one is no sentence.
  const pushTrimmed = (start: number, end: number) => {
    start = skipSpace(text, start, end);
    if (start < end) spans.push({ start, end });
  };
  let pendingStart = -1;
  let index = 0;
  for (const end of ends) {
    const segment = text.slice(index, end);
    const start = pendingStart >= 0 ? pendingStart : index;
    const trimmedEnd = index + segment.trimEnd().length;
    index = end;
    // Merge when the segment ends in an abbreviation and the text goes on ("Feb. 12", "U.S. envoy").
    // Only the next word's first characters are read (enough for `OPENS_SENTENCE`'s words, and two
    // code units for a letter outside the BMP): slicing the rest of the block for each sentence cost
    // time in the square of its length.
    const after = skipSpace(text, end, text.length);
    if (after < text.length && joinsNext(segment, text.slice(after, after + NEXT_WORD_CHARS))) {
      pendingStart = start;
      continue;
    }
    pendingStart = -1;
    pushTrimmed(start, trimmedEnd);
  }
  if (pendingStart >= 0) pushTrimmed(pendingStart, text.trimEnd().length);
  return spans;
}

// The sentence-break classes of Unicode's rules (UAX #29) that `ruleEnds` reads, for the characters
// of most English news text; a block with any other character is left to the segmenter.
const UPPER = 1;
const LOWER = 2;
const NUMERIC = 3;
const ATERM = 4;
const STERM = 5;
const CLOSE = 6;
const SCONTINUE = 7;
const SP = 8;
const OTHER = 9;
const UNKNOWN = 0;

const CLASSED: [string, number][] = [
  ['&/%$#@+*=_<>|~^`…·•€£©°', OTHER],
  ['"\'()[]{}«»‘’“”', CLOSE],
  [',-:;–—', SCONTINUE],
  [' \t\u00a0', SP],
  ['.', ATERM],
  ['!?', STERM],
];
// As long as the highest character classed needs ("€"): a typed array drops writes past its end
// without a word, and a character left out is only sent to the segmenter, so nothing would show it.
const CLASS_OF = new Uint8Array(Math.max(0xff, ...CLASSED.flatMap(([chars]) => [...chars].map((char) => char.charCodeAt(0)))) + 1);
for (let c = 0x41; c <= 0x5a; c++) CLASS_OF[c] = UPPER;
for (let c = 0x61; c <= 0x7a; c++) CLASS_OF[c] = LOWER;
for (let c = 0xc0; c <= 0xde; c++) CLASS_OF[c] = c === 0xd7 ? OTHER : UPPER;
for (let c = 0xdf; c <= 0xff; c++) CLASS_OF[c] = c === 0xf7 ? OTHER : LOWER;
for (let c = 0x30; c <= 0x39; c++) CLASS_OF[c] = NUMERIC;
for (const [chars, kind] of CLASSED) for (const char of chars) CLASS_OF[char.charCodeAt(0)] = kind;

const classAt = (text: string, i: number) => {
  const code = text.charCodeAt(i);
  return code < CLASS_OF.length ? CLASS_OF[code]! : UNKNOWN;
};

/**
 * Where the raw sentences of a block end, by Unicode's sentence-break rules (UAX #29, SB6 to
 * SB11) as ICU's segmenter applies them, or null for a block with a character outside the classes
 * above (line and paragraph breaks, other scripts, combining marks), which the segmenter reads.
 * The segmenter cost three times as much as reading a page's words; a test holds the two to the
 * same breaks on random text and on every real text we have.
 */
function ruleEnds(text: string): number[] | null {
  const n = text.length;
  for (let i = 0; i < n; i++) if (classAt(text, i) === UNKNOWN) return null;
  const ends: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = classAt(text, i);
    if (c !== ATERM && c !== STERM) continue;
    if (c === ATERM && i + 1 < n) {
      const next = classAt(text, i + 1);
      // SB6: "3.5"; SB7: "U.S" (a letter, the full stop, a capital).
      if (next === NUMERIC) continue;
      if (next === UPPER && i > 0 && (classAt(text, i - 1) === UPPER || classAt(text, i - 1) === LOWER)) continue;
    }
    let k = i + 1;
    while (k < n && classAt(text, k) === CLOSE) k++;
    while (k < n && classAt(text, k) === SP) k++;
    if (k >= n) break;
    const at = classAt(text, k);
    // SB8a: a comma or another stop goes on with this sentence.
    if (at === SCONTINUE || at === ATERM || at === STERM) continue;
    if (c === ATERM) {
      // SB8: after a full stop, the sentence goes on when the next letter is a small one, whatever
      // numbers, quotes or signs come between.
      let j = k;
      while (j < n) {
        const between = classAt(text, j);
        if (between === UPPER || between === LOWER || between === ATERM || between === STERM) break;
        j++;
      }
      if (j < n && classAt(text, j) === LOWER) continue;
    }
    // SB11: a break after the stop, its closing quotes and its spaces.
    ends.push(k);
    i = k - 1;
  }
  ends.push(n);
  return ends;
}
