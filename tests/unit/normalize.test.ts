import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClaimIndex, findMentions } from '@/lib/matching';
import { contentStems, LINK, tokenize, wordFormsCached } from '@/lib/normalize';
import { sliceWhole } from '@/lib/whole-characters';
import { cleanPost } from '@/lib/matching/post-text';
import { segmentSentences, splitSentences } from '@/lib/sentences';
import { wordsByExpression, wordsByScanner } from '../helpers/words';

const norms = (text: string) => tokenize(text).map((t) => t.norm);
const stems = (text: string) => contentStems(text).join(' ');

describe('tokenize', () => {
  it('keeps each token’s offsets in the original text', () => {
    const text = 'The Kremlin’s “spokesman” said';
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toMatch(/^[\p{L}’]+$/u);
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(['The', 'Kremlin’s', 'spokesman', 'said']);
  });

  it.each([
    ['case and accents', 'ZELENSKY Zelenskýy Léa', ['zelensky', 'zelenskyy', 'lea']],
    ['letters no accent folds, as a keyboard without them writes them', 'Straße GROSS Søren Łukasz Đoković Kærlighed', ['strasse', 'gross', 'soren', 'lukasz', 'dokovic', 'kaerlighed']],
    ['typographic and straight possessives', 'Kremlin’s Kremlin\'s Ukraines’', ['kremlin', 'kremlin', 'ukraines']],
    ['British spellings', 'defence Harbour organised criticising', ['defense', 'harbor', 'organized', 'criticizing']],
    ['initialisms written with full stops, as without', 'C.D.C. CDC F.B.I. FBI D.C.', ['cdc', 'cdc', 'fbi', 'fbi', 'dc']],
    ['-ise words that are not British spellings', 'rise promise exercise', ['rise', 'promise', 'exercise']],
    ['irregular verbs', 'spoke met held began sought', ['speak', 'meet', 'hold', 'begin', 'seek']],
    ['number words', 'ninety-minute twenty eight seven', ['90', 'minute', '28', '7']],
    ['a unit word after tens in digits, which is a count of its own', '20 five-star hotels, a 30 seven-day wait', ['20', '5', 'star', 'hotels', 'a', '30', '7', 'day', 'wait']],
    ['a unit word after a word that is no tens, or a zero', 'ten five twenty zero', ['10', '5', '20', '0']],
    ['digits with separators', '1,200 1.5 2014', ['1200', '1.5', '2014']],
    ['counts of hundreds and thousands, as digits write them', 'fifteen hundred, ten thousand, 10 thousand, five hundred thousand', ['1500', '10000', '10000', '500000']],
    ['"a" or "one" hundred, and a count after "and"', 'a hundred and ten, one thousand and five, a hundred and twenty-five', ['110', '1005', '125']],
    ['hundreds, thousands and millions that are no figure of their own', 'thousands of the hundred days, and 2 million', ['thousands', 'of', 'the', 'hundred', 'days', 'and', '2', 'million']],
    ['a decimal point said in words, as digits write it', 'two point eight billion, one point two five, seven point one', ['2.8', 'billion', '1.25', '7.1']],
    ['"point" that makes no decimal', 'At one point two officers left; the point is five; two point, eight', ['at', 'one', 'point', '2', 'officers', 'leave', 'the', 'point', 'is', '5', '2', 'point', '8']],
    ['per cent and % as percent', '40 per cent, 40% and 40 percent', ['40', 'percent', '40', 'percent', 'and', '40', 'percent']],
    ['a scale written short after the digits as its word', '£5bn, 4.2m, $6tn, 5 bn and a m', ['5', 'billion', '4.2', 'million', '6', 'trillion', '5', 'bn', 'and', 'a', 'm']],
    ['the country, not the pronoun', 'US U.S. us', ['usa', 'usa', 'us']],
  ])('folds %s', (_, text, expected) => {
    expect(norms(text)).toEqual(expected);
  });

  it('spans a number written in words over all its words, and "%" as its own percent', () => {
    const text = 'Rates rose a hundred and ten per cent, or 40%.';
    expect(tokenize(text).map((t) => [text.slice(t.start, t.end), t.stem])).toEqual([
      ['Rates', 'rate'],
      ['rose', 'rise'],
      ['a hundred and ten', '110'],
      ['per cent', 'percent'],
      ['or', 'or'],
      ['40', '40'],
      ['%', 'percent'],
    ]);
  });

  it('stems inflections to one form', () => {
    expect(stems('negotiations negotiating negotiate')).toBe('negoti negoti negoti');
    expect(stems('agreed to begin talks')).toBe(stems('agree to begin talk'));
    expect(stems('the ninety-minute call')).toBe(stems('a 90 minute call'));
    expect(stems('the Defence Secretary')).toBe(stems('the defense secretary'));
  });

  it('skips links written out in the text, keeping the words around them and their offsets', () => {
    const text = 'A giant fossil pic.twitter.com/Gh0Aks7t7s — Ann (@ann) https://t.co/x1Y2 found.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['a', 'giant', 'fossil', 'ann', 'ann', 'found']);
    expect(text.slice(tokens[5]!.start, tokens[5]!.end)).toBe('found');
  });

  it('skips a link in capitals as the ranker’s cleaning does, whatever a last use of LINK left behind', () => {
    expect(norms('Read WWW.EXAMPLE.COM/vaccine-chip now')).toEqual(['read', 'now']);
    expect(cleanPost('Read WWW.EXAMPLE.COM/vaccine-chip now').body).toBe('Read now');
    // LINK is global: a test() by another user moves its lastIndex, which matchAll would start from.
    LINK.test('see https://a.example/x and more text here');
    expect(norms('Watch https://t.co/Xq7Zr9 now')).toEqual(['watch', 'now']);
  });

  it('reads a hashtag or a handle as the words it runs together, each with its own offsets', () => {
    const text = 'Fires spread #AustralianFires @CenterForBioDiv #COVID19 #tbt';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Fires', 'spread', 'Australian', 'Fires', 'Center', 'For', 'Bio', 'Div', 'COVID', '19', 'tbt']);
    expect(tokens[3]!.stem).toBe(tokens[0]!.stem);
    // A word that only looks compound outside a hashtag is one word ("iPhone", "McDonald").
    expect(tokenize('iPhone McDonald').map((t) => t.norm)).toEqual(['iphone', 'mcdonald']);
  });

  it('marks function words as stop words', () => {
    expect(tokenize('the call of the day').map((t) => t.stop)).toEqual([true, false, true, true, false]);
  });

  it('reads the names of an object\'s own methods as the words they are', () => {
    // Looked up in plain objects, these found the methods, and a function became the word's form.
    const words = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable'];
    for (const token of tokenize(words.join(' '))) {
      expect(typeof token.norm).toBe('string');
      expect(token.stem).toMatch(/^[a-z]+$/);
    }
    expect(tokenize('A Formula One constructor').map((t) => t.stem)).toEqual(['a', 'formula', 'one', 'constructor']);
  });

  it('keeps its cache of word forms to the pages it reads: building a claim index sets the claims\' words aside, and it reads the same after', () => {
    const claims = ['Zorblat wardens ferried quintuple anvils', 'Glimmerwick ledgers doubled overnight'].map((text, i) => ({ id: `c${i}`, text, verdict: 'false' as const }));
    const before = tokenize('Zorblat wardens ferried quintuple anvils across the bay');
    const index = buildClaimIndex(claims);
    expect(wordFormsCached()).toBe(0);
    expect(tokenize('Zorblat wardens ferried quintuple anvils across the bay')).toEqual(before);
    expect(wordFormsCached()).toBeGreaterThan(0);
    expect(findMentions([{ text: 'The Zorblat wardens ferried quintuple anvils across the bay.' }], index).map((m) => m.claimId)).toEqual(['c0']);
  });
});

