/**
 * Finds mentions of known claims in blocks of page text. Each claim's cues are compiled once into
 * an inverted index keyed by word stem, so the work per page grows with the page's words, not with
 * the number of claims. A sentence mentions a claim when it carries the claim's key terms (its cue
 * groups, in any wording the groups allow), scores above the sensitivity threshold, and is about the
 * claim's time. Tokens come from `lib/normalize.ts`, sentences from `lib/sentences.ts`, times from
 * `lib/timeline.ts`; marking the page is the content script's job.
 */
import { STOPWORDS as STOPWORD_STEMS, contentStems, forEachContentStem, tokenize, type Token } from './normalize';
import type { Claim } from './schema';
import { DEFAULT_SETTINGS } from './settings';
import { splitSentences } from './sentences';
import { claimWindow, intervalOf, namedDates, overlaps, type Interval, type NamedDate } from './timeline';

/** A claim the matcher can look for, with the pack it belongs to. */
export type MatchableClaim = Pick<Claim, 'id' | 'text' | 'cues' | 'claimDate' | 'verdict'> &
  Partial<Pick<Claim, 'summary' | 'context'>> & { packId?: string };

interface CompiledClaim<C extends MatchableClaim = MatchableClaim> {
  claim: C;
  /** Each group's alternatives, each a sequence of stems (function words kept, so "left out"
   * needs both words and "without Ukraine" is not just "Ukraine"). */
  groups: string[][][];
  /** How many groups a sentence may miss and still match. */
  slack: number;
  phrases: string[][];
  /** Alternatives that mark another claim or event; any one of them vetoes a mention. */
  exclude: string[][];
  /** Groups that name who or where (written with capitals in the claim's own texts): the only
   * ones a sentence may take from the sentences before it. */
  entityGroups: Set<number>;
  /** Every stem in the claim's groups, to tell its own names from other people's. */
  vocabulary: Set<string>;
  textStems: Set<string>;
  window: Interval | null;
  /** Dates the claim itself names ("2014"), which a sentence may name without changing its time. */
  ownYears: Set<number>;
  /** True when the groups were derived from the claim's text because it came with no cues. */
  derived: boolean;
  /** Groups with an alternative made only of function words, which the index cannot find. */
  unindexed: Set<number>;
}

interface Posting {
  claim: number;
  group: number;
}

/** The compiled claims and the index from stem to the groups it can satisfy. */
/** Claims compiled for matching; `C` is the claim type they were built from, which mentions hand back. */
export interface ClaimIndex<C extends MatchableClaim = MatchableClaim> {
  claims: CompiledClaim<C>[];
  postings: Map<string, Posting[]>;
  /** Stems the claims' texts write as names, to spot a name even where it opens a sentence. */
  names: Set<string>;
}

/** How many content words a derived (cue-less) claim is matched on. */
const DERIVED_TERMS = 6;

/** A cue alternative as the stems of all its words, function words included. Cues are written in
 * lower case, where "us" can only mean the country. */
function alternativeStems(text: string): string[] {
  return tokenize(text).map((t) => (t.norm === 'us' ? 'usa' : t.stem));
}


/** The first content word of a cue alternative: what the index files it under. None when it is all function words. */
function anchorOf(alternative: string[]): string | undefined {
  return alternative.find((stem) => !STOPWORD_STEMS.has(stem));
}

/** In how many claims' texts each stem occurs, from each claim's content stems. */
function documentFrequencies(textStems: string[][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const stems of textStems) for (const stem of new Set(stems)) df.set(stem, (df.get(stem) ?? 0) + 1);
  return df;
}

