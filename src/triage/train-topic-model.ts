/**
 * The topic learner: multinomial logistic regression over TF-IDF of hashed word and character n-grams,
 * trained by averaged stochastic gradient descent for a few epochs. Only buckets seen in at least two training
 * texts get a weight row, which keeps a model of 77 topics at a few megabytes. Training is deterministic
 * (seeded shuffle), so the same history gives the same model on every replica.
 */
import { seededRandom } from "../domain/seeded-random.ts";
import { InputError } from "../errors.ts";
import { BUCKETS, countFeatures } from "./hash-features.ts";
import type { TopicClassifier } from "./types.ts";

/** One labelled example: the ticket's text and its topic. */
export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

/** Training knobs; the defaults are what `bench/triage-topics.ts` measures. */
export interface TopicTrainingOptions {
  readonly epochs?: number;
  readonly learningRate?: number;
  /** L2 penalty per example step. */
  readonly l2?: number;
  /** A bucket needs this many training texts to get a weight. */
  readonly minCount?: number;
  readonly seed?: number;
}

interface SparseVector {
  readonly index: Int32Array;
  readonly value: Float32Array;
}

/** TF-IDF with sublinear term frequency, L2-normalised, over the kept features (`columnOf`: -1 or undefined if not kept). */
function vectorise(
  text: string,
  columnOf: (bucket: number) => number | undefined,
  idf: Float32Array,
): SparseVector {
  const entries: [number, number][] = [];
  for (const [bucket, count] of countFeatures(text)) {
    const col = columnOf(bucket) ?? -1;
    if (col >= 0) entries.push([col, (1 + Math.log(count)) * idf[col]!]);
  }
  const norm = Math.hypot(...entries.map(([, v]) => v)) || 1;
  return {
    index: Int32Array.from(entries, ([c]) => c),
    value: Float32Array.from(entries, ([, v]) => v / norm),
  };
}

/** Scores of every class for one vector into `out` (weights laid out feature-major: row per feature). */
function score(w: Float32Array, bias: Float32Array, x: SparseVector, k: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) out[c] = bias[c]!;
  for (let j = 0; j < x.index.length; j++) {
    const row = x.index[j]! * k;
    const v = x.value[j]!;
    for (let c = 0; c < k; c++) out[c]! += w[row + c]! * v;
  }
}

function softmax(scores: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c]! - max);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
}

/**
 * Which buckets get a weight (seen in `minCount` texts or more) and their inverse document frequency. Texts
 * are counted one at a time and dropped: keeping every text's counts would cost ten times the model's memory.
 */
function buildColumns(
  texts: readonly string[],
  minCount: number,
): { column: Int32Array<ArrayBuffer>; idf: Float32Array<ArrayBuffer> } {
  const df = new Uint32Array(BUCKETS);
  for (const text of texts) for (const bucket of countFeatures(text).keys()) df[bucket]!++;
  const column = new Int32Array(BUCKETS).fill(-1);
  const idfs: number[] = [];
  for (let b = 0; b < BUCKETS; b++) {
    if (df[b]! < minCount) continue;
    column[b] = idfs.length;
    idfs.push(Math.log((1 + texts.length) / (1 + df[b]!)) + 1);
  }
  return { column, idf: Float32Array.from(idfs) };
}

/** One epoch of averaged SGD over `order`; `step` counts updates across epochs for the average. */
function runEpoch(
  model: { w: Float32Array; bias: Float32Array; wSum: Float32Array; biasSum: Float32Array },
  data: { xs: SparseVector[]; ys: Int32Array; k: number },
  order: Int32Array,
  rate: number,
  step: number,
): number {
  const { w, bias, wSum, biasSum } = model;
  const { xs, ys, k } = data;
  const p = new Float64Array(k);
  for (const i of order) {
    const x = xs[i]!;
    score(w, bias, x, k, p);
    softmax(p);
    p[ys[i]!]! -= 1;
    step++;
    for (let c = 0; c < k; c++) {
      const g = p[c]!;
      // Classes the example barely moves are skipped: most of 77 topics sit near probability 0.
      if (g > -1e-4 && g < 1e-4) continue;
      const d = -rate * g;
      bias[c]! += d;
      biasSum[c]! += step * d;
      for (let j = 0; j < x.index.length; j++) {
        const at = x.index[j]! * k + c;
        const dv = d * x.value[j]!;
        w[at]! += dv;
        wSum[at]! += step * dv;
      }
    }
  }
  return step;
}

