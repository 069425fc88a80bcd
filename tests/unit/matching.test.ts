import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { expectBundledPack } from '@/lib/bundled-pack';
import { buildClaimIndex, decide, FEATURE_NAMES, findMentions, matchBlocks, MODEL, probability, scorePairs, thresholdsFor, type ClaimIndex, type MatchableClaim, type ScoredPair } from '@/lib/matching';
import { candidateClaims, candidateScratch } from '@/lib/matching/candidates';
import { barRaised, looseFloor } from '@/lib/matching/model';
import { twinsAt } from '@/lib/matching/find-mentions';
import { spellingKey } from '@/lib/matching/claim-index';
import { coverageBy } from '@/lib/matching/features';
import { findSequence, prepareSentence } from '@/lib/matching/cues';
import { asksWhether, framesAStatement, passesOnHearsay } from '@/lib/matching/framing';
import { canonicalStem, NEAR_MEANING, nearMeanings, synonymsOf } from '@/lib/matching/lexicon';
import { extractBlocks } from '@/lib/extract';
import { tokenize } from '@/lib/normalize';
import { scanDocument } from '@/lib/page-scan';
import { pageDate } from '@/lib/timeline';

// Sentences written for these tests; none is taken from the eval pages.
const pack = expectBundledPack();
const index = buildClaimIndex(pack.claims.map((c) => ({ ...c, packId: pack.id })));
const FEB_13 = Date.UTC(2025, 1, 13);
const AUG_20 = Date.UTC(2025, 7, 20);
/** A rated statement someone made, as a fact-checker's review gives it: the tests of the rules for such statements use it. */
const WAITING_LIST_STATEMENT = { id: 'a', text: 'One in five people in Calderbridge is on a hospital waiting list.', claimant: 'Miriam Ashdown (Health Secretary)', verdict: 'false' as const, ratingLabel: 'Misleading' };

/** One sentence of a page as the decision sees it at the default sensitivity: its pairs' claims by
 * probability, likeliest first, and the claims it marks and lists. */
function judgedAt(index: ClaimIndex, blocks: { text: string }[], sentence: string) {
  const pairs = scorePairs(blocks, index).filter((p) => p.text === sentence);
  const found = decide(pairs, 0.5);
  const p = pairs.map((pair) => [pair.claim.claim.id, probability(pair.features)] as const).sort((x, y) => y[1] - x[1]);
  return { p, marked: found.mentions.map((m) => m.claimId), related: found.related.map((m) => m.claimId) };
}

/** The page pass (`matchBlocks`) marks and lists what deciding over every pair does, at three sensitivities. */
function expectPassAsDecided(index: ClaimIndex, blocks: { text: string }[]): void {
  for (const sensitivity of [0, 0.5, 1]) expect(matchBlocks(blocks, index, { sensitivity })).toEqual(decide(scorePairs(blocks, index), sensitivity));
}

const claimsIn = (blocks: string[], pageDate: number | null = FEB_13, sensitivity?: number) =>
  findMentions(blocks.map((text) => ({ text })), index, { pageDate, sensitivity }).map((m) => m.claimId);