// A capitalised word that does not open a sentence: a name, or a word used as one.
const CAPITALISED = /(?<![.!?]\s|^)\b\p{Lu}[\p{L}'’-]+/gu;

/** The stems of the names the claims' own texts use (people, places, bodies: "Peskov", "Munich"). */
function namedStems(claims: MatchableClaim[]): Set<string> {
  const names = new Set<string>();
  for (const claim of claims) {
    const texts = [claim.text, claim.summary ?? '', ...(claim.context ?? []).map((item) => item.text)];
    for (const text of texts) for (const match of text.matchAll(CAPITALISED)) for (const token of tokenize(match[0])) names.add(token.stem);
  }
  return names;
}

/** The groups that name who or where rather than what happened: most alternatives start with a name. */
function entityGroupsOf(groups: string[][][], names: Set<string>): Set<number> {
  const entity = new Set<number>();
  groups.forEach((group, index) => {
    const named = group.filter((alternative) => names.has(anchorOf(alternative) ?? ''));
    if (named.length * 2 >= group.length) entity.add(index);
  });
  return entity;
}

/** Compiles claims into an index; claims with no cue groups get groups from their rarest words. */
export function buildClaimIndex<C extends MatchableClaim>(claims: C[]): ClaimIndex<C> {
  let df: Map<string, number> | null = null;
  const names = namedStems(claims);
  const textStems = claims.map((claim) => contentStems(claim.text));
  const compiled: CompiledClaim<C>[] = claims.map((claim, claimIndex) => {
    let groups = claim.cues.terms
      .map((group) => group.map(alternativeStems).filter((alternative) => alternative.length > 0))
      .filter((group) => group.length > 0);
    const derived = groups.length === 0;
    if (derived) {
      df ??= documentFrequencies(textStems);
      const stems = [...new Set(textStems[claimIndex])].filter((s) => !/^\d+$/.test(s) || s.length === 4);
      stems.sort((a, b) => (df!.get(a) ?? 0) - (df!.get(b) ?? 0));
      groups = stems.slice(0, DERIVED_TERMS).map((stem) => [[stem]]);
    }
    const claimText = [claim.text, ...claim.cues.phrases].join(' ');
    return {
      claim,
      groups,
      // A long list of groups may miss one (a name replaced by "he", a place by "there").
      slack: groups.length >= 5 ? 1 : 0,
      phrases: claim.cues.phrases.map(contentStems).filter((p) => p.length > 0),
      exclude: (claim.cues.exclude ?? []).map(alternativeStems).filter((a) => a.length > 0),
      entityGroups: entityGroupsOf(groups, names),
      vocabulary: new Set(groups.flat(2)),
      textStems: new Set(textStems[claimIndex]),
      window: claimWindow(claim.claimDate),
      ownYears: new Set([...claimText.matchAll(/\b(?:19|20)\d{2}\b/g)].map((m) => Number(m[0]))),
      derived,
      unindexed: new Set(groups.flatMap((group, i) => (group.some((alt) => !anchorOf(alt)) ? [i] : []))),
    };
  });
  // Each alternative is indexed by its first content word; one made only of function words
  // ("at once") cannot be looked up, so its group is checked whenever the claim is a candidate.
  const postings = new Map<string, Posting[]>();
  compiled.forEach((entry, claimIndex) => {
    entry.groups.forEach((group, groupIndex) => {
      const anchors = new Set<string>();
      for (const alternative of group) {
        const anchor = anchorOf(alternative);
        if (anchor) anchors.add(anchor);
      }
      for (const anchor of anchors) {
        let list = postings.get(anchor);
        if (!list) postings.set(anchor, (list = []));
        list.push({ claim: claimIndex, group: groupIndex });
      }
    });
  });
  return { claims: compiled, postings, names };
}

/** Where a sensitivity setting puts the score a mention needs: precise 1 … broad 0. */
export function thresholdFor(sensitivity: number): number {
  const clamped = Math.min(1, Math.max(0, sensitivity));
  return 0.75 - 0.3 * clamped;
}

/** The default sensitivity, between precise (0) and broad (1): the reader's default setting. */
export const DEFAULT_SENSITIVITY = DEFAULT_SETTINGS.sensitivity;

/** A place in a block where a claim is mentioned, and why it matched. */
export interface Mention<C extends MatchableClaim = MatchableClaim> {
  /** The claim mentioned, as it was given to `buildClaimIndex`. */
  claim: C;
  claimId: string;
  packId?: string;
  block: number;
  start: number;
  end: number;
  text: string;
  score: number;
  /** The cue words found, one per matched group, and a cue phrase when one matched closely. */
  cues: string[];
}

/** Options for `findMentions`. */
export interface MatchOptions {
  /** 0 (precise) to 1 (broad). */
  sensitivity?: number;
  /** The page's publication date (UTC ms): the time of sentences that name none. */
  pageDate?: number | null;
}

// Alternatives of several words match in order with at most this many other words between
// ("start the negotiations" for "start negotiations").
const MAX_GAP = 2;

/** The first place the sequence occurs, in order, with small gaps and no clause break inside. */
function findSequence(positions: Map<string, number[]>, breaks: Int32Array, sequence: string[]): [number, number] | null {
  for (const first of positions.get(sequence[0]!) ?? []) {
    let at = first;
    let ok = true;
    for (let k = 1; k < sequence.length && ok; k++) {
      const next = (positions.get(sequence[k]!) ?? []).find((p) => p > at && p - at <= MAX_GAP + 1);
      if (next === undefined) ok = false;
      else at = next;
    }
    // "…in Ukraine, President Trump said" is not "Ukraine's president".
    if (ok && breaks[at]! - breaks[first]! === 0) return [first, at];
  }
  return null;
}

const CLAUSE_BREAK = /[,;:()\u2013\u2014"“”!?]/;

/** breaks[i]: how many clause breaks stand before token i, so a span's breaks are a subtraction. */
function clauseBreaks(text: string, tokens: Token[]): Int32Array {
  const breaks = new Int32Array(tokens.length);
  let count = 0;
  for (let i = 1; i < tokens.length; i++) {
    if (CLAUSE_BREAK.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start))) count++;
    breaks[i] = count;
  }
  return breaks;
}