describe('tokenize: what a page hides inside its words', () => {
  it('reads a word hyphenated with soft hyphens, broken by a zero-width space, written with combining accents or with a modifier apostrophe as the word', () => {
    expect(norms('nego\u00adtiations with Zelen\u00adsky')).toEqual(norms('negotiations with Zelensky'));
    expect(norms('Peskov\u200b said')).toEqual(norms('Peskov said'));
    expect(norms('the e\u0301lection in Bogota\u0301')).toEqual(norms('the élection in Bogotá'));
    // The modifier letter apostrophe (U+02BC), which Ukrainian keyboards type, is an apostrophe.
    expect(norms('Ukraine\u02bcs president won\u02bct')).toEqual(norms('Ukraine’s president won’t'));
    // The token still spans the word as the page wrote it, for the mark.
    const text = 'nego\u00adtiations began';
    expect(tokenize(text)[0]).toMatchObject({ start: 0, end: 13 });
  });
});

describe('nextWord', () => {

  it.each([
    ['initialisms', 'The U.S. and U.K. met; A.B tried. É.Ü. too, 𝐀.𝐁. and 𝐀.B.C'],
    ['numbers', '1,250.5 people, 3.4.5, 12. and 7,a 2020Election 99,'],
    ['apostrophes', "don't Kremlin’s rock'n2 o'' ’tis l'É 'quoted'"],
    ['other scripts', 'Zelenskyy Зеленський 習近平 ٣٤ x² 𝑛𝑚 Ǆemal ﬁne'],
    ['invisible characters and combining accents', 'nego\u00adtiations Zelen\u200bsky e\u0301lection \u00adlead 7\u0301 don\u00ad\'t'],
    ['lone surrogates', 'a\ud835b \udc5b c\ud835'],
  ])('finds what the expression finds: %s', (_, text) => {
    expect(wordsByScanner(text)).toEqual(wordsByExpression(text));
  });

  it('finds what the expression finds past more distinct characters than it keeps classes of', () => {
    // 12,000 CJK ideographs and as many digits of other scripts, words of three, then again.
    const chars = Array.from({ length: 12_000 }, (_, i) => String.fromCodePoint(0x4e00 + i));
    const text = [0, 1].map(() => chars.map((c, i) => (i % 3 === 2 ? `${c} ٣.` : c)).join('')).join(' U.S. ');
    expect(wordsByScanner(text)).toEqual(wordsByExpression(text));
  });

  it('finds what the expression finds in every test page and in random texts', () => {
    const pages = ['tests/fixtures/pages', 'tests/fixtures/eval-extra/pages', 'tests/fixtures/eval-extra-2/pages', 'tests/fixtures/demo'];
    for (const dir of pages) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(wordsByScanner(text)).toEqual(wordsByExpression(text));
      }
    }
    // Random texts over the characters where the rules differ, from a fixed seed.
    const alphabet = ['a', 'Z', 'É', 'é', '7', '0', '.', ',', "'", '’', ' ', '-', '²', '٣', '𝑛', '𝐀', 'Ǆ', '\ud835', '\udc00', 'ß', 'İ', '\u00ad', '\u200b', '\u0301'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 14) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(wordsByScanner(text), JSON.stringify(text)).toEqual(wordsByExpression(text));
    }
  });
});