describe('findMentions', () => {
  describe('finds paraphrases a reader would recognise', () => {
    it.each([
      ['Putin and Trump agreed to begin talks on ending the war without delay.', 'call-agreed-negotiations'],
      ['The Kremlin’s spokesman said the ninety-minute call went well.', 'call-duration-90-minutes'],
      ['Their phone conversation lasted an hour and a half, Peskov said.', 'call-duration-90-minutes'],
      ['The defence secretary told the Ukraine Defense Contact Group in Brussels that joining Nato was unrealistic.', 'trump-hegseth-nato-unlikely'],
      ['Pete Hegseth, on his first trip to Nato headquarters, told Ukraine’s backers not to expect membership.', 'hegseth-nato-summit-venue-sequence'],
      // "The Kremlin spokesman" is Peskov by a title mined from the pack's own texts.
      ['The Kremlin spokesman dismissed the idea of trading territory as impossible.', 'peskov-rejects-swap'],
      ['Zelensky floated swapping the land his troops hold in Kursk for occupied Ukrainian territory.', 'kursk-territory-swap'],
      ['Trump added that some of the territory would come back to Ukraine.', 'some-land-will-come-back'],
    ])('%s', (sentence, claimId) => {
      expect(claimsIn([sentence])).toContain(claimId);
    });
  });

  it('judges a sentence that dates its events weeks after the claim’s day as telling other events, a day of the week read around the page’s date', () => {
    const MARCH_19 = Date.UTC(2025, 2, 19);
    const later = 'Zelensky said his call with Trump on Wednesday had been good and detailed.';
    const marked = (text: string, pageDate: number) => findMentions([{ text }], index, { pageDate }).map((m) => m.claimId);
    // Five weeks after the call, still within the weeks it is news: Wednesday is 19 March.
    expect(marked(later, MARCH_19)).not.toContain('zelensky-good-detailed-call');
    // The day after the call, Wednesday is the call's day.
    expect(marked(later, FEB_13)).toContain('zelensky-good-detailed-call');
    // A date written out a week after the call is past its days too; one on its day is not.
    expect(marked('Zelensky said on 14 March that his call with Trump had been good and detailed.', MARCH_19)).not.toContain('zelensky-good-detailed-call');
    expect(marked('Zelensky said on 12 February that his call with Trump had been good and detailed.', MARCH_19)).toContain('zelensky-good-detailed-call');
    // A day's name in a paper's name dates nothing: on a page within the weeks the call is news, the
    // sentence is read as current.
    const FEB_24 = Date.UTC(2025, 1, 24);
    expect(marked('Zelensky said his call with Trump had been good and detailed, the Mail on Sunday reported.', FEB_24)).toContain('zelensky-good-detailed-call');
  });

  it('places a date without a year by the claim’s days on a page that gives no date of its own', () => {
    // With no page date, "12 February" was read as this year's, past the call's days, and the
    // mention went. A year given still decides.
    expect(claimsIn(['The Kremlin’s spokesman said the ninety-minute call on 12 February went well.'], null)).toContain('call-duration-90-minutes');
    expect(claimsIn(['The Kremlin’s spokesman said the ninety-minute call on 12 February 2025 went well.'], null)).toContain('call-duration-90-minutes');
    expect(claimsIn(['The Kremlin’s spokesman said the ninety-minute call on 12 February 2019 went well.'], null)).not.toContain('call-duration-90-minutes');
    // Placed by the claim's days, a day far from them still rules the sentence out.
    expect(claimsIn(['The Kremlin’s spokesman said the ninety-minute call on 3 August went well.'], null)).not.toContain('call-duration-90-minutes');
    expect(claimsIn(['The Kremlin’s spokesman said the ninety-minute call in October went well.'], null)).not.toContain('call-duration-90-minutes');
  });

  it('reads a date after "since" as no time of events, however the date is written', () => {
    expect(claimsIn(['Peskov said the phone call, the first since Oct. 7, went on for close to an hour and a half.'], FEB_13)).toContain('call-duration-90-minutes');
    expect(claimsIn(['Peskov said the phone call, the first since February 2022, went on for close to an hour and a half.'], FEB_13)).toContain('call-duration-90-minutes');
  });

  it('reads a month the claim itself names as the claim’s own time, and a date still to come as none', () => {
    // A pack's own account of a week's events (no review's rating), whose dates rule other times out.
    const tariffs = { id: 'tariffs-april', text: 'Trump announced that sweeping tariffs on imports from Canada and Mexico would take effect on April 2.', claimDate: '2025-03-05', verdict: 'accurate' as const };
    const marked = (text: string, pageDate: number) => findMentions([{ text }], buildClaimIndex([tariffs]), { pageDate }).map((m) => m.claimId);
    const MAY_6 = Date.UTC(2025, 4, 6);
    // Read the day after, "April 2" is still to come; read in May, it is the claim's own date.
    expect(marked('Trump announced that sweeping tariffs on imports from Canada and Mexico would take effect on April 2.', Date.UTC(2025, 2, 6))).toEqual(['tariffs-april']);
    expect(marked('On March 5 Trump announced that sweeping tariffs on imports from Canada and Mexico would take effect on April 2.', MAY_6)).toEqual(['tariffs-april']);
    expect(marked('Trump announced that sweeping tariffs on imports from Canada and Mexico would take effect on April 2.', MAY_6)).toEqual(['tariffs-april']);
    // Another month is another time.
    expect(marked('Trump announced that sweeping tariffs on imports from Canada and Mexico would take effect on 9 July.', Date.UTC(2025, 7, 6))).toEqual([]);
    // A plan's date, still to come, rules nothing out.
    expect(claimsIn(['The Kremlin’s spokesman said the ninety-minute call went well, and that talks could begin in March.'], FEB_13)).toContain('call-duration-90-minutes');
  });

  it('reads no time of events in a name or a deadline after "by"', () => {
    // "April" and "2030", read as times, ruled the call of 12 February out.
    const AFTER_APRIL = Date.UTC(2025, 4, 20);
    expect(claimsIn(['Asked by April Ryan, the Kremlin’s spokesman said the ninety-minute call had gone well.'], FEB_13)).toContain('call-duration-90-minutes');
    expect(claimsIn(['The Kremlin’s spokesman said the ninety-minute call had gone well and hoped for a settlement by 2030.'], FEB_13)).toContain('call-duration-90-minutes');
    // "In April" is a time: on a page of May, the call of February is not what the sentence tells.
    expect(claimsIn(['In April the Kremlin’s spokesman said the ninety-minute call had gone well.'], AFTER_APRIL)).not.toContain('call-duration-90-minutes');
  });

  it('reports the span, score and matched cues of a mention', () => {
    const block = 'Unrelated opening. The Kremlin’s spokesman said the ninety-minute call went well.';
    const [mention] = findMentions([{ text: block }], index, { pageDate: FEB_13 });
    expect(mention).toMatchObject({ claimId: 'call-duration-90-minutes', packId: pack.id, block: 0, text: 'The Kremlin’s spokesman said the ninety-minute call went well.' });
    expect(block.slice(mention!.start, mention!.end)).toBe(mention!.text);
    expect(mention!.cues).toEqual(['ninety-minute', 'call']);
    expect(mention!.score).toBeGreaterThan(0.6);
  });

  describe('does not fire on the same people in another event', () => {
    it.each([
      ['the 19 May 2025 two-hour call', ['On 19 May, Trump and Putin spoke by phone for more than two hours, and Trump said Russia and Ukraine would start negotiations immediately.'], AUG_20],
      ['the May call, on a page from that week', ['Trump and Putin spoke for two hours on Monday and agreed that talks would start at once.'], Date.UTC(2025, 4, 20)],
      ['the Anchorage summit', ['Putin closed the Anchorage news conference with an invitation: next time in Moscow.', 'Trump and Putin met face to face at a base in Alaska for nearly three hours of talks.'], Date.UTC(2025, 7, 16)],
      ['the Oval Office clash of 28 Feb 2025', ['On 28 February, Zelensky’s meeting with Trump and Vance in the Oval Office ended in a shouting match.'], Date.UTC(2025, 2, 1)],
      ['the 2019 impeachment call', ['In July 2019, Trump spoke by phone with Zelensky and pressed him to investigate a rival.'], FEB_13],
      ['the 2018 Helsinki summit', ['The two leaders last met in Helsinki in 2018, where Trump appeared to side with Putin.'], FEB_13],
    ])('%s', (_, blocks, pageDate) => {
      expect(claimsIn(blocks, pageDate)).toEqual([]);
    });
  });

  it('reads a later page’s sentence as current only once its narrative returns to the claim’s time', () => {
    const later = ['Zelensky met Trump and Vance again last week.', 'The shift began in February.', 'Trump told reporters that Ukrainian membership of Nato was not practical.'];
    expect(claimsIn(later, AUG_20)).toEqual(['trump-hegseth-nato-unlikely']);
    expect(claimsIn([later[2]!], AUG_20)).toEqual([]);
  });

  it('reads a sentence in the writer’s present perfect as the later page’s own time, not its look back', () => {
    const later = ['The shift began in February.', 'Trump named no date for meeting Putin, but said it would be in Saudi Arabia.'];
    expect(claimsIn(later, AUG_20)).toEqual(['saudi-arabia-meeting']);
    const now = [later[0]!, 'Trump has named no date for meeting Putin, but has said it will be in Saudi Arabia.'];
    expect(claimsIn(now, FEB_13)).toEqual(['saudi-arabia-meeting']);
    expect(claimsIn(now, AUG_20)).toEqual([]);
  });

  it('finds a checked statement repeated months after it was made, where a claim about a report’s events would be old news', () => {
    const statement = { id: 'reservoir-low', text: 'The Dunmore reservoir is at its lowest level in fifty years.', claimant: 'Mayor Ines Ortega', claimDate: '2024-03-05', verdict: 'imprecise' as const, ratingLabel: 'Half True' };
    const event = { ...statement, telling: { report: { title: 'Dunmore Courier, 5 March 2024' } } };
    // A pack's own claim, with no review's rating: an account of that week's events.
    const { ratingLabel: _, ...ownClaim } = statement;
    const page = ['Mayor Ines Ortega has repeated her warning that the Dunmore reservoir is at its lowest level in fifty years.'];
    const found = (claim: Omit<typeof statement, 'ratingLabel'> & { ratingLabel?: string }, pageDate: number) => findMentions(page.map((text) => ({ text })), buildClaimIndex([claim]), { pageDate }).map((m) => m.claimId);
    const october = Date.UTC(2024, 9, 1);
    expect(found(statement, Date.UTC(2024, 2, 6))).toEqual(['reservoir-low']);
    expect(found(statement, october)).toEqual(['reservoir-low']);
    expect(found(event, Date.UTC(2024, 2, 6))).toEqual(['reservoir-low']);
    expect(found(event, october)).toEqual([]);
    expect(found(ownClaim, Date.UTC(2024, 2, 6))).toEqual(['reservoir-low']);
    expect(found(ownClaim, october)).toEqual([]);
    // Not on a page written before it was said.
    expect(found(statement, Date.UTC(2023, 9, 1))).toEqual([]);
  });

  it('finds nothing on a page written before the claims were made', () => {
    expect(claimsIn(['Russia annexed Crimea in 2014 and invaded in full in 2022.'], Date.UTC(2023, 5, 1))).toEqual([]);
    expect(claimsIn(['Russia annexed Crimea in 2014 and invaded in full in 2022.'], AUG_20)).toEqual(['background-2014-2022']);
  });

  it('does not judge a sentence that shares only a date with a claim: a month and a year say when, not what', () => {
    const built = buildClaimIndex([{ id: 'a', text: 'A comet named Vellara will pass close to Earth on 14 June 2031.', verdict: 'false' }]);
    const scored = (text: string) => scorePairs([{ text }], built).filter((p) => p.claim.claim.id === 'a').length;
    expect(scored('Okafor, Ngozi (14 June 2031). Notes on harbour tides.')).toBe(0);
    expect(scored('Okafor, Ngozi (Jun. 14, 2031). Notes on harbour tides.')).toBe(0);
    expect(scored('The comet will pass close to us in June 2031.')).toBe(1);
  });

  it('needs every key term, not just the same names', () => {
    expect(claimsIn(['Trump and Putin spoke about many things.', 'Zelensky visited Munich.'])).toEqual([]);
  });

  it('takes a name from the sentence before only for a sentence that points back to it', () => {
    const before = 'Trump spoke to Putin for almost an hour and a half.';
    // Marked or listed as possibly related: what the second sentence is judged to be about.
    const inSecond = (second: string) => {
      const { mentions, related } = matchBlocks([{ text: before }, { text: second }], index, { pageDate: FEB_13 });
      return [...mentions, ...related].filter((m) => m.block === 1).map((m) => m.claimId);
    };
    expect(inSecond('Then he phoned Zelensky.')).toContain('zelensky-call-lasting-peace');
    expect(inSecond('Zelensky phoned.')).not.toContain('zelensky-call-lasting-peace');
    // "he" may be the other man named: nothing is borrowed then.
    expect(inSecond('Then he phoned Zelensky and Macron.')).not.toContain('zelensky-call-lasting-peace');
    // Only names are borrowed, never what happened: the duration must be in the sentence itself.
    expect(inSecond('Then he spoke to Zelensky.')).not.toContain('call-duration-90-minutes');
  });

  it('marks a paraphrase of a claim that came without cues, and not a sentence on a nearby subject', () => {
    const imported = buildClaimIndex([
      { id: 'a', text: 'A shark was photographed swimming on a flooded Houston highway after the hurricane.', verdict: 'false' },
      { id: 'b', text: 'Drinking hot water cures the flu.', verdict: 'false' },
    ]);
    const find = (text: string) => findMentions([{ text }], imported).map((m) => m.claimId);
    expect(find('Viral photo shows a shark swimming on a flooded highway in Houston after the hurricane.')).toEqual(['a']);
    expect(find('Drinking water was scarce in Houston after the hurricane.')).toEqual([]);
    expect(find('The hurricane closed schools across Houston.')).toEqual([]);
  });

  it('finds a claim in words a page hyphenates with soft hyphens or writes with combining accents', () => {
    const imported = buildClaimIndex([{ id: 'a', text: 'A shark was photographed swimming on a flooded Houston highway after the hurricane.', verdict: 'false' }]);
    const find = (text: string) => findMentions([{ text }], imported).map((m) => [m.claimId, m.text]);
    const hidden = 'Viral photo shows a shark swim\u00adming on a flood\u00aded high\u200bway in Hous\u00adton after the hurri\u00adcane.';
    expect(find(hidden)).toEqual([['a', hidden]]);
    const accents = buildClaimIndex([{ id: 'b', text: 'The mayor of Bogotá banned fireworks for New Year.', verdict: 'false' }]);
    expect(findMentions([{ text: 'Bogota\u0301’s mayor has banned fireworks this New Year.' }], accents).map((m) => m.claimId)).toEqual(['b']);
  });

  it('never judges a sentence on one shared word, or on numbers alone', () => {
    const imported = buildClaimIndex([{ id: 'a', text: 'A shark was photographed swimming on a flooded Houston highway in 2017.', verdict: 'false' }]);
    expect(scorePairs([{ text: 'Sharks are fish.' }], imported)).toEqual([]);
    expect(scorePairs([{ text: 'Posted 2017/08/29 at 12:00.' }], imported)).toEqual([]);
  });

  it('reads a heading’s few words only as written, not in WordNet synonyms', () => {
    const imported = buildClaimIndex([{ id: 'a', text: 'On Wednesday, Zelensky said his talk with Trump had been good and detailed.', verdict: 'accurate' }]);
    // "post" and "detail" share a sense in WordNet (a soldier's assignment): in three words, nothing tells.
    expect(scorePairs([{ text: 'Trump posts again' }], imported)).toEqual([]);
  });

  it('does not judge a wall of words as one sentence', () => {
    const imported = buildClaimIndex([{ id: 'a', text: 'A shark was photographed swimming on a flooded Houston highway.', verdict: 'false' }]);
    const names = Array.from({ length: 130 }, (_, i) => `user${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`).join(', ');
    expect(scorePairs([{ text: `${names}, shark, Houston, highway` }], imported)).toEqual([]);
  });

  it('marks two records of one claim once, and lists the other as related', () => {
    const text = 'A shark was photographed swimming on a flooded Houston highway after the hurricane.';
    const twice = buildClaimIndex([
      { id: 'a', text, verdict: 'false' },
      { id: 'a-again', text: text.replace('A shark', 'A shark,'), verdict: 'false' },
    ]);
    const found = matchBlocks([{ text: 'Viral photo shows a shark swimming on a flooded highway in Houston after the hurricane.' }], twice);
    expect(found.mentions.map((m) => m.claimId)).toEqual(['a']);
    expect(found.related.map((m) => m.claimId)).toEqual(['a-again']);
  });

  it('takes a candidate’s margins over other claims, not over another record of the same claim', () => {
    const text = 'A shark was photographed swimming on a flooded Houston highway after the hurricane.';
    const others = [
      { id: 'b', text: 'Alligators were seen swimming in flooded Houston streets after the hurricane.', verdict: 'false' as const },
      { id: 'c', text: 'Drinking hot water cures the flu.', verdict: 'false' as const },
    ];
    const page = [{ text: 'Viral photo shows a shark swimming on a flooded highway in Houston after the hurricane.' }];
    const margins = (claims: Parameters<typeof buildClaimIndex>[0]) => {
      const pair = scorePairs(page, buildClaimIndex(claims)).find((p) => p.claim.claim.id === 'a')!;
      return ['margin', 'cosineMargin'].map((name) => pair.features[FEATURE_NAMES.indexOf(name as never)]!);
    };
    const alone = margins([{ id: 'a', text, verdict: 'false' }, ...others]);
    // A second feed's record of the same check: the same words, its own id.
    const withTwin = margins([{ id: 'a', text, verdict: 'false' }, { id: 'a-feed-2', text, verdict: 'false' }, ...others]);
    expect(alone[0]).toBeGreaterThan(0.3);
    expect(alone[1]).toBeGreaterThan(0.1);
    // The twin shifts the words' weights a little; taken over it, both margins would be 0.
    withTwin.forEach((margin, i) => expect(margin).toBeGreaterThan(0.8 * alone[i]!));
  });

  it('reads how much of the claim’s best-carried statement a sentence carries, its text or its headline alone', () => {
    const feature = (name: string, pair: { features: number[] }) => pair.features[FEATURE_NAMES.indexOf(name as never)]!;
    const told = buildClaimIndex([
      {
        id: 'a',
        headline: 'Did Sharks Swim Down a Flooded Houston Highway?',
        text: 'A photograph taken after Hurricane Harvey shows a great white in floodwater beside an interstate.',
        verdict: 'false',
      },
      { id: 'b', text: 'A shark was photographed swimming on a flooded Houston highway.', verdict: 'false' },
    ]);
    const pairs = scorePairs([{ text: 'Sharks are swimming down a flooded highway in Houston, look!' }], told);
    const a = pairs.find((p) => p.claim.claim.id === 'a')!;
    expect(feature('coverage', a)).toBeLessThan(0.6);
    expect(feature('bestStatement', a)).toBeGreaterThan(0.9);
    // A claim told once has one statement: its coverage.
    const b = pairs.find((p) => p.claim.claim.id === 'b')!;
    expect(feature('bestStatement', b)).toBe(feature('coverage', b));
  });

  it('reads a review’s title in the claim’s record as one more statement of it', () => {
    const feature = (name: string, pair: { features: number[] }) => pair.features[FEATURE_NAMES.indexOf(name as never)]!;
    const text = 'A photograph taken after Hurricane Harvey shows a great white in floodwater beside an interstate.';
    const review = { text: 'Harbour Check: No, sharks did not swim down a flooded Houston highway', sources: [{ url: 'https://checker.example/shark', outlet: 'Harbour Check' }] };
    const page = [{ text: 'After Hurricane Harvey, sharks swim down a flooded highway in Houston, look!' }];
    const pairOf = (context: (typeof review)[]) => scorePairs(page, buildClaimIndex([{ id: 'a', text, verdict: 'false', context }])).find((p) => p.claim.claim.id === 'a');
    const told = pairOf([review])!;
    expect(feature('coverage', told)).toBeLessThan(0.4);
    expect(feature('bestStatement', told)).toBeGreaterThan(0.7);
    // Neither the outlet's bare line nor an item too short to state a claim is a statement of it.
    for (const item of ['Fact-check by Harbour Check.', 'Harbour Check: Facebook post']) {
      const built = buildClaimIndex([{ id: 'a', text, verdict: 'false', context: [{ ...review, text: item }] }]);
      expect(built.statements(built.claims[0]!)).toEqual([]);
    }
  });

  it('does not take a checked statement’s review body as what a sentence means where the sentence gives the review’s figures and not the claim’s', () => {
    const feature = (name: string, pair: { features: number[] }) => pair.features[FEATURE_NAMES.indexOf(name as never)]!;
    const statement = {
      id: 'a',
      text: 'Ferry fares in Dunmore fell by 12 percent last year.',
      claimant: 'Mayor Ines Ortega',
      verdict: 'false' as const,
      ratingLabel: 'False',
      summary: 'Harbour authority tables show the average Dunmore ferry fare rose 7 percent, to 4.80 euros, in 2023.',
    };
    const pairOf = (claim: typeof statement | Omit<typeof statement, 'ratingLabel'>, text: string) => scorePairs([{ text }], buildClaimIndex([claim])).find((p) => p.claim.claim.id === 'a')!;
    const finding = 'Harbour authority tables show the Dunmore ferry fare went up 7 percent in 2023.';
    const checked = pairOf(statement, finding);
    // The review's figures say what is true instead: its words explain nothing there, only the claim's own.
    expect(feature('explainedByRecord', checked)).toBe(feature('explained', checked));
    // A claim of our own format (no rating of a fact-checker's) keeps its whole record as evidence.
    const { ratingLabel: _, ...ownClaim } = statement;
    const own = pairOf(ownClaim, finding);
    expect(feature('explainedByRecord', own)).toBeGreaterThan(feature('explained', own) + 0.2);
    // A sentence that gives the claim's own figure states it, whatever figure of the review it adds.
    const denial = pairOf(statement, 'The mayor said Dunmore ferry fares fell 12 percent, but harbour authority tables show a rise of 7 percent.');
    expect(feature('explainedByRecord', denial)).toBeGreaterThan(feature('explained', denial) + 0.1);
    // And one that gives no figure of the review's is read with the review's words, as before...
    const retold = pairOf(statement, 'The mayor keeps saying harbour ferry fares in Dunmore came down by twelve percent.');
    expect(feature('explainedByRecord', retold)).toBeGreaterThan(feature('explained', retold));
    // ...but they explain no more of it than the claim's own words do: a sentence told mostly in the
    // review's words tells its findings.
    const findings = 'Harbour authority tables show the average Dunmore ferry fare.';
    const told = pairOf(statement, findings);
    expect(feature('explainedByRecord', told)).toBeCloseTo(2 * feature('explained', told), 9);
    const ownTold = pairOf(ownClaim, findings);
    expect(feature('explainedByRecord', ownTold)).toBeGreaterThan(2 * feature('explained', ownTold) + 0.2);
  });

  it('reads each of the parallel "that" clauses of a claim as one more statement of it, with the words that introduce them', () => {
    const feature = (name: string, pair: { features: number[] }) => pair.features[FEATURE_NAMES.indexOf(name as never)]!;
    const text = 'The harbour council demanded that fishing boats be inspected every spring, that ferry fares be frozen, and that the lighthouse keepers be paid overtime.';
    const built = buildClaimIndex([{ id: 'a', text, verdict: 'false' }]);
    const clauses = built.statements(built.claims[0]!).map((s) => [...s.stems].sort().join(' '));
    const stemsOf = (one: string) => [...new Set(tokenize(one).filter((t) => !t.stop).map((t) => built.canonical(t.stem)))].sort().join(' ');
    expect(clauses).toContain(stemsOf('The harbour council demanded that ferry fares be frozen'));
    expect(clauses).toContain(stemsOf('The harbour council demanded that the lighthouse keepers be paid overtime'));
    const pair = scorePairs([{ text: 'The harbour council wants ferry fares frozen.' }], built).find((p) => p.claim.claim.id === 'a')!;
    expect(feature('coverage', pair)).toBeLessThan(0.5);
    expect(feature('bestStatement', pair)).toBeGreaterThan(0.7);
    // Not cut: a "that" after a noun with no "that" clause before it, after "so" or "now", and a
    // clause that adds fewer than two words to the words that introduce it.
    for (const one of [
      'A photograph shows a harbour crane, or tower crane, that was built in 1933.',
      'The harbour council dredged the channel so that ferries can dock, and that the fish market stays open.',
      'Now that the ferry fares are frozen, that harbour council meets less often.',
    ]) {
      const single = buildClaimIndex([{ id: 'b', text: one, verdict: 'false' }]);
      expect(single.statements(single.claims[0]!)).toEqual([]);
    }
    const opening = 'A viral post shared thousands of times across the harbour towns claims';
    const long = buildClaimIndex([{ id: 'd', text: `${opening} that ferries sink, that fares rise, that they do.`, verdict: 'false' }]);
    const told = long.statements(long.claims[0]!).map((s) => [...s.stems].sort().join(' '));
    expect(told).toContain(stemsOf(`${opening} that ferries sink`));
    expect(told).not.toContain(stemsOf(opening));
    // Sentence by sentence: a clause of the second sentence is introduced by its own words.
    const two = buildClaimIndex([{ id: 'c', text: 'The mayor said that taxes will rise. Harbour critics claimed that ferry fares fall sharply, That city buses stop running at night.', verdict: 'false' }]);
    expect(two.statements(two.claims[0]!).map((s) => [...s.stems].sort().join(' '))).toContain(stemsOf('Harbour critics claimed that city buses stop running at night'));
  });

  it('reads the heaviest word of what happened that a sentence carries, names and numbers aside', () => {
    const feature = (pair: { features: number[] }) => pair.features[FEATURE_NAMES.indexOf('heaviestEvent')]!;
    const built = buildClaimIndex([{ id: 'a', text: 'A shark swam along a flooded Houston highway on 27 August.', verdict: 'false' }]);
    const claim = built.claims[0]!;
    const pairOf = (text: string) => scorePairs([{ text }], built).find((p) => p.claim.claim.id === 'a')!;
    const share = (word: string) => claim.primary.get(built.canonical(tokenize(word)[0]!.stem))! / claim.primaryWeight;
    expect(feature(pairOf('Houston was quiet and calm all day on 27 August.'))).toBe(0);
    expect(feature(pairOf('Houston saw a shark!'))).toBeCloseTo(share('shark'), 9);
    expect(feature(pairOf('A shark in a flooded Houston street.'))).toBeCloseTo(Math.max(share('shark'), share('flooded')), 9);
  });

  it('does not judge a heading that shares only names and numbers with a claim', () => {
    const built = buildClaimIndex([{ id: 'a', text: 'Singer Mara Voss, 17, announced on Instagram that she is expecting a child with the rapper Dax Holt.', verdict: 'false' }]);
    const judged = (text: string) => scorePairs([{ text }], built).some((p) => p.claim.claim.id === 'a');
    // Four content words or fewer, all of them the claim's names and its number: a title, not a claim.
    expect(judged('Mara Voss: When I Was 17')).toBe(false);
    // One word of what happened is enough to be judged, however short...
    expect(judged('Mara Voss expecting at 17')).toBe(true);
    // ...and a longer sentence with the same names is judged on its features as before.
    expect(judged('Mara Voss and Dax Holt were seen together in Paris at 17 past noon today.')).toBe(true);
  });

  it('keeps the browser tests’ near miss between the bars: listed by default, marked when broad, dropped when precise', () => {
    // tests/e2e (popup, in-page, ui-pages) add this sentence to pages/hover.html. A refit that moves
    // it out of this band fails here first: choose another near miss there and here.
    const { document } = parseHTML(readFileSync('tests/fixtures/pages/hover.html', 'utf8'));
    const nearMiss = document.createElement('p');
    nearMiss.textContent = 'On Friday Vance and Rubio are due in Germany.';
    document.querySelector('p')!.after(nearMiss);
    const pairs = scorePairs(extractBlocks(document.documentElement), index, { pageDate: pageDate(document) });
    const p = probability(pairs.find((pair) => pair.text === nearMiss.textContent && pair.claim.claim.id === 'zelensky-munich-vance-rubio')!.features);
    expect(p).toBeGreaterThanOrEqual(thresholdsFor(1).strict);
    expect(p).toBeGreaterThanOrEqual(thresholdsFor(0.5).loose);
    expect(p).toBeLessThan(thresholdsFor(0.5).strict);
  });

  it('does not judge a sentence when neither it, the two before it nor its paragraph name any of the claim’s people, places or bodies', () => {
    const pairsFor = (texts: string[], built: ClaimIndex) =>
      scorePairs(texts.map((text) => ({ text })), built, { pageDate: FEB_13 }).filter((p) => p.claim.claim.id === 'call-duration-90-minutes');
    const cueless = buildClaimIndex(pack.claims, { ignoreCues: true });
    const strike = ['Dock workers and the port authority met again on Wednesday.', 'According to a union spokesperson, the two were on the phone for close to an hour and a half.'];
    // The same sentence after one that names the claim's speaker is judged, with cues or without.
    const briefing = ['Peskov briefed reporters in Moscow on Thursday.', strike[1]!];
    // And so is it where its paragraph names him, further back or after it.
    const paragraph = [`Peskov briefed reporters in Moscow on Thursday. The room was full. Questions ran long. ${strike[1]!}`];
    const after = [`${strike[1]!} So Peskov told reporters in Moscow on Thursday.`];
    for (const built of [index, cueless]) {
      expect(pairsFor(strike, built)).toEqual([]);
      expect(pairsFor(briefing, built)).toHaveLength(1);
      expect(pairsFor(paragraph, built)).toHaveLength(1);
      expect(pairsFor(after, built)).toHaveLength(1);
    }
    // What the rule costs: the claim names Peskov alone, so "the Kremlin said" is not his without a
    // name nearby. (Counting its claimant's names, "Dmitry Peskov (Kremlin spokesman)", fitted
    // worse on the training splits.)
    expect(pairsFor(['Their phone conversation lasted an hour and a half, the Kremlin said.'], index)).toEqual([]);
  });

  it('takes the name, not the role, of whoever made a rated statement as one of its names', () => {
    const statement = { id: 'a', text: 'Average rents in Lisbrook fell by 4 percent over the past year.', claimant: 'Declan Furrow', verdict: 'false' as const, ratingLabel: 'Misleading' };
    // Judged as named: a pair of a rated statement named neither nearby nor in the page's opening
    // is kept, but held to a higher bar (`unnamed`, see below).
    const judged = (claim: object, texts: string[]) => scorePairs(texts.map((text) => ({ text })), buildClaimIndex([claim as typeof statement])).some((p) => p.claim.claim.id === 'a' && !p.unnamed);
    const page = ['The housing minister was on the radio again this morning.', 'Furrow repeated that average rents had fallen four percent in a year.'];
    // A checked statement seldom names who said it: its claimant is a name of it.
    expect(judged(statement, page)).toBe(true);
    // Without him nearby the rule holds as before, and without a rating the claim is a telling of
    // our own format, whose text names its actors.
    expect(judged(statement, [page[0]!, 'The minister repeated that average rents had fallen four percent in a year.'])).toBe(false);
    // The role a review gives the claimant does not name them: its words are near on pages about
    // any country. A page whose opening names him, or the claim's town, is about them (`namedInOpening`).
    const withRole = { ...statement, claimant: 'Declan Furrow (Minister for Housing)' };
    const byRole = 'The housing minister repeated that average rents had fallen four percent in a year.';
    expect(judged(withRole, ['It was a long morning.', byRole])).toBe(false);
    expect(judged(withRole, ['Declan Furrow was in a hurry.', 'It was a long morning.', 'Nobody asked about schools.', 'The sun came out at noon.', byRole])).toBe(true);
    const { ratingLabel: _, ...ownClaim } = statement;
    expect(judged(ownClaim, page)).toBe(false);
    // Several claimants, each with a role, as the importer writes them: each name counts, no role.
    const two = buildClaimIndex([{ ...statement, claimant: 'Ann Lee (Minister for Housing), Tom Hart (Senator, Lisbrook (North))' }]).claims[0]!;
    // ("Ann", the string's first word, only where the pack writes it as a name: see below.)
    expect([...two.claimantNames].sort()).toEqual(['hart', 'lee', 'tom']);
    expect([...two.claimantWords]).toEqual(expect.arrayContaining(['minist', 'senat', 'north']));
    // A claimant's first word is a name only where the pack writes it as one: "Viral posts" is not.
    const viral = { ...statement, claimant: 'Viral posts on X' };
    expect(judged(viral, ['A viral post repeated that average rents had fallen four percent in a year.'])).toBe(false);
  });

  it('asks a rated statement someone made for its names in the page’s opening, not only nearby', () => {
    const statement = WAITING_LIST_STATEMENT;
    const asked = 'A reader told us that one in five of us is on a hospital waiting list.';
    const between = ['The council met on Tuesday.', 'Roads were discussed at length.', 'Parking fees will rise in May.', 'The library will open on Sundays.'];
    const named = (pairs: ScoredPair[]) => pairs.filter((p) => !p.unnamed).map((p) => p.text);
    const judged = (claim: object, page: string[]) => named(scorePairs(page.map((text) => ({ text })), buildClaimIndex([claim as typeof statement])));
    // A page about Calderbridge names it as it opens and then writes "us", the sentence among its
    // first lines or further down.
    expect(judged(statement, ['News from Calderbridge this week.', ...between, asked])).toEqual([asked]);
    expect(judged(statement, [asked, 'Our reporters in Calderbridge looked at the figures.', ...between])).toEqual([asked]);
    // A page that names the town only once it is well under way is about something else first:
    // "U.S." or a president is named somewhere on most news pages.
    const opening = ['Tuesday’s council meeting covered roads, parking, libraries, parks, bins, buses, schools and swimming pools.', 'Members argued over potholes, street lights, cycle lanes, bus shelters, benches and bridges.', 'Officers reported on recycling rates, composting, litter picks, graffiti, fly-tipping and dog fouling.', 'The mayor thanked volunteers, gardeners, lifeguards, librarians, wardens and caretakers for their work.', 'Next month’s agenda lists markets, festivals, allotments, cemeteries, toilets, fountains and playgrounds.', 'Residents may write to clerks, auditors, planners, surveyors and engineers before Friday.'];
    expect(judged(statement, [...opening, asked, 'A reader in Calderbridge asked us about it.'])).toEqual([]);
    // A part of a page scanned on its own (after a change) is told how the page opens.
    const part = [...between, asked].map((text) => ({ text }));
    const index = buildClaimIndex([statement]);
    expect(named(scorePairs(part, index))).toEqual([]);
    expect(named(scorePairs(part, index, { opening: ['News from Calderbridge this week.'] }))).toEqual([asked]);
    expect(named(scorePairs([{ text: 'News from Calderbridge this week.' }, ...part], index, { opening: ['News from Riverton this week.'] }))).toEqual([]);
    // Naming the claimant does too; the role the review gives them is named on any page.
    expect(judged(statement, ['News from Ashdown this week.', ...between, asked])).toEqual([asked]);
    expect(judged(statement, ['News from the Health Secretary this week.', ...between, asked])).toEqual([]);
    // A page about another town is not about this claim.
    expect(judged(statement, ['News from Riverton this week.', ...between, asked])).toEqual([]);
    // A claim of our own format asks for its names nearby, as before.
    const { ratingLabel: _, ...ownClaim } = statement;
    expect(judged(ownClaim, ['News from Calderbridge this week.', ...between, asked])).toEqual([]);
    expect(scorePairs(['News from Calderbridge this week.', ...between, asked].map((text) => ({ text })), buildClaimIndex([ownClaim as typeof statement]))).toEqual([]);
    // A rated statement's pair named nowhere is kept, unnamed: marked only at a bar 3 log-odds
    // higher (`UNNAMED_LOGIT`), and not listed as possibly related below it.
    const riverton = ['News from Riverton this week.', ...between].map((text) => ({ text }));
    const unnamed = (sentence: string) => scorePairs([...riverton, { text: sentence }], index).filter((p) => p.unnamed);
    const sure = unnamed(asked);
    expect(sure.map((p) => p.text)).toEqual([asked]);
    const { strict } = thresholdsFor(0.5);
    expect(probability(sure[0]!.features)).toBeGreaterThan(barRaised(strict, 3));
    expect(decide(sure, 0.5).mentions.map((m) => m.text)).toEqual([asked]);
    const unsure = unnamed('She said one in five of us is on the hospital list.');
    expect(unsure).toHaveLength(1);
    const p = probability(unsure[0]!.features);
    expect(p).toBeGreaterThan(strict);
    expect(p).toBeLessThan(barRaised(strict, 3));
    expect(decide(unsure, 0.5)).toEqual({ mentions: [], related: [] });
    // The same pair, named, is marked at the model's own bar.
    expect(decide(unsure.map((pair) => ({ ...pair, unnamed: false })), 0.5).mentions).toHaveLength(1);
    // One the model gives less is listed as possibly related named, and not unnamed.
    const faint = unnamed('She said one in five is on a list.');
    expect(faint).toHaveLength(1);
    expect(probability(faint[0]!.features)).toBeGreaterThan(thresholdsFor(0.5).loose);
    expect(probability(faint[0]!.features)).toBeLessThan(strict);
    expect(decide(faint, 0.5).related).toEqual([]);
    expect(decide(faint.map((pair) => ({ ...pair, unnamed: false })), 0.5).related).toHaveLength(1);
    // Stated as fact and named nowhere, both bars are raised, one on the other (3 + 3).
    const stated = unnamed('One in five of us is on a hospital waiting list.');
    expect(stated.map((pair) => [pair.unframed, pair.unnamed])).toEqual([[true, true]]);
    const q = probability(stated[0]!.features);
    expect(q).toBeGreaterThan(barRaised(strict, 3));
    expect(q).toBeLessThan(barRaised(strict, 6));
    expect(decide(stated, 0.5).mentions).toEqual([]);
    expect(decide(stated.map((pair) => ({ ...pair, unnamed: false })), 0.5).mentions).toHaveLength(1);
    // Named nearby is named, whatever the opening names.
    const nearby = scorePairs([...riverton, { text: `A reader in Calderbridge wrote to us. ${asked}` }], index).filter((p) => p.text === asked);
    expect(nearby.map((p) => p.unnamed)).toEqual([false]);
    // The page pass, which skips pairs under the loose bar, marks and lists what deciding over every
    // pair does, unnamed pairs among them.
    for (const sentence of [asked, 'She said one in five of us is on the hospital list.', 'She said one in five is on a list.', 'One in five of us is on a hospital waiting list.', 'Is it true that one in five of us is on a hospital waiting list?']) {
      expectPassAsDecided(index, [...riverton, { text: sentence }]);
    }
  });

  it('does not hold a question put to the reader in a rated statement’s words to the bar of one named nowhere', () => {
    const statement = WAITING_LIST_STATEMENT;
    const index = buildClaimIndex([statement]);
    const riverton = ['News from Riverton this week.', 'The council met on Tuesday.', 'Roads were discussed at length.', 'Parking fees will rise in May.', 'The library will open on Sundays.'].map((text) => ({ text }));
    const judged = (sentence: string) => scorePairs([...riverton, { text: sentence }], index).map((p) => [p.text, p.unnamed]);
    const marked = (sentence: string) => findMentions([...riverton, { text: sentence }], index).map((m) => m.text);
    // An explainer's or a reader's question brings the claim up without naming who made it or where.
    for (const question of ['Is it true that one in five of us is on a hospital waiting list?', 'So is one in five of us really on a hospital waiting list?', 'You asked: are one in five of us on a hospital waiting list?', 'Remember the post saying one in five of us is on a hospital waiting list?']) {
      expect(judged(question)).toEqual([[question, false]]);
      expect(marked(question)).toEqual([question]);
    }
    // A statement of it, framed or not, still is (see above), and so is a question asking for a fact.
    const stated = 'A reader told us that one in five of us is on a hospital waiting list.';
    expect(judged(stated)).toEqual([[stated, true]]);
    const fact = 'How many of us are on a hospital waiting list, one in five?';
    expect(judged(fact)).toEqual([[fact, true]]);
    // What it costs: a page about another town asking the same question is judged as if it named
    // Calderbridge. The claim's card says where the figure was claimed for.
    expect(marked('Is it true that one in five of us is on a hospital waiting list?')).toHaveLength(1);
  });

  it('marks a question put to the reader for its likeliest claim from the loose bar', () => {
    const statement = WAITING_LIST_STATEMENT;
    const other = { id: 'b', text: 'Calderbridge hospital has closed its list of patients waiting for a family doctor to new names.', verdict: 'false' as const, summary: 'It has not.', context: [] };
    const index = buildClaimIndex([statement, other]);
    const page = (sentence: string) => [{ text: 'News from Calderbridge this week.' }, { text: sentence }];
    const { strict, loose } = thresholdsFor(0.5);
    const judged = (sentence: string) => judgedAt(index, page(sentence), sentence);
    // The model is unsure of both: the question is marked, the statement only listed.
    const question = 'Is one in five of us waiting on a list for a family doctor?';
    const asked = judged(question);
    expect(asked.p[0]![0]).toBe('a');
    expect(asked.p[0]![1]).toBeGreaterThan(loose);
    expect(asked.p[0]![1]).toBeLessThan(strict);
    expect(asked.marked).toEqual(['a']);
    const statementOfIt = 'She said one in five of us is waiting on a list for a family doctor.';
    const said = judged(statementOfIt);
    expect(said.p[0]![1]).toBeGreaterThan(loose);
    expect(said.p[0]![1]).toBeLessThan(strict);
    expect(said).toMatchObject({ marked: [], related: ['a'] });
    // A question asking for a fact is not put to the reader to weigh.
    const fact = 'How many of us are waiting on a list for a family doctor, one in five?';
    expect(judged(fact)).toMatchObject({ marked: [], related: ['a'] });
    // Only its likeliest claim: another that the model is as unsure of is listed, not marked.
    const both = 'Is the hospital list for a family doctor closed to one in five?';
    const second = judged(both);
    expect(second.p.map(([id]) => id)).toEqual(['b', 'a']);
    expect(second.p[1]![1]).toBeGreaterThan(loose);
    expect(second.p[1]![1]).toBeLessThan(strict);
    expect(second).toMatchObject({ marked: ['b'], related: ['a'] });
    // The page pass marks and lists what deciding over every pair does.
    for (const sentence of [question, statementOfIt, fact, both]) expectPassAsDecided(index, page(sentence));
  });

  it('marks a sentence that passes a claim on as hearsay for its likeliest claim from the loose bar', () => {
    const claim = { id: 'a', text: 'Drinking water in Harlow County has been laced with a chemical that makes people sleepy.', headline: 'Is Harlow County tap water laced with a sedative?', verdict: 'false' as const, summary: 'No test found any such chemical.', context: [] };
    const other = { id: 'b', text: 'Harlow County will raise water bills by half next year.', verdict: 'false' as const, summary: 'It will not.', context: [] };
    const index = buildClaimIndex([claim, other]);
    const page = (sentence: string) => [{ text: 'Around Harlow County this week.' }, { text: sentence }];
    const { strict, loose } = thresholdsFor(0.5);
    const judged = (sentence: string) => judgedAt(index, page(sentence), sentence);
    const told = 'the tap water in Harlow is spiked with something that makes people drowsy';
    // The model is unsure of each: passed on as hearsay, it is marked; stated, or under a word that
    // only names a rumour as a topic, it is listed.
    const hearsay = [`My cousin swears ${told}.`, `A post shared 20,000 times says ${told}.`, `A message making the rounds says ${told}.`, 'The tap water in Harlow is supposedly spiked with something that makes people drowsy.'];
    const not = [`${told[0]!.toUpperCase()}${told.slice(1)}.`, `Harlow rumours: ${told}.`];
    for (const sentence of [...hearsay, ...not]) {
      const { p } = judged(sentence);
      expect(p[0]![0]).toBe('a');
      expect(p[0]![1]).toBeGreaterThan(loose);
      expect(p[0]![1]).toBeLessThan(strict);
    }
    for (const sentence of hearsay) expect(judged(sentence)).toMatchObject({ marked: ['a'], related: [] });
    for (const sentence of not) expect(judged(sentence)).toMatchObject({ marked: [], related: ['a'] });
    // Only its likeliest claim: another that the model is as unsure of is listed, not marked.
    const both = 'The tap water in Harlow is supposedly spiked with something that makes people drowsy, and bills will rise by half.';
    const second = judged(both);
    expect(second.p.map(([id]) => id)).toEqual(['b', 'a']);
    expect(second.p[1]![1]).toBeGreaterThan(loose);
    expect(second).toMatchObject({ marked: ['b'], related: ['a'] });
    // The page pass marks and lists what deciding over every pair does.
    for (const sentence of [...hearsay, ...not, both]) expectPassAsDecided(index, page(sentence));
  });

  it('tells a sentence that passes a claim on as hearsay from one that names a rumour as its topic', () => {
    for (const sentence of ['He claimed that the bridge was closing.', 'A rumour about the mayor is going round.', 'She insists that the vote was rigged.', 'My neighbour swore it was true.', 'The letter was allegedly signed by the minister.', 'A clip is doing the rounds again.', 'The photo circulated on Facebook for weeks.', 'A screenshot shared more than 40,000 times warns of fake notes.', 'There is a video going around of the flood.', 'He keeps saying the mine will reopen.']) expect(passesOnHearsay(sentence), sentence).toBe(true);
    for (const sentence of ['That message was a hoax.', 'Celebrity Hoaxes That Won\'t Die', 'Evacuation rumours and your questions answered.', 'The video went viral.', 'He claimed the prize.', 'She shared the stage with him.', 'Grace is insisting he finishes his term.', 'The message went round last year.']) expect(passesOnHearsay(sentence), sentence).toBe(false);
  });

  it('does not judge a sentence whose only words of a rated statement are its claimant’s name and role', () => {
    const statement = {
      id: 'a',
      text: 'Parlance AI’s chatbot will replace 40 percent of call-centre jobs by 2026.',
      headline: 'No evidence for Parlance founder’s prediction on call-centre jobs',
      claimant: 'Tobias Renquist (Founder, Parlance AI)',
      verdict: 'false' as const,
      ratingLabel: 'No evidence',
    };
    const aboutHim = 'Tobias Renquist, the founder of Parlance AI, appeared by video link from the company’s offices.';
    const hisClaim = 'Renquist has predicted that his chatbot will take four in ten call-centre jobs.';
    const judged = (claim: object) => scorePairs([aboutHim, hisClaim].map((text) => ({ text })), buildClaimIndex([claim as typeof statement])).map((p) => p.text);
    // "Founder" and "Parlance" are words of the claim's headline, but they say who, not what.
    expect(judged(statement)).toEqual([hisClaim]);
    // A telling of our own format has no claimant to tell apart: its words are all the claim's.
    const { ratingLabel: _, ...ownClaim } = statement;
    expect(judged(ownClaim)).toEqual([aboutHim, hisClaim]);
  });

  it('lists, and does not mark, a sentence that gives other figures than a rated statement someone made', () => {
    const statement = { id: 'a', text: 'Violent crime in Carrowick has risen 40 percent since 2022.', claimant: 'Lorraine Pettibone (State Senator)', verdict: 'false' as const, ratingLabel: 'Mostly False' };
    const finding = 'Violent crime in Carrowick did rise after 2022, but by about nine percent, police figures show.';
    const retold = 'She told the crowd that violent crime in Carrowick had gone up forty percent in two years.';
    const page = ['Senator Lorraine Pettibone spoke in Carrowick on Monday.', finding, retold];
    const marked = (claim: object, texts = page) => matchBlocks(texts.map((text) => ({ text })), buildClaimIndex([claim as typeof statement]), {});
    // The finding tells what is true instead of the senator's figure; the sentence that gives her
    // figure, in words, states her claim.
    expect(marked(statement).mentions.map((m) => m.text)).toEqual([retold]);
    // Alone on a page, the finding is listed as possibly related.
    const alone = marked(statement, [page[0]!, finding]);
    expect(alone.mentions).toEqual([]);
    expect(alone.related.map((m) => m.text)).toEqual([finding]);
    // A claim nobody is on record as making (the CheckThat! feed's: a fact-checker's account, whose
    // figures are details) and a telling of our own format are read as before: the finding is marked.
    const { ratingLabel: _, ...ownClaim } = statement;
    for (const claim of [{ ...statement, claimant: undefined }, ownClaim]) expect(marked(claim).mentions.map((m) => m.text)).toEqual([finding, retold]);
    // An ordinal or a share is no figure the sentence gives: "she first said" retells the claim.
    const firstSaid = 'She first said that violent crime in Carrowick had soared since 2022.';
    expect(marked(statement, [page[0]!, firstSaid]).mentions.map((m) => m.text)).toEqual([firstSaid]);
    // A year alone is no figure of the claim's: a sentence that dates it, and gives a figure, is
    // read as before.
    const dated = { ...statement, text: 'Violent crime in Carrowick has risen sharply since 2022.' };
    const toldWithAFigure = 'She told the crowd that violent crime in Carrowick had risen by nine percent since 2022.';
    expect(marked(dated, [page[0]!, toldWithAFigure]).mentions.map((m) => m.text)).toEqual([toldWithAFigure]);
    // A figure with its scale in words is read in full: "more than one million" is not "about 471,000".
    const million = { ...statement, text: 'Carrowick took in more than one million new residents in 2023.' };
    const count = 'The ministry said Carrowick took in about 471,000 new residents in 2023.';
    const inFull = 'The ministry said Carrowick took in about 1,050,000 new residents in 2023.';
    expect(marked(million, [page[0]!, count]).mentions).toEqual([]);
    expect(marked(million, [page[0]!, count]).related.map((m) => m.text)).toEqual([count]);
    expect(marked(million, [page[0]!, inFull]).mentions.map((m) => m.text)).toEqual([inFull]);
  });

  it('asks more of a sentence that states a rated statement someone made without telling of it as said', () => {
    const statement = { id: 'a', text: 'Ferry fares across Brennock county have been cut in half since the reform.', claimant: 'Maren Holt (County Mayor)', verdict: 'false' as const, ratingLabel: 'False' };
    const opening = 'County mayor Maren Holt spoke to the council in Brennock on Monday.';
    const plain = 'Ferry tickets in the county now cost half of what they did before the reform.';
    const said = 'The mayor says ferry tickets in the county now cost half of what they did before the reform.';
    const marked = (claim: object, sentence: string) => matchBlocks([{ text: opening }, { text: sentence }], buildClaimIndex([claim as typeof statement]), {});
    // Stated as a fact, the words may be the finding or the background: listed, not marked.
    const alone = marked(statement, plain);
    expect(alone.mentions).toEqual([]);
    expect(alone.related.map((m) => m.text)).toEqual([plain]);
    // Told as what the mayor says, the same words are her claim.
    expect(marked(statement, said).mentions.map((m) => m.text)).toEqual([said]);
    // A claim nobody is on record as making, and a telling of our own format, are read as before.
    const { ratingLabel: _, ...ownClaim } = statement;
    for (const claim of [{ ...statement, claimant: undefined }, ownClaim]) expect(marked(claim, plain).mentions.map((m) => m.text)).toContain(plain);
  });

  it('reads no names from a claim written in title case, as a fact-checker’s question title is', () => {
    const claim = { id: 'cruz', text: 'Is Mayor Carmen Yulín Cruz of San Juan Facing Charges of Over $3 Million in Fraud?', verdict: 'false' as const, claimant: 'Facebook posts', claimDate: '2018-01-10', ratingLabel: 'False', packId: 'p', summary: '', context: [] };
    const built = buildClaimIndex([claim]);
    // Read as names, "facing", "charges" and "fraud" were words only a name near them let count,
    // and a sentence about another's fraud charges was marked for them.
    expect([...built.claims[0]!.names]).toEqual([]);
    const marked = (text: string) => findMentions([{ text }], built, { pageDate: Date.UTC(2018, 0, 20) }).map((m) => m.claimId);
    expect(marked('The contractor is facing charges of fraud worth over $3 million, prosecutors said.')).toEqual([]);
    expect(marked('A Facebook post claims San Juan mayor Carmen Yulín Cruz is facing fraud charges of over $3 million.')).toEqual(['cruz']);
  });

  it('tells a sentence that frames a statement (said, asked, quoted) from one that states a fact', () => {
    const frames = (text: string) => framesAStatement(tokenize(text), text);
    expect(frames('She told the chamber that fares had been halved.')).toBe(true);
    expect(frames('A viral post claims the dam was emptied on purpose.')).toBe(true);
    expect(frames('According to the minister, waiting lists are 30% shorter.')).toBe(true);
    for (const verb of ['tweeted', 'reiterated', 'bragged', 'touted']) expect(frames(`The senator ${verb} that gas prices have doubled.`), verb).toBe(true);
    expect(frames('The martial law declaration might hurt relations with Washington.')).toBe(false);
    expect(frames('An image purports to show the bridge snapped in two.')).toBe(true);
    expect(frames('Did the strikes really cost the economy five billion pounds?')).toBe(true);
    // A question asking for a fact asks what is true instead, unless it quotes or reports.
    expect(frames('How many bridges in Virginia actually got fixed?')).toBe(false);
    expect(frames('“Where did that figure come from, Minister?”')).toBe(true);
    expect(frames('How did she say the bridges got fixed?')).toBe(true);
    expect(frames('Fares are now “half of what people paid” before the reform.')).toBe(true);
    expect(frames('Fares are now ‘half of what people paid’ before the reform.')).toBe(true);
    expect(frames('The annual rate for December 2023, 4.2%, is accurate.')).toBe(false);
    expect(frames('Metro Line 5 carried 318,000 passengers a day in January.')).toBe(false);
    // A noun for something said, or a verb of hearing, frames what follows "that"; alone, neither does.
    for (const text of ['Her shadow stood by her own line that a fifth of England is on a waiting list.', 'The minister’s statement that the road cost nothing has been challenged.', 'Stories that the dam was emptied on purpose spread quickly.', 'She had heard that the bank would shut small accounts.', 'So if you hear that seizures quadrupled, question it.']) expect(frames(text), text).toBe(true);
    for (const text of ['The Victoria line carried more passengers than ever.', 'The bank published a statement of accounts on Friday.', 'The hearing that followed lasted two days.', 'A story about the dam ran on Tuesday.']) expect(frames(text), text).toBe(false);
    // So do the verbs of holding something true, as words: their nouns and adjectives give a count or a verdict.
    for (const text of ['My neighbour reckons the council will chip every toad.', 'Back in 2023 she reckoned food had become 40 per cent dearer.', 'I’m convinced these lotions cause more melanomas than they stop.']) expect(frames(text), text).toBe(true);
    for (const text of ['By the department’s reckoning, a median household keeps $410 more a year.', 'It was a convincing win for the home side.']) expect(frames(text), text).toBe(false);
    // A sentence of a block a transcript's speaker opens, in capitals, is said by them; a topic's label says nothing.
    const inBlock = (text: string, block: string) => framesAStatement(tokenize(text), text, block);
    const spoken = 'We pay three times what a family abroad pays for the same medicine.';
    expect(inBlock(spoken, `MARCHETTI: Because people are furious. ${spoken}`)).toBe(true);
    expect(inBlock(spoken, `DR. O’NEILL-SMITH: ${spoken}`)).toBe(true);
    expect(inBlock(spoken, spoken)).toBe(false);
    for (const block of [`Drugs: ${spoken}`, `What we found: ${spoken}`, `Marchetti: ${spoken}`]) expect(inBlock(spoken, block), block).toBe(false);
    // A question asking for a fact is not framed by its speaker either.
    expect(inBlock('How many bridges in Virginia actually got fixed?', 'BROOKS: Senator, a question. How many bridges in Virginia actually got fixed?')).toBe(false);
  });

  it('reads a rated statement in a transcript’s speaker’s block as said', () => {
    const statement = { ...WAITING_LIST_STATEMENT, claimant: 'Priya Venn (Shadow Health Secretary)' };
    const index = buildClaimIndex([statement]);
    const unframed = (block: string) => scorePairs([{ text: 'News from Calderbridge this week.' }, { text: block }], index).map((pair) => pair.unframed);
    expect(unframed('VENN: Let me be plain. One in five people in Calderbridge is on a hospital waiting list.')).toEqual([false]);
    expect(unframed('Waits: Let me be plain. One in five people in Calderbridge is on a hospital waiting list.')).toEqual([true]);
  });

  it('marks a rated statement told as someone’s line, or as heard, at the model’s own bar', () => {
    const statement = { ...WAITING_LIST_STATEMENT, claimant: 'Priya Venn (Shadow Health Secretary)' };
    const index = buildClaimIndex([statement]);
    const page = (sentence: string) => [{ text: 'News from Calderbridge this week.' }, { text: sentence }];
    const pairsOf = (sentence: string) => scorePairs(page(sentence), index);
    for (const sentence of ['Venn kept to her line that one in five people here is on a waiting list.', 'I had heard that one in five people in Calderbridge is on a hospital waiting list.']) {
      expect(pairsOf(sentence).map((pair) => [pair.text, pair.unframed])).toEqual([[sentence, false]]);
      expect(findMentions(page(sentence), index).map((m) => m.text)).toEqual([sentence]);
    }
    // The model is fairly sure of the heard one, not sure enough for a statement told as fact.
    const heard = pairsOf('I had heard that one in five people in Calderbridge is on a hospital waiting list.');
    const { strict } = thresholdsFor(0.5);
    expect(probability(heard[0]!.features)).toBeGreaterThan(strict);
    expect(probability(heard[0]!.features)).toBeLessThan(barRaised(strict, 3));
    expect(decide(heard.map((pair) => ({ ...pair, unframed: true })), 0.5).mentions).toEqual([]);
    const stated = 'One in five people here is on a waiting list, the figures show.';
    expect(pairsOf(stated).map((pair) => [pair.text, pair.unframed])).toEqual([[stated, true]]);
  });

  it('tells a question that asks whether something is so from one that asks for a fact', () => {
    for (const text of ['Did the strikes really cost the economy five billion pounds?', '1. Is the government about to pay you?', 'So, to be crystal clear: was an evacuation ordered?', 'Didn’t she once say the road was free?', '“Is an hour of screens going to give a child ADHD?”', 'Salmon: a record year, or the first fall in a decade?', 'Remember the fake text that promised $600?']) expect(asksWhether(text), text).toBe(true);
    for (const text of ['How many people watched the final?', '“Where did that figure come from, Minister?”', 'So why is the road still closed?', 'You asked: what happened to the money?', 'He asked whether the road was free.', '?', 'And the outage was when that message went round, wasn’t it?', 'She said it twice, didn’t she?']) expect(asksWhether(text), text).toBe(false);
    // Only a tag at the end is one: a question with a clause between commas still asks.
    expect(asksWhether('Did the council, as it says, fix nine in ten leaks?')).toBe(true);
    expect(asksWhether('Was the road free, as she claims?')).toBe(true);
  });

  it('works out whether two claims are twins once per pair, whichever order they come in', () => {
    const claim = (id: string, text: string) => ({ id, text, verdict: 'false' as const, summary: 'A summary.', context: [] });
    const store = buildClaimIndex([
      claim('a', 'A shark swam down a flooded highway in Houston after the hurricane.'),
      claim('b', 'The mayor banned fireworks in the park this summer.'),
      claim('c', 'A city council voted to rename the old bridge.'),
      claim('d', 'A shark swam down a flooded highway in Houston after the hurricane hit.'),
    ]);
    const twins = new Map<number, boolean>();
    // (1, 2) and (0, 3) would share a key made of their sum.
    expect(twinsAt(store, twins, 1, 2)).toBe(false);
    expect(twinsAt(store, twins, 0, 3)).toBe(true);
    expect(twinsAt(store, twins, 3, 0)).toBe(true);
    expect(twins.size).toBe(2);
  });

  it('lets the sensitivity setting move both bars: marked when broad, listed by default, dropped when precise', () => {
    const [pair] = scorePairs([{ text: 'Their phone conversation lasted an hour and a half, Peskov said.' }], index, { pageDate: FEB_13 }).filter((p) => p.claim.claim.id === 'call-duration-90-minutes');
    expect(pair).toBeDefined();
    // A model that gives every pair a probability of 0.4, between its bars.
    const model = { ...MODEL, weights: MODEL.weights.map(() => 0), bias: Math.log(0.4 / 0.6), strict: 0.5, loose: 0.2 };
    expect(thresholdsFor(0, model).strict).toBeGreaterThan(thresholdsFor(1, model).strict);
    const ids = (sensitivity: number) => {
      const { mentions, related } = decide([pair!], sensitivity, model);
      return { marked: mentions.map((m) => m.claimId), related: related.map((m) => m.claimId) };
    };
    expect(ids(1)).toEqual({ marked: ['call-duration-90-minutes'], related: [] });
    expect(ids(0.5)).toEqual({ marked: [], related: ['call-duration-90-minutes'] });
    expect(ids(0)).toEqual({ marked: [], related: [] });
  });

  it('skips the costly features only of pairs that cannot reach the loose bar: what is marked and listed stays the same', () => {
    const { document } = parseHTML(readFileSync('tests/fixtures/demo/index.html', 'utf8'));
    const blocks = extractBlocks(document.documentElement);
    const cueless = buildClaimIndex(pack.claims, { ignoreCues: true });
    for (const built of [index, cueless]) {
      const all = scorePairs(blocks, built, { pageDate: FEB_13 });
      for (const sensitivity of [0, 0.5, 1]) {
        expect(matchBlocks(blocks, built, { pageDate: FEB_13, sensitivity })).toEqual(decide(all, sensitivity));
      }
      const { loose } = thresholdsFor(0.5);
      const kept = scorePairs(blocks, built, { pageDate: FEB_13, floor: looseFloor(0.5) });
      // Some pairs are skipped, none that reaches the bar, and those kept are scored in full.
      expect(kept.length).toBeLessThan(all.length);
      expect(all.filter((p) => probability(p.features) >= loose).length).toBeGreaterThan(0);
      for (const pair of all.filter((p) => probability(p.features) >= loose)) expect(kept).toContainEqual(pair);
    }
  });

  it('marks a second claim on a sentence only where the sentence writes a word of what happened that is its own', () => {
    const siblings = [
      { id: 'call-good', text: 'In a post, Zelensky said his call with Trump was good and detailed.', verdict: 'accurate' as const },
      { id: 'call-peace', text: 'In a post, Zelensky said his call with Trump was about a lasting peace.', verdict: 'accurate' as const },
    ];
    // Every pair at 0.9: the likelier claim is the first one (ties go to the earlier claim).
    const model = { ...MODEL, weights: MODEL.weights.map(() => 0), bias: Math.log(0.9 / 0.1), strict: 0.5, loose: 0.2 };
    const decided = (text: string, claims: Parameters<typeof buildClaimIndex>[0]) => {
      const { mentions, related } = decide(scorePairs([{ text }], buildClaimIndex(claims)), 0.5, model);
      return { marked: mentions.map((m) => m.claimId), related: related.map((m) => m.claimId) };
    };
    // The call and its people, nothing of what either claim says of it: one mark, the other listed.
    expect(decided('Zelensky said he had a call with Trump on Wednesday.', siblings)).toEqual({ marked: ['call-good'], related: ['call-peace'] });
    // Each claim's own words: both marked.
    expect(decided('Zelensky said the call with Trump was good, and that they spoke of a lasting peace.', siblings)).toEqual({ marked: ['call-good', 'call-peace'], related: [] });
    // A name is not a word of what happened: a claim told apart only by one is listed.
    const others = [siblings[0]!, { id: 'call-putin', text: 'In a post, Zelensky said his call with Putin was good and detailed.', verdict: 'accurate' as const }];
    expect(decided('Zelensky said his call with Trump and Putin was good.', others)).toEqual({ marked: ['call-good'], related: ['call-putin'] });
    // A claim whose cue groups the sentence shows is told apart by them.
    const cued = [siblings[0]!, { ...siblings[1]!, cues: { phrases: [], terms: [['call', 'phone']] } }];
    expect(decided('Zelensky said he had a call with Trump on Wednesday.', cued).marked).toEqual(['call-good', 'call-peace']);
  });

  it('refuses a model fitted for other features', () => {
    expect(() => probability([1], { ...MODEL, features: ['coverage'], weights: [1] })).toThrow(/rerun scripts\/fit-match.ts/);
  });
});

