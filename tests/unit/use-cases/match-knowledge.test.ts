import { describe, expect, it } from "vitest";
import type { KnowledgeItem } from "../../../src/domain/case-bundle.ts";
import { matchKnowledge, needsArticle } from "../../../src/use-cases/match-knowledge.ts";

const items: KnowledgeItem[] = [
  {
    id: "KB-1",
    title: "HubSpot sync drops deal batches after bulk edits",
    category: "product_defect",
    symptoms: "Deals stop syncing to HubSpot after a bulk edit",
    validatedAt: "2026-11-15",
  },
  { id: "KB-2", title: "SSO fails after an IdP certificate rotation", category: "customer_change" },
  { id: "KB-3", title: "Invoices in the wrong currency", category: "billing" },
];
const summary = "Deals stopped syncing to HubSpot after a bulk edit";

describe("the usable-article rule", () => {
  it("matches articles that speak to the summary, among those held when the escalation opened", () => {
    expect(matchKnowledge(items, { summary }).map((m) => m.id)).toEqual(["KB-1"]);
    expect(matchKnowledge(items, { summary }, new Date("2026-11-10T00:00:00Z"))).toEqual([]);
    expect(matchKnowledge(items, { summary: "Nothing in common at all" })).toEqual([]);
  });

  it("needs an article when no match names the validated cause; unknown when never checked", () => {
    const matches = matchKnowledge(items, { summary });
    expect(needsArticle(matches, "product_defect")).toBe(false);
    expect(needsArticle(matches, "infrastructure")).toBe(true);
    expect(needsArticle([], "billing")).toBe(true);
    expect(needsArticle(null, "billing")).toBeNull();
  });
});
