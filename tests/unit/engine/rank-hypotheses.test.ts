import { describe, expect, it } from "vitest";
import { citedIds, isExcluded, rankCandidates, toLikelihoods } from "../../../src/engine/rank-hypotheses.ts";
import type { Candidate } from "../../../src/engine/types.ts";

const candidate = (
  causalId: string,
  points: number,
  category: Candidate["category"] = "product_defect",
): Candidate => ({
  causalId,
  category,
  origin: "change",
  features: [{ name: "prior.change", value: points, note: "test" }],
  support: ["T1", "GHOST", "K1"],
  against: [],
});
const known = new Set(["C1", "C2", "C3", "T1", "K1"]);
/** One point per unit of the test feature, whatever the fitted weights say. */
const unit = { "prior.change": 1 } as const;

describe("rankCandidates and toLikelihoods", () => {
  it("orders by score and keeps one hypothesis per causal item", () => {
    const ranked = rankCandidates(
      [candidate("C1", 2), candidate("C2", 5), candidate("C1", 4, "vendor_change")],
      [],
      known,
      unit,
    );
    expect(ranked.map((c) => `${c.causalId}:${c.category}`)).toEqual([
      "C2:product_defect",
      "C1:vendor_change",
    ]);
  });

  it("gives non-increasing likelihoods that sum to at most 1, whatever the scores", () => {
    for (const scores of [
      [9, 8, 1],
      [0, 0, 0],
      [-3, -4],
      [20, 19.5, 19, 18, 2, 1],
    ]) {
      const ranked = rankCandidates(
        scores.map((s, i) => candidate(`C${i}`, s)),
        [],
        new Set([...known, "C0", "C4", "C5"]),
        unit,
      );
      const p = toLikelihoods(ranked);
      expect(p.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
      p.forEach((x, i) => {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(p[i - 1] ?? 1);
      });
    }
  });

  it("keeps probability for causes outside the bundle when every candidate is weak", () => {
    const [p] = toLikelihoods(rankCandidates([candidate("C1", 0)], [], known, unit));
    expect(p).toBeLessThan(0.5);
  });
});

describe("citations and exclusions", () => {
  it("cites the causal item first and drops ids not in the bundle", () => {
    expect(citedIds(candidate("C1", 1), known)).toEqual(["C1", "T1", "K1"]);
  });

  it("excludes a candidate only when category and evidence match a rejection", () => {
    expect(isExcluded(candidate("C1", 1), [{ category: "product_defect", evidence: ["C1"] }], known)).toBe(
      true,
    );
    expect(isExcluded(candidate("C1", 1), [{ category: "vendor_change", evidence: ["C1"] }], known)).toBe(
      false,
    );
    expect(isExcluded(candidate("C1", 1), [{ category: "product_defect", evidence: [] }], known)).toBe(true);
    expect(isExcluded(candidate("C2", 1), [{ category: "product_defect", evidence: ["C1"] }], known)).toBe(
      false,
    );
  });
});
