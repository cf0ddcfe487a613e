/**
 * POST /api/tickets over real HTTP on both databases: bearer token, validation naming the field, triage
 * stored with the ticket, unchanged tickets left alone and changed ones re-triaged.
 */
import { afterEach, describe, expect, it } from "vitest";
import { registerHttpRoutes } from "../../../handlers/http/index.ts";
import { createHttpApp, type HttpServer, startHttpServer } from "../../../src/http-server.ts";
import type { CrmSource } from "../../../src/ports/crm-source.ts";
import type { Database } from "../../../src/storage/database.ts";
import { listStoredTickets, readTicketTriage } from "../../../src/storage/ticket-store.ts";
import { createTriageService } from "../../../src/use-cases/triage-service.ts";
import { routingRulesSchema } from "../../../src/war-room/routing-rules.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";

const TOKEN = "a-long-random-token-0123456789";

const crm: CrmSource = {
  name: "test crm",
  searchAccounts: async () => [],
  getAccount: async (id) =>
    id === "ACC-1" ? { id, name: "Acme", segment: "enterprise", arr: 250_000 } : null,
  listAccounts: async () => [],
  listTickets: async () => [],
  listEscalations: async () => [],
};

const routing = routingRulesSchema.parse({
  rules: [
    { name: "money", when: { policyRisk: ["refund", "billing_dispute"] }, invite: { users: ["UFIN"] } },
    {
      name: "angry enterprise",
      when: { segment: ["enterprise"], sentiment: ["angry"] },
      invite: { users: ["UCSM"] },
    },
  ],
});

const ticket = {
  id: "500-1",
  accountId: "ACC-1",
  subject: "Invoice question",
  description: "Where do I find the invoice for November?",
  status: "open",
  priority: "normal",
  createdAt: "2026-11-20T14:00:00Z",
};

describe.each(backends)("POST /api/tickets on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let server: HttpServer;

  async function start(): Promise<string> {
    testDb = await backend.create();
    db = await testDb.open();
    const triage = createTriageService({
      db,
      crm,
      routing,
      logger: testLogger,
      now: () => new Date("2026-11-20T15:00:00Z"),
    });
    const app = createHttpApp(testLogger);
    registerHttpRoutes(app, {
      health: async () => ({ status: "ok", database: { kind: db.kind, reachable: true }, subsystems: {} }),
      surfaces: [],
      tickets: { token: TOKEN, record: (input) => triage.recordPushed(input) },
    });
    server = await startHttpServer(app, 0, "127.0.0.1");
    return `http://127.0.0.1:${server.port}/api/tickets`;
  }

  const post = (url: string, body: unknown, token: string | null = TOKEN) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  afterEach(async () => {
    await server?.close();
    await db?.close();
    await testDb?.dispose();
  });

  it("refuses a request without CHANGES_TOKEN", async () => {
    const url = await start();
    const none = await post(url, ticket, null);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ message: expect.stringContaining("Bearer <CHANGES_TOKEN>") });
    expect(await db.query("SELECT 1 FROM tickets")).toEqual([]);
  });

  it("stores a ticket with its triage; an unchanged repost writes nothing, a changed one is re-triaged", async () => {
    const url = await start();
    const first = await post(url, ticket);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ created: ["500-1"], updated: [], unchanged: [] });
    let triage = (await readTicketTriage(db, ["500-1"])).get("500-1");
    expect(triage).toMatchObject({
      policyRisk: { value: "none" },
      automatedAnswerAllowed: true,
      owner: { value: null },
    });

    const same = await post(url, ticket);
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ created: [], updated: [], unchanged: ["500-1"] });

    const angry = {
      ...ticket,
      comments: [
        { at: "2026-11-20T14:30:00Z", author: "customer", body: "You charged us twice. Unacceptable!!" },
      ],
    };
    const changed = await post(url, [angry]);
    expect(await changed.json()).toEqual({ created: [], updated: ["500-1"], unchanged: [] });
    triage = (await readTicketTriage(db, ["500-1"])).get("500-1");
    expect(triage).toMatchObject({
      policyRisk: { value: "billing_dispute" },
      automatedAnswerAllowed: false,
      sentiment: { value: "angry", trend: "worsening" },
      owner: { value: { rules: ["money", "angry enterprise"], users: ["UFIN", "UCSM"] } },
    });
    const rows = await db.query<{ policy_risk: string; automated_answer_allowed: boolean }>(
      "SELECT policy_risk, automated_answer_allowed FROM tickets",
    );
    expect(rows).toEqual([{ policy_risk: "billing_dispute", automated_answer_allowed: false }]);
    expect(
      (await listStoredTickets(db, { accountId: "ACC-1", openOnly: true })).map((t) => t.ticket.id),
    ).toEqual(["500-1"]);
  });

  it("answers 400 naming the item and field, and stores none of the batch", async () => {
    const url = await start();
    const { accountId: _a, ...noAccount } = ticket;
    const missing = await post(url, [ticket, { ...noAccount, id: "500-2" }]);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toContain("[1].accountId");
    const badDate = await post(url, { ...ticket, createdAt: "last week" });
    expect(((await badDate.json()) as { message: string }).message).toMatch(/\(createdAt\).*ISO-8601/);
    expect((await post(url, "{not json")).status).toBe(400);
    const nul = await post(url, { ...ticket, description: "bad\u0000byte" });
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { message: string }).message).toContain("(description)");
    expect(await db.query("SELECT 1 FROM tickets")).toEqual([]);
  });
});
