/**
 * Knowledge gaps on both databases, in a small world with known answers: four HubSpot sync defects, one
 * after an article on it was validated (usable: not a gap), the three before it (a gap); two billing
 * escalations whose only matching article names another cause (a gap); a one-off (not recurring). The
 * digest's section and its JSON list the same gaps, with a suggested title and the findings' facts.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Dataset } from "../../../integrations/local/dataset-schema.ts";
import { createLocalCrmAdapter } from "../../../integrations/local/index.ts";
import { buildDigest } from "../../../src/digest/build-digest.ts";
import { parseWeek } from "../../../src/digest/digest-week.ts";
import { renderDigestMarkdown } from "../../../src/digest/render-digest-markdown.ts";
import type { Database } from "../../../src/storage/database.ts";
import { importEscalationHistory } from "../../../src/use-cases/import-escalation-history.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";

let testDb: TestDatabase;
let db: Database;
afterEach(async () => {
  await db?.close();
  await testDb?.dispose();
});

const hubspot = (id: string, accountId: string, day: string) => ({
  id,
  accountId,
  openedAt: `2026-11-${day}T09:00:00Z`,
  summary: "Deals stopped syncing to HubSpot after a bulk edit; batches of deals dropped",
  status: "resolved",
  resolvedAt: `2026-11-${day}T18:00:00Z`,
  rootCauseCategory: "product_defect" as const,
  productArea: "hubspot-sync",
  resolution: `The sync's worker pool overran HubSpot's burst limit and dropped deal batches (${id}). Pool pinned to 2 workers and updates replayed.`,
});

const world: Dataset = {
  accounts: ["A", "B", "C", "D", "E", "F"].map((id) => ({ id, name: `Account ${id}`, segment: "smb" })),
  tickets: [],
  changes: [],
  escalations: [
    hubspot("E-1", "A", "02"),
    hubspot("E-2", "B", "05"),
    hubspot("E-3", "C", "09"),
    // Opened after the HubSpot article was validated: the knowledge base held a usable article.
    hubspot("E-4", "D", "19"),
    ...["E", "F"].map((accountId, i) => ({
      id: `E-${5 + i}`,
      accountId,
      openedAt: `2026-11-1${i}T09:00:00Z`,
      summary: "Invoice charged the full annual term after a mid-term plan upgrade",
      status: "resolved",
      resolvedAt: `2026-11-1${i}T12:00:00Z`,
      rootCauseCategory: "billing" as const,
      productArea: "billing",
      resolution: "The upgrade was billed as a new annual term instead of prorated. Difference refunded.",
    })),
    {
      id: "E-7",
      accountId: "A",
      openedAt: "2026-11-12T09:00:00Z",
      summary: "SSO login fails for everyone",
      status: "resolved",
      resolvedAt: "2026-11-12T12:00:00Z",
      rootCauseCategory: "customer_change",
      productArea: "sso",
      resolution: "The customer rotated its IdP certificate.",
    },
  ],
  knowledge: [
    {
      id: "KB-1",
      title: "HubSpot sync drops deal batches after bulk edits",
      category: "product_defect",
      symptoms: "Deals stopped syncing to HubSpot after a bulk edit",
      rootCause: "Worker pool overruns the HubSpot burst limit",
      validatedAt: "2026-11-15",
    },
    {
      // Matches the billing escalations' words but names another cause: not usable for them.
      id: "KB-2",
      title: "Plan upgrade mid-term shows a full annual invoice preview",
      category: "expectation_mismatch",
      symptoms: "Invoice charged the full annual term after a mid-term plan upgrade",
      validatedAt: "2026-01-10",
    },
  ],
};

describe.each(backends)("knowledge gaps on $name", (backend: Backend) => {
  it("lists causes that recur without a usable article, with a title and the facts, in the digest", async () => {
    testDb = await backend.create();
    db = await testDb.open();
    const crm = createLocalCrmAdapter({ dataset: world, label: "test" });
    await importEscalationHistory(db, crm, world.knowledge);
    const needs = await db.query<{ id: string; needs_article: boolean | null }>(
      "SELECT escalation_id AS id, needs_article FROM findings ORDER BY escalation_id",
    );
    expect(Object.fromEntries(needs.map((r) => [r.id, r.needs_article]))).toEqual({
      "E-1": true,
      "E-2": true,
      "E-3": true,
      "E-4": false,
      "E-5": true,
      "E-6": true,
      "E-7": true,
    });

    const d = await buildDigest(db, {
      week: parseWeek("2026-W47", "UTC"),
      timeZone: "UTC",
      accounts: await crm.listAccounts(),
      now: new Date("2026-11-23T09:00:00Z"),
      logger: testLogger,
    });
    expect(d.knowledgeGaps).toEqual([
      {
        category: "product_defect",
        productArea: "hubspot-sync",
        escalations: ["E-1", "E-2", "E-3"],
        accounts: ["Account A", "Account B", "Account C"],
        lastOpened: "2026-11-09T09:00:00.000Z",
        suggestedTitle: "Known defect in hubspot-sync: symptoms, workaround and fix",
        facts: [
          "E-3 (Account C, 2026-11-09): The sync's worker pool overran HubSpot's burst limit and dropped deal batches (E-3). Fixed by: Pool pinned to 2 workers and updates replayed.",
          expect.stringMatching(/^E-2 \(Account B, 2026-11-05\): /),
          expect.stringMatching(/^E-1 \(Account A, 2026-11-02\): /),
        ],
      },
      expect.objectContaining({
        category: "billing",
        productArea: "billing",
        escalations: ["E-5", "E-6"],
        suggestedTitle: "Charges for billing: how they are worked out and how to correct them",
      }),
    ]);
    const md = renderDigestMarkdown(d);
    expect(md).toContain("## Knowledge gaps: causes that recur without a usable article (last 13 weeks)");
    expect(md).toContain(
      '- Product defect in hubspot-sync: 3 escalations at 3 accounts without a usable article. Suggested article: "Known defect in hubspot-sync: symptoms, workaround and fix"',
    );
    expect(md).toContain("- ↳ E-3 (Account C, 2026-11-09): The sync's worker pool overran");
    expect(md).not.toContain("↳ E-1 ");
  });
});
