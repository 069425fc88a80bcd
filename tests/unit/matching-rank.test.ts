import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TermIndex } from '@/lib/matching/term-index';
import { ClaimRanker, FEATURE_NAMES, FEATURE_WEIGHTS } from '@/lib/matching/rank';
import { charGrams, cleanPost, datesNamed, splitCompound, terms } from '@/lib/matching/post-text';
import { runScript } from '../helpers/run-script';

// Written for these tests in the shape of the Snopes claims: a headline, a line break, the claim.
const CLAIMS = [
  { id: 'draft-texts', text: 'Is the Army Sending Texts About a Military Draft?\nThe U.S. Army is sending text messages telling people they have been selected for the military draft.' },
  { id: 'minecraft', text: 'Is Minecraft Shutting Down?\nThe popular video game Minecraft is shutting down in 2020.' },
  { id: 'wakanda', text: 'Did the US List Wakanda as a Trading Partner?\nThe U.S. Department of Agriculture listed the fictional country of Wakanda as a free trade partner.' },
  { id: 'butterflies', text: 'Were Butterflies Filmed Drinking from a Wombat Hole?\nA video shows butterflies drinking water in a wombat burrow during the Australian bushfires.' },
  { id: 'bounty-2020', text: 'Did Iran Offer a Bounty for Trump?\nIn January 2020, Iran offered an $80 million bounty for the head of President Donald Trump.' },
  { id: 'bounty-2016', text: 'Did Iran Offer a Bounty for Trump?\nIn March 2016, Iran offered an $80 million bounty for the head of President Donald Trump.' },
  { id: 'bridge', text: 'Is the Harbour Bridge Closing for a Year?\nThe harbour bridge will close to all traffic for twelve months of repairs.' },
];

describe('cleanPost', () => {
  it('takes the signer and the date out of a trailing signature', () => {
    const post = cleanPost('Minecraft is NOT stopping. — Helen Z (@HelenAngel) January 2, 2020');
    expect(post).toEqual({ body: 'Minecraft is NOT stopping.', author: 'Helen Z', date: { year: 2020, month: 1 } });
  });

  it.each([
    ['a hyphen and a two-digit year', 'Ask Ukraine about it - Barack Obama (@BarackObama) October 04, 19', { year: 2019, month: 10 }],
    ['an en dash', 'Ask Ukraine about it – Barack Obama (@BarackObama) Oct 4, 2019', { year: 2019, month: 10 }],
  ])('reads a signature written with %s', (_, text, date) => {
    expect(cleanPost(text)).toMatchObject({ body: 'Ask Ukraine about it', author: 'Barack Obama', date });
  });

  it('leaves a post without a signature whole', () => {
    expect(cleanPost('Fraudulent texts about a military draft - beware.')).toEqual({
      body: 'Fraudulent texts about a military draft - beware.',
      author: '',
      date: null,
    });
  });

  it('drops links, including ones glued to the hashtag before them', () => {
    const { body } = cleanPost('Happy #Hanukkahpic.twitter.com/IfkdcwGENr and #DefundTheCBChttps://t.co/CsHG8R9cHp see www.example.org/x');
    expect(body).toBe('Happy Hanukkah and Defund The CBC see');
  });

  it('keeps the words of hashtags and handles and drops a retweet marker', () => {
    expect(cleanPost('RT @realDonaldTrump: #FreeIran2020 &amp; #IranProtests').body).toBe('real Donald Trump : Free Iran 2020 & Iran Protests');
    // Letters of any alphabet: the word went on past "ó", and "@José" is José, not "Jos".
    expect(cleanPost('#vacunación obligatoria, dice @José').body).toBe('vacunación obligatoria, dice José');
    // With their marks: a Hindi or Bengali vowel sign is no word break.
    expect(cleanPost('#वैक्सीन सुरक्षित है').body).toBe('वैक्सीन सुरक्षित है');
    expect(cleanPost('#টিকা নিরাপদ').body).toBe('টিকা নিরাপদ');
  });
});

