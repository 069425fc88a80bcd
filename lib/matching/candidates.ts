/**
 * Stage 2 of matching: the claims a block of text may mention, found through the inverted index.
 * Each claim the block shares a word with gets two retrieval scores at once: the weighed share of
 * the claim's words the block carries (coverage), and the cosine between the block's and the
 * claim's weighed words, which also counts what the block says that the claim does not. A claim is
 * a candidate when it carries a fair share of the claim, or is among the best few by cosine, or
 * carries a fair share of one item of the claim's record (`RecordIndex`), or, for a claim with
 * cues, holds several of its cue words. Only candidates are scored
 * (`features.ts`), which keeps a page's cost low however many claims the store holds.
 */
import type { ClaimIndex } from './claim-index';
import { lexiconRank } from './lexicon';

/** A candidate claim for a block, with its retrieval scores. */
export interface Candidate {
  claim: number;
  coverage: number;
  cosine: number;
}

/** The candidates of a block, and the best cosines of the claims it reaches. */
export interface BlockCandidates {
  candidates: Candidate[];
  /** The claims the block's telling words reach with the best cosines, candidates or not, best
   * first: the rivals a candidate's margin is taken over (`rivalCosine`). In arrays: they are
   * thirty a block, and one is read. */
  byCosine: { claims: Int32Array; cosines: Float64Array };
  /** Whether `byCosine` was cut short: claims beyond it reach the block too. */
  moreByCosine: boolean;
}

/** The least share of a claim's words a block must carry for the claim to be scored in it. (0.15
 * and 0.1 were tried: each refit fell on CheckThat!'s training posts, 0.674 to 0.667 and 0.659,
 * and on its dev posts, 0.667 to 0.649 and 0.638; the dev pages with cues ignored read 0.814 and
 * 0.828 against 0.819, with cues 0.957 and 0.947 against 0.968.) */
export const MIN_BLOCK_COVERAGE = 0.2;
/** The share of the coverage bar a claim must reach on its rarer words alone to be considered.
 * (0.3 was tried on 5 December 2026, refitted: the held-out sets pooled read 0.662 against 0.661,
 * two mentions more and a wrong mark more, and the odd real pages took a mark more with the feed;
 * too little for the common words' walk over more of a large store's claims; eval-review-5, written
 * after, read 0.588 -> 0.583.) */
const TELLING_SHARE = 0.5;
/** How many candidates a block keeps by coverage, best first: enough for a paragraph about several
 * claims. (48 was tried on 5 December 2026, refitted: the bar rose to 0.47, CheckThat! dev F1
 * 0.673 -> 0.662, eval-feed 0.571 -> 0.544, the held-out sets pooled 0.654 -> 0.648.) */
const MAX_CANDIDATES = 24;
/** How many more it keeps by cosine, for blocks that say a claim in other words than most of it.
 * (12 was tried, refitted: the bar rose to 0.45, CheckThat! dev F1 0.673 -> 0.669, the held-out
 * sets pooled 0.661 -> 0.653.) */
const MAX_COSINE_CANDIDATES = 6;
const MIN_COSINE = 0.1;
/** The least share of one item of a claim's record a block must carry for the claim to be scored
 * in it: a page may retell what the record shows rather than the claim's own words. (0.5 and 0.4
 * were tried, refitted: the dev pages with cues ignored found one mention more, F1 0.833 -> 0.847,
 * but the held-out sets pooled fell, 0.661 -> 0.657 and 0.658, with 7 and 10 more wrong marks, and
 * CheckThat! dev F1 0.673 -> 0.677; at 0.5, eval-review-5, written after, 0.588 -> 0.573.) */
export const MIN_RECORD_COVERAGE = 0.6;
/** How much a synonym counts towards a claim's coverage, against the word itself. */
const SYNONYM_DISCOUNT = 0.7;

/** Scratch buffers reused from block to block: sums as long as the index's claims, the claims a
 * block reaches, and which common stems it holds. A claim is listed as reached once per block: its
 * sum turns positive with its first word, every weight being positive, so `touched` never
 * outgrows the number of claims. */