describe('buildClaimIndex', () => {
  it('takes names from sentence-case texts only, and only words capitalised nearly every time', () => {
    const built = buildClaimIndex([
      { id: 'a', text: 'The president said Peskov lied, and President Biden agreed.', headline: 'Did The President Say Taxes Rose?', verdict: 'false' },
    ]);
    expect(built.names.has('peskov')).toBe(true);
    expect(built.names.has('biden')).toBe(true);
    expect(built.names.has('presid')).toBe(false);
    expect(built.names.has('tax')).toBe(false);
  });

  it('reads a title cut short ("Gov.", "Sen.") or an initial as no name, and the name after it as one', () => {
    const built = buildClaimIndex([
      { id: 'a', text: 'Says Gov. Whitcomb cut the ferry tax, and Sen. Okafor and J. Tamsin voted for it, as Dr Ouma did.', verdict: 'false' },
      { id: 'b', text: 'Whitcomb said the ferry tax was cut.', verdict: 'false' },
    ]);
    for (const name of ['whitcomb', 'okafor', 'tamsin']) expect(built.names.has(name)).toBe(true);
    for (const title of ['gov', 'sen', 'j', 'dr']) expect(built.names.has(title)).toBe(false);
    expect(built.names.has('ouma')).toBe(true);
    // So a sentence that names Whitcomb without the title is judged against claim a.
    const pair = scorePairs([{ text: 'Whitcomb cut the ferry tax, Okafor and Tamsin agreed.' }], built).find((p) => p.claim.claim.id === 'a');
    expect(pair).toBeDefined();
  });

  it('counts a stem as common in one claim in a hundred, or in more than 256 claims of a large store', () => {
    const small = buildClaimIndex(Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, text: `${i < 60 ? 'zebra' : 'giraffe'} number ${i}`, verdict: 'false' as const })));
    expect(small.common.has('zebra')).toBe(true);
    const claims = Array.from({ length: 30_000 }, (_, i) => ({ id: `l${i}`, text: `${i < 300 ? 'zebra' : i < 500 ? 'okapi' : 'giraffe'} ${i}`, verdict: 'false' as const }));
    const large = buildClaimIndex(claims);
    // 300 claims of 30,000 is one in a hundred, but more than 256; 200 is neither.
    expect(large.common.has('zebra')).toBe(true);
    expect(large.common.has('okapi')).toBe(false);
  });

  it('finds the same candidates for a block whatever blocks the reused scratch buffers saw before', () => {
    // 60 claims share "harbour" (common: in more than 50) and each has a rare word of its own.
    const claims = Array.from({ length: 60 }, (_, i) => ({ id: `c${i}`, text: `harbour w${i}x quay`, verdict: 'false' as const }));
    const store = buildClaimIndex(claims);
    expect(store.common.has(tokenize('harbour')[0]!.stem)).toBe(true);
    const blocks = ['harbour w1x quay', 'w2x quay', 'harbour w3x', 'w1x', 'harbour harbour'].map((text) => new Set(tokenize(text).map((t) => t.stem)));
    const shared = candidateScratch(store);
    for (const stems of blocks) expect(candidateClaims(store, stems, shared)).toEqual(candidateClaims(store, stems, candidateScratch(store)));
    // The buffers rely on it: every word weighs something, in every claim and none.
    for (const word of ['harbour', 'quay', 'w1x', 'never-seen', '2025']) expect(store.weight(tokenize(word)[0]!.stem)).toBeGreaterThan(0);
  });

  it('finds the same candidates after a page of more distinct words than the index keeps looked up', () => {
    const claims = Array.from({ length: 60 }, (_, i) => ({ id: `c${i}`, text: `harbour w${i}x quay`, verdict: 'false' as const }));
    const store = buildClaimIndex(claims);
    const stems = new Set(tokenize('harbour w1x quay w2x').map((t) => t.stem));
    // One scratch for all three blocks, as a page's pass keeps it, its stems' entries with it.
    const scratch = candidateScratch(store);
    const before = candidateClaims(store, stems, scratch);
    expect(before.candidates.map((c) => store.claims[c.claim]!.claim.id)).toEqual(['c1', 'c2']);
    // 100,001 words no claim uses: the kept lookups fill, are dropped, and fill again.
    const endless = new Set(Array.from({ length: 100_001 }, (_, i) => `u${i}z`));
    expect(candidateClaims(store, endless, scratch).candidates).toEqual([]);
    expect(scratch.entries.size).toBeLessThanOrEqual(100_000);
    expect(candidateClaims(store, stems, scratch)).toEqual(before);
  });

  it('finds a claim through an item of its record that a block nearly restates, in words the claim’s text does not use', () => {
    const record = { text: 'Council minutes show the seawall repairs were approved in March and paid for by a coastal grant.', sources: [{ url: 'https://council.example/minutes', outlet: 'Council minutes' }] };
    const claimOf = (context: (typeof record)[]) => ({ id: 'storms', text: 'The town will finally be protected from winter storms this year.', verdict: 'accurate' as const, context });
    const others = ['A ferry strike closed the quay for a week.', 'The lighthouse keeper retired after forty years.', 'Gulls took over the fish market roof.'].map((text, i) => ({ id: `o${i}`, text, verdict: 'false' as const }));
    const found = (store: ClaimIndex, text: string) => {
      const stems = new Set(tokenize(text).filter((t) => !t.stop).map((t) => store.canonical(t.stem)));
      return candidateClaims(store, stems, candidateScratch(store)).candidates.map((c) => store.claims[c.claim]!.claim.id);
    };
    const retold = 'The seawall repairs were approved in March and paid for by a coastal grant, the minutes show.';
    const withRecord = buildClaimIndex([claimOf([record]), ...others]);
    expect(found(withRecord, retold)).toContain('storms');
    // Not from the claim's own words: without the record the block reaches nothing.
    expect(found(buildClaimIndex([claimOf([]), ...others]), retold)).not.toContain('storms');
    // Nor from a block that shares a few of the record's words: the repairs named, nothing of how they were paid.
    expect(found(withRecord, 'Seawall repairs start in March.')).not.toContain('storms');
    // A record item that only repeats the claim's text is no second way in.
    const echoed = buildClaimIndex([claimOf([{ ...record, text: 'The town will finally be protected from winter storms this year.' }]), ...others]);
    expect(echoed.records.claim.length).toBe(0);
  });

  it('keeps a block’s best candidates by coverage, ties to the earlier claim, however many claims it reaches', () => {
    // 45 claims share "harbour" and "ferry" with the block (too few for either word to be common),
    // with up to three other words each, so many tie.
    const words = ['lantern', 'quay', 'gull', 'tide', 'rope', 'anchor', 'sail', 'mast', 'deck', 'hull'];
    const claims = Array.from({ length: 45 }, (_, i) => ({ id: `c${i}`, text: `harbour ferry ${words.slice(0, i % 4).join(' ')}`, verdict: 'false' as const }));
    const many = buildClaimIndex(claims);
    const stems = new Set(tokenize('harbour ferry').map((t) => t.stem));
    const { candidates } = candidateClaims(many, stems, candidateScratch(many));
    const expected = many.claims
      .map((claim, i) => ({ i, coverage: coverageBy(claim, stems) }))
      .filter((c) => c.coverage >= 0.2)
      .sort((a, b) => b.coverage - a.coverage || a.i - b.i)
      .slice(0, 24)
      .map((c) => c.i);
    expect(expected.length).toBe(24);
    expect(many.claims.filter((claim) => coverageBy(claim, stems) >= 0.2).length).toBeGreaterThan(24);
    expect(candidates.slice(0, 24).map((c) => c.claim)).toEqual(expected);
  });

  it('mines titles from the pack’s own texts as aliases of the people they name', () => {
    const built = buildClaimIndex([
      { id: 'a', text: 'Kremlin spokesman Dmitry Peskov said the talks had been useful.', verdict: 'accurate' },
      { id: 'b', text: 'The deputy minister Sergei Ryabkov and the deputy minister Mikhail Galuzin met.', verdict: 'accurate' },
    ]);
    expect(built.aliases.get('kremlin spokesman')).toBe('peskov');
    // A title the pack gives to two people stands for neither.
    expect(built.aliases.has('deputi minist')).toBe(false);
    expect(findMentions([{ text: 'The Kremlin’s spokesman said the talks had been useful.' }], built).map((m) => m.claimId)).toEqual(['a']);
  });

  it('mines no titles from a headline, which capitalises every word', () => {
    // A Snopes headline made "zika mosquito" a title of "Business" in a store of 10,000 claims.
    const built = buildClaimIndex([{ id: 'a', headline: 'Did Zika Mosquito Business Owners Sue?', text: 'Owners of a pest-control business sued over the Zika outbreak.', verdict: 'false' }]);
    expect([...built.aliases]).toEqual([]);
    // The same words in a sentence of the claim's own text are a title.
    expect(buildClaimIndex([{ id: 'b', text: 'The pest control firm Acme Holdings sued.', verdict: 'false' }]).aliases.get('control firm')).toBe('hold');
  });
});

