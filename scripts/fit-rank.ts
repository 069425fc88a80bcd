// Fits the weights of lib/matching/rank.ts's signals (FEATURE_WEIGHTS) on the CheckThat! 2020 Task 2 train
// split and prints them to paste into lib/matching/rank.ts, with train, 5-fold cross-validated and --check
// split MAP@5. The model is softmax cross-entropy over each tweet's candidates with an L2 penalty,
// fitted by Newton's method on standardised features; the printed weights are back on raw scale.
//
//   npx tsx scripts/fit-rank.ts [--dir ../shared/corpora/checkthat2020] [--check dev] [--drop name,name] [--verify]
//
// --drop fits without the named signals (their weight printed as 0), for ablations. The last two
// lines compare the weights lib/matching/rank.ts ships with the ones just fitted. --verify skips
// the cross-validation and exits 1 when the weights fitted, as printed, are not the ones shipped:
// a change to the tokenizer or a signal that was not followed by a refit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClaimRanker, FEATURE_NAMES, FEATURE_WEIGHTS, type Candidate, type ClaimText, type FeatureName } from '../lib/matching/rank';
import { solve } from './lib/fitting';
import { readOptions, requireShared } from './lib/options';

const L2 = 1e-3;
const FOLDS = 5;
const K = 5;

interface Query {
  candidates: Candidate[];
  relevant: Set<string>;
}

const values = readOptions('fit-rank', 'usage: npx tsx scripts/fit-rank.ts [--dir ../shared/corpora/checkthat2020] [--check dev] [--drop name,name] [--verify]', {
  dir: { type: 'string', default: '../shared/corpora/checkthat2020' },
  check: { type: 'string', default: 'dev' },
  drop: { type: 'string', default: '' },
  verify: { type: 'boolean', default: false },
});
requireShared('fit-rank', values.dir, '--dir');
const dropped = new Set(values.drop.split(',').filter(Boolean));
for (const name of dropped) {
  if ((FEATURE_NAMES as readonly string[]).includes(name)) continue;
  console.error(`fit-rank: --drop: unknown signal "${name}"; the signals are ${FEATURE_NAMES.join(', ')}`);
  process.exit(2);
}
if (values.verify && dropped.size) {
  // A fit without some signals is an ablation, never the weights shipped.
  console.error('fit-rank: --verify checks the shipped weights, which use every signal; it cannot be combined with --drop');
  process.exit(2);
}
const used = FEATURE_NAMES.map((name, i) => ({ name, i })).filter(({ name }) => !dropped.has(name));

