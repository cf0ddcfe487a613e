/**
 * A new topic model re-triages the open tickets stored before it, on both databases: a ticket triaged with
 * no labelled history gets a learned topic once the history has enough labels, and keeps its source.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { CrmSource } from "../../../src/ports/crm-source.ts";
import type { Database } from "../../../src/storage/database.ts";
import { readTicketTriage } from "../../../src/storage/ticket-store.ts";
import { createTriageService } from "../../../src/use-cases/triage-service.ts";
import { NO_RULES } from "../../../src/war-room/routing-rules.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";

const crm: CrmSource = {
  name: "test crm",
  searchAccounts: async () => [],
  getAccount: async () => null,
  listAccounts: async () => [],
  listTickets: async () => [],
  listEscalations: async () => [],
};

const labelled = (id: string, productArea: string, subject: string) => ({
  ticket: {
    id,
    subject,
    status: "closed",
    createdAt: "2026-11-01T10:00:00Z",
    closedAt: "2026-11-02T10:00:00Z",
    productArea,
  },
  accountId: "ACC-1",
});

describe.each(backends)("re-triage after learning on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let db: Database;
  afterEach(async () => {
    await db?.close();
    await testDb?.dispose();
  });

  it("gives open tickets the new model's topic", async () => {
    testDb = await backend.create();
    db = await testDb.open();
    const triage = createTriageService({
      db,
      crm,
      routing: NO_RULES,
      logger: testLogger,
      now: () => new Date("2026-11-20T12:00:00Z"),
    });
    const open = {
      ticket: {
        id: "OPEN-1",
        subject: "HubSpot deals are not syncing since Monday",
        status: "open",
        createdAt: "2026-11-20T10:00:00Z",
      },
      accountId: "ACC-1",
    };
    await triage.record([open], "salesforce");
    expect((await readTicketTriage(db, ["OPEN-1"])).get("OPEN-1")?.topic.source).toBe("none");
    await triage.record(
      [
        labelled("L1", "hubspot-sync", "HubSpot sync failing"),
        labelled("L2", "hubspot-sync", "Deals missing in HubSpot"),
        labelled("L3", "hubspot-sync", "HubSpot connector errors"),
        labelled("L4", "billing", "Invoice amount wrong"),
        labelled("L5", "billing", "Card payment failed on invoice"),
        labelled("L6", "billing", "Need a copy of the invoice"),
      ],
      "salesforce",
    );
    await triage.learnTopics({ force: true });
    const after = (await readTicketTriage(db, ["OPEN-1"])).get("OPEN-1");
    expect(after?.topic).toMatchObject({ source: "learned", value: "hubspot-sync" });
    const [row] = await db.query<{ source: string; topic: string }>(
      "SELECT source, topic FROM tickets WHERE id = 'OPEN-1'",
    );
    expect(row).toEqual({ source: "salesforce", topic: "hubspot-sync" });
  });
});