describe('splitCompound', () => {
  it.each([
    ['AustralianFires', 'Australian Fires'],
    ['DefundTheCBC', 'Defund The CBC'],
    ['CBCNews', 'CBC News'],
    ['WW3', 'WW 3'],
    ['Trump2020', 'Trump 2020'],
    ['2020Election', '2020 Election'],
    ['shameful', 'shameful'],
  ])('splits %s into "%s"', (word, expected) => {
    expect(splitCompound(word)).toBe(expected);
  });
});

describe('terms', () => {
  it('stems words and drops stop words, apostrophes and accents', () => {
    expect(terms("The Army isn't sending Texts to Gonzáles")).toEqual(['armi', 'isnt', 'send', 'text', 'gonzal']);
  });
});

describe('charGrams', () => {
  it('makes 3- to 5-grams that span the gap between words, without stop words', () => {
    const grams = charGrams('the Wombat hole');
    expect(grams).toContain(' wo');
    expect(grams).toContain('t ho');
    expect(grams).toContain('hole ');
    expect(grams.some((gram) => gram.includes('the'))).toBe(false);
    expect(grams.every((gram) => gram.length >= 3 && gram.length <= 5)).toBe(true);
  });
});

describe('datesNamed', () => {
  it('finds years and months written with their year', () => {
    const { years, months } = datesNamed('In January 2020, after the Sept. 11, 2001 attacks and in 1998, then May 3 2019.');
    expect([...years].sort()).toEqual([1998, 2001, 2019, 2020]);
    expect([...months].sort()).toEqual(['2001-09', '2019-05', '2020-01']);
  });

  it('finds nothing in a text without dates', () => {
    expect(datesNamed('Minecraft may shut down.')).toEqual({ years: new Set(), months: new Set() });
  });
});

describe('TermIndex', () => {
  const index = new TermIndex([['iran', 'bounti'], ['iran', 'drone', 'strike'], ['wakanda']]);

  it('scores 0 for a document that shares no term with the query', () => {
    expect([...index.bm25(['wakanda'], { k1: 1.2, b: 0.75 })]).toEqual([0, 0, expect.any(Number)]);
  });

  it('scores a rare shared term above a common one', () => {
    const [bounty, drone] = index.bm25(['bounti', 'drone'], { k1: 1.2, b: 0.75 });
    const [withCommon] = index.bm25(['iran'], { k1: 1.2, b: 0.75 });
    expect(bounty).toBeGreaterThan(withCommon!);
    expect(drone).toBeGreaterThan(withCommon!);
  });

  it('gives cosine 1 to a document identical to the query', () => {
    expect(index.cosine(['iran', 'drone', 'strike'])[1]).toBeCloseTo(1, 10);
  });
});

