/**
 * Splits a block of text into sentences with `Intl.Segmenter`, then mends its known weakness:
 * ICU ends a sentence after every abbreviation ("Mr.", "U.S.", "Feb."), which news text is full of.
 */

/** A sentence's span in its block; `end` excludes trailing white space. */
export interface SentenceSpan {
  start: number;
  end: number;
}

// Titles and initialisms: a name or a noun follows, never a new sentence ("Dr. Smith", "U.S. envoy").
const ALWAYS_JOIN = new Set(
  `mr mrs ms dr st prof gen sen rep gov lt col sgt capt cmdr adm maj pres rev hon amb insp supt
  u.s u.k u.n e.u d.c u.s.a`.split(/\s+/),
);
// Abbreviations that can also end a sentence: joined only when a digit or a lower-case word follows
// ("Feb. 12", "No. 10", "5 p.m. on Friday", but "Trump said no. He left").
const JOIN_BEFORE_LOWER = new Set(
  'jan feb mar apr jun jul aug sep sept oct nov dec no nos vs approx inc corp co ltd dept est fig vol jr sr a.m p.m'.split(' '),
);

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function joinsNext(segment: string, next: string): boolean {
  const match = /(?:^|[\s(“"'])((?:[A-Za-z]\.){2,}|[A-Za-z]+\.)\s*$/.exec(segment);
  if (!match || /^[“"‘'(]/.test(next)) return false;
  const word = match[1]!.toLowerCase().replace(/\.$/, '');
  if (ALWAYS_JOIN.has(word) || /^[a-z]$/.test(word)) return true;
  return JOIN_BEFORE_LOWER.has(word) && /^[\p{Ll}\d]/u.test(next);
}

// A block of these characters, with at most a run of sentence ends (and closing quotes) at its end,
// is one sentence: none of them starts a new one in Unicode's rules (UAX #29), so the segmenter,
// dear on a long page, is not asked. Line and paragraph separators are left out: they end one.
const ONE_SENTENCE = /^[\p{L}\p{M}\p{N}\t \u00a0,;:'"“”‘’()\-–—\/&%$#@+*=]*[.!?]*["”’)]*\s*$/u;

/** The first character at or after `at`, and before `end`, that is not white space (`end` when none is). */
function skipSpace(text: string, at: number, end: number): number {
  while (at < end && /\s/.test(text[at]!)) at++;
  return at;
}

/** The sentences of a block, in order; an empty or blank block has none. */
export function splitSentences(text: string): SentenceSpan[] {
  if (ONE_SENTENCE.test(text)) {
    const end = text.trimEnd().length;
    const start = skipSpace(text, 0, end);
    return start < end ? [{ start, end }] : [];
  }
  return segmentSentences(text);
}

/** `splitSentences` by the segmenter alone, whatever the block (exported for its test). */
export function segmentSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  // A sentence starts at its first non-space character; a blank one is no sentence.
  const pushTrimmed = (start: number, end: number) => {
    start = skipSpace(text, start, end);
    if (start < end) spans.push({ start, end });
  };
  let pendingStart = -1;
  for (const { segment, index } of segmenter.segment(text)) {
    const start = pendingStart >= 0 ? pendingStart : index;
    const trimmedEnd = index + segment.trimEnd().length;
    // Merge when the segment ends in an abbreviation and the text goes on ("Feb. 12", "U.S. envoy").
    // Only the next character is read (two code units, for one outside the BMP): slicing the rest
    // of the block for each sentence cost time in the square of its length.
    const after = skipSpace(text, index + segment.length, text.length);
    if (after < text.length && joinsNext(segment, text.slice(after, after + 2))) {
      pendingStart = start;
      continue;
    }
    pendingStart = -1;
    pushTrimmed(start, trimmedEnd);
  }
  if (pendingStart >= 0) pushTrimmed(pendingStart, text.trimEnd().length);
  return spans;
}
