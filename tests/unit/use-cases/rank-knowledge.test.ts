import { describe, expect, it } from "vitest";
import type { KnowledgeItem } from "../../../src/domain/case-bundle.ts";
import { rankKnowledge } from "../../../src/use-cases/rank-knowledge.ts";

const item = (id: string, title: string, validatedAt: string, tags: string[] = []): KnowledgeItem => ({
  id,
  title,
  category: "customer_change",
  symptoms: title,
  tags,
  validatedAt,
});

describe("rankKnowledge", () => {
  const items = [
    item("K1", "Invoice totals rounded wrong for JPY", "2026-11-01"),
    item("K2", "Salesforce field rename breaks commission sync mapping", "2026-06-01", ["salesforce-sync"]),
    item("K3", "SSO login fails after certificate rollover", "2026-10-01"),
    item("K4", "Sync paused after Salesforce API limit", "2026-09-01", ["salesforce-sync"]),
  ];

  it("puts the findings that speak to the escalation first, and caps the list", () => {
    const ranked = rankKnowledge(
      items,
      { summary: "commission data wrong after Salesforce sync failures", tickets: [] },
      3,
    );
    expect(ranked.map((k) => k.id)).toEqual(["K2", "K4", "K1"]);
  });

  it("lets the account's recent ticket subjects break ties the summary leaves", () => {
    const ranked = rankKnowledge(
      items,
      {
        summary: "customer furious, escalated to the CEO",
        tickets: [
          {
            id: "T",
            subject: "Cannot log in with SSO since the certificate change",
            status: "open",
            createdAt: "2026-11-20T00:00:00Z",
          },
        ],
      },
      1,
    );
    expect(ranked.map((k) => k.id)).toEqual(["K3"]);
  });

  it("keeps the newest first when nothing is similar", () => {
    expect(rankKnowledge(items, { summary: "zzz", tickets: [] }, 4).map((k) => k.id)).toEqual([
      "K1",
      "K3",
      "K4",
      "K2",
    ]);
    expect(rankKnowledge([], { summary: "x", tickets: [] }, 5)).toEqual([]);
  });
});
