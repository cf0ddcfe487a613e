/**
 * Regression floors of the evidence engine, with its committed weights, on the visible scenario folders
 * (../shared/scenarios, ../shared/scenarios-2, when present) and its own fixtures, by the scorer's rule.
 * The floors sit a little below what the engine reaches; the figures themselves, and the cross-validated
 * one that says how it does on escalations it was not fitted on, are bench/engine-accuracy.ts's output.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  analyze,
  bundleIds,
  loadScenarios,
  matches,
  OWN_SCENARIOS,
  type Scenario,
  SHARED_SCENARIOS,
  SHARED_SCENARIOS_2,
} from "./scenario-files.ts";

interface Score {
  top1: number;
  top3: number;
  pattern: number;
  invalidCitations: string[];
  misses: string[];
}

function score(scenarios: readonly Scenario[]): Score {
  let top1 = 0;
  let top3 = 0;
  let patterns = 0;
  let withPattern = 0;
  const invalidCitations: string[] = [];
  const misses: string[] = [];
  for (const s of scenarios) {
    const analysis = analyze(s);
    const known = bundleIds(s.bundle);
    const rank = analysis.hypotheses.findIndex((h) => matches(h, s.expected.rootCause));
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank !== 0) misses.push(`${s.file}: rank ${rank + 1}`);
    if (s.expected.pattern) {
      withPattern++;
      if (analysis.pattern.verdict === s.expected.pattern) patterns++;
      else misses.push(`${s.file}: pattern ${analysis.pattern.verdict}`);
    }
    for (const h of analysis.hypotheses) {
      for (const id of h.evidence) if (!known.has(id)) invalidCitations.push(`${s.file}: ${id}`);
    }
  }
  const n = Math.max(1, scenarios.length);
  return {
    top1: top1 / n,
    top3: top3 / n,
    pattern: patterns / Math.max(1, withPattern),
    invalidCitations,
    misses,
  };
}

/** Floors per folder: a little below what the committed weights reach (see bench/engine-accuracy.ts). */
const FLOORS = [
  { name: "../shared/scenarios", dir: SHARED_SCENARIOS, top1: 0.9, top3: 0.95, pattern: 0.9 },
  { name: "../shared/scenarios-2", dir: SHARED_SCENARIOS_2, top1: 0.75, top3: 0.95, pattern: 0.85 },
  { name: "tests/fixtures/scenarios", dir: OWN_SCENARIOS, top1: 0.8, top3: 0.85, pattern: 0.85 },
];

describe("evidence engine on scenarios", () => {
  for (const floor of FLOORS) {
    it.skipIf(!existsSync(floor.dir))(`keeps its floor on ${floor.name}`, () => {
      const scenarios = loadScenarios(floor.dir);
      expect(scenarios.length).toBeGreaterThan(0);
      const result = score(scenarios);
      expect(result.invalidCitations).toEqual([]);
      expect(result.top1, result.misses.join("\n")).toBeGreaterThanOrEqual(floor.top1);
      expect(result.top3, result.misses.join("\n")).toBeGreaterThanOrEqual(floor.top3);
      expect(result.pattern, result.misses.join("\n")).toBeGreaterThanOrEqual(floor.pattern);
    });
  }
});

if (!existsSync(SHARED_SCENARIOS)) {
  console.warn(`skipping shared scenarios: ${SHARED_SCENARIOS} not found`);
}
