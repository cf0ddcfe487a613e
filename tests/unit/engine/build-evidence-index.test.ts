import { describe, expect, it } from "vitest";
import { generateLargeBundle } from "../../../bench/lib/generate-large-bundle.ts";
import { caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { buildEvidenceIndex } from "../../../src/engine/build-evidence-index.ts";
import { WORKSET_LIMITS } from "../../../src/engine/prepare-workset.ts";
import { piiBundle } from "../../support/bundles.ts";
import { bundleIds, loadScenarios, OWN_SCENARIOS } from "./scenario-files.ts";

describe("buildEvidenceIndex", () => {
  it("ranks the escalation's own tickets first and every item once, with relevance in 0..1", () => {
    for (const s of loadScenarios(OWN_SCENARIOS)) {
      const index = buildEvidenceIndex(s.bundle);
      const known = bundleIds(s.bundle);
      const ids = index.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => known.has(id))).toBe(true);
      expect(index.items[0]?.kind).toBe("ticket");
      expect(index.profile.focusIds).toContain(index.items[0]?.id);
      const rel = index.items.map((i) => i.relevance);
      rel.forEach((r, i) => {
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(rel[i - 1] ?? 1);
      });
    }
  });

  it("reads the problem's onset and its exact error strings from the tickets", () => {
    const s = loadScenarios(OWN_SCENARIOS).find((x) => x.file.startsWith("107-"));
    if (!s) throw new Error("fixture 107 missing");
    const { profile } = buildEvidenceIndex(s.bundle);
    expect(new Date(profile.onset).toISOString()).toBe("2026-08-11T21:50:00.000Z");
    expect(profile.identifiers.map((i) => i.text)).toContain("SlowDown");
  });

  it("keeps a huge account within the working-set limits", () => {
    const bundle = generateLargeBundle(7, { tickets: 1500, changes: 400, related: 50, knowledge: 3000 });
    expect(() => caseBundleSchema.parse(bundle)).not.toThrow();
    const index = buildEvidenceIndex(bundle);
    const count = (kind: string) => index.items.filter((i) => i.kind === kind).length;
    expect(count("ticket")).toBeLessThanOrEqual(WORKSET_LIMITS.tickets);
    expect(count("knowledge")).toBeLessThanOrEqual(WORKSET_LIMITS.knowledge);
    expect(index.items.slice(0, 5).map((i) => i.id)).toContain("T-PLANTED-1");
  });
});

describe("knowledge in the evidence index", () => {
  it("reads every finding when there are no more than the screening limit, however they are worded", () => {
    const bundle = piiBundle();
    // K-7's title shares no word with the escalation summary; only its symptoms match the tickets.
    expect(buildEvidenceIndex(bundle).items.map((i) => i.id)).toContain("K-7");
  });
});
