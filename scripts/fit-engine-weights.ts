/**
 * Refits the evidence engine's feature weights from scenarios with known answers and prints how well
 * they do: per folder on the scenarios they were fitted on, and k-fold cross-validated (fitted without
 * each fold, scored on it). With --write, stores them in src/engine/engine-weights.json for review.
 *
 *   node scripts/fit-engine-weights.ts [--write] [--folds 6] [--repeats 2] [DIR ...]
 *
 * Without DIRs: ../shared/scenarios, ../shared/scenarios-2 and tests/fixtures/scenarios (those present).
 * Training scenarios get unrelated changes from the other scenarios (see withUnrelatedChanges); every
 * figure is measured on the scenarios as written.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  crossValidate,
  DEFAULT_FIT,
  evaluate,
  extract,
  fitWeights,
  loadLabelled,
  withUnrelatedChanges,
} from "./lib/fit-weights.ts";

const ROOT = join(import.meta.dirname, "..");
const WEIGHTS_FILE = join(ROOT, "src/engine/engine-weights.json");
/** Unrelated changes added to each training scenario. */
const NOISE_CHANGES = 10;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    write: { type: "boolean", default: false },
    folds: { type: "string", default: "6" },
    repeats: { type: "string", default: "2" },
  },
});
const folders = (
  positionals.length > 0
    ? positionals
    : [
        join(ROOT, "../shared/scenarios"),
        join(ROOT, "../shared/scenarios-2"),
        join(ROOT, "tests/fixtures/scenarios"),
      ]
).filter((d) => existsSync(d));

const started = performance.now();
const labelled = loadLabelled(folders);
const set = extract(labelled);
const train = extract(withUnrelatedChanges(labelled, NOISE_CHANGES));
const weights = fitWeights(train);
const cv = crossValidate(set, train, Number(values.folds), Number(values.repeats));

const pct = (x: number) => x.toFixed(3);
console.log(`scenarios: ${set.length} in ${folders.length} folders; ridge ${DEFAULT_FIT.ridge}`);
for (const folder of [...new Set(set.map((s) => s.scenario.folder))]) {
  const e = evaluate(
    set.filter((s) => s.scenario.folder === folder),
    weights,
  );
  console.log(
    `  ${folder.padEnd(16)} fitted on: top-1 ${pct(e.top1)}  top-3 ${pct(e.top3)}  mrr ${pct(e.mrr)}  (${e.scenarios})`,
  );
}
console.log(
  `  ${cv.folds}-fold cross-validated (x${cv.repeats}): top-1 ${pct(cv.top1)}  top-3 ${pct(cv.top3)}  mrr ${pct(cv.mrr)}`,
);
console.log(`fitted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (values.write) {
  const current = JSON.parse(readFileSync(WEIGHTS_FILE, "utf8")) as { fixed: Record<string, number> };
  const fitted = Object.fromEntries(
    Object.entries(weights)
      .filter(([name]) => current.fixed[name] === undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const file = {
    fitted: {
      on: set.length,
      folders: [...new Set(set.map((s) => s.scenario.folder))],
      crossValidated: { folds: cv.folds, repeats: cv.repeats, top1: +pct(cv.top1), top3: +pct(cv.top3) },
      ridge: DEFAULT_FIT.ridge,
      noiseChanges: NOISE_CHANGES,
    },
    fixed: current.fixed,
    weights: fitted,
  };
  writeFileSync(WEIGHTS_FILE, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${WEIGHTS_FILE}`);
}
