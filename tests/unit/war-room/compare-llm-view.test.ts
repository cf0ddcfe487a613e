import { describe, expect, it } from "vitest";
import type { Hypothesis } from "../../../src/domain/analysis.ts";
import { compareLlmView } from "../../../src/war-room/compare-llm-view.ts";

const h = (
  rank: number,
  category: Hypothesis["category"],
  evidence: string[],
  title = `H${rank}`,
): Hypothesis => ({
  rank,
  title,
  category,
  likelihood: 0.5,
  evidence,
  against: [],
  rationale: "",
  checks: ["check"],
});

const room = [
  h(1, "customer_change", ["C-RENAME"], "Renamed fields"),
  h(2, "product_defect", ["C-V24"], "v2.4"),
];

describe("the LLM's view beside the room's hypotheses", () => {
  it("agrees when its top cause is the room's #1, and adds nothing already there", () => {
    const view = compareLlmView(
      [h(1, "customer_change", ["C-RENAME", "T-2"]), h(2, "product_defect", ["T-9"])],
      room,
    );
    expect(view).toMatchObject({ agrees: true, added: [] });
    expect(view.note).toBe(
      "LLM view: agrees — its top cause is also #1 (Renamed fields). It adds no other hypothesis.",
    );
  });

  it("differs when its top cause is the room's #2, and adds a cause of another item and category", () => {
    const view = compareLlmView(
      [h(1, "product_defect", ["C-V24"]), h(2, "billing", ["T-7"], "Invoice run")],
      room,
    );
    expect(view.agrees).toBe(false);
    expect(view.note).toBe(
      "LLM view: differs — its top cause is #2 here (v2.4), not #1. It adds 1 hypothesis, posted below.",
    );
    expect(view.added.map((a) => a.title)).toEqual(["Invoice run"]);
  });

  it("names a new top cause as posted below, and never proposes again what an earlier round held", () => {
    const view = compareLlmView(
      [h(1, "infrastructure", ["T-3"], "Queue outage"), h(2, "billing", ["T-7"])],
      room,
      [h(1, "billing", ["T-1"])],
    );
    expect(view.note).toContain(
      'its top cause is "Queue outage" (infrastructure, citing T-3), posted below, not #1',
    );
    expect(view.added.map((a) => a.category)).toEqual(["infrastructure"]);
  });
});