describe('other spellings of names', () => {
  it('reads a name spelt otherwise than the pack spells it as the pack’s name', () => {
    expect(spellingKey('zelenskyy')).toBe(spellingKey('zelenski'));
    const built = buildClaimIndex([{ id: 'a', text: 'On Wednesday, Zelensky said his talk with Trump had been good and detailed.', verdict: 'accurate' }]);
    expect(built.spellings.get(spellingKey('zelenskyy'))).toBe('zelenski');
    const coverage = (index: typeof built) => scorePairs([{ text: 'On Wednesday, Zelenskyy said his talk with Trump had been good and detailed.' }], index)[0]!.features[FEATURE_NAMES.indexOf('coverage')];
    expect(coverage(built)).toBe(1);
    expect(coverage(buildClaimIndex([{ id: 'a', text: 'On Wednesday, Zelensky said his talk with Trump had been good and detailed.', verdict: 'accurate' }], { knowledge: { spellings: false } }))).toBeLessThan(1);
    // Short names are left alone: they differ too easily.
    expect(buildClaimIndex([{ id: 'b', text: 'Ryan met Kim in Rome.', verdict: 'accurate' }]).spellings.size).toBe(0);
  });
});

describe('general word knowledge', () => {
  it('reads an adjective of a place as the place', () => {
    expect(canonicalStem('ukrainian')).toBe('ukrain');
    expect(canonicalStem('russian')).toBe('russia');
    expect(canonicalStem('talk')).toBe('talk');
  });

  it('joins words that share a common sense in WordNet, and no others', () => {
    expect(synonymsOf('negoti')).toContain('talk');
    expect(synonymsOf('phone')).toContain('telephon');
    expect(synonymsOf('war')).not.toContain('peac');
  });

  it('knows which words are near in meaning by their vectors, above a floor, whatever text was asked last', () => {
    const flood = nearMeanings(['fish', 'highway']);
    const diplomacy = nearMeanings(['peac', 'negoti']);
    expect(flood('shark')).toBeGreaterThanOrEqual(NEAR_MEANING);
    expect(flood('shark')).toBeLessThan(1);
    // Near, but under the floor: these count as unrelated.
    expect(diplomacy('war')).toBe(0);
    expect(diplomacy('talk')).toBe(0);
    // Asking about another text in between does not change the answer for the first.
    expect(diplomacy('shark')).toBe(0);
    expect(flood('shark')).toBeGreaterThanOrEqual(NEAR_MEANING);
    // A word is not its own neighbour, and a word the lexicon lacks has none.
    expect(flood('fish')).toBe(0);
    expect(nearMeanings(['fish'])('zzyzx')).toBe(0);
  });
});

