// Text a hostile page or file may hold: the long runs that made expressions backtrack, or loops read
// the text again for every word, now read in one pass. Each rewrite is checked against the
// expression it replaced on random text (what it must still find), and on the hostile shapes (what
// it finds there). How long they take is `npm run bench`'s to say ("hostile text": growth when the
// text is four times as long), not a unit test's.
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { cleanText } from '@/lib/claim-review';
import { createClaimSearch } from '@/lib/claim-search';
import { extractBlocks } from '@/lib/extract';
import { isWhiteSpace, startsSentence } from '@/lib/sentences';
import { cleanPost } from '@/lib/matching/post-text';
import { tokenize } from '@/lib/normalize';
import { ldJsonScripts, parsePackText } from '@/lib/pack';
import { segmentSentences, splitSentences } from '@/lib/sentences';
import { namedDates, parseDate, speaksFromNow, withoutQuotes } from '@/lib/timeline';

const textOf = (pieces: readonly string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 16 }).map((parts) => parts.join(''));
const RUNS = { numRuns: 3000 };

describe('tokenize beside links', () => {
  it('skips every word inside a link and keeps every word between them', () => {
    const text = 'see http://a.example/x and www.b.example then pic.twitter.com/Ab1 https://t.co/z end '.repeat(300);
    const words = tokenize(text).map((t) => t.norm);
    expect(words).toHaveLength(4 * 300);
    expect(new Set(words)).toEqual(new Set(['see', 'and', 'then', 'end']));
  });

  it('skips what links cover, as testing each word against every link did', () => {
    const link = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S*/giu;
    const words = /[\p{L}\p{N}]+/gu;
    fc.assert(
      fc.property(textOf(['http://a.b/c', 'www.x', 'pic.twitter.com/q', 'word', ' ', '  ', 'x.http://y', 'http', '.', 'Putin']), (text) => {
        const spans = [...text.matchAll(link)].map((m) => [m.index!, m.index! + m[0].length] as const);
        const inside = (at: number) => spans.some(([from, to]) => from <= at && at < to);
        const outside = [...text.matchAll(words)].filter((m) => !inside(m.index!)).length;
        const tokens = tokenize(text);
        expect(tokens.some((t) => inside(t.start))).toBe(false);
        expect(tokens).toHaveLength(outside);
      }),
      RUNS,
    );
  });
});

describe('a claim word\'s place after a sentence\'s start (names in a pack\'s texts)', () => {
  it('reads white space as \\s does, for every UTF-16 code unit', () => {
    for (let code = 0; code < 0x10000; code++) expect(isWhiteSpace(code), code.toString(16)).toBe(/\s/.test(String.fromCharCode(code)));
  });

  it('finds what the expression on the text between two words found', () => {
    const opener = /[.!?:"“‘(]\s*$/;
    fc.assert(
      fc.property(textOf(['.', '!', '?', ':', '"', '“', '‘', '(', ' ', '\u00a0', '\n', '\u3000', 'a', ',', ')', '”', '\ud83d\ude00']), fc.nat(), fc.nat(), (text, a, b) => {
        const from = text.length ? a % (text.length + 1) : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        expect(startsSentence(text, from, to)).toBe(opener.test(text.slice(from, to)));
      }),
      RUNS,
    );
  });
});

describe('splitSentences on runs of quotes and spaces', () => {
  it('splits as the segmenter does', () => {
    fc.assert(
      fc.property(textOf(['a', 'B', ' ', '\u00a0', '"', '”', '’', ')', '(', '.', '!', '?', '<', '[', '\n', '😀']), (text) => {
        expect(splitSentences(text)).toEqual(segmentSentences(text));
      }),
      RUNS,
    );
  });

  it('reads a long run of quotes before another character as the segmenter does', () => {
    for (const text of [`${'"'.repeat(20_000)}<`, `Talks went well ${'”'.repeat(20_000)}[`, `${')'.repeat(20_000)}😀 end.`]) {
      expect(splitSentences(text)).toEqual(segmentSentences(text));
    }
  });
});

describe('quoted words and the present perfect', () => {
  const QUOTED = /“[^”]*”|"[^"]*"|^[^“”]*”|“[^“”]*$/gu;

  it('blanks what the quote expression blanked', () => {
    fc.assert(
      fc.property(textOf(['a', ' ', '“', '”', '"', 'has been', '\n']), (text) => {
        expect(withoutQuotes(text)).toBe(text.replace(QUOTED, ' '));
      }),
      RUNS,
    );
  });

  it('reads sentences with quotes left open and long runs of white space', () => {
    expect(withoutQuotes('“a '.repeat(20_000))).toBe(`${'“a '.repeat(19_999)} `);
    expect(speaksFromNow(`${'“a '.repeat(20_000)} No date has been set`)).toBe(false);
    expect(speaksFromNow(`No date has${' '.repeat(50_000)}been set`)).toBe(true);
    expect(speaksFromNow(`It would${'\u00a0'.repeat(50_000)}have been set`)).toBe(false);
    expect(speaksFromNow(`${'"'.repeat(50_001)} No date has been set`)).toBe(true);
    expect(speaksFromNow(`${'“'.repeat(50_000)} No date has been set`)).toBe(false);
  });
});