/** A trained model as plain data: what a worker thread posts back (typed arrays transfer without copying). */
export interface TopicWeights {
  readonly labels: string[];
  /** Hash bucket → weight row, -1 for buckets without one. */
  readonly column: Int32Array<ArrayBuffer>;
  readonly idf: Float32Array<ArrayBuffer>;
  /** Row-major: one row of `labels.length` weights per kept feature. */
  readonly w: Float32Array<ArrayBuffer>;
  readonly bias: Float32Array<ArrayBuffer>;
}

/** Trains a topic classifier on labelled texts; throws when fewer than two topics are present. */
export function trainTopicModel(
  examples: readonly LabelledText[],
  options: TopicTrainingOptions = {},
): TopicClassifier {
  return classifierOf(fitTopicWeights(examples, options));
}

/** Fits the model's weights (the CPU-heavy part: run it off the request path). */
export function fitTopicWeights(
  examples: readonly LabelledText[],
  options: TopicTrainingOptions = {},
): TopicWeights {
  const { epochs = 5, learningRate = 3, minCount = 2, seed = 7 } = options;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2)
    throw new InputError(
      `a topic model needs at least two topics (categories) in its labelled examples; got ${labels.length}${labels[0] ? ` (${labels[0]})` : ""}`,
    );
  const k = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const { column, idf } = buildColumns(
    examples.map((e) => e.text),
    minCount,
  );
  const xs = examples.map((e) => vectorise(e.text, (bucket) => column[bucket], idf));
  const ys = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
  const model = {
    w: new Float32Array(idf.length * k),
    bias: new Float32Array(k),
    wSum: new Float32Array(idf.length * k),
    biasSum: new Float32Array(k),
  };
  const random = seededRandom(seed);
  const order = Int32Array.from(examples, (_, i) => i);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    step = runEpoch(model, { xs, ys, k }, order, learningRate / (1 + epoch * 0.5), step);
  }
  // Averaged weights: w̄ = w − Σ(t·Δ)/T, which smooths the last epochs' noise.
  const w = model.w.map((v, i) => v - model.wSum[i]! / step);
  const bias = model.bias.map((v, i) => v - model.biasSum[i]! / step);
  return { labels, column, idf, w, bias };
}

/** A classifier over fitted weights. */
export function classifierOf({ labels, column, idf, w, bias }: TopicWeights): TopicClassifier {
  const k = labels.length;
  // The dense bucket → row array is 4 MB for a few thousand kept features: a running service keeps a map.
  const rows = new Map<number, number>();
  for (let bucket = 0; bucket < column.length; bucket++)
    if (column[bucket]! >= 0) rows.set(bucket, column[bucket]!);
  const columnOf = (bucket: number) => rows.get(bucket);
  return {
    labels,
    classify(text) {
      const p = new Float64Array(k);
      score(w, bias, vectorise(text, columnOf, idf), k, p);
      softmax(p);
      let best = 0;
      let second = 1;
      for (let c = 1; c < k; c++) {
        if (p[c]! > p[best]!) {
          second = best;
          best = c;
        } else if (c !== best && p[c]! > p[second]!) second = c;
      }
      return {
        label: labels[best]!,
        confidence: p[best]!,
        runnerUp: { label: labels[second]!, confidence: p[second]! },
      };
    },
  };
}
