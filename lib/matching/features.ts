/**
 * Stage 3 of matching: score a (sentence, claim) pair. Every feature is one that any claim has,
 * whatever its pack: how much of the claim's weighed words the sentence carries, in exact form and
 * in near-synonyms; whether its names and numbers are there; word order; how much of the sentence
 * the claim explains; the candidate's margin over the runner-up; and, where a pack wrote cues,
 * what they find. The weights that combine them are data (`data/match-model.json`), fitted by
 * `scripts/fit-match.ts`; deciding what to mark is `find-mentions.ts`'s job.
 */
import { tokenize } from '../normalize';
import { isStatement, MONTH_WORDS } from '../timeline';
import { hasPair, NAME_STEM, NUMBER_STEM, type ClaimIndex, type CompiledClaim, type StemMarks, type StemNumbers } from './claim-index';
import type { StemEntry } from './candidates';
import { cueEvidence, type PreparedSentence } from './cues';

/** The features, in the order of a pair's feature vector and of the model's weights. */
export const FEATURE_NAMES = [
  // Weighed share of the claim's own words (text and headline) that the sentence carries.
  'coverage',
  // The same over the words that are not names: what happened, not only who.
  'eventCoverage',
  // How many of the claim's words that are neither names nor numbers the sentence carries (log),
  // and the share of the claim's names it carries: a claim is an event and who took part, and a
  // sentence needs some of both.
  'eventWords',
  'nameCoverage',
  'eventTimesNames',
  // The best share of one statement of the claim the sentence carries, its text, its review's
  // headline or an item of its record alone: a post repeats one of them, seldom all (plain coverage
  // for a claim told once).
  'bestStatement',
  // Weighed share of the claim's names found neither in the sentence nor in the two before it.
  'namesMissing',
  // The weight of the heaviest word of the claim that the sentence lacks, as a share: a sentence
  // without the claim's most telling word ("shark" in a shark on a flooded highway) is about
  // something nearby, not the claim.
  'heaviestMissing',
  // The weight of the heaviest word of what happened (not a name, not a number) that the sentence
  // carries, as a share: "Star Wars fans" carries the names of a claim about a fan beaten for a
  // spoiler, and only its lightest event word.
  'heaviestEvent',
  // Weighed share of the claim's missing words that a near-synonym in the sentence stands for.
  'synonymCoverage',
  // The same with WordNet's synonyms (a shared common sense) instead of word vectors.
  'wordnetCoverage',
  // Weighed share of the sentence's words that the claim's text explains, and that anything the
  // pack says of the claim (summary, context, cues) explains.
  // (The best such share of one clause of the sentence, three words or more, beside them was tried:
  // refitted, CheckThat! dev F1 0.677 -> 0.660, eval-review 0.676 -> 0.664, one more real-page mark.
  // So was leaving the record's names out of explainedByRecord: dev without cues 0.833 -> 0.795.
  // On 5 December 2026, two features for a sentence that tells what the check found rather than the
  // claim were tried, refitted: a figure the record gives and the claim does not (no weight to
  // speak of: the training sets' feed has no records), and the share of the sentence that only the
  // summary, the verdict's reasons, explains (the training sets rose, CheckThat! train 0.681 ->
  // 0.688, but the held-out sets pooled fell 0.661 -> 0.654, 16 more wrong marks).)
  'explained',
  'explainedByRecord',
  // The cosine between the sentence's and the claim's weighed words: high only when both say
  // mostly the same, so a wall of names that happens to hold a claim's words scores low.
  'sentenceCosine',
  // The weight of the claim's words the sentence carries, log-scaled: a long claim half covered
  // is stronger evidence than a three-word claim half covered.
  'matchedWeight',
  // How many of the claim's words the sentence carries (log).
  'matchedWords',
  // Share of the claim's adjacent word pairs found in order in the sentence.
  // (The cosine of the sentence's and the claim's character 3-5-grams, as the ranker reads them,
  // was tried beside it: refitted, CheckThat! dev F1 rose 0.673 -> 0.711 (R 0.566) and eval-feed-2
  // 0.519 -> 0.571, but the bar fell to 0.39, the dev pages without cues read 0.819, the held-out
  // sets pooled 0.661 both ways, with 61 marks on their pages about no claim against 48. At one
  // bar the posts gain and the pages lose: posts quote a claim nearly word for word, pages retell it.)
  'bigrams',
  // The block's retrieval score for the claim (cosine of weighed words), and its margin over the
  // best other claim in the whole store: a post about one claim is much closer to it than to the rest.
  'blockCosine',
  'cosineMargin',
  // Coverage over the whole block (a paragraph, a post), for claims told over two sentences.
  'blockCoverage',
  // The claim names numbers: share found; and a sentence with numbers of its own but none of the claim's.
  'numbers',
  'numberConflict',
  // Coverage minus the best other candidate's in this sentence: a sentence about one claim of
  // several alike is closer to it than to the rest.
  'margin',
  // How many content words the sentence has (log): long sentences cover more by chance.
  'sentenceLength',
  // How many claims the store holds (log): the more claims, the more of them a sentence comes
  // close to by chance, and the more evidence a mark needs.
  'storeSize',
  // The pack's cues, where it wrote them: share of key-term groups found, best phrase share.
  'cueCoverage',
  'cuePhrase',
  // Every cue group found: the claim's key terms all there, as its pack's editor wrote them.
  'cueComplete',
  // The claim has cues, they are not found, and the claim's own words are thin in the sentence:
  // the pack's editor listed the wordings and this is none of them (fades as the claim's own words
  // cover more). And whether the claim has cues at all: the fit decides how far a claim with cues
  // leans on them.
  'cuesUnmet',
  'hasCues',
  // (What the rest of the page says of the claim was tried three ways on 5 December 2026, each
  // refitted and read on the held-out sets pooled (0.661 as it is). How many other sentences of the
  // page pass the gates for the claim fitted to a weight of 0: pages about a claim and pages beside
  // it hold as many. How much more of the claim another sentence carries (an echo of a claim told
  // more fully nearby is most often the record's answer to it; on the bundled pack's sets, 36 of
  // the 92 wrong pairs between 0.1 and the bar had another sentence above it, against 1 of the 20
  // mentions): by coverage 0.659, by the words of what happened 0.659. By a first stage of the
  // model, fitted without it, whose probabilities of the page's pairs give each pair its echo:
  // weight -0.62, the training sets and CheckThat! dev rose (0.673 -> 0.680) but the pool read
  // 0.657, ten mentions fewer for nine wrong marks fewer.)
  // (Each share's and cosine's excess over a half, and each margin's over 0, as eleven features
  // more, so that a weight may bend where a share is high, was tried on 5 December 2026: refitted,
  // the bar rose from 0.44 to 0.60, CheckThat! dev F1 fell 0.673 -> 0.597, the dev pages without
  // cues 0.833 -> 0.815, and the held-out sets pooled 0.654 -> 0.626. Whether the sentence tells
  // something as a claim, a verb of saying (`REPORTING`) or a word for a rumour ("viral", "hoax",
  // "screenshot"), as a feature, was tried the same day: refitted, the bar held at 0.44 and the pool
  // read 0.653, a mention fewer.)
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Each feature's place in a pair's feature vector. */
const AT = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as Record<FeatureName, number>;

/** What the scorer knows of a sentence. */
export interface SentenceView {
  prepared: PreparedSentence;
  /** Content stems and their weights. */
  stems: Map<string, number>;
  /** The same stems' entries (`StemEntry`), in the same order; and those of them the claims use,
   * marked by number (`StemNumbers`). */
  entries: readonly StemEntry[];
  marks: StemMarks;
  /** Marks for the pair being scored: `pairFeatures` marks the claim's stems the sentence holds. */
  shared: StemMarks;
  totalWeight: number;
  /** The Euclidean norm of the sentence's stem weights. */
  norm: number;
  /** The weighed share of a claim's words the whole block carries (`coverageBy`), the same for
   * each sentence of the block: made once per claim and block. */
  blockCoverage(claim: CompiledClaim): number;
  /** Whether this sentence or one of the two before it holds the stem. */
  nearby(stem: string): boolean;
  /** Numbers the sentence names. */
  numbers: Set<string>;
  /** The sentences before, for cues' borrowed names. */
  context: readonly PreparedSentence[];
  /** Every stem of the claims, by number, that WordNet gives a common sense with one of the
   * sentence's (none when synonyms are left out): a claim's word is said in other words when it is
   * in this set. */
  synonyms: { has(stem: number): boolean };
  /** The best cosine between the meaning vector of a claim's stem, by number (`StemNumbers`), and
   * those of the sentence's stems, when they are near in meaning (`nearMeanings`; 0 otherwise). */
  closest(stem: number): number;
  /** Each pair of adjacent content stems, with the pair that skips one word before it ("a c" in
   * "a b c"; null for the first), as `pairKey`s, for word order; made when first asked. */
  bigrams(): [number, number | null][];
  /** The sentence points back ("he", "there") and names nobody new: it may borrow a cue name. */
  mayBorrow: (claim: CompiledClaim) => boolean;
}

/** Coverage of a claim's words by a set of stems. */
export function coverageBy(claim: CompiledClaim, stems: { has(stem: string): boolean }): number {
  let covered = 0;
  claim.primary.forEach((w, stem) => {
    if (stems.has(stem)) covered += w;
  });
  return claim.primaryWeight ? covered / claim.primaryWeight : 0;
}

/** The weighed share of the claim's best-carried statement (`ClaimIndex.statements`), or its coverage. */
function bestStatementCoverage(claim: CompiledClaim, sentence: SentenceView, coverage: number, index: ClaimIndex): number {
  let best = coverage;
  for (const { stems, weights, total } of index.statements(claim)) {
    let covered = 0;
    for (let i = 0; i < stems.length; i++) if (sentence.stems.has(stems[i]!)) covered += weights[i]!;
    if (total && covered / total > best) best = covered / total;
  }
  return best;
}

// A month's name, whole or cut short ("Jan. 6"), is part of a date: like a number, it says when,
// not what happened, so the gate on shared words does not count it as a word. A march in the street
// and the modal "may" lose their word here too; a claim has others. (The features still weigh a
// month as they weigh a name, which it is written as.)
const MONTHS = new Set(tokenize([...MONTH_WORDS.whole, ...MONTH_WORDS.short].join(' ')).map((t) => t.stem));

/**
 * How many of the claim's words a sentence carries as written or in a WordNet synonym, how many
 * of those are words rather than numbers, and how many are words of what happened (neither names
 * nor numbers): what the gate on shared words reads (the same count `pairFeatures` returns for a
 * claim without cues), cheaply, before any feature is computed.
 */
export function carriedWords(claim: CompiledClaim, sentence: Pick<SentenceView, 'marks' | 'synonyms'>, { stems, kinds, start, claimStems }: StemNumbers): { carried: number; words: number; events: number } {
  let carried = 0;
  let numbers = 0;
  let names = 0;
  // The claim's stems by number (`StemNumbers`), in the order of `primary`.
  for (let k = start[claim.position]!, end = start[claim.position + 1]!; k < end; k++) {
    const stem = claimStems[k]!;
    if (sentence.marks.has(stem)) {
      carried++;
      if (kinds[stem]! & NUMBER_STEM || MONTHS.has(stems[stem]!)) numbers++;
      else if (kinds[stem]! & NAME_STEM) names++;
    } else if (!(kinds[stem]! & NAME_STEM) && sentence.synonyms.has(stem)) carried++;
  }
  return { carried, words: carried - numbers, events: carried - numbers - names };
}
// (Counting a word near in meaning by the word vectors as carried too, at the lexicon's floor of
// 0.62 or at 0.7, was tried: three times as many pairs on the training real pages passed the gate,
// the fitted bar rose to 0.82, and the dev pages with cues ignored fell to 0.769, CheckThat! dev
// recall to 0.343.)

/** The claim's words of what happened (not names, numbers or months) that a sentence writes as
 * they are: what tells it apart from another claim marked on the same sentence (`decide`). */
export function eventWordsIn(claim: CompiledClaim, stems: ReadonlySet<string>): string[] {
  const events: string[] = [];
  for (const stem of claim.primary.keys()) if (stems.has(stem) && !claim.names.has(stem) && !claim.numbers.has(stem) && !MONTHS.has(stem)) events.push(stem);
  return events;
}

/** A pair's features, and the cue words found; null when the claim's cues veto the sentence, or
 * when the pair cannot reach the `floor` given. */
export function pairFeatures(claim: CompiledClaim, sentence: SentenceView, bestOtherCoverage: number, coverage: number, block: { cosine: number; margin: number }, index: ClaimIndex, floor?: LogitFloor): { features: number[]; found: string[]; matched: number; words: number } | null {
  let covered = 0;
  let eventCovered = 0;
  let eventTotal = 0;
  let namesMissing = 0;
  let namesCovered = 0;
  let heaviestMissing = 0;
  let heaviestEvent = 0;
  let monthsFound = 0;
  let eventWords = 0;
  let wordnet = 0;
  let synonymsMatched = 0;
  let matched = 0;
  // The claim's words the sentence lacks that are not names, by number (`StemNumbers`): pairs are
  // many, and Map entries and [stem, weight] tuples were most of what scoring them allocated.
  const missingStems: number[] = [];
  const { stems, weights, kinds, start, claimStems } = index.stemNumbers;
  const shared = sentence.shared;
  shared.clear();
  // The claim's stems in the order of `primary`, each weighing what it weighs there.
  for (let k = start[claim.position]!, end = start[claim.position + 1]!; k < end; k++) {
    const stem = claimStems[k]!;
    const w = weights[stem]!;
    const isName = (kinds[stem]! & NAME_STEM) !== 0;
    if (!isName) eventTotal += w;
    if (sentence.marks.has(stem)) {
      shared.mark(stem);
      covered += w;
      matched++;
      if (MONTHS.has(stems[stem]!)) monthsFound++;
      if (isName) namesCovered += w;
      else {
        eventCovered += w;
        if (!(kinds[stem]! & NUMBER_STEM)) {
          eventWords++;
          if (w > heaviestEvent) heaviestEvent = w;
        }
      }
    } else {
      if (w > heaviestMissing) heaviestMissing = w;
      if (isName && !sentence.nearby(stems[stem]!)) namesMissing += w;
      if (!isName) missingStems.push(stem);
    }
  }
  let missingWeight = 0;
  for (let i = 0; i < missingStems.length; i++) {
    const w = weights[missingStems[i]!]!;
    missingWeight += w;
    if (sentence.synonyms.has(missingStems[i]!)) {
      wordnet += w;
      synonymsMatched++;
    }
  }
  let explained = 0;
  let byRecord = 0;
  let dot = 0;
  // The sentence's stems in their order, those the claim holds known by their marks (`shared`).
  for (const { stem, weight: w, number } of sentence.entries) {
    if (number >= 0 && shared.has(number)) {
      explained += w;
      dot += w * w;
    } else if (claim.secondary.has(stem)) byRecord += w;
  }
  let numbersFound = 0;
  for (const number of claim.numbers) if (sentence.numbers.has(number)) numbersFound++;
  // A sentence that gives a review's own figures and none of the claim's (a claim that names no
  // figure has none to give) tells the finding, not the claim ("Registry figures show rents rose
  // 6.8% in 2022"): the claim's record (`secondary`: for an imported review, its summary, the
  // claimant and the role the review gives them) does not explain it; only the claim's own words do.
  // The training sets have no review bodies (the CheckThat! feed's reviews have none, the bundled
  // pack's claims are tellings), so this is a rule and not a feature the fit could weigh; it
  // changes no pair there (fit-match --check, pair-digest). On 6 December 2026 it took eval-review
  // 0.687 -> 0.685, eval-review-2 0.620 -> 0.624, -3 0.650 -> 0.661, -4 0.584 -> 0.599, and the
  // two sets still unread, -5 0.588 -> 0.601 and -6 (new) 0.584 -> 0.590: 25 wrong marks fewer
  // for 4 mentions; the five held out pooled 0.606 -> 0.616. (Leaving the summary out of every
  // rated statement's record read 0.616 there too, but lost 23 mentions, eval-review-2 and -4
  // falling; leaving such a pair out altogether, 0.613; years kept out of the figures, 0.613;
  // figures within 5% of the review's counted as its figures, "roughly 27,500" for 27,494, 0.686 ->
  // 0.687 on the six review sets pooled. These variants were chosen between on the review sets
  // eval-review-5 and -6 among them, which are selection sets since: their errors are unread.)
  if (byRecord && !numbersFound) for (const figure of claim.recordFigures) if (sentence.numbers.has(figure)) {
    byRecord = 0;
    break;
  }
  // Nor does a rated statement's record explain more of a sentence than the claim's own words do:
  // a sentence told mostly in the review's words ("Smart meters send short bursts of low-power
  // radio signal") tells its findings, where a mention tells the claim. (A report's telling keeps
  // its record whole: its record retells the same events.) On 6 December 2026, with the rules
  // above in place: eval-review 0.709 -> 0.708, -2 0.702 -> 0.706, -3 0.669 -> 0.681, -4 0.624 ->
  // 0.626, -5 0.679 -> 0.676, -6 0.718 -> 0.728: 23 wrong marks fewer (9 on pages about no claim)
  // for 8 mentions. (Twice the claim's own words: 0.684 on the six pooled, against 0.686 with the
  // cap and 0.682 without.)
  if (byRecord > explained && isStatement(claim.claim)) byRecord = explained;
  let cueCoverage = 0;
  let cuePhrase = 0;
  let found: string[] = [];
  if (claim.cues) {
    const evidence = cueEvidence(claim.cues, sentence.prepared, sentence.stems, sentence.context, sentence.mayBorrow(claim));
    if (!evidence) return null;
    cueCoverage = evidence.coverage;
    cuePhrase = evidence.phrase;
    found = evidence.found;
  }
  const total = claim.primaryWeight || 1;
  const eventShare = eventTotal ? eventCovered / eventTotal : coverage;
  const nameShare = claim.nameWeight ? namesCovered / claim.nameWeight : 1;
  // Each value written at its feature's place (`AT`): a record of the values read out by name
  // (`FEATURE_NAMES.map`) was thirty lookups by key a pair, as dear as the rest of this function
  // for the thousand pairs of a large store's page. Every place is written: none stays a hole.
  const features = new Array<number>(FEATURE_NAMES.length);
  features[AT.coverage] = coverage;
  features[AT.eventCoverage] = eventShare;
  features[AT.eventWords] = Math.log1p(eventWords);
  features[AT.nameCoverage] = nameShare;
  features[AT.eventTimesNames] = eventShare * nameShare;
  features[AT.bestStatement] = bestStatementCoverage(claim, sentence, coverage, index);
  features[AT.namesMissing] = namesMissing / total;
  features[AT.heaviestMissing] = heaviestMissing / total;
  features[AT.heaviestEvent] = heaviestEvent / total;
  // Word vectors and word order come last (`nearMeaningAndOrder`): they cost the most.
  features[AT.synonymCoverage] = 0;
  features[AT.wordnetCoverage] = wordnet / total;
  features[AT.explained] = sentence.totalWeight ? explained / sentence.totalWeight : 0;
  features[AT.explainedByRecord] = sentence.totalWeight ? (explained + byRecord) / sentence.totalWeight : 0;
  features[AT.sentenceCosine] = sentence.norm ? dot / (sentence.norm * claim.primaryNorm) : 0;
  features[AT.matchedWeight] = Math.log1p(covered);
  features[AT.matchedWords] = Math.log1p(matched);
  features[AT.bigrams] = 0;
  features[AT.blockCosine] = block.cosine;
  features[AT.cosineMargin] = block.margin;
  features[AT.blockCoverage] = sentence.blockCoverage(claim);
  features[AT.numbers] = claim.numbers.size ? numbersFound / claim.numbers.size : 0;
  features[AT.numberConflict] = claim.numbers.size && !numbersFound && sentence.numbers.size ? 1 : 0;
  features[AT.margin] = coverage - bestOtherCoverage;
  features[AT.sentenceLength] = Math.log1p(sentence.stems.size);
  features[AT.storeSize] = Math.log10(1 + index.claims.length);
  features[AT.cueCoverage] = cueCoverage;
  features[AT.cuePhrase] = cuePhrase;
  features[AT.cueComplete] = claim.cues && cueCoverage >= 1 ? 1 : 0;
  features[AT.cuesUnmet] = claim.cues ? (1 - cueCoverage) * Math.max(0, 1 - 2 * coverage) : 0;
  features[AT.hasCues] = claim.cues ? 1 : 0;
  // Numbers alone ("12", "2014" in a timestamp) say nothing of what happened.
  const numbersMatched = numbersFound + monthsFound;
  // A word of the claim said in a WordNet synonym counts as carried, for the gate on shared words.
  const carried = matched + synonymsMatched;
  // Where the pair cannot reach the floor whatever its word vectors and word order add, they are
  // not worked out: a page's pairs are nearly all far below it.
  if (floor && logitBound(features, floor, (index.knowledge.vectors ? missingWeight : 0) / total) < floor.logit) return null;
  nearMeaningAndOrder(claim, sentence, missingStems, index, features);
  return { features, found, matched: Math.max(carried, found.length), words: Math.max(carried - numbersMatched, found.length) };
}

/** Sets the two features that cost the most: the weighed share of the claim's missing words that a
 * word near in meaning stands for, and the share of the claim's word pairs found in order. */
function nearMeaningAndOrder(claim: CompiledClaim, sentence: SentenceView, missingStems: readonly number[], index: ClaimIndex, features: number[]): void {
  const { weights } = index.stemNumbers;
  let synonyms = 0;
  // Zero below the lexicon's floor of near meaning (`NEAR_MEANING`).
  if (index.knowledge.vectors) for (let i = 0; i < missingStems.length; i++) synonyms += weights[missingStems[i]!]! * sentence.closest(missingStems[i]!);
  let pairs = 0;
  for (const [next, skip] of sentence.bigrams()) if (hasPair(claim.bigrams, next) || (skip !== null && hasPair(claim.bigrams, skip))) pairs++;
  features[AT.synonymCoverage] = synonyms / (claim.primaryWeight || 1);
  features[AT.bigrams] = claim.bigrams.length ? Math.min(1, pairs / claim.bigrams.length) : 0;
}

/** A logistic model's log-odds below which a pair is of no use to the caller (the loose bar). */
export interface LogitFloor {
  weights: readonly number[];
  bias: number;
  logit: number;
}

/** The highest log-odds the pair can reach, with the two features not yet worked out anywhere from 0
 * to their bound: the synonyms' coverage to the one given, word order to 1 (both can only add to
 * what is found, never take away). */
function logitBound(features: readonly number[], model: LogitFloor, synonymBound: number): number {
  let z = model.bias;
  for (let i = 0; i < features.length; i++) {
    const w = model.weights[i]!;
    z += i === AT.synonymCoverage ? Math.max(0, w * synonymBound) : i === AT.bigrams ? Math.max(0, w) : w * features[i]!;
  }
  // Room for the order in which floating-point sums are taken.
  return z + 1e-9;
}