export interface CandidateScratch {
  covered: Float64Array;
  dot: Float64Array;
  touched: Int32Array;
  present: Uint8Array;
  byCoverage: TopCandidates;
  byCosine: TopCandidates;
  /** The same sums and list for the record's statements (`RecordIndex`). */
  recordCovered: Float64Array;
  recordTouched: Int32Array;
  /** Each stem's entry (`StemEntry`), made the first time a block holds the stem. */
  entries: Map<string, StemEntry>;
}

/** Scratch for one pass over a page; `entries` are the stems' entries kept from earlier pages. */
export function candidateScratch(index: ClaimIndex, entries = new Map<string, StemEntry>()): CandidateScratch {
  const n = index.claims.length;
  return {
    covered: new Float64Array(n),
    dot: new Float64Array(n),
    touched: new Int32Array(n),
    present: new Uint8Array(index.common.size),
    byCoverage: new TopCandidates('coverage', MAX_CANDIDATES),
    byCosine: new TopCandidates('cosine', MAX_CANDIDATES + MAX_COSINE_CANDIDATES),
    recordCovered: new Float64Array(index.records.claim.length),
    recordTouched: new Int32Array(index.records.claim.length),
    entries,
  };
}

/** What the index holds for one stem, looked up once: its weight, its number among the common
 * stems (-1 for a rarer one), the lists a block holding it walks, and what the scorer reads of it
 * (`find-mentions.ts`). A block used to look each up in its own map, five lookups a stem; pages
 * share most of their words, so the entries are kept with the index from page to page
 * (`find-mentions.ts` keeps them with its other lookups, and each page word's with the word). */
export interface StemEntry {
  stem: string;
  weight: number;
  common: number;
  postings: Int32Array | undefined;
  /** The claims' words it is a synonym of, for a stem no claim uses. */
  synonyms: readonly string[] | undefined;
  /** Its number among the claims' stems (`StemNumbers`), -1 for a stem no claim uses; and the
   * numbers of the claims' stems it is a WordNet synonym of, whether a claim uses it or not. */
  number: number;
  synonymOf: readonly number[] | undefined;
  /** Its place in the lexicon (`lexiconRank`). */
  rank: number;
  cues: Int32Array | undefined;
  record: { statements: Int32Array; weights: Float64Array } | undefined;
}

/** How many stems' entries are kept: a page of endless unique words must not grow them forever. */
const MAX_ENTRIES = 100_000;

/** A stem's entry, from those kept (`entries`), or made and kept. */
export function stemEntry(index: ClaimIndex, entries: Map<string, StemEntry>, stem: string): StemEntry {
  let entry = entries.get(stem);
  if (!entry) {
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(stem, (entry = entryOf(index, stem)));
  }
  return entry;
}

function entryOf(index: ClaimIndex, stem: string): StemEntry {
  const common = index.common.get(stem);
  const postings = common === undefined ? index.postings.get(stem) : undefined;
  const numbers = index.stemNumbers.of;
  const synonyms = index.synonymsIn.get(stem);
  return {
    stem,
    weight: index.weight(stem),
    common: common ?? -1,
    postings,
    synonyms: postings || common !== undefined ? undefined : synonyms,
    number: numbers.get(stem) ?? -1,
    synonymOf: synonyms?.map((synonym) => numbers.get(synonym)!),
    rank: lexiconRank(stem),
    cues: index.cuePostings.get(stem),
    record: index.records.postings.size ? index.records.postings.get(stem) : undefined,
  };
}

/** The candidate claims for a block's distinct content stems, best first; `held` are the stems'
 * entries in the set's order, where the caller has them (`find-mentions.ts` keeps each page
 * word's with it). */
