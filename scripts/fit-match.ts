// Fits the page matcher's model (data/match-model.json: lib/matching/model.ts) on training splits
// only, and prints what it scores on them; --report adds the dev splits, which are never fitted on.
//
//   npx tsx scripts/fit-match.ts [--shared ../shared] [--check] [--report] [--sweep] [--drop name,name] [--without places,synonyms,vectors,aliases,spellings]
//
// Training sets:
//   - CheckThat! 2020 train posts (801 qrels) against its 10,375 claims imported as ClaimReview,
//     as a fact-checker's feed arrives: each post is one block, its gold claim the positive on the
//     sentence that carries most of it, every other candidate a negative;
//   - tests/fixtures/eval-extra, our second labelled set, against the bundled pack with its cues
//     and again with every cue ignored (so the model learns both);
//   - tests/fixtures/train-feed, news pages about 27 of those claims (3 of them about the same
//     people and things in other matters), against the same feed: a feed's claims on the pages a
//     reader meets, which the posts, each beside its own claim, never show;
//   - the even-numbered pages of ../shared/corpora/realnews-sample, which mention no claim, against
//     both packs: every pair there is a negative (the odd ones are reported apart with --report).
// The model is logistic regression fitted by Newton's method on standardised features with an L2
// penalty, each set weighed equally; the strict threshold is the one that maximises the mean F1 of
// the labelled sets while marking no sentence of the training real pages with either pack; the
// loose one sits 1.5 lower in log-odds. --check refits and exits 1 when the committed file differs; --drop fits
// without the named features and --without without the named word knowledge, for ablations (with
// --report, the dev figures say what each added; neither writes the model). --sweep prints the
// precision and recall of every set at a range of strict bars. Only a plain run writes the model:
// --report and --sweep read.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectBundledPack } from '../lib/bundled-pack';
import { ALL_KNOWLEDGE, buildClaimIndex, decide, FEATURE_NAMES, sameClaim, scorePairs, type Knowledge, type ClaimIndex, type MatchModel, type ScoredPair } from '../lib/matching';
import { checkThatClaims, checkThatPosts, htmlIn, readPage, reviewFeedClaims } from './lib/eval-sets';
import { solve } from './lib/fitting';
import { readOptions, requireShared } from './lib/options';

const OUT = 'data/match-model.json';
/** The labelled page sets fitted on against the bundled pack. eval-extra-5 was tried here too: the
 * bar rose to 0.54 and CheckThat! dev recall fell to 0.485, eval-extra-4 to 0.703 / 0.625; it is
 * measured, not fitted on. */
const TRAINING_PAGES = ['tests/fixtures/eval-extra'];
/** The labelled page sets fitted on against the CheckThat! feed. tests/fixtures/eval-feed-2 was
 * tried here too: the bar rose to 0.51, eval-feed fell from 0.548 to 0.523 and CheckThat! dev
 * recall to 0.500; it is held out, not fitted on. */
const FEED_TRAINING_PAGES = ['tests/fixtures/train-feed'];
/** Sets about other fact-checkers' own ClaimReview feeds whose figures and errors have been read
 * (see their READMEs): reported with --report beside the dev splits, never fitted on. Fitting on a
 * third such set (now tests/fixtures/eval-review-3) was tried: see its README. So was fitting on
 * this one, on 5 December 2026: the held-out sets about such feeds gained in precision (eval-review-3
 * 0.650 -> 0.694, eval-review-4 0.584 -> 0.613, their pages about no claim 28 marks -> 12), but
 * the sets about the bundled pack and the CheckThat! feed lost in recall (eval-extra-2 with cues
 * 0.758 -> 0.674, eval-feed 0.571 -> 0.522, CheckThat! dev F1 0.673 -> 0.658, the dev pages
 * without cues 0.833 -> 0.795): pooled, 0.661 -> 0.655. eval-review-5, written after, read 0.588 ->
 * 0.616, 13 wrong marks fewer for a mention fewer: the same trade. With the share of a sentence
 * that only a claim's summary explains as a feature beside it (features.ts), the pool, eval-review-5
 * in it, read 0.654 both ways, 84 wrong marks fewer (21 fewer on the pages about no claim) for 40
 * mentions fewer, and the dev pages without cues 0.805. So did a feature that reads the record's
 * share apart for a claim rated false or misattributed (its record says what is true instead):
 * the pool 0.649, the sets about the bundled pack losing as before, which has no such claim. At
 * half a set's weight (5 December 2026), the pages about no claim of the held-out sets took 36
 * marks against 61 and eval-review-5 read 0.611, but the pool 0.648 and CheckThat! dev recall
 * 0.495, under #11's 0.50. One set of weights serves both kinds. Tried again on 6 December 2026,
 * once a rated statement's review figures, claimant and role were read by rules (features.ts,
 * find-mentions.ts), at a set's weight: CheckThat! dev R 0.515 at P 0.944, 4 marks on the odd real
 * pages, the review sets held out rising (eval-review-3 0.669 -> 0.702, -5 0.679 -> 0.698, -6 0.718
 * -> 0.743; their pages about no claim 74 marks -> 52 with eval-feed's) but those about the bundled
 * pack falling (eval-extra-2 0.758 -> 0.674, -4 0.783 -> 0.742) and eval-feed 0.571 -> 0.519: the
 * held-out sets pooled 0.678 -> 0.673. At half a set's weight, CheckThat! dev recall 0.490. Taking
 * the bundled sets' figures from the model as it is and the rest from that fit, as a model with
 * weights of its own for a report's tellings would at best, pools 0.681. */
