/**
 * Ranks known claims against a post (a tweet, a paragraph): which checked claims is it about? Two
 * lexical retrievers (stemmed words and character n-grams, both BM25) pick candidates, then a
 * linear model over a handful of match signals orders them. Browser-free; text cleaning lives in
 * `post-text.ts`, the inverted index in `term-index.ts`, the CLI in `scripts/rank.ts`.
 */
import { TermIndex, type Bm25Params } from './term-index';
import { charGrams, cleanPost, datesNamed, monthKey, terms } from './post-text';

/** A claim to index: its id and the text a post is compared with (for Snopes, "title\nclaim"). */
export interface ClaimText {
  id: string;
  text: string;
}

/** A claim in a ranking, with its score: higher is a better match; only the order is meaningful. */
export interface RankedClaim {
  id: string;
  score: number;
}

/** The signals the ranker combines, in the order of a candidate's `features`. */
export const FEATURE_NAMES = [
  // BM25 and TF-IDF cosine of the post's stemmed words (its signer's name included).
  'words',
  'wordCosine',
  // The same two over character 3-5-grams, for spellings and word forms stemming misses.
  'chars',
  'charCosine',
  // The claim's length in terms. Its fitted weight is positive: of two claims that match a post
  // about as well, the fuller one wins (without it, train CV MAP@5 -0.001, dev -0.014).
  'claimLength',
  // The claim names the month and year the post is dated ("in January 2020"), only the year, or
  // only other years. Snopes often dates what it checks; a post's date comes from its signature.
  'sameMonth',
  'sameYear',
  'otherYear',
  // (The page matcher's probability for the post and the claim, `scorePairs` through the match
  // model, was tried as one more signal: fitted on train, dev MAP@5 0.8380 as a probability and
  // 0.8442 as log-odds, against 0.8435 without. The ranker's two retrievers already hold its evidence.
  // The best word cosine with one line of the claim alone, its title or its claim, was tried too:
  // fitted weight -0.21, dev MAP@5 0.8420 against 0.8414 without. So were the numbers the post
  // shares with the claim, years aside (log of their count), and the share of the claim's
  // capitalised words the post holds: dev 0.8388 and 0.8414, 0.8378 together, against 0.8414.)
] as const;

/** The name of one signal. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** A claim the retrievers proposed for a post, with its signals in `FEATURE_NAMES` order. */
export interface Candidate {
  /** The claim's position in the list the ranker was built from. */
  index: number;
  id: string;
  features: number[];
}

/**
 * Weight of each signal on its raw scale. Fitted by `scripts/fit-rank.ts` on the CheckThat! 2020
 * Task 2 train split (800 tweets): softmax cross-entropy over each tweet's candidates, L2 1e-3 on
 * standardised features, then scaled back to raw values. Rerun that script after changing a signal.
 */
export const FEATURE_WEIGHTS: Record<FeatureName, number> = {
  words: 0.186,
  wordCosine: 6.16,
  chars: 0.00734,
  charCosine: 14.8,
  claimLength: 0.0523,
  sameMonth: 2.4,
  sameYear: 0.644,
  otherYear: -0.613,
};

const WEIGHT_LIST = FEATURE_NAMES.map((name) => FEATURE_WEIGHTS[name]);
// Classic BM25 settings: on train, a grid over k1 0.6-2.0 and b 0.3-0.9 moved the word retriever's
// MAP@5 by under 0.01.
const BM25: Bm25Params = { k1: 1.2, b: 0.75 };
// Each retriever proposes this many claims. With 50 from each, the right claim is among the
// candidates for 98% of train and dev tweets; 100 from each reaches 99% of train but leaves MAP@5 as it is.
const CANDIDATES_PER_RETRIEVER = 50;

interface ClaimFacts {
  years: Set<number>;
  months: Set<string>;
  length: number;
}

/** An index over a fixed list of claims that ranks them against posts. */
export class ClaimRanker {
  private readonly claims: readonly ClaimText[];
  private readonly wordIndex: TermIndex;
  private readonly charIndex: TermIndex;
  private readonly facts: ClaimFacts[];

  constructor(claims: readonly ClaimText[]) {
    this.claims = claims;
    const claimTerms = claims.map((claim) => terms(claim.text));
    this.wordIndex = new TermIndex(claimTerms);
    this.charIndex = new TermIndex(claims.map((claim) => charGrams(claim.text)));
    this.facts = claims.map((claim, i) => ({
      ...datesNamed(claim.text),
      length: claimTerms[i]!.length,
    }));
  }

  /** The claims the retrievers propose for a post, each with its signals; empty when the post
   * shares no word or n-gram with any claim. */
  candidates(post: string): Candidate[] {
    const { body, author, date } = cleanPost(post);
    const postTerms = terms(`${body} ${author}`);
    const postGrams = charGrams(`${body} ${author}`);
    const signals = {
      words: this.wordIndex.bm25(postTerms, BM25),
      wordCosine: this.wordIndex.cosine(postTerms),
      chars: this.charIndex.bm25(postGrams, BM25),
      charCosine: this.charIndex.cosine(postGrams),
    };
    const picked = new Set([
      ...topIndices(signals.words, CANDIDATES_PER_RETRIEVER),
      ...topIndices(signals.chars, CANDIDATES_PER_RETRIEVER),
    ]);
    const postMonth = date && monthKey(date);
    return [...picked].map((index) => {
      const facts = this.facts[index]!;
      const namesYear = !!date && facts.years.has(date.year);
      const features: Record<FeatureName, number> = {
        words: signals.words[index]!,
        wordCosine: signals.wordCosine[index]!,
        chars: signals.chars[index]!,
        charCosine: signals.charCosine[index]!,
        claimLength: facts.length,
        sameMonth: postMonth && facts.months.has(postMonth) ? 1 : 0,
        sameYear: namesYear ? 1 : 0,
        otherYear: date && facts.years.size > 0 && !namesYear ? 1 : 0,
      };
      return { index, id: this.claims[index]!.id, features: FEATURE_NAMES.map((name) => features[name]) };
    });
  }

  /** The `top` claims that best match a post, best first; ties go to the claim listed first.
   * Empty when no claim shares anything with the post. */
  rank(post: string, top = 5): RankedClaim[] {
    return this.candidates(post)
      .map((c) => ({ index: c.index, id: c.id, score: c.features.reduce((sum, x, i) => sum + x * WEIGHT_LIST[i]!, 0) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, top)
      .map(({ id, score }) => ({ id, score }));
  }
}

/** Positions of the `k` highest non-zero scores, highest first, ties by position. */
function topIndices(scores: Float64Array, k: number): number[] {
  const picked: number[] = [];
  scores.forEach((score, i) => {
    if (score > 0) picked.push(i);
  });
  return picked.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
}
