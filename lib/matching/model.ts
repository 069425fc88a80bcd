/**
 * The fitted model that turns a pair's features into a probability: logistic regression, its
 * weights in `data/match-model.json`, written by `scripts/fit-match.ts` from training splits only.
 * The thresholds are part of the model: the strict one marks, the loose one lists as related.
 */
import model from '../../data/match-model.json';
import { FEATURE_NAMES, type LogitFloor } from './features';

/** A logistic model over named features, with its decision thresholds. */
export interface MatchModel {
  features: string[];
  weights: number[];
  bias: number;
  /** The probability that marks a sentence at the default sensitivity. */
  strict: number;
  /** The probability that lists a claim as possibly related. */
  loose: number;
}

/** The shipped model. */
export const MODEL: MatchModel = model as MatchModel;

// A feature list that drifted from the code would silently misweigh every pair. Checked when a
// model is used, not when it is loaded, so the fitting script can still load this module.
function fitsFeatures(m: MatchModel): boolean {
  return m.features.length === FEATURE_NAMES.length && m.features.every((name, i) => name === FEATURE_NAMES[i]);
}
const checkedModels = new WeakSet<MatchModel>();

/** The model's probability that a pair is a mention. */
export function probability(features: readonly number[], m: MatchModel = MODEL): number {
  if (!checkedModels.has(m)) {
    if (!fitsFeatures(m)) throw new Error('the match model was fitted for other features: rerun scripts/fit-match.ts');
    checkedModels.add(m);
  }
  let z = m.bias;
  for (let i = 0; i < features.length; i++) z += features[i]! * m.weights[i]!;
  return 1 / (1 + Math.exp(-z));
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The two bars at a sensitivity from 0 (precise) to 1 (broad): the default, 0.5, gives the
 * model's own; each end moves them by 1.5 in log-odds. */
export function thresholdsFor(sensitivity: number, m: MatchModel = MODEL): { strict: number; loose: number } {
  const shift = (Math.min(1, Math.max(0, sensitivity)) - 0.5) * 3;
  return { strict: sigmoid(logit(m.strict) - shift), loose: Math.min(sigmoid(logit(m.loose) - shift), sigmoid(logit(m.strict) - shift)) };
}

/** A bar made higher by `logits` in log-odds, as the sensitivity moves both bars (`thresholdsFor`). */
export function barRaised(bar: number, logits: number): number {
  return sigmoid(logit(bar) + logits);
}

/** The model's log-odds at the loose bar for a sensitivity: pairs below it are neither marked nor
 * listed, so the page pass need not score them in full (`pairFeatures`). */
export function looseFloor(sensitivity: number, m: MatchModel = MODEL): LogitFloor {
  return { weights: m.weights, bias: m.bias, logit: logit(thresholdsFor(sensitivity, m).loose) };
}
