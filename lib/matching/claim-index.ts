/**
 * Stage 1 of matching: index the claims. Everything a pack says about a claim is evidence: its text
 * and the review's headline are its primary words; its summary, context and cues are secondary.
 * Each word is weighed by how telling it is, from the pack itself (a word in many of its claims
 * tells little) and from general news text (`lexicon.ts`), so a small pack is weighed sensibly too.
 * The inverted index from stem to claims makes the cost of a page grow with its words, not with
 * the number of claims. Finding candidates is `candidates.ts`'s job, scoring `features.ts`'s.
 */
import { tokenize } from '../normalize';
import type { Claim } from '../schema';
import { claimWindow, type Interval } from '../timeline';
import { anchorOf, compileCues, type CompiledCues } from './cues';
import { backgroundWeight, isKnownStem } from './lexicon';

/** A claim the matcher can look for, with the pack it belongs to. */
export type MatchableClaim = Pick<Claim, 'id' | 'text' | 'verdict'> &
  Partial<Pick<Claim, 'summary' | 'context' | 'cues' | 'claimDate' | 'claimant' | 'headline'>> & { packId?: string };

/** A claim compiled for matching. */
export interface CompiledClaim<C extends MatchableClaim = MatchableClaim> {
  claim: C;
  /** The claim's place in the list the index was built from: ties go to the earlier claim. */
  position: number;
  /** The claim's own content stems (text and headline), each with its weight. */
  primary: Map<string, number>;
  primaryWeight: number;
  /** The Euclidean norm of the primary stems' weights, for cosines. */
  primaryNorm: number;
  /** The primary stems that are names (people, places, bodies), and their total weight. */
  names: Set<string>;
  nameWeight: number;
  /** Adjacent pairs of primary content stems, as "a b". */
  bigrams: Set<string>;
  /** The numbers the claim's own words name. */
  numbers: Set<string>;
  /** Stems of everything else the pack says of the claim: summary, context, claimant, cues. */
  secondary: Set<string>;
  cues: CompiledCues | null;
  window: Interval | null;
  /** Years the claim itself names ("2014"), which a sentence may name without changing its time. */
  ownYears: Set<number>;
}

/** The compiled claims, each stem's weight, and the index from stem to the claims it occurs in. */
export interface ClaimIndex<C extends MatchableClaim = MatchableClaim> {
  claims: CompiledClaim<C>[];
  /** Claim positions per primary stem. */
  postings: Map<string, Int32Array>;
  /** Claim positions per cue anchor, for claims whose cues name words their text does not. */
  cuePostings: Map<string, Int32Array>;
  /** How telling each stem is (0 for stems no claim uses). */
  weight: (stem: string) => number;
  /** Stems the claims' texts write as names, to tell names from words on a page. */
  names: Set<string>;
}

/** Options for `buildClaimIndex`. */
export interface IndexOptions {
  /** Leave every claim's cues out, to measure the engine on the claims' own words (`scan --no-cues`). */
  ignoreCues?: boolean;
}

// A capitalised word that does not open a sentence: a name, or a word used as one.
const CAPITALISED = /(?<![.!?:]\s|^|["“‘'(]|\n)\b\p{Lu}[\p{L}'’-]+/gu;

function evidenceTexts(claim: MatchableClaim): string[] {
  return [claim.text, claim.headline ?? '', claim.summary ?? '', claim.claimant ?? '', ...(claim.context ?? []).map((item) => item.text)];
}

/** The stems the claims' own texts write as names ("Peskov", "Munich"), which general English does
 * not use as common words. */
function namedStems(claims: readonly MatchableClaim[]): Set<string> {
  const names = new Set<string>();
  for (const claim of claims) {
    for (const text of evidenceTexts(claim)) {
      for (const match of text.matchAll(CAPITALISED)) for (const token of tokenize(match[0])) if (!token.stop) names.add(token.stem);
    }
  }
  return names;
}

/** Content stems of a text, in order, with "us" in capitals read as the country. */
function stemsOf(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.stop)
    .map((t) => t.stem);
}

function toPostings(lists: Map<string, number[]>): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  for (const [stem, list] of lists) out.set(stem, Int32Array.from(list));
  return out;
}

