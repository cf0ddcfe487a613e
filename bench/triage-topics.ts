/**
 * The topic learner on banking77 (../shared/datasets/banking77: 77 intents, 10,003 train / 3,080 test):
 * accuracy, macro-F1, training time and classification time per ticket, median of 3 runs, beside the floor
 * measured in the same run — multinomial naive Bayes over words. Targets: accuracy ≥ 0.90, training < 20 s,
 * < 2 ms per ticket. `node bench/triage-topics.ts [DATASET_DIR]` runs it on another `train.csv`/`test.csv`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateTopics, scoreClasses } from "../src/triage/evaluate-topics.ts";
import { readLabelledCsv } from "../src/triage/read-labelled-csv.ts";
import { trainNaiveBayes } from "./lib/naive-bayes.ts";

const dir = process.argv[2] ?? join(import.meta.dirname, "../../shared/datasets/banking77");
const read = (file: string) => readLabelledCsv(readFileSync(join(dir, file), "utf8"), file);
const train = read("train.csv");
const test = read("test.csv");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const runs = [];
for (let i = 0; i < 3; i++) runs.push(evaluateTopics(train, test));
const ours = runs[0]!;

const started = performance.now();
const nb = trainNaiveBayes(train);
const nbTrainMs = performance.now() - started;
const classified = performance.now();
const nbPredicted = test.map((e) => nb(e.text));
const nbMsPerItem = (performance.now() - classified) / test.length;
const gold = test.map((e) => e.label);
const nbClasses = scoreClasses(gold, nbPredicted);
const nbAccuracy = nbPredicted.filter((p, i) => p === gold[i]).length / test.length;
const nbMacroF1 = nbClasses.reduce((s, c) => s + c.f1, 0) / nbClasses.length;

const row = (name: string, acc: number, f1: number, trainMs: number, ms: number) =>
  `${name.padEnd(34)} ${acc.toFixed(4).padStart(8)} ${f1.toFixed(4).padStart(8)} ${Math.round(trainMs).toString().padStart(9)} ${ms.toFixed(3).padStart(9)}`;
console.log(
  `topic learner on ${dir}: ${train.length} train / ${test.length} test, ${new Set(gold).size} topics`,
);
console.log(
  `${"".padEnd(34)} ${"accuracy".padStart(8)} ${"macroF1".padStart(8)} ${"train ms".padStart(9)} ${"ms/item".padStart(9)}`,
);
console.log(
  row(
    "warroom (median of 3 runs)",
    ours.accuracy,
    ours.macroF1,
    median(runs.map((r) => r.trainMs)),
    median(runs.map((r) => r.msPerItem)),
  ),
);
console.log(row("floor: naive Bayes, words", nbAccuracy, nbMacroF1, nbTrainMs, nbMsPerItem));
console.log("targets: accuracy >= 0.90, train < 20000 ms, < 2 ms per ticket");
console.log(
  `worst classes: ${ours.classes
    .slice(0, 5)
    .map((c) => `${c.label} ${c.f1.toFixed(2)}`)
    .join(", ")}`,
);
