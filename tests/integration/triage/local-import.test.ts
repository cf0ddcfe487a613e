/**
 * The local dataset at start: its topics learned on a worker thread from the tickets' tags, every ticket
 * triaged and stored, and a second start writing nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { openLocalCrm } from "../../../integrations/local/index.ts";
import type { Database } from "../../../src/storage/database.ts";
import { listStoredTickets } from "../../../src/storage/ticket-store.ts";
import { createTriageService, importLocalTickets } from "../../../src/use-cases/triage-service.ts";
import { NO_RULES } from "../../../src/war-room/routing-rules.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";

describe.each(backends)("local dataset triage on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let db: Database;

  afterEach(async () => {
    await db?.close();
    await testDb?.dispose();
  });

  it("learns the sample's topics, triages every ticket once, and skips them all the next time", async () => {
    testDb = await backend.create();
    db = await testDb.open();
    const now = new Date();
    const crm = await openLocalCrm(null, now);
    const service = () =>
      createTriageService({ db, crm, routing: NO_RULES, logger: testLogger, now: () => now });
    const first = await importLocalTickets(crm, service());
    expect(first.created.length).toBe(crm.dataset.tickets.length);
    const stored = await listStoredTickets(db);
    expect(stored.every((t) => t.triage.topic.source === "learned")).toBe(true);
    const tagged = stored.filter((t) => t.ticket.tags?.includes("hubspot-sync"));
    const right = tagged.filter((t) => t.triage.topic.value === "hubspot-sync");
    expect(right.length / tagged.length).toBeGreaterThan(0.7);
    const again = await importLocalTickets(crm, service());
    expect(again).toMatchObject({ created: [], updated: [] });
    expect(again.unchanged.length).toBe(crm.dataset.tickets.length);
  });
});