describe('namedDates', () => {
  it('finds every date of a sentence that names thousands, each once', () => {
    const dates = namedDates('on May 12 '.repeat(5_000));
    expect(dates).toHaveLength(5_000);
    expect(dates.every((d) => d.month === 5 && d.day === 12)).toBe(true);
  });

  it('reads no day the month does not have, nor any part of it', () => {
    // Not "on February" of the current year, either.
    expect(namedDates('It was signed on February 31, 2025.')).toEqual([]);
    expect(namedDates('on 0 February 2025')).toEqual([]);
    expect(namedDates('99 February 2025')).toEqual([]);
    expect(namedDates('on February 29, 2024')).toEqual([{ month: 2, day: 29, year: 2024, text: 'February 29, 2024' }]);
    expect(namedDates('on February 29').map((d) => d.day)).toEqual([29]);
  });
});

describe('parseDate', () => {
  it('gives no date for a day or month that does not exist, or a year before 1000', () => {
    for (const value of ['2025-13-45', '2025-00-00', '2025-02-31', '2025-02-00', '0000-01-01', '0099-02-01']) expect(parseDate(value)).toBeNull();
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('2025-12')).toBe(Date.UTC(2025, 11, 1));
    expect(parseDate('1066')).toBe(Date.UTC(1066, 0, 1));
  });

  it('reads slashed, dotted and unpadded dates as their day, and what is no date as none (not 1 January)', () => {
    for (const value of ['2025/02/13', '2025.02.13', '2025-2-13', '2025/2/13 08:00']) expect(parseDate(value)).toBe(Date.UTC(2025, 1, 13));
    expect(parseDate('2025-02-5')).toBe(Date.UTC(2025, 1, 5));
    expect(parseDate('2025 Feb 13')).toBe(Date.UTC(2025, 0, 1));
    // A time zone or a second date after a whole day (xsd:date, an ISO interval) leaves the day.
    expect(parseDate('2024-03-05-05:00')).toBe(Date.UTC(2024, 2, 5));
    expect(parseDate('2025-02-12/2025-02-14')).toBe(Date.UTC(2025, 1, 12));
    for (const value of ['2025-W07', '2025/02-13', '2025,02,13']) expect(parseDate(value)).toBeNull();
  });
});

describe('extractBlocks on a long block of spaced words', () => {
  it('collapses every run of white space to one space', () => {
    const { document } = parseHTML(`<html><body><p>${'ab  '.repeat(50_000)}<br>end</p></body></html>`);
    const blocks = extractBlocks(document.documentElement, { wholeBlocks: true });
    expect(blocks.map((block) => block.text)).toEqual([`${'ab '.repeat(49_999)}ab`, 'end']);
  });
});

describe('cleanText', () => {
  it('drops tags as a tag expression does, a "<" that starts none ("3 < 5") kept', () => {
    fc.assert(
      fc.property(textOf(['<', '>', 'a', ' ', '2', '<b>', '</p>', '<!-- x -->']), (text) => {
        const expected = text.replace(/<[A-Za-z/!?][^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
        expect(cleanText(text) ?? '').toBe(expected);
      }),
      RUNS,
    );
  });

  it('keeps a text of "<" with no ">" as it is', () => {
    expect(cleanText(`${'<'.repeat(50_000)} claim`)).toBe(`${'<'.repeat(50_000)} claim`);
  });
});

describe('JSON-LD blocks of a page', () => {
  const SCRIPT = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
  const review = '{"@type":"ClaimReview","claimReviewed":"The moon is cheese"}';

  it('finds the blocks the script expression found', () => {
    fc.assert(
      fc.property(textOf(['<script', '<SCRIPT ', ' type="application/ld+json"', ' type=application/ld+json', '>', '</script>', '</SCRIPT >', '</script', review, 'x', '\n', 'type', '=']), (text) => {
        expect(ldJsonScripts(text)).toEqual([...text.matchAll(SCRIPT)].map((m) => m[1]));
      }),
      RUNS,
    );
  });

  it('refuses a page of script tags that never close, saying why', () => {
    for (const text of ['<script '.repeat(40_000), `${'<script '.repeat(40_000)}>`, '<script type="application/ld+json">'.repeat(10_000)]) {
      const parsed = parsePackText(text, { fileName: 'page.html' });
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? '' : parsed.error.join(' ')).toContain('neither JSON nor a page with JSON-LD blocks');
    }
  });
});

describe('cleanPost', () => {
  it('finds the signature after a long run of white space', () => {
    const post = cleanPost(`Minecraft is not stopping.${' '.repeat(50_000)}— Helen Z (@HelenAngel) January 2, 2020`);
    expect(post.author).toBe('Helen Z');
    expect(post.body.trim()).toBe('Minecraft is not stopping.');
  });
});

describe('claim search and a word longer than any word', () => {
  it('matches it exactly, not with typing mistakes, and answers', () => {
    const long = 'a'.repeat(60);
    const claims = [{ packId: 'p', packTitle: 'Pack P', id: 'a', text: `A ${long} claim`, summary: 'Nothing to add.', verdict: 'false' as const, context: [] }];
    const search = createClaimSearch(claims);
    expect(search.search(long).map((hit) => hit.claim.id)).toEqual(['a']);
    expect(search.search(`${long.slice(1)}b`)).toEqual([]);
    expect(search.search('a'.repeat(100_000))).toEqual([]);
  });
});