function phraseScore(phrases: string[][], stemSet: Set<string>): number {
  let best = 0;
  for (const phrase of phrases) {
    let hit = 0;
    for (const stem of phrase) if (stemSet.has(stem)) hit++;
    best = Math.max(best, hit / phrase.length);
  }
  return best;
}

/**
 * Whether a sentence is about the claim's time. Dates the sentence names decide (except those the
 * claim itself names, like "2014" in a claim about 2014). Otherwise a page written while the claim
 * was news is read as current, and a later page must have brought its narrative back to the
 * claim's time ("The shift began in February. … That afternoon, Trump said …").
 */
function timeFits(entry: CompiledClaim, sentence: SentenceTime): boolean {
  const window = entry.window;
  // A state of affairs ("Russia holds a fifth of Ukraine") has no end: only the page's date limits it.
  if (!window || window.to === Number.POSITIVE_INFINITY) return true;
  // "since 2022" sets a background, not the time of what the sentence reports.
  const own = sentence.dates.filter((d) => !d.since && (d.year === undefined || !entry.ownYears.has(d.year)));
  if (own.length) return own.some((d) => overlaps(intervalOf(d, sentence.reference), window));
  if (sentence.pageDate === null || (sentence.pageDate >= window.from && sentence.pageDate <= window.to)) return true;
  return sentence.narrative.some((time) => overlaps(time, window));
}

/** What the matcher knows of a sentence's time. */
interface SentenceTime {
  dates: NamedDate[];
  /** The last few times the narrative named (months or days), or the page's date: an aside
   * ("signed on 30 April") does not take a retrospective away from its main thread. */
  narrative: Interval[];
  pageDate: number | null;
  reference: number;
}

/**
 * The claims whose cue groups these tokens can satisfy, each with the groups it hits; `allowance`
 * groups may be missing (found in the sentences before, for "he" or "there").
 */
function candidateClaims(index: ClaimIndex, tokens: readonly Token[] | string, allowance = 0): Map<number, Set<number>> {
  const hits = new Map<number, Set<number>>();
  const visit = (stem: string) => {
    const postings = index.postings.get(stem);
    if (!postings) return;
    for (const posting of postings) {
      let set = hits.get(posting.claim);
      if (!set) hits.set(posting.claim, (set = new Set()));
      set.add(posting.group);
    }
  };
  if (typeof tokens === 'string') forEachContentStem(tokens, visit);
  else for (const token of tokens) if (!token.stop) visit(token.stem);
  for (const [claimIndex, hit] of hits) {
    const entry = index.claims[claimIndex]!;
    let missing = 0;
    let missingEvents = 0;
    for (let group = 0; group < entry.groups.length; group++) {
      if (hit.has(group) || entry.unindexed.has(group)) continue;
      missing++;
      if (!entry.entityGroups.has(group)) missingEvents++;
    }
    // Only a name may be missing beyond the slack: it can be found in the sentences before.
    // Claims without cues have no names to borrow: their terms are only their rarest words.
    const borrows = allowance > 0 && !entry.derived;
    const viable = missing <= entry.slack || (borrows && missing <= entry.slack + allowance && missingEvents <= entry.slack);
    if (!viable) hits.delete(claimIndex);
  }
  return hits;
}

