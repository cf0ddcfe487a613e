/**
 * Benchmark: how right the evidence engine is, with the committed weights, scored by the rule of
 * shared/tools/score-rca.mjs: per scenario folder (top-1, top-3, MRR, pattern, citation validity) and
 * k-fold cross-validated (weights refitted without each fold, then scored on it), the figure that says
 * how it does on escalations it was not fitted on. Issue targets on unseen sets: top-1 >= 0.60,
 * top-3 >= 0.85, pattern >= 0.80, citation validity 1.0.
 *
 *   node bench/engine-accuracy.ts [--no-cv]
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { crossValidate, extract, loadLabelled, withUnrelatedChanges } from "../scripts/lib/fit-weights.ts";
import { analyzeWithEvidence } from "../src/engine/evidence-engine.ts";
import { evaluateEngine, type LabelledCase } from "../src/use-cases/evaluate-engine.ts";

const ROOT = join(import.meta.dirname, "..");
const FOLDERS = [
  join(ROOT, "../shared/scenarios"),
  join(ROOT, "../shared/scenarios-2"),
  join(ROOT, "tests/fixtures/scenarios"),
].filter((d) => existsSync(d));

function patternOf(folder: string, file: string): "pattern" | "isolated" | undefined {
  const raw = JSON.parse(readFileSync(join(folder, file), "utf8")) as { expected?: { pattern?: string } };
  const p = raw.expected?.pattern;
  return p === "pattern" || p === "isolated" ? p : undefined;
}

const fmt = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
console.log("engine accuracy with the committed weights (src/engine/engine-weights.json)");
for (const folder of FOLDERS) {
  const cases: LabelledCase[] = loadLabelled([folder]).map((s) => {
    const pattern = patternOf(folder, s.file);
    return { name: s.file, bundle: s.bundle, expected: s.expected, ...(pattern ? { pattern } : {}) };
  });
  const { summary } = await evaluateEngine(cases, async (bundle) => analyzeWithEvidence(bundle));
  const name = folder.includes("fixtures") ? "tests/fixtures/scenarios" : `../shared/${basename(folder)}`;
  console.log(
    `  ${name.padEnd(26)} ${String(summary.scenarios).padStart(3)} scenarios  top-1 ${fmt(summary.top1)}  top-3 ${fmt(summary.top3)}  mrr ${fmt(summary.mrr)}  pattern ${fmt(summary.pattern)}  citations ${fmt(summary.citationValidity)}`,
  );
}
if (!process.argv.includes("--no-cv")) {
  const labelled = loadLabelled(FOLDERS);
  const cv = crossValidate(extract(labelled), extract(withUnrelatedChanges(labelled, 10)), 6, 2);
  console.log(
    `  ${cv.folds}-fold cross-validated over ${labelled.length} scenarios (x${cv.repeats}): top-1 ${fmt(cv.top1)}  top-3 ${fmt(cv.top3)}  mrr ${fmt(cv.mrr)}`,
  );
}
console.log("targets on unseen escalations: top-1 >= 0.60, top-3 >= 0.85, pattern >= 0.80, citations 1.000");