describe('splitSentences', () => {
  const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

  it.each([
    ['titles', 'Mr. Trump spoke to Dr. Smith. Then he left.', ['Mr. Trump spoke to Dr. Smith.', 'Then he left.']],
    ['initialisms', 'The U.S. envoy arrived. The U.K. did not.', ['The U.S. envoy arrived.', 'The U.K. did not.']],
    ['abbreviated months before a day', 'It was Feb. 12, 2025. Talks began.', ['It was Feb. 12, 2025.', 'Talks began.']],
    ['"no." at the end of a sentence', 'Trump said no. He left.', ['Trump said no.', 'He left.']],
    ['quotes', 'He said: “It is over.” Then silence.', ['He said: “It is over.”', 'Then silence.']],
    // A contraction's last letter is no initial: a fact-check's short denial is a sentence of its own.
    ['a contraction at the end of a sentence', "Did ridership halve? It didn't. Counts show a 16% fall. They can't.", ['Did ridership halve?', "It didn't.", 'Counts show a 16% fall.', "They can't."]],
    ['an initial after an opening quote', "He wrote 'J. Smith was here.' Then left.", ["He wrote 'J. Smith was here.'", 'Then left.']],
    // What follows an abbreviation is read past any white space, and a letter outside the BMP whole.
    ['spaces and lines after an abbreviation', 'It was Feb.\u00a0\n 12, 2025. Talks began.', ['It was Feb.\u00a0\n 12, 2025.', 'Talks began.']],
    ['a lower-case letter outside the BMP', 'It cost approx. 𝑛 dollars. Then it rose.', ['It cost approx. 𝑛 dollars.', 'Then it rose.']],
    // An initialism, an initial or "St." that ends a sentence, before a whole word that opens one;
    // a word that only starts like one ("Attorney's", "Anthony's", "Interior") goes on.
    ['an initialism at the end of a sentence', 'Kyiv relies on weapons from the U.S. The Kremlin objects. The U.S. State Department agrees.', ['Kyiv relies on weapons from the U.S.', 'The Kremlin objects.', 'The U.S. State Department agrees.']],
    ['more words that open a sentence after an initialism', 'Kyiv wanted more from the U.S. Earlier, in January, aid was frozen. It came from the U.S. According to officials, it stopped.', ['Kyiv wanted more from the U.S.', 'Earlier, in January, aid was frozen.', 'It came from the U.S.', 'According to officials, it stopped.']],
    ['words that start like a sentence opener', "Prosecutors at the U.S. Attorney's Office said so. He was taken to St. Anthony's Hospital. The U.S. Interior Department said so. Judge Emily A. Hewitt ruled.", ["Prosecutors at the U.S. Attorney's Office said so.", "He was taken to St. Anthony's Hospital.", 'The U.S. Interior Department said so.', 'Judge Emily A. Hewitt ruled.']],
    ['a three-letter opener after an initial', 'The cap covers Part B. The plan does not.', ['The cap covers Part B.', 'The plan does not.']],
    ['a single capital at the end of a sentence', 'The cap covers Part B. It does not cover private plans. George W. Bush signed it.', ['The cap covers Part B.', 'It does not cover private plans.', 'George W. Bush signed it.']],
    ['"St." at the end of a sentence', 'He works in Downing St. He left at noon. St. Paul is near.', ['He works in Downing St.', 'He left at noon.', 'St. Paul is near.']],
    // A person's or a place's initials, like "U.S.", go on before a name; a time of day only before
    // a small word, a digit, a day or a month.
    ['initials before a name', 'He met Vice President J.D. Vance and George H.W. Bush. The L.A. Times said so. Author J.K. Rowling agreed. J.D. Vance left.', ['He met Vice President J.D. Vance and George H.W. Bush.', 'The L.A. Times said so.', 'Author J.K. Rowling agreed.', 'J.D. Vance left.']],
    ['initials at the end of a sentence', 'The gun was held by the F.B.I. Investigators found it. He moved to L.A. Prices there were high.', ['The gun was held by the F.B.I.', 'Investigators found it.', 'He moved to L.A.', 'Prices there were high.']],
    ['a time of day', 'Talks begin at 10 a.m. Wednesday. They met at 5 p.m. Officials said little. It ends at 6 p.m. on Friday.', ['Talks begin at 10 a.m. Wednesday.', 'They met at 5 p.m.', 'Officials said little.', 'It ends at 6 p.m. on Friday.']],
    // A sentence that opens with a figure after one that ends with a figure; a decimal, a page's
    // number and a day after an abbreviated month go on.
    ['a figure opening a sentence after a figure', 'Drones hit Kyiv on Feb. 3. 12 people were killed. It rose in 2019. 2024 was different. The rate is 3.5 percent, p. 12 says.', ['Drones hit Kyiv on Feb. 3.', '12 people were killed.', 'It rose in 2019.', '2024 was different.', 'The rate is 3.5 percent, p. 12 says.']],
    ['"vs." and "Mt."', 'Trump vs. Harris was the race. They climbed Mt. Everest.', ['Trump vs. Harris was the race.', 'They climbed Mt. Everest.']],
    // A footnote's marker stays with the sentence it follows; a quotation opened after a full stop
    // goes with the sentence it opens.
    ['footnote markers', 'Peskov spoke on Thursday.[1] The call went well.(2) Then he left. It ended.[3]', ['Peskov spoke on Thursday.[1]', 'The call went well.(2)', 'Then he left.', 'It ended.[3]']],
    ['a quotation opened after a full stop', 'It went well.“Next time,” he said.', ['It went well.', '“Next time,” he said.']],
    // A title joined to the word before it; titles of several people; an example; a time zone.
    ['a title after a hyphen, a dash or a bracket', 'In 2002, then-Sen. Joe Biden voted for it. The sponsor—Sen. Elizabeth Warren—said so. He [Gov. Newsom] agreed.', ['In 2002, then-Sen. Joe Biden voted for it.', 'The sponsor—Sen. Elizabeth Warren—said so.', 'He [Gov. Newsom] agreed.']],
    ['titles of several people, and the same word in lower case', 'Sens. Lindsey Graham and Chuck Schumer signed. Reps. Omar and Cruz did not. He met the sales reps. Then he left.', ['Sens. Lindsey Graham and Chuck Schumer signed.', 'Reps. Omar and Cruz did not.', 'He met the sales reps.', 'Then he left.']],
    ['"e.g." and "i.e." before a name', 'Several members, e.g. Germany and France, objected. One held out, i.e. Hungary. Then talks ended.', ['Several members, e.g. Germany and France, objected.', 'One held out, i.e. Hungary.', 'Then talks ended.']],
    ['a time zone after a time of day, not a place', 'Polls close at 8 p.m. ET in most states. The storm hit at 4 a.m. Eastern Kentucky was worst hit.', ['Polls close at 8 p.m. ET in most states.', 'The storm hit at 4 a.m.', 'Eastern Kentucky was worst hit.']],
    ['a word joined to the one before it that is no title', 'The console is next-gen. It ships in May. Winds reached 120 km/h. Residents fled. Built by non-U.S. firms. Most were non-U.S. The rest were local.', ['The console is next-gen.', 'It ships in May.', 'Winds reached 120 km/h.', 'Residents fled.', 'Built by non-U.S. firms.', 'Most were non-U.S.', 'The rest were local.']],
  ])('handles %s', (_, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  /** Random texts of pieces of an alphabet, the same every run, each of up to `longest` pieces. */
  function randomTexts(alphabet: string[], count: number, longest: number, seed: number): string[] {
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(random() * longest) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
  }

  // The splitter reads Unicode's sentence rules itself for blocks of common characters, and asks
  // the segmenter only for the rest: both must break where the segmenter does.
  it('breaks where the segmenter does, on random text of the characters it reads by the rules itself', () => {
    const alphabet = ['a', 'b', 'B', 'Z', 'é', 'É', 'ß', 'ÿ', '×', '÷', '7', '0', ' ', ' ', '\u00a0', '\t', '.', '.', '!', '?', '…', ',', ';', ':', '-', '–', '—', '"', "'", '“', '”', '‘', '’', '(', ')', '[', ']', '{', '}', '«', '»', '&', '/', '%', '$', '#', '@', '+', '*', '=', '_', '<', '>', '|', '~', '^', '`', '·', '•', '€', '£', '©', '°', 'Mr', 'U.S', 'Feb', 'e.g'];
    const fixed = ['It rose 3.5 percent. Then it fell.', 'The U.S. envoy left.  “Why?” she asked.', 'He said so (twice). a small word follows.', 'Wait... What? No!'];
    for (const text of [...randomTexts(alphabet, 20_000, 24, 11), ...fixed]) expect(splitSentences(text), JSON.stringify(text)).toEqual(segmentSentences(text));
  });

  it('returns nothing for a blank block', () => {
    expect(splitSentences('   ')).toEqual([]);
  });

  it('splits as the segmenter does where it does not ask it (a block that is plainly one sentence)', () => {
    const alphabet = ['a', 'B', 'é', '7', ' ', '\u00a0', '\t', '\n', '\u2029', '.', '!', '?', '…', '。', ',', ';', ':', '"', '“', '”', '’', "'", '(', ')', '-', '—', '/', '%', 'Mr', 'U.S', 'É'];
    const fixed = ['A plain sentence, with “quotes” and (brackets) — and a dash.', 'He said “no.”  ', '  Leading space and no end', 'Two? Sentences.'];
    for (const text of [...randomTexts(alphabet, 3000, 16, 5), ...fixed]) expect(splitSentences(text), JSON.stringify(text)).toEqual(segmentSentences(text));
  });
});

describe('sliceWhole', () => {
  it('never cuts a character outside the Basic Plane in two', () => {
    const text = 'a\u{1F600}b\u{2000B}';
    expect(sliceWhole(text, 0, 2)).toBe('a');
    expect(sliceWhole(text, 2)).toBe('b\u{2000B}');
    expect(sliceWhole(text, 0, 3)).toBe('a\u{1F600}');
    expect(sliceWhole(text, 1, 2)).toBe('');
    expect(sliceWhole('plain text', 2, 6)).toBe('ain ');
  });
});