const readJsonl = (file: string): ClaimText[] =>
  readFileSync(join(values.dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as ClaimText);

function loadSplit(ranker: ClaimRanker, split: string): Query[] {
  const relevant = new Map<string, Set<string>>();
  for (const line of readFileSync(join(values.dir, `qrels-${split}.tsv`), 'utf8').split('\n')) {
    const [query, claim] = line.trim().split('\t');
    if (!query || !claim) continue;
    if (!relevant.has(query)) relevant.set(query, new Set());
    relevant.get(query)!.add(claim);
  }
  return readJsonl(`queries-${split}.jsonl`)
    .filter((q) => relevant.has(q.id))
    .map((q) => ({ candidates: ranker.candidates(q.text), relevant: relevant.get(q.id)! }));
}

/** Mean AP@5 when candidates are ordered by the weighted sum of raw features (ties by index). */
function map5(queries: Query[], weights: number[]): number {
  let sum = 0;
  for (const { candidates, relevant } of queries) {
    const ranked = candidates
      .map((c) => ({ c, score: c.features.reduce((s, x, i) => s + x * weights[i]!, 0) }))
      .sort((a, b) => b.score - a.score || a.c.index - b.c.index)
      .slice(0, K);
    let hits = 0;
    let ap = 0;
    ranked.forEach(({ c }, rank) => {
      if (relevant.has(c.id)) ap += ++hits / (rank + 1);
    });
    sum += ap / Math.min(relevant.size, K);
  }
  return sum / queries.length;
}

/** Fits full-length raw-scale weights (0 for dropped signals) on the given queries. */
function fit(queries: Query[]): number[] {
  const d = used.length;
  const rows = queries.flatMap((q) => q.candidates.map((c) => used.map(({ i }) => c.features[i]!)));
  const mean = used.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  const std = used.map((_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / rows.length) || 1);
  const data = queries
    .map((q) => ({
      x: q.candidates.map((c) => used.map(({ i }, j) => (c.features[i]! - mean[j]!) / std[j]!)),
      y: q.candidates.map((c) => (q.relevant.has(c.id) ? 1 : 0)),
    }))
    .filter((q) => q.y.some(Boolean));
  let w = new Array<number>(d).fill(0);
  let current = objective(data, w);
  for (let iteration = 0; iteration < 100; iteration++) {
    const step = solve(current.hess, current.grad);
    // A full Newton step can overshoot on this loss; halve it until the loss goes down.
    let scale = 1;
    let next = objective(data, w.map((wj, j) => wj - step[j]!));
    while (next.loss > current.loss && scale > 1e-6) {
      scale /= 2;
      next = objective(data, w.map((wj, j) => wj - scale * step[j]!));
    }
    w = w.map((wj, j) => wj - scale * step[j]!);
    const done = current.loss - next.loss < 1e-12;
    current = next;
    if (done) break;
  }
  const full = new Array<number>(FEATURE_NAMES.length).fill(0);
  used.forEach(({ i }, j) => (full[i] = w[j]! / std[j]!));
  return full;
}

/** Mean softmax cross-entropy over queries plus the L2 penalty, with its gradient and Hessian. */
function objective(data: { x: number[][]; y: number[] }[], w: number[]) {
  const d = w.length;
  let loss = w.reduce((s, wj) => s + L2 * wj * wj, 0);
  const grad = w.map((wj) => 2 * L2 * wj);
  const hess = w.map((_, a) => w.map((__, b) => (a === b ? 2 * L2 : 0)));
  for (const { x, y } of data) {
    const scores = x.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
    const top = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - top));
    const total = exp.reduce((s, e) => s + e, 0);
    const p = exp.map((e) => e / total);
    const gold = y.reduce((s, v) => s + v, 0);
    const expected = w.map((_, j) => x.reduce((s, row, k) => s + p[k]! * row[j]!, 0));
    x.forEach((row, k) => {
      if (y[k]) loss -= ((y[k]! / gold) * (scores[k]! - top - Math.log(total))) / data.length;
      for (let a = 0; a < d; a++) {
        grad[a]! += ((p[k]! - y[k]! / gold) * row[a]!) / data.length;
        for (let b = 0; b <= a; b++) hess[a]![b]! += (p[k]! * row[a]! * row[b]!) / data.length;
      }
    });
    for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) hess[a]![b]! -= (expected[a]! * expected[b]!) / data.length;
  }
  for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) hess[a]![b] = hess[b]![a]!;
  return { loss, grad, hess };
}

const started = Date.now();
const ranker = new ClaimRanker(readJsonl('vclaims.jsonl'));
const train = loadSplit(ranker, 'train');
const check = loadSplit(ranker, values.check);
const weights = fit(train);

// The weights as lib/matching/rank.ts writes them: three significant digits.
const printed = weights.map((w) => Number(w.toPrecision(3)));
const shipped = FEATURE_NAMES.map((name) => FEATURE_WEIGHTS[name]);
if (values.verify) {
  const differ = FEATURE_NAMES.filter((_, i) => printed[i] !== shipped[i]);
  if (differ.length) {
    console.error(`fit-rank: lib/matching/rank.ts's weights are not what this script fits (${differ.map((name) => `${name}: ${FEATURE_WEIGHTS[name]} shipped, ${printed[FEATURE_NAMES.indexOf(name)]} fitted`).join('; ')}); rerun it and paste its weights`);
    process.exit(1);
  }
  console.log(`lib/matching/rank.ts's weights are what this script fits: MAP@5 train ${map5(train, shipped).toFixed(4)}, ${values.check} ${map5(check, shipped).toFixed(4)}`);
  process.exit(0);
}

let crossValidated = 0;
for (let fold = 0; fold < FOLDS; fold++) {
  const held = train.filter((_, i) => i % FOLDS === fold);
  crossValidated += map5(held, fit(train.filter((_, i) => i % FOLDS !== fold))) * held.length;
}
crossValidated /= train.length;

console.log('export const FEATURE_WEIGHTS: Record<FeatureName, number> = {');
FEATURE_NAMES.forEach((name: FeatureName, i) => console.log(`  ${name}: ${printed[i]},`));
console.log('};');
console.log(`lib/matching/rank.ts's current weights: MAP@5 train ${map5(train, shipped).toFixed(4)}, ${values.check} ${map5(check, shipped).toFixed(4)}`);
console.log(
  `fitted weights: MAP@5 train ${map5(train, weights).toFixed(4)}, train ${FOLDS}-fold CV ${crossValidated.toFixed(4)}, ` +
    `${values.check} ${map5(check, weights).toFixed(4)} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