describe('ClaimRanker', () => {
  const ranker = new ClaimRanker(CLAIMS);
  const firstFor = (post: string) => ranker.rank(post, 1)[0]?.id;

  it.each([
    ['a warning about draft texts', 'Fact check: the U.S. Army is NOT contacting anyone about the draft. If you get texts about a military draft, they are fake. — U.S. Army CGSC (@USACGSC) January 8, 2020', 'draft-texts'],
    ['a hashtag-only mention', 'Not true!!! #MinecraftShutdown https://t.co/x — Helen Z (@HelenAngel) January 2, 2020', 'minecraft'],
    ['a different word form', 'Wakanda is listed as a US free trade partner on the USDA website?? pic.twitter.com/xcq1OFTIPh', 'wakanda'],
    ['a post with misspellings', 'butterflys drinkin from a wombats hole in the #AustralianFires pic.twitter.com/0eJtwJyS1J', 'butterflies'],
  ])('ranks the claim a post is about first: %s', (_, post, expected) => {
    expect(firstFor(post)).toBe(expected);
  });

  it('prefers the claim that names the month the post is dated', () => {
    const post = "Iran's regime just announced an $80 million bounty for the head of Trump. — M. H. (@hanif) January 5, 2020";
    expect(ranker.rank(post, 2).map((claim) => claim.id)).toEqual(['bounty-2020', 'bounty-2016']);
    expect(firstFor(post.replace('January 5, 2020', 'March 5, 2016'))).toBe('bounty-2016');
  });

  it('returns at most `top` claims, best first', () => {
    const ranked = ranker.rank('Iran bounty Trump Minecraft Wakanda draft', 3);
    expect(ranked).toHaveLength(3);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(ranked[1]!.score);
    expect(ranked[1]!.score).toBeGreaterThanOrEqual(ranked[2]!.score);
  });

  it('breaks ties in favour of the claim listed first', () => {
    const twins = new ClaimRanker([
      { id: 'b', text: 'Minecraft is shutting down.' },
      { id: 'a', text: 'Minecraft is shutting down.' },
    ]);
    expect(twins.rank('Is Minecraft shutting down?', 2).map((claim) => claim.id)).toEqual(['b', 'a']);
  });

  it('returns an empty list for a post that shares nothing with any claim', () => {
    expect(ranker.rank('🙂 🙂 🙂', 5)).toEqual([]);
  });

  it('has a fitted weight for every signal', () => {
    expect(Object.keys(FEATURE_WEIGHTS).sort()).toEqual([...FEATURE_NAMES].sort());
  });
});