export function candidateClaims(index: ClaimIndex, stems: ReadonlySet<string>, scratch: CandidateScratch, held: readonly StemEntry[] = [...stems].map((stem) => stemEntry(index, scratch.entries, stem))): BlockCandidates {
  const cueHits = new Map<number, number>();
  const { covered, dot, touched, present, byCoverage, byCosine, recordCovered, recordTouched } = scratch;
  const records = index.records;
  let touchedCount = 0;
  let recordsTouched = 0;
  let blockNorm = 0;
  // Which common stems the block holds, by their numbers (cleared again before returning).
  const commonHeld: number[] = [];
  for (const entry of held) {
    const w = entry.weight;
    blockNorm += w * w;
    // Words in many claims ("Trump" in a feed about politics) are counted only for the claims the
    // rarer words bring in: walking their long lists would cost more than all the rest.
    if (entry.common >= 0) {
      present[entry.common] = 1;
      commonHeld.push(entry.common);
      continue;
    }
    const list = entry.postings;
    if (list) {
      for (let i = 0; i < list.length; i++) {
        const claim = list[i]!;
        if (covered[claim] === 0) touched[touchedCount++] = claim;
        covered[claim]! += w;
        dot[claim]! += w * w;
      }
    }
    // A word the claims never use may stand for one they do ("negotiations" for "talks"): it
    // brings the claim in at a discount, so paraphrases reach the scorer. (Letting a word some
    // other claim uses do so too was tried: the dev pages, with cues and without, found the same,
    // but the refit's bar rose from 0.46 to 0.54 and CheckThat! dev recall fell from 0.515 to 0.475.)
    const synonyms = entry.synonyms;
    if (synonyms) {
      for (const synonym of synonyms) {
        if (stems.has(synonym)) continue;
        const other = index.postings.get(synonym)!;
        const ws = index.weight(synonym) * SYNONYM_DISCOUNT;
        for (let i = 0; i < other.length; i++) {
          const claim = other[i]!;
          if (covered[claim] === 0) touched[touchedCount++] = claim;
          covered[claim]! += ws;
        }
      }
    }
    const cueList = entry.cues;
    if (cueList) for (const claim of cueList) cueHits.set(claim, (cueHits.get(claim) ?? 0) + 1);
    const recordList = entry.record;
    if (recordList) {
      for (let i = 0; i < recordList.statements.length; i++) {
        const id = recordList.statements[i]!;
        if (recordCovered[id] === 0) recordTouched[recordsTouched++] = id;
        recordCovered[id]! += recordList.weights[i]!;
      }
    }
  }
  const norm = Math.sqrt(blockNorm) || 1;
  const { primaryWeights, primaryNorms, commonOf } = index;
  // The best by coverage, and by cosine as many more as the coverage list may take from them: a
  // block of a large store reaches thousands of claims, and sorting them all cost more than the rest.
  byCoverage.clear();
  byCosine.clear();
  let reached = 0;
  for (let t = 0; t < touchedCount; t++) {
    const claim = touched[t]!;
    let partial = covered[claim]!;
    let partialDot = dot[claim]!;
    covered[claim] = 0;
    dot[claim] = 0;
    // Only a claim that the block's telling words reach is worth its common words too.
    if (partial < MIN_BLOCK_COVERAGE * primaryWeights[claim]! * TELLING_SHARE) continue;
    for (let k = commonOf.start[claim]!, end = commonOf.start[claim + 1]!; k < end; k++) {
      if (!present[commonOf.stem[k]!]) continue;
      const w = commonOf.weight[k]!;
      partial += w;
      partialDot += w * w;
    }
    const coverage = partial / primaryWeights[claim]!;
    const cosine = partialDot / (norm * primaryNorms[claim]!);
    reached++;
    if (coverage >= MIN_BLOCK_COVERAGE) byCoverage.offer(claim, coverage, cosine);
    byCosine.offer(claim, coverage, cosine);
  }
  for (const id of commonHeld) present[id] = 0;
  const kept = byCoverage.take();
  const keptIds = new Set(kept.map((c) => c.claim));
  // The best few by cosine that coverage did not keep (the list is best first: the first below
  // the floor ends it).
  for (let i = 0, added = 0; i < byCosine.count && added < MAX_COSINE_CANDIDATES; i++) {
    const c = byCosine.at(i);
    if (c.cosine < MIN_COSINE) break;
    if (keptIds.has(c.claim)) continue;
    kept.push(c);
    keptIds.add(c.claim);
    added++;
  }
  // A block that retells an item of the claim's record brings the claim in, with its own scores.
  for (let t = 0; t < recordsTouched; t++) {
    const id = recordTouched[t]!;
    const share = recordCovered[id]! / records.total[id]!;
    recordCovered[id] = 0;
    const claim = records.claim[id]!;
    if (share < MIN_RECORD_COVERAGE || keptIds.has(claim)) continue;
    let partial = 0;
    let partialDot = 0;
    index.claims[claim]!.primary.forEach((w, stem) => {
      if (!stems.has(stem)) return;
      partial += w;
      partialDot += w * w;
    });
    kept.push({ claim, coverage: partial / primaryWeights[claim]!, cosine: partialDot / (norm * primaryNorms[claim]!) });
    keptIds.add(claim);
  }
  // Cue words a claim's text does not use ("the Bavarian capital" for Munich) bring it in too.
  for (const [claim, hits] of cueHits) {
    if (hits >= 2 && !keptIds.has(claim)) kept.push({ claim, coverage: 0, cosine: 0 });
  }
  return { candidates: kept, byCosine: byCosine.ranking(), moreByCosine: reached > byCosine.count };
}