/** A sentence prepared for matching: its tokens, where each stem stands, and its clause breaks. */
interface PreparedSentence {
  tokens: Token[];
  positions: Map<string, number[]>;
  breaks: Int32Array;
}

function prepare(text: string, tokens: Token[]): PreparedSentence {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const list = positions.get(token.stem);
    if (list) list.push(i);
    else positions.set(token.stem, [i]);
  });
  return { tokens, positions, breaks: clauseBreaks(text, tokens) };
}

/** A sentence kept as context for the next ones; tokenized and prepared only if a name is looked
 * up in it. A block that was skipped whole is kept as one such "sentence". */
class ContextSentence {
  private prepared: PreparedSentence | null = null;
  constructor(
    readonly text: string,
    private readonly tokens: Token[] | null,
  ) {}
  get sentence(): PreparedSentence {
    return (this.prepared ??= prepare(this.text, this.tokens ?? tokenize(this.text)));
  }
}

/** The text of the first alternative of a group found in a sentence, or null. */
function findGroup(text: string, sentence: PreparedSentence, group: string[][]): string | null {
  for (const alternative of group) {
    const span = findSequence(sentence.positions, sentence.breaks, alternative);
    if (span) return text.slice(sentence.tokens[span[0]]!.start, sentence.tokens[span[1]]!.end);
  }
  return null;
}

const ANAPHORS = new Set(['he', 'she', 'him', 'his', 'her', 'they', 'them', 'their', 'there', 'then', 'afterwards']);