/** Compiles claims into an index. Claims keep their order; mentions hand back the claim given. */
export function buildClaimIndex<C extends MatchableClaim>(claims: C[], options: IndexOptions = {}): ClaimIndex<C> {
  const names = namedStems(claims);
  const primaryStems = claims.map((claim) => stemsOf(`${claim.headline ?? ''}\n${claim.text}`));
  const df = new Map<string, number>();
  for (const stems of primaryStems) for (const stem of new Set(stems)) df.set(stem, (df.get(stem) ?? 0) + 1);
  const n = claims.length;
  // A small pack says little about which words are common: lean on general text until it is large.
  const packShare = n / (n + 300);
  const weights = new Map<string, number>();
  const weight = (stem: string): number => {
    let w = weights.get(stem);
    if (w === undefined) {
      const count = df.get(stem) ?? 0;
      const packIdf = Math.log(1 + n / (count + 0.5));
      // A word in a large part of the pack ("Ukraine" in a pack about Ukraine) picks no claim out.
      const spread = 1 / (1 + (3 * count) / Math.max(1, n));
      w = ((1 - packShare) * backgroundWeight(stem) + packShare * packIdf) * spread;
      weights.set(stem, w);
    }
    return w;
  };
  const postings = new Map<string, number[]>();
  const cuePostings = new Map<string, number[]>();
  const compiled = claims.map((claim, at): CompiledClaim<C> => {
    const stems = primaryStems[at]!;
    const primary = new Map<string, number>();
    for (const stem of stems) primary.set(stem, weight(stem));
    let primaryWeight = 0;
    let squares = 0;
    let nameWeight = 0;
    const claimNames = new Set<string>();
    for (const [stem, w] of primary) {
      primaryWeight += w;
      squares += w * w;
      if (names.has(stem) && !/^\d/.test(stem)) {
        claimNames.add(stem);
        nameWeight += w;
      }
      let list = postings.get(stem);
      if (!list) postings.set(stem, (list = []));
      list.push(at);
    }
    const bigrams = new Set<string>();
    for (let i = 1; i < stems.length; i++) bigrams.add(`${stems[i - 1]} ${stems[i]}`);
    const cues = options.ignoreCues ? null : compileCues(claim.cues, names);
    const secondary = new Set<string>();
    for (const text of evidenceTexts(claim).slice(2)) for (const stem of stemsOf(text)) secondary.add(stem);
    if (cues) {
      for (const alternative of [...cues.groups.flat(), ...cues.phrases]) for (const stem of alternative) secondary.add(stem);
      const anchors = new Set(cues.groups.flatMap((group) => group.map(anchorOf).filter((a): a is string => !!a)));
      for (const anchor of anchors) {
        if (primary.has(anchor)) continue;
        let list = cuePostings.get(anchor);
        if (!list) cuePostings.set(anchor, (list = []));
        list.push(at);
      }
    }
    const ownText = `${claim.text} ${claim.headline ?? ''}`;
    return {
      claim,
      position: at,
      primary,
      primaryWeight,
      primaryNorm: Math.sqrt(squares) || 1,
      names: claimNames,
      nameWeight,
      bigrams,
      numbers: new Set(stems.filter((s) => /^\d/.test(s))),
      secondary,
      cues,
      window: claimWindow(claim.claimDate),
      ownYears: new Set([...ownText.matchAll(/\b(?:19|20)\d{2}\b/g)].map((m) => Number(m[0]))),
    };
  });
  return {
    claims: compiled,
    postings: toPostings(postings),
    cuePostings: toPostings(cuePostings),
    weight: (stem) => (df.has(stem) || names.has(stem) ? weight(stem) : backgroundWeight(stem) * (1 - packShare) + packShare * Math.log(1 + n / 0.5)),
    names,
  };
}

/** True when a stem looks like a name to the index: the claims write it so, or general English
 * does not know it as a word. */
export function isNameStem(index: ClaimIndex, stem: string): boolean {
  return index.names.has(stem) || (!/^\d/.test(stem) && !isKnownStem(stem));
}