describe('cues', () => {
  const prepare = (text: string) => prepareSentence(text, tokenize(text));
  it('does not join cue words across a clause break', () => {
    expect(findSequence(prepare('A call about Ukraine, President Trump said.'), ['ukrain', 'presid'])).toBeNull();
    expect(findSequence(prepare('A call with Ukraine’s president.'), ['ukrain', 'presid'])).not.toBeNull();
  });

  // An object literal's getters are new functions each time, and V8 gave each such object a hidden
  // class of its own that kept its sentence's tokens alive through every young-generation
  // collection: a page pass spent half its time collecting. The getters live on a prototype.
  it('prepares sentences whose lazy parts are read through shared getters, not getters of their own', () => {
    const [a, b] = [prepare('Peskov said the call lasted long.'), prepare('Trump said so too.')];
    for (const name of ['positions', 'breaks']) {
      expect(Object.getOwnPropertyDescriptor(a, name)).toBeUndefined();
      expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    }
    expect(a.positions.get('peskov')).toEqual([0]);
    expect([...b.breaks]).toEqual([0, 0, 0, 0]);
  });

  it.each([',', ';', ':', '(', ')', '–', '—', '"', '“', '”', '!', '?'])('takes %s between two words for a clause break', (mark) => {
    expect(findSequence(prepare(`A call about Ukraine ${mark} president Trump said.`), ['ukrain', 'presid'])).toBeNull();
  });
});

