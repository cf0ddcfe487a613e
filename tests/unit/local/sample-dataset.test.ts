/**
 * The bundled sample dataset must stay rich enough for the demo and a meaningful digest.
 */
import { describe, expect, it } from "vitest";
import { loadDataset, SAMPLE_DATASET_DIR } from "../../../integrations/local/index.ts";
import { SAMPLE_DATASET_ANCHOR } from "../../../integrations/local/sample-data/anchor.ts";
import { SAMPLE_DEMO_ESCALATION } from "../../../integrations/local/sample-demo.ts";

const DAY = 24 * 3600 * 1000;
const anchor = Date.parse(SAMPLE_DATASET_ANCHOR);
const dataset = await loadDataset(SAMPLE_DATASET_DIR);

describe("bundled sample dataset", () => {
  it("has the promised breadth", () => {
    expect(dataset.accounts.length).toBeGreaterThanOrEqual(40);
    expect(new Set(dataset.accounts.map((a) => a.segment))).toEqual(
      new Set(["enterprise", "mid_market", "smb"]),
    );
    expect(new Set(dataset.accounts.map((a) => a.industry)).size).toBeGreaterThanOrEqual(8);
    expect(dataset.tickets.length).toBeGreaterThanOrEqual(600);
    expect(dataset.tickets.filter((t) => (t.comments ?? []).length > 0).length).toBeGreaterThanOrEqual(500);
    expect(dataset.changes.filter((c) => c.source === "vendor_deploy").length).toBeGreaterThanOrEqual(10);
    expect(dataset.changes.filter((c) => c.source.startsWith("customer_")).length).toBeGreaterThanOrEqual(10);
    expect(dataset.knowledge.length).toBeGreaterThanOrEqual(20);
  });

  it("has at least 30 validated past escalations spread over the 8 weeks before its anchor", () => {
    const resolved = dataset.escalations.filter((e) => e.status === "resolved" && e.rootCauseCategory);
    expect(resolved.length).toBeGreaterThanOrEqual(30);
    const weeks = new Set(resolved.map((e) => Math.floor((anchor - Date.parse(e.openedAt)) / (7 * DAY))));
    expect([...weeks].filter((w) => w >= 0 && w < 8).length).toBe(8);
    expect(new Set(resolved.map((e) => e.rootCauseCategory)).size).toBeGreaterThanOrEqual(8);
  });

  it("has live patterns: one category and product area at 3+ accounts within 30 days", () => {
    const recent = dataset.escalations.filter(
      (e) => e.rootCauseCategory && anchor - Date.parse(e.openedAt) <= 30 * DAY,
    );
    const accountsByGroup = new Map<string, Set<string>>();
    for (const e of recent) {
      const key = `${e.rootCauseCategory}|${e.productArea}`;
      accountsByGroup.set(key, (accountsByGroup.get(key) ?? new Set()).add(e.accountId));
    }
    const patterns = [...accountsByGroup.values()].filter((accounts) => accounts.size >= 3);
    expect(patterns.length).toBeGreaterThanOrEqual(3);
  });

  it("has the demo account, with no escalation of its own yet", () => {
    expect(dataset.accounts.some((a) => a.id === SAMPLE_DEMO_ESCALATION.accountId)).toBe(true);
    expect(dataset.escalations.some((e) => e.accountId === SAMPLE_DEMO_ESCALATION.accountId)).toBe(false);
  });
});
