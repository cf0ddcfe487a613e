/**
 * Trains the topic learner on one labelled set and scores it on another: accuracy, macro-F1, the worst
 * classes, and how long training and classifying took (the admin's check on their own export).
 */
import { type LabelledText, type TopicTrainingOptions, trainTopicModel } from "./train-topic-model.ts";

/** One class's scores on the test set. */
export interface ClassScore {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** The evaluation report; the JSON keys are fixed (`warroom triage evaluate --format json`). */
export interface TopicEvaluation {
  readonly accuracy: number;
  readonly macroF1: number;
  /** The worst classes by F1 (up to ten), worst first. */
  readonly classes: readonly ClassScore[];
  readonly train: number;
  readonly test: number;
  readonly trainMs: number;
  readonly msPerItem: number;
}

const r4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Per-class precision, recall and F1 from gold and predicted labels. */
export function scoreClasses(gold: readonly string[], predicted: readonly string[]): ClassScore[] {
  const labels = [...new Set(gold)].sort();
  return labels.map((label) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === label && g === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision: r4(precision), recall: r4(recall), f1: r4(f1), support: tp + fn };
  });
}

/** Trains on `train`, classifies `test`, and reports. */
export function evaluateTopics(
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  options: TopicTrainingOptions = {},
): TopicEvaluation {
  const started = performance.now();
  const model = trainTopicModel(train, options);
  const trained = performance.now();
  const predicted = test.map((e) => model.classify(e.text).label);
  const done = performance.now();
  const gold = test.map((e) => e.label);
  const classes = scoreClasses(gold, predicted);
  const correct = predicted.filter((p, i) => p === gold[i]).length;
  return {
    accuracy: r4(test.length ? correct / test.length : 0),
    macroF1: r4(classes.reduce((s, c) => s + c.f1, 0) / (classes.length || 1)),
    classes: [...classes].sort((a, b) => a.f1 - b.f1).slice(0, 10),
    train: train.length,
    test: test.length,
    trainMs: Math.round(trained - started),
    msPerItem: r4((done - trained) / (test.length || 1)),
  };
}