/**
 * The best cosine of another claim than this one among those the block reaches: a post about one
 * claim is much closer to it than to the rest. Another record of the same claim (the same check in
 * two feeds, `isTwin`) is no rival, or a store that holds a claim twice could never tell it apart.
 */
export function rivalCosine(retrieved: BlockCandidates, claim: number, isTwin: (other: number) => boolean): number {
  const { claims, cosines } = retrieved.byCosine;
  for (let i = 0; i < claims.length; i++) if (claims[i] !== claim && !isTwin(claims[i]!)) return cosines[i]!;
  // Every claim kept is this one or a twin: the best beyond them is no better than the last kept.
  return retrieved.moreByCosine ? cosines[cosines.length - 1]! : 0;
}

/** The best few candidates by one retrieval score, best first, ties to the earlier claim. Kept in
 * typed arrays and made into objects only when asked: a block of a large store offers thousands
 * of claims, and an object for each that briefly made the list was most of a page's garbage. */
export class TopCandidates {
  private readonly claims: Int32Array;
  private readonly coverages: Float64Array;
  private readonly cosines: Float64Array;
  private readonly scores: Float64Array;
  private kept = 0;
  constructor(
    private readonly by: 'coverage' | 'cosine',
    private readonly limit: number,
  ) {
    this.claims = new Int32Array(limit);
    this.coverages = new Float64Array(limit);
    this.cosines = new Float64Array(limit);
    this.scores = new Float64Array(limit);
  }

  offer(claim: number, coverage: number, cosine: number): void {
    const { limit, claims, coverages, cosines, scores } = this;
    const score = this.by === 'coverage' ? coverage : cosine;
    if (this.kept === limit && !this.behind(limit - 1, score, claim)) return;
    let at = this.kept < limit ? this.kept++ : limit - 1;
    for (; at > 0 && this.behind(at - 1, score, claim); at--) {
      claims[at] = claims[at - 1]!;
      coverages[at] = coverages[at - 1]!;
      cosines[at] = cosines[at - 1]!;
      scores[at] = scores[at - 1]!;
    }
    claims[at] = claim;
    coverages[at] = coverage;
    cosines[at] = cosine;
    scores[at] = score;
  }

  /** How many candidates the list holds. */
  get count(): number {
    return this.kept;
  }

  /** Empties the list, for the next block. */
  clear(): void {
    this.kept = 0;
  }

  /** The candidate kept at a rank. */
  at(i: number): Candidate {
    return { claim: this.claims[i]!, coverage: this.coverages[i]!, cosine: this.cosines[i]! };
  }

  /** The claims kept and their scores' cosines, best first, copied out of the list. */
  ranking(): { claims: Int32Array; cosines: Float64Array } {
    return { claims: this.claims.slice(0, this.kept), cosines: this.cosines.slice(0, this.kept) };
  }

  /** The candidates kept, best first. */
  take(): Candidate[] {
    const best = new Array<Candidate>(this.kept);
    for (let i = 0; i < this.kept; i++) best[i] = this.at(i);
    return best;
  }

  /** True when the candidate kept at `at` ranks after a claim of this score. */
  private behind(at: number, score: number, claim: number): boolean {
    const held = this.scores[at]!;
    return held < score || (held === score && this.claims[at]! > claim);
  }
}