const SELECTION_REVIEW_PAGES = ['tests/fixtures/eval-review'];
/** The L2 penalty on the standardised weights. (A stronger one, 1, 10 or 100, was tried: CheckThat!
 * dev recall fell to 0.495, 0.455 and 0.394, under #11's 0.50, though eval-review rose to 0.710 at 10.
 * At 0.1 and 0.001 the dev splits read much the same (the dev pages with cues took a wrong mark at
 * 0.1) and the held-out sets pooled 0.659 and 0.658, against 0.661.) */
const L2 = 1e-2;
const LOOSE_OFFSET = 1.5;
/** Marks allowed per training real page. Not one: issue #11 allows 5 on all 32 pages, and the
 * even half fitted on reads fewer than the odd half held out. With one allowed (of 16 pages), the
 * fit with train-feed chose a bar of 0.40 that left 6 marks on the 32; with none, 0.46 and 1 mark. */
const MAX_NEGATIVE_MARKS_PER_PAGE = 0;
// (Weighing the training real pages' pairs two or four times a set, so that the fit pushes them
// down and the bar with them, was tried: the bar fell to 0.39 and 0.30, but the odd real pages,
// held out, took 2 and 4 marks, the dev pages without cues read 0.819 and 0.791, and eval-extra-2
// without cues 0.778 and 0.774.)
// (Weighing each set's positive pairs three times, or half, its negatives was tried on 5 December
// 2026, refitted and read on the held-out sets pooled (eval-review-5 in them: 0.654 as it is): at
// three the bar rose to 0.78, CheckThat! dev F1 fell 0.673 -> 0.635 and the pool to 0.636; at a
// half the bar fell to 0.27, the dev pages with cues took a wrong mark and the odd real pages 4,
// the pool 0.649. Choosing the bar by the labelled sets' F1 pooled, not averaged, chose the same
// 0.44: the bar is where the training real pages allow it. Nor is a set of few pairs, the real
// pages' three with the bundled pack, weighed too much at 333 a pair: counting every set as 200
// pairs at least read 0.652 on the pool.)

const values = readOptions('fit-match', 'usage: npx tsx scripts/fit-match.ts [--shared ../shared] [--check] [--report] [--sweep] [--drop name,name] [--without places,synonyms,vectors,aliases,spellings]', {
  shared: { type: 'string', default: '../shared' },
  check: { type: 'boolean', default: false },
  report: { type: 'boolean', default: false },
  drop: { type: 'string', default: '' },
  sweep: { type: 'boolean', default: false },
  without: { type: 'string', default: '' },
});
requireShared('fit-match', values.shared);
const dropped = new Set(values.drop.split(',').filter(Boolean));
const without = values.without.split(',').filter(Boolean) as (keyof Knowledge)[];
for (const name of without) {
  if (!(name in ALL_KNOWLEDGE)) {
    console.error(`fit-match: --without: unknown knowledge "${name}"; it is ${Object.keys(ALL_KNOWLEDGE).join(', ')}`);
    process.exit(2);
  }
}
const knowledge: Partial<Knowledge> = Object.fromEntries(without.map((name) => [name, false]));
for (const name of dropped) {
  if (!(FEATURE_NAMES as readonly string[]).includes(name)) {
    console.error(`fit-match: --drop: unknown feature "${name}"; the features are ${FEATURE_NAMES.join(', ')}`);
    process.exit(2);
  }
}

