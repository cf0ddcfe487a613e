/**
 * The triage poll: Salesforce cases created or modified since the watermark are triaged and stored, through
 * real jsforce against the fake Salesforce, on both databases. A portal user's comment is the customer's
 * words; the case's product-area field (SALESFORCE_FIELD_MAP) is the label topics are learned from; an
 * exhausted API allocation pauses the polls.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createSalesforceAdapter } from "../../../integrations/salesforce/index.ts";
import { salesforceFieldMapSchema } from "../../../src/config/salesforce-fields.ts";
import type { Database } from "../../../src/storage/database.ts";
import { readTicketTriage } from "../../../src/storage/ticket-store.ts";
import {
  pollModifiedTickets,
  TICKET_POLL_BACKOFF,
  TICKET_POLL_WATERMARK,
} from "../../../src/use-cases/poll-modified-tickets.ts";
import { createTriageService } from "../../../src/use-cases/triage-service.ts";
import { NO_RULES } from "../../../src/war-room/routing-rules.ts";
import { IDS } from "../../contracts/crm-source.contract.ts";
import { type FakeSalesforce, startFakeSalesforce } from "../../fakes/salesforce/index.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";
import { WORLD_CUSTOM_FIELDS, worldRecords } from "../../support/salesforce-world.ts";

const FIELD_MAP = salesforceFieldMapSchema.parse({
  account: { arr: "ARR__c", segment: "Segment__c" },
  case: { productArea: "Product_Area__c" },
});
const PORTAL_USER = "005000000000009AAA";

let fake: FakeSalesforce;
let testDb: TestDatabase;
let db: Database;
let now = new Date("2026-11-20T12:00:00Z");

afterEach(async () => {
  await db?.close();
  await fake?.close();
  await testDb?.dispose();
});

async function setUp(backend: Backend, apiUsed = 0) {
  now = new Date("2026-11-20T12:00:00Z");
  const records = worldRecords();
  records.User = [
    ...(records.User ?? []),
    { Id: PORTAL_USER, LastName: "Customer", UserType: "PowerCustomerSuccess" },
  ];
  fake = await startFakeSalesforce({
    records,
    customFields: { ...WORLD_CUSTOM_FIELDS, Case: ["Product_Area__c"] },
    apiLimit: { used: apiUsed, max: 100_000 },
    now: () => now,
  });
  testDb = await backend.create();
  db = await testDb.open();
  const crm = createSalesforceAdapter({
    auth: { kind: "token", instanceUrl: fake.url, accessToken: fake.accessToken },
    apiVersion: "62.0",
    fieldMap: FIELD_MAP,
    logger: testLogger,
  });
  const triage = createTriageService({ db, crm, routing: NO_RULES, logger: testLogger, now: () => now });
  return { db, crm, triage, clock: { now: () => now }, logger: testLogger };
}

describe.each(backends)("triage of modified Salesforce cases on $name", (backend: Backend) => {
  it("triages new and changed cases once, reading portal users' comments as the customer's", async () => {
    const deps = await setUp(backend);
    const first = await pollModifiedTickets(deps);
    expect(first.seen).toBe(first.created);
    const caseId = String(
      fake.insert("Case", {
        AccountId: IDS.acme,
        Subject: "Invoice question",
        Description: "Where is the November invoice?",
        Status: "New",
        Priority: "Medium",
        Product_Area__c: "Billing",
      }).Id,
    );
    now = new Date("2026-11-20T12:10:00Z");
    const second = await pollModifiedTickets(deps);
    expect(second).toMatchObject({ created: 1, updated: 0 });
    expect((await readTicketTriage(db, [caseId])).get(caseId)).toMatchObject({
      policyRisk: { value: "none" },
      automatedAnswerAllowed: true,
    });

    now = new Date("2026-11-20T12:20:00Z");
    fake.insert("CaseComment", {
      ParentId: caseId,
      CommentBody: "You charged us twice for it. Unacceptable!!",
      CreatedById: PORTAL_USER,
    });
    fake.update("Case", caseId, { Status: "Customer Responded" });
    now = new Date("2026-11-20T12:30:00Z");
    const third = await pollModifiedTickets(deps);
    expect(third).toMatchObject({ created: 0, updated: 1 });
    expect((await readTicketTriage(db, [caseId])).get(caseId)).toMatchObject({
      policyRisk: { value: "billing_dispute" },
      automatedAnswerAllowed: false,
      sentiment: { value: "angry", trend: "worsening" },
    });
    const stored = await db.query<{ item: { productArea?: string } }>(
      "SELECT item FROM tickets WHERE id = $1",
      [caseId],
    );
    expect(stored[0]?.item.productArea).toBe("Billing");
    const [cursor] = await db.query<{ value: string }>("SELECT value FROM cursors WHERE name = $1", [
      TICKET_POLL_WATERMARK,
    ]);
    expect(cursor?.value).toBe("2026-11-20T12:20:00.000Z");
    // Polling again sees the same case in the overlap, and writes nothing.
    expect(await pollModifiedTickets(deps)).toMatchObject({ created: 0, updated: 0 });
  });

  it("pauses the polls when the API allocation is spent", async () => {
    const deps = await setUp(backend, 100_000);
    expect((await pollModifiedTickets(deps)).skipped).toBe("backing-off");
    const [backoff] = await db.query<{ value: string }>("SELECT value FROM cursors WHERE name = $1", [
      TICKET_POLL_BACKOFF,
    ]);
    expect(Date.parse(backoff?.value ?? "")).toBeGreaterThan(now.getTime());
    expect((await pollModifiedTickets(deps)).skipped).toBe("backing-off");
  });
});