describe('scanDocument', () => {
  it('reads the page date from the markup and skips hidden text', () => {
    const { document } = parseHTML(`<!doctype html><html><head><meta property="article:published_time" content="2025-02-12T20:00:00Z"></head>
      <body><p>Kremlin spokesman Dmitry Peskov said the call lasted almost an hour and a half.</p>
      <p hidden>Peskov said the call lasted almost an hour and a half.</p></body></html>`);
    const scan = scanDocument(document as unknown as Document, index);
    expect(scan.pageDate).toBe(Date.UTC(2025, 1, 12));
    expect(scan.mentions.map((m) => [m.claimId, m.block])).toEqual([['call-duration-90-minutes', 0]]);
  });

  it('reads a rated statement\'s names in the page\'s opening as the extension sends it, cut at its length', () => {
    const statements = buildClaimIndex([{ id: 'wait', text: 'The hospital waiting list in Calderbridge is the longest in the region.', verdict: 'false', ratingLabel: 'False', claimant: 'Dana Whitfield (Mayor)', summary: 'It is fourth of six.', context: [], cues: { phrases: [], terms: [] } } as MatchableClaim]);
    // The town is named only past the opening's 4,000 characters.
    const intro = `${'The council met on Tuesday and talked about roads and parking. '.repeat(70)}All of this was in Calderbridge.`;
    const html = (first: string, question: string) => parseHTML(`<!doctype html><html><head><meta property="article:published_time" content="2026-06-01"></head><body><p>${first}</p><p>Weather next.</p><p>Sport news follows below for readers.</p><p>${question}</p></body></html>`).document as unknown as Document;
    // A statement the model is fairly sure of is marked only where the page names the town as it
    // opens; past that, it is held to a higher bar (`UNNAMED_LOGIT`), which it does not reach.
    const asked = 'Residents say our waiting list is the longest.';
    expect(scanDocument(html(intro, asked), statements).mentions).toEqual([]);
    // Named within it, the statement is marked.
    expect(scanDocument(html(`All of this was in Calderbridge. ${intro}`, asked), statements).mentions.map((m) => m.text)).toEqual([asked]);
  });
});
