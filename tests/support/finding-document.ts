/**
 * A finding document as the outbox hands it to a knowledge base, with overrides for the case at hand.
 */
import type { FindingDocument } from "../../src/ports/knowledge-base.ts";

/** A complete, realistic finding. */
export function findingDocument(overrides: Partial<FindingDocument> = {}): FindingDocument {
  return {
    escalationId: "WR-2026-0001",
    title: "Customer's field renames broke the sync field mappings",
    category: "customer_change",
    dimension: "technical",
    preventableBy: "external",
    summary: "Commission data wrong after sync failures",
    account: {
      id: "001A",
      name: "Acme Corp",
      segment: "enterprise",
      industry: null,
      arr: 180000,
      lifecycleMonth: 9,
    },
    productAreas: ["salesforce-sync"],
    openedAt: "2026-11-19T16:05:00.000Z",
    resolvedAt: "2026-11-20T10:00:00.000Z",
    warRoomUrl: "https://slack.com/app_redirect?channel=C1",
    confirmedBy: ["U01ALICE0"],
    rootCause: "Commission_Rate__c was renamed.",
    evidence: [{ id: "C1", name: 'change "Renamed fields" (2026-11-09)' }],
    contributingFactors: ["No alert on mapping errors"],
    resolution: "- Remapped the fields\n- Re-ran the sync",
    prevention: ["Warn on unknown fields"],
    timeline: [{ at: "2026-11-09T14:00:00Z", note: "Fields renamed" }],
    rejected: [
      {
        title: "Our deploy broke it",
        category: "product_defect",
        rejectedBy: ["U01BOB000"],
        why: "no deploy then",
      },
    ],
    needsArticle: true,
    ...overrides,
  };
}
