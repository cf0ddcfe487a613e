/**
 * The floor for the topic learner: multinomial naive Bayes over lower-cased word unigrams with Laplace
 * smoothing, the classic text baseline (banking77's paper reports about 0.82 for it).
 */
import { wordsOf } from "../../src/triage/hash-features.ts";
import type { LabelledText } from "../../src/triage/train-topic-model.ts";

/** Trains naive Bayes; returns a classify function. */
export function trainNaiveBayes(examples: readonly LabelledText[]): (text: string) => string {
  const labels = [...new Set(examples.map((e) => e.label))];
  const docs = new Map(labels.map((l) => [l, 0]));
  const words = new Map(labels.map((l) => [l, new Map<string, number>()]));
  const totals = new Map(labels.map((l) => [l, 0]));
  const vocabulary = new Set<string>();
  for (const e of examples) {
    docs.set(e.label, (docs.get(e.label) ?? 0) + 1);
    const counts = words.get(e.label)!;
    for (const w of wordsOf(e.text)) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      totals.set(e.label, (totals.get(e.label) ?? 0) + 1);
      vocabulary.add(w);
    }
  }
  const v = vocabulary.size;
  return (text) => {
    let best = labels[0]!;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const label of labels) {
      const counts = words.get(label)!;
      const total = totals.get(label)! + v;
      let score = Math.log(docs.get(label)! / examples.length);
      for (const w of wordsOf(text))
        if (vocabulary.has(w)) score += Math.log(((counts.get(w) ?? 0) + 1) / total);
      if (score > bestScore) {
        bestScore = score;
        best = label;
      }
    }
    return best;
  };
}