describe('rank CLI', () => {
  let dir: string;
  const write = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlight-rank-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one line per query with the top claim ids, best first', async () => {
    const claims = write('claims.jsonl', CLAIMS.map((claim) => JSON.stringify(claim)));
    const queries = write('queries.jsonl', [
      JSON.stringify({ id: 'q1', text: 'Minecraft is NOT shutting down in 2020' }),
      '',
      JSON.stringify({ id: 7, text: 'The USDA listed Wakanda as a trade partner' }),
    ]);
    const { code: status, stdout, stderr } = await runScript('rank', '--claims', claims, '--queries', queries, '--top', '2');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ query: 'q1', ranked: ['minecraft', expect.any(String)] });
    expect(lines[1]).toMatchObject({ query: '7', ranked: ['wakanda', expect.any(String)] });
    // A file an editor saved with a byte-order mark reads the same.
    const marked = write('queries-bom.jsonl', [`\uFEFF${JSON.stringify({ id: 'q1', text: 'Minecraft is NOT shutting down in 2020' })}`]);
    const again = await runScript('rank', '--claims', claims, '--queries', marked, '--top', '2');
    expect([again.code, again.stderr, JSON.parse(again.stdout.trim())]).toEqual([0, '', lines[0]]);
    // So does one Windows' Notepad saved as UTF-16.
    const wide = join(dir, 'queries-utf16.jsonl');
    writeFileSync(wide, Buffer.from(`\uFEFF${JSON.stringify({ id: 'q1', text: 'Minecraft is NOT shutting down in 2020' })}\n`, 'utf16le'));
    const utf16 = await runScript('rank', '--claims', claims, '--queries', wide, '--top', '2');
    expect([utf16.code, utf16.stderr, JSON.parse(utf16.stdout.trim())]).toEqual([0, '', lines[0]]);
    // A reader that stops after the first line ends the ranking quietly.
    const many = write('queries-many.jsonl', Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `q${i}`, text: 'Minecraft is NOT shutting down in 2020' })));
    const piped = spawnSync('bash', ['-c', `npx tsx scripts/rank.ts --claims ${claims} --queries ${many} | head -1`], { encoding: 'utf8' });
    expect(piped.stderr).not.toMatch(/EPIPE|Error/);
    expect(JSON.parse(piped.stdout.trim())).toMatchObject({ query: 'q0' });
  }, 60_000);

  describe('when an input is wrong', () => {
    it.each([
      ['a missing file', () => ['--claims', join(dir, 'nope.jsonl'), '--queries', join(dir, 'nope.jsonl')], /cannot read .*nope\.jsonl: no such file/],
      ['a line that is not JSON', () => ['--claims', write('bad.jsonl', ['{"id":"1","text":"ok"}', '{"id": 2,']), '--queries', write('q.jsonl', ['{"id":"q","text":"x"}'])], /bad\.jsonl:2: not valid JSON/],
      ['a record without text', () => ['--claims', write('c.jsonl', ['{"id":"1","text":"ok"}']), '--queries', write('notext.jsonl', ['{"id":"q"}'])], /notext\.jsonl:1: needs an "id" \(a string or a number\) and a string "text"/],
      ['an empty claims file', () => ['--claims', write('none.jsonl', ['']), '--queries', write('q3.jsonl', ['{"id":"q","text":"a"}'])], /none\.jsonl holds no claims/],
      ['a repeated claim id', () => ['--claims', write('twice.jsonl', ['{"id":"1","text":"a"}', '{"id":"1","text":"b"}']), '--queries', write('q2.jsonl', ['{"id":"q","text":"a"}'])], /twice\.jsonl: claim id "1" appears more than once/],
      ['an empty queries file', () => ['--claims', write('c2.jsonl', ['{"id":"1","text":"ok"}']), '--queries', write('noq.jsonl', ['', ' '])], /noq\.jsonl holds no queries/],
      ['a repeated query id', () => ['--claims', write('c3.jsonl', ['{"id":"1","text":"ok"}']), '--queries', write('qtwice.jsonl', ['{"id":"q","text":"a"}', '{"id":"q","text":"b"}'])], /qtwice\.jsonl: query id "q" appears more than once/],
      ['a number id too long to be read exactly (a post\'s id)', () => ['--claims', write('c5.jsonl', ['{"id":"1","text":"ok"}']), '--queries', write('qbig.jsonl', ['{"id":1238796483957022720,"text":"a"}'])], /qbig\.jsonl:1: a number id must be a whole number under 2\^53; write a longer one as a string/],
      ['a JSON array of records', () => ['--claims', write('array.jsonl', ['[{"id":"1","text":"ok"}, {"id":"2","text":"no"}]']), '--queries', write('q4.jsonl', ['{"id":"q","text":"a"}'])], /array\.jsonl: holds a JSON array; rank reads JSON Lines, one \{"id", "text"\} object a line/],
    ])('exits 1 with a one-line reason for %s', async (_, args, message) => {
      const { code: status, stdout, stderr } = await runScript('rank', ...args());
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }, 30_000);
  });

  describe('when the arguments are wrong', () => {
    it.each([
      ['no --claims', ['--queries', 'q.jsonl'], /--claims is required/],
      ['no --queries', ['--claims', 'c.jsonl'], /--queries is required/],
      ['a --top of 0', ['--claims', 'c.jsonl', '--queries', 'q.jsonl', '--top', '0'], /--top must be a whole number/],
      ['a --top that is not a number', ['--claims', 'c.jsonl', '--queries', 'q.jsonl', '--top', 'five'], /--top must be a whole number/],
      ['a --top written in hexadecimal', ['--claims', 'c.jsonl', '--queries', 'q.jsonl', '--top', '0x3'], /--top must be a whole number/],
      ['an unknown option', ['--claims', 'c.jsonl', '--queries', 'q.jsonl', '--k', '3'], /Unknown option '--k'/],
      ['an option given twice', ['--claims', 'c.jsonl', '--queries', 'q.jsonl', '--top', '2', '--top=3'], /--top is given more than once/],
    ])('exits 2 and prints usage for %s', async (_, args, message) => {
      const { code: status, stderr } = await runScript('rank', ...args);
      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/^usage: npm run rank -- --claims FILE\.jsonl --queries FILE\.jsonl/m);
    }, 30_000);
  });
});
