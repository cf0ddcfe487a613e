import { describe, expect, it } from "vitest";
import { caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { buildContext } from "../../../src/engine/build-context.ts";
import { buildEvidenceIndex } from "../../../src/engine/build-evidence-index.ts";
import { rankCandidates } from "../../../src/engine/rank-hypotheses.ts";
import { scoreChangeCandidates } from "../../../src/engine/score-change-candidates.ts";
import { scoreJourneyCandidates } from "../../../src/engine/score-journey-candidates.ts";

/** A small bundle: a field rename by the customer, a deploy that says it did not touch mappings, after onset. */
const bundle = caseBundleSchema.parse({
  escalation: {
    id: "ESC-1",
    openedAt: "2026-03-10T12:00:00Z",
    summary: "Operations director: invoices stopped syncing to the ERP and finance cannot close the month.",
  },
  account: { id: "A1", name: "Acme", contractStart: "2025-01-01", attributes: { erp: "Ledgerly Cloud" } },
  tickets: [
    {
      id: "T-1",
      subject: "Invoice sync failing",
      description: "Every invoice sync since Mar 6 fails with 'Unknown field Cost_Center__c'.",
      status: "open",
      priority: "urgent",
      createdAt: "2026-03-08T09:00:00Z",
      tags: ["erp-sync", "escalation"],
    },
  ],
  changes: [
    {
      id: "C-RENAME",
      at: "2026-03-05T18:00:00Z",
      source: "customer_config",
      scope: "account",
      title: "Customer renamed Cost_Center__c in Ledgerly Cloud",
      description: "Cost_Center__c renamed to Cost_Centre__c.",
      productArea: "erp-sync",
    },
    {
      id: "C-DEPLOY",
      at: "2026-03-07T10:00:00Z",
      source: "vendor_deploy",
      scope: "global",
      title: "ERP sync 3.1",
      description: "Faster retries. No mapping changes.",
      productArea: "erp-sync",
    },
  ],
});

describe("change candidates", () => {
  const ctx = buildContext(buildEvidenceIndex(bundle), []);
  const candidates = scoreChangeCandidates(ctx);
  const byId = (id: string) => candidates.find((c) => c.causalId === id);
  const value = (id: string, feature: string) =>
    byId(id)?.features.find((f) => f.name === feature)?.value ?? 0;

  it("scores a change that shares the failing field name and lands before onset above a later deploy", () => {
    expect(byId("C-RENAME")?.category).toBe("customer_change");
    expect(value("C-RENAME", "change.identifiers")).toBeGreaterThan(0);
    expect(value("C-RENAME", "change.lead-time")).toBeGreaterThan(0);
    expect(value("C-DEPLOY", "change.after-onset")).toBe(1);
    const [top] = rankCandidates(candidates, [], new Set(ctx.ws.items.keys()));
    expect(top?.causalId).toBe("C-RENAME");
  });

  it("names the account setup a change targets and the area a deploy says it left alone", () => {
    expect(value("C-RENAME", "change.setup")).toBeGreaterThan(0);
    const disclaimer = byId("C-DEPLOY")?.features.find((f) => f.name.startsWith("change.disclaims-"));
    expect(disclaimer?.note).toContain("No mapping changes");
  });

  it("offers our deploy as a defect and as an intended change, one candidate each", () => {
    const categories = candidates.filter((c) => c.causalId === "C-DEPLOY").map((c) => c.category);
    expect(categories).toEqual(expect.arrayContaining(["product_defect", "vendor_change"]));
  });
});

describe("journey candidates", () => {
  it("reads a bounced ticket trail as a process failure led by the bounced ticket", () => {
    const trail = caseBundleSchema.parse({
      ...bundle,
      changes: [],
      tickets: [
        {
          id: "T-9",
          subject: "Refund request REQ-5512 still open",
          description: "Nothing has happened on REQ-5512 for two weeks.",
          status: "open",
          priority: "urgent",
          createdAt: "2026-03-09T09:00:00Z",
          tags: ["escalation"],
          comments: [
            { at: "2026-03-09T10:00:00Z", author: "agent", body: "Moving this to the Finance Ops queue." },
            {
              at: "2026-03-09T12:00:00Z",
              author: "agent",
              body: "Finance Ops: not ours, sending back to Support.",
            },
            {
              at: "2026-03-09T13:00:00Z",
              author: "system",
              body: "Closed automatically after 7 days in Pending customer.",
            },
          ],
        },
      ],
    });
    const ctx = buildContext(buildEvidenceIndex(trail), []);
    const process = scoreJourneyCandidates(ctx).find((c) => c.category === "process_failure");
    expect(process?.causalId).toBe("T-9");
    expect(process?.features.find((f) => f.name === "trail.cues")?.value ?? 0).toBeGreaterThan(2);
  });
});