// Capitalised words that are not names of people or places.
const NOT_NAMES = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december president prime minister secretary mr mrs ms dr the a in on at but and
  then he she they it its this that later earlier`.split(/\s+/),
);

/** True when the sentence names someone or somewhere the claim's groups do not know: then "he" or
 * "there" may well be about them, and nothing is taken from the sentences before. */
function namesOthers(text: string, tokens: Token[], entry: CompiledClaim, names: Set<string>): boolean {
  return tokens.some((token, i) => {
    if (token.stop || NOT_NAMES.has(token.norm) || (i === 0 && !names.has(token.stem))) return false;
    const first = text.charAt(token.start);
    return first !== first.toLowerCase() && !entry.vocabulary.has(token.stem);
  });
}

/** How many sentences before a sentence may supply one of its key terms. */
const CONTEXT_SENTENCES = 2;
/** How many recent times of the story a sentence with no date of its own may belong to. */
const NARRATIVE_MEMORY = 3;

// A key term found only in the sentences just before ("Trump … Then he phoned Zelensky") counts
// for this much of a group.
const CONTEXT_WEIGHT = 0.8;

/**
 * Scores one sentence against the claims its words point to; returns the mentions above threshold.
 * `text` is the whole block and the tokens' offsets are in it. One key term may come from the
 * sentences in `context` (the ones just before), which resolves pronouns and "there".
 */
function matchSentence<C extends MatchableClaim>(
  index: ClaimIndex<C>,
  text: string,
  tokens: Token[],
  context: readonly ContextSentence[],
  time: SentenceTime,
  threshold: number,
): { claim: CompiledClaim<C>; score: number; cues: string[] }[] {
  const candidates = candidateClaims(index, tokens, context.length ? 1 : 0);
  if (!candidates.size) return [];
  const sentence = prepare(text, tokens);
  const stemSet = new Set<string>();
  for (const token of tokens) if (!token.stop) stemSet.add(token.stem);
  const found: { claim: CompiledClaim<C>; score: number; cues: string[] }[] = [];
  // Only a sentence that points back ("he", "there", "then") may take a name from the ones before.
  const pointsBack = context.length > 0 && tokens.some((t) => ANAPHORS.has(t.norm));
  for (const [claimIndex, hit] of candidates) {
    const entry = index.claims[claimIndex]!;
    // A page dated before a claim was made cannot mention it: no need to look for its cues.
    if (time.pageDate !== null && entry.window && time.pageDate < entry.window.from) continue;
    if (entry.exclude.some((alternative) => findSequence(sentence.positions, sentence.breaks, alternative))) continue;
    const cues: string[] = [];
    let covered = 0;
    let borrowed = false;
    entry.groups.forEach((group, groupIndex) => {
      const here = hit.has(groupIndex) || entry.unindexed.has(groupIndex) ? findGroup(text, sentence, group) : null;
      if (here !== null) {
        cues.push(here);
        covered++;
        return;
      }
      if (borrowed || !pointsBack || !entry.entityGroups.has(groupIndex) || namesOthers(text, tokens, entry, index.names)) return;
      for (const previous of context) {
        const there = findGroup(previous.text, previous.sentence, group);
        if (there !== null) {
          cues.push(there);
          covered += CONTEXT_WEIGHT;
          borrowed = true;
          return;
        }
      }
    });
    if (cues.length < entry.groups.length - entry.slack) continue;
    const coverage = covered / entry.groups.length;
    const phrase = phraseScore(entry.phrases, stemSet);
    let textHits = 0;
    for (const stem of entry.textStems) if (stemSet.has(stem)) textHits++;
    const textShare = entry.textStems.size ? textHits / entry.textStems.size : 0;
    const score = 0.65 * coverage + 0.2 * phrase + 0.15 * textShare;
    if (score < threshold) continue;
    if (!timeFits(entry, time)) continue;
    found.push({ claim: entry, score: Math.round(score * 1000) / 1000, cues });
  }
  return found;
}

/** The last date in a list that moves the story's time: a month or a day ("in 2019" is an aside). */
function storyTime(dates: NamedDate[], reference: number): Interval | null {
  const anchor = dates.filter((d) => d.month !== undefined && !d.since).pop();
  return anchor ? intervalOf(anchor, reference) : null;
}

/**
 * Every mention of an indexed claim in the blocks, in reading order. A sentence may mention several
 * claims; a page dated before a claim was made cannot mention it. An empty list means none found.
 */
export function findMentions<C extends MatchableClaim>(blocks: readonly { text: string }[], index: ClaimIndex<C>, options: MatchOptions = {}): Mention<C>[] {
  const threshold = thresholdFor(options.sensitivity ?? DEFAULT_SENSITIVITY);
  const pageDate = options.pageDate ?? null;
  const reference = pageDate ?? Date.now();
  let narrative: Interval[] = pageDate === null ? [] : [{ from: pageDate, to: pageDate }];
  const follow = (time: Interval | null) => {
    if (time) narrative = [...narrative, time].slice(-NARRATIVE_MEMORY);
  };
  let context: ContextSentence[] = [];
  const mentions: Mention<C>[] = [];
  blocks.forEach((block, blockIndex) => {
    // Most blocks of a page carry no claim's key terms: they are not tokenized or split into
    // sentences at all, and only their dates are read, to follow the story's time.
    if (!candidateClaims(index, block.text, 1).size) {
      follow(storyTime(namedDates(block.text), reference));
      context = [new ContextSentence(block.text, null), ...context].slice(0, CONTEXT_SENTENCES);
      return;
    }
    const tokens = tokenize(block.text);
    let next = 0;
    for (const span of splitSentences(block.text)) {
      const first = next;
      while (next < tokens.length && tokens[next]!.start < span.end) next++;
      const text = block.text.slice(span.start, span.end);
      const dates = namedDates(text);
      const time: SentenceTime = { dates, narrative, pageDate, reference };
      follow(storyTime(dates, reference));
      const sentenceTokens = tokens.slice(first, next);
      for (const { claim, score, cues } of matchSentence(index, block.text, sentenceTokens, context, time, threshold)) {
        mentions.push({
          claim: claim.claim,
          claimId: claim.claim.id,
          ...(claim.claim.packId ? { packId: claim.claim.packId } : {}),
          block: blockIndex,
          start: span.start,
          end: span.end,
          text,
          score,
          cues,
        });
      }
      context = [new ContextSentence(block.text, sentenceTokens), ...context].slice(0, CONTEXT_SENTENCES);
    }
  });
  return mentions;
}