/** One labelled unit: a page or a post, its scored pairs, and what should be found there. */
interface Unit {
  pairs: ScoredPair[];
  /** Gold mentions: a claim id, and the sentence it is in where the set says. */
  gold: { claim: string; sentence?: string }[];
}

interface LabelledSet {
  name: string;
  units: Unit[];
  /** Sets of pages that mention nothing: their marks are counted, not scored for F1. */
  negative: boolean;
}

const norm = (s: string) => s.toLowerCase().replace(/[\u2018\u2019\u201c\u201d"'`]/g, '').replace(/\s+/g, ' ').trim();
const words = (s: string) => new Set(norm(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
/** The team scorers' rule for a mention being in a labelled sentence. */
function inSentence(text: string, sentence: string | undefined): boolean {
  if (sentence === undefined) return true;
  const a = norm(text);
  const b = norm(sentence);
  if (!a || !b) return false;
  if (b.includes(a) || a.includes(b)) return true;
  const wa = words(a);
  const wb = words(b);
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.max(1, Math.min(wa.size, wb.size)) >= 0.6;
}

function qrels(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const [query, claim] = line.trim().split(/\s+/);
    if (query && claim) out.set(query, [...(out.get(query) ?? []), claim]);
  }
  return out;
}

function postSet(name: string, dir: string, split: string, index: ClaimIndex): LabelledSet {
  const gold = qrels(join(dir, `qrels-${split}.tsv`));
  const units = checkThatPosts(dir, split)
    .filter((q) => gold.has(q.id))
    .map((q) => ({ pairs: scorePairs([{ text: q.text }], index), gold: gold.get(q.id)!.map((claim) => ({ claim })) }));
  return { name, units, negative: false };
}

function pageSet(name: string, pagesDir: string, files: string[], gold: Record<string, { claim: string; sentence: string }[]>, index: ClaimIndex): LabelledSet {
  const units = files.map((file) => {
    const page = readPage(join(pagesDir, file));
    return { pairs: scorePairs(page.blocks, index, { pageDate: page.date }), gold: gold[file] ?? [] };
  });
  return { name, units, negative: units.every((u) => !u.gold.length) };
}

/** The pages of several labelled sets (each a folder of pages beside its gold.json), as one set. */
function labelledPages(name: string, dirs: readonly string[], index: ClaimIndex): LabelledSet {
  const units = dirs.flatMap((dir) => {
    const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Record<string, { claim: string; sentence: string }[]>;
    return pageSet(name, join(dir, 'pages'), htmlIn(join(dir, 'pages')), gold, index).units;
  });
  return { name, units, negative: false };
}

/** Training label of a pair: 1, 0, or null for a post's gold claim on a sentence other than its best. */
function labels(unit: Unit): (0 | 1 | null)[] {
  const anySentence = unit.gold.every((g) => g.sentence === undefined);
  if (!anySentence) return unit.pairs.map((p) => (unit.gold.some((g) => g.claim === p.claim.claim.id && inSentence(p.text, g.sentence)) ? 1 : 0));
  const best = new Map<string, ScoredPair>();
  for (const p of unit.pairs) {
    const id = p.claim.claim.id;
    if (!unit.gold.some((g) => g.claim === id)) continue;
    const held = best.get(id);
    if (!held || p.features[0]! > held.features[0]!) best.set(id, p);
  }
  const goldClaims = [...best.values()].map((p) => p.claim);
  return unit.pairs.map((p) => {
    // Another record of the gold claim (the feed lists some claims twice) is neither right nor wrong.
    if (!unit.gold.some((g) => g.claim === p.claim.claim.id)) return goldClaims.some((g) => sameClaim(g, p.claim)) ? null : 0;
    return best.get(p.claim.claim.id) === p ? 1 : null;
  });
}

/** Weighted L2 logistic regression by Newton's method; returns raw-scale weights and bias. */
function fitLogistic(rows: number[][], y: number[], weight: number[], used: boolean[]): { weights: number[]; bias: number } {
  const d = rows[0]!.length;
  const mean = new Array(d).fill(0);
  const sd = new Array(d).fill(0);
  const total = weight.reduce((a, b) => a + b, 0);
  rows.forEach((r, i) => r.forEach((x, j) => (mean[j] += (weight[i]! * x) / total)));
  rows.forEach((r, i) => r.forEach((x, j) => (sd[j] += (weight[i]! * (x - mean[j]) ** 2) / total)));
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const cols = [...Array(d).keys()].filter((j) => used[j]);
  const k = cols.length + 1;
  let beta = new Array(k).fill(0);
  const z = (r: number[]) => [1, ...cols.map((j) => (r[j]! - mean[j]) / sd[j])];
  const xs = rows.map(z);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array(k).fill(0);
    const hess = Array.from({ length: k }, () => new Array(k).fill(0));
    xs.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, j) => s + v * beta[j], 0)));
      const w = weight[i]!;
      for (let a = 0; a < k; a++) {
        grad[a] += w * (p - y[i]!) * x[a]!;
        for (let b = 0; b <= a; b++) hess[a]![b] += w * p * (1 - p) * x[a]! * x[b]!;
      }
    });
    for (let a = 1; a < k; a++) {
      grad[a] += L2 * beta[a];
      hess[a]![a] += L2;
    }
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) hess[a]![b] = hess[b]![a];
    const step = solve(hess, grad);
    beta = beta.map((v, j) => v - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  const weights = new Array(d).fill(0);
  let bias = beta[0]!;
  cols.forEach((j, c) => {
    weights[j] = beta[c + 1]! / sd[j];
    bias -= (beta[c + 1]! * mean[j]) / sd[j];
  });
  return { weights, bias };
}

