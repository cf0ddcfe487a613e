/**
 * A local dataset's past escalations imported as history: statuses mapped (closed stays closed), imported
 * again without duplicates, dropped when the dataset drops them, never touching live war-rooms.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Dataset } from "../../../integrations/local/dataset-schema.ts";
import { createLocalCrmAdapter } from "../../../integrations/local/index.ts";
import type { Database } from "../../../src/storage/database.ts";
import { openEscalation } from "../../../src/storage/escalation-store.ts";
import { listConfirmedKnowledge } from "../../../src/storage/finding-store.ts";
import { importEscalationHistory } from "../../../src/use-cases/import-escalation-history.ts";
import { backends, type TestDatabase } from "../../support/databases.ts";

const [pglite] = backends;
let testDb: TestDatabase;
let db: Database;

afterEach(async () => {
  await db?.close();
  await testDb?.dispose();
});

const dataset = (escalations: Dataset["escalations"]): Dataset => ({
  accounts: [
    { id: "A", name: "Acme", contractStart: "2026-01-15" },
    { id: "B", name: "Globex" },
  ],
  tickets: [],
  changes: [],
  escalations,
  knowledge: [],
});

const history: Dataset["escalations"] = [
  {
    id: "E-1",
    accountId: "A",
    openedAt: "2026-10-01T09:00:00Z",
    summary: "Sync broke",
    status: "resolved",
    resolvedAt: "2026-10-03T09:00:00Z",
    rootCauseCategory: "customer_change",
    productArea: "salesforce-sync",
  },
  {
    id: "E-2",
    accountId: "A",
    openedAt: "2026-10-20T09:00:00Z",
    summary: "Duplicate of E-1",
    status: "Cancelled",
  },
  { id: "E-3", accountId: "B", openedAt: "2026-11-20T09:00:00Z", summary: "Still on it", status: "open" },
];

const rows = () =>
  db.query<{ id: string; status: string; closed_at: Date | null; origin: string }>(
    "SELECT id, status, closed_at, origin FROM escalations ORDER BY id",
  );

describe("importing a dataset's escalation history", () => {
  it("maps statuses, records findings as history only, and stays in step with the dataset", async () => {
    testDb = await pglite!.create();
    db = await testDb.open();
    // A live war-room for Globex is open already: imported history must not collide with it.
    const live = await openEscalation(db, {
      accountId: "B",
      accountName: "Globex",
      summary: "live",
      origin: "slack",
    });
    expect(
      await importEscalationHistory(db, createLocalCrmAdapter({ dataset: dataset(history), label: "t" })),
    ).toBe(3);
    expect(
      await importEscalationHistory(db, createLocalCrmAdapter({ dataset: dataset(history), label: "t" })),
    ).toBe(3);
    const imported = (await rows()).filter((r) => r.origin === "dataset");
    expect(imported.map((r) => [r.id, r.status])).toEqual([
      ["E-1", "resolved"],
      ["E-2", "closed"],
      ["E-3", "open"],
    ]);
    expect(imported.find((r) => r.id === "E-2")?.closed_at).not.toBeNull();
    const [finding] = await db.query<{
      kb_sync_state: string;
      metadata: { lifecycleMonth: number; productAreas: string[] };
    }>("SELECT kb_sync_state, metadata FROM findings WHERE escalation_id = 'E-1'");
    expect(finding).toMatchObject({
      kb_sync_state: "imported",
      metadata: { lifecycleMonth: 9, productAreas: ["salesforce-sync"] },
    });
    expect(await listConfirmedKnowledge(db)).toEqual([]);
    // The dataset drops E-1: so does the history, with its finding; the live war-room stays.
    await importEscalationHistory(
      db,
      createLocalCrmAdapter({ dataset: dataset(history.slice(1)), label: "t" }),
    );
    expect((await rows()).map((r) => r.id).sort()).toEqual(["E-2", "E-3", live.escalation.id].sort());
    expect(await db.query("SELECT 1 FROM findings WHERE escalation_id = 'E-1'")).toEqual([]);
  });
});
