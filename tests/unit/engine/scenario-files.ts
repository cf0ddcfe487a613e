/**
 * Test helper: loads scenario bundles (a case bundle plus `expected`) and runs the evidence engine the
 * way the war-room does, passing `excludedHypotheses` as rejections. Matching follows
 * shared/tools/score-rca.mjs: same category, and one of the first three cited ids is an expected one.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Analysis, Hypothesis } from "../../../src/domain/analysis.ts";
import { type CaseBundle, caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { analyzeWithEvidence, type ExcludedHypothesis } from "../../../src/engine/evidence-engine.ts";
import { evidenceIds, matchesExpected } from "../../../src/use-cases/evaluate-engine.ts";

/** What a scenario says the answer is. */
export interface Expected {
  rootCause: { category: string; evidence: string[] };
  pattern?: "pattern" | "isolated";
}

/** One loaded scenario. */
export interface Scenario {
  file: string;
  bundle: CaseBundle;
  expected: Expected;
  exclude: ExcludedHypothesis[];
}

export const REPO_ROOT = join(import.meta.dirname, "../../..");
export const SHARED_SCENARIOS = join(REPO_ROOT, "../shared/scenarios");
export const SHARED_SCENARIOS_2 = join(REPO_ROOT, "../shared/scenarios-2");
export const OWN_SCENARIOS = join(REPO_ROOT, "tests/fixtures/scenarios");

/** Scenarios in `dir`, sorted by file name; empty when the folder does not exist. */
export function loadScenarios(dir: string): Scenario[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>;
      const { expected, ...rest } = raw;
      return {
        file,
        bundle: caseBundleSchema.parse(rest),
        expected: expected as Expected,
        exclude: (raw.excludedHypotheses as ExcludedHypothesis[] | undefined) ?? [],
      };
    });
}

/** The evidence engine's analysis of a scenario, with its rejections applied. */
export function analyze(scenario: Scenario): Analysis {
  return analyzeWithEvidence(scenario.bundle, { exclude: scenario.exclude });
}

/** The scorer's matching rule. */
export function matches(h: Hypothesis, expected: Expected["rootCause"]): boolean {
  return matchesExpected(h, expected);
}

/** Every evidence id of a bundle. */
export const bundleIds = (bundle: CaseBundle): Set<string> => evidenceIds(bundle);