/** What the decision marks on a set with this model, counted as the team's scorers count. */
function evaluate(set: LabelledSet, model: MatchModel): { tp: number; fp: number; fn: number; f1: number; precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const unit of set.units) {
    const { mentions } = decide(unit.pairs, 0.5, model);
    const hit = unit.gold.map((g) => mentions.some((m) => m.claimId === g.claim && inSentence(m.text, g.sentence)));
    tp += hit.filter(Boolean).length;
    fn += hit.filter((h) => !h).length;
    fp += mentions.filter((m) => !unit.gold.some((g) => g.claim === m.claimId && inSentence(m.text, g.sentence))).length;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const round = (x: number) => Number(x.toPrecision(6));

function main(): void {
  const shared = values.shared;
  const checkthat = join(shared, 'corpora/checkthat2020');
  const realnews = join(shared, 'corpora/realnews-sample/pages');
  const bundled = expectBundledPack().claims;
  const checkThat = checkThatClaims(checkthat);
  const snopes = buildClaimIndex(checkThat, { knowledge });
  const withCues = buildClaimIndex(bundled, { knowledge });
  const withoutCues = buildClaimIndex(bundled, { ignoreCues: true, knowledge });
  const realPages = htmlIn(realnews);
  const evenPages = realPages.filter((_, i) => i % 2 === 0);
  const oddPages = realPages.filter((_, i) => i % 2 === 1);
  const train: LabelledSet[] = [
    postSet('checkthat train posts, cue-less feed', checkthat, 'train', snopes),
    labelledPages('eval-extra, bundled pack', TRAINING_PAGES, withCues),
    labelledPages('eval-extra, cues ignored', TRAINING_PAGES, withoutCues),
    labelledPages('train-feed, feed', FEED_TRAINING_PAGES, snopes),
    pageSet('real pages (even), feed', realnews, evenPages, {}, snopes),
    pageSet('real pages (even), bundled pack', realnews, evenPages, {}, withCues),
  ];
  const rows: number[][] = [];
  const y: number[] = [];
  const weight: number[] = [];
  for (const set of train) {
    const start = rows.length;
    for (const unit of set.units) {
      labels(unit).forEach((label, i) => {
        if (label === null) return;
        rows.push(unit.pairs[i]!.features);
        y.push(label);
      });
    }
    const count = rows.length - start;
    for (let i = start; i < rows.length; i++) weight.push(1000 / Math.max(1, count));
    console.error(`${set.name}: ${count} pairs, ${y.slice(start).filter(Boolean).length} positive`);
  }
  const used = FEATURE_NAMES.map((name) => !dropped.has(name));
  const { weights, bias } = fitLogistic(rows, y, weight, used);
  const base: MatchModel = { features: [...FEATURE_NAMES], weights: weights.map(round), bias: round(bias), strict: 0.5, loose: 0.5 };
  const labelled = train.filter((s) => !s.negative);
  const negatives = train.filter((s) => s.negative);
  // Where no bar keeps the real pages clean enough, the strictest one tried, and a warning.
  let best = { strict: 0.95, objective: -1 };
  for (let strict = 0.05; strict < 0.96; strict += 0.01) {
    const model = { ...base, strict, loose: strict };
    // Each set of pages that mention nothing on its own: a pack that never marks them must not
    // leave room for another that marks many.
    if (negatives.some((set) => evaluate(set, model).fp > set.units.length * MAX_NEGATIVE_MARKS_PER_PAGE)) continue;
    const objective = labelled.reduce((sum, s) => sum + evaluate(s, model).f1, 0) / labelled.length;
    if (objective > best.objective + 1e-9) best = { strict: Math.round(strict * 100) / 100, objective };
  }
  if (best.objective < 0) console.error(`fit-match: no strict bar keeps the real pages at ${MAX_NEGATIVE_MARKS_PER_PAGE} marks a page or fewer; using ${best.strict}`);
  const strict = best.strict;
  const loose = round(1 / (1 + Math.exp(-(Math.log(strict / (1 - strict)) - LOOSE_OFFSET))));
  const model: MatchModel = { ...base, strict, loose };
  const print = (sets: LabelledSet[]) => {
    for (const set of sets) {
      const r = evaluate(set, model);
      console.log(set.negative ? `  ${set.name}: ${r.fp} marks on ${set.units.length} pages` : `  ${set.name}: P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} F1 ${r.f1.toFixed(3)} (${r.tp} found, ${r.fp} wrong, ${r.fn} missed)`);
    }
  };
  const left = [...dropped, ...without];
  console.log(`strict ${strict}, loose ${loose}${left.length ? `, without ${left.join(', ')}` : ''}`);
  console.log('train:');
  print(train);
  let dev: LabelledSet[] | null = null;
  const devSets = (): LabelledSet[] => {
    if (dev) return dev;
    const devDir = join(shared, 'eval/dev');
    const devGold = JSON.parse(readFileSync(join(devDir, 'gold.json'), 'utf8')) as Record<string, { claim: string; sentence: string }[]>;
    const devPages = htmlIn(join(devDir, 'pages'));
    return (dev = [
      postSet('checkthat dev posts, cue-less feed', checkthat, 'dev', snopes),
      pageSet('dev pages, bundled pack', join(devDir, 'pages'), devPages, devGold, withCues),
      pageSet('dev pages, cues ignored', join(devDir, 'pages'), devPages, devGold, withoutCues),
      pageSet('real pages (odd), feed', realnews, oddPages, {}, snopes),
      pageSet('real pages (odd), bundled pack', realnews, oddPages, {}, withCues),
      labelledPages('eval-review, feeds beside the CheckThat! feed (a dev set)', SELECTION_REVIEW_PAGES, buildClaimIndex([...checkThat, ...SELECTION_REVIEW_PAGES.flatMap(reviewFeedClaims)], { knowledge })),
    ]);
  };
  if (values.report) {
    console.log('dev (never fitted on):');
    print(devSets());
  }
  if (values.sweep) {
    // The trade-off the strict bar moves along, on every set (dev included): for reading, not for fitting.
    const sets = [...train, ...devSets()];
    for (let strict = 0.2; strict < 0.86; strict += 0.05) {
      const at = { ...model, strict, loose: strict };
      console.log(`strict ${strict.toFixed(2)}: ${sets.map((set) => { const r = evaluate(set, at); return set.negative ? `${r.fp}` : `${r.precision.toFixed(2)}/${r.recall.toFixed(2)}`; }).join('  ')}`);
    }
  }
  const text = `${JSON.stringify(model, null, 1)}\n`;
  if (values.check) {
    const same = readFileSync(OUT, 'utf8') === text;
    console.log(same ? `${OUT} is what this script fits` : `${OUT} differs from what this script fits`);
    process.exitCode = same ? 0 : 1;
  } else if (!dropped.size && !without.length && !values.report && !values.sweep) {
    writeFileSync(OUT, text);
    console.log(`wrote ${OUT}`);
  }
}

main();
