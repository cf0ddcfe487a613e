/**
 * The change feed: POST /api/changes over real HTTP (bearer token, validation, idempotent retries) on
 * both databases, and reported changes reaching the right accounts' case bundles.
 */
import { afterEach, describe, expect, it } from "vitest";
import { registerHttpRoutes } from "../../../handlers/http/index.ts";
import { createLocalKnowledgeBaseAdapter } from "../../../integrations/local/index.ts";
import { createHttpApp, type HttpServer, startHttpServer } from "../../../src/http-server.ts";
import type { CrmSource } from "../../../src/ports/crm-source.ts";
import type { Database } from "../../../src/storage/database.ts";
import { createLocalEvidence } from "../../../src/storage/local-evidence.ts";
import { buildCaseBundle } from "../../../src/use-cases/build-case-bundle.ts";
import { recordChanges } from "../../../src/use-cases/record-changes.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";

const TOKEN = "a-long-random-token-0123456789";

const deploy = {
  id: "deploy-2026-11-20-api",
  at: "2026-11-20T14:00:00Z",
  source: "vendor_deploy",
  scope: "global",
  title: "API v2.4",
  productArea: "salesforce-sync",
};

/** A CRM with two accounts and nothing else: every change in the bundles below came through the feed. */
const crm: CrmSource = {
  name: "test crm",
  searchAccounts: async () => [],
  getAccount: async (id) =>
    id === "EU-ENT"
      ? { id, name: "Euro Enterprise", segment: "enterprise", attributes: { region: "eu" } }
      : id === "US-SMB"
        ? { id, name: "US Small", segment: "smb", attributes: { region: "us" } }
        : null,
  listAccounts: async () => [],
  listTickets: async () => [],
  listEscalations: async () => [],
};

describe.each(backends)("change feed on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let server: HttpServer;

  async function start(): Promise<string> {
    testDb = await backend.create();
    db = await testDb.open();
    const app = createHttpApp(testLogger);
    registerHttpRoutes(app, {
      health: async () => ({ status: "ok", database: { kind: db.kind, reachable: true }, subsystems: {} }),
      surfaces: [],
      changes: { token: TOKEN, record: (input) => recordChanges(db, input, "api") },
    });
    server = await startHttpServer(app, 0, "127.0.0.1");
    return `http://127.0.0.1:${server.port}/api/changes`;
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

  it("refuses a request without the bearer token or with another one", async () => {
    const url = await start();
    const none = await post(url, deploy, null);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ message: expect.stringContaining("Bearer <CHANGES_TOKEN>") });
    expect((await post(url, deploy, "not-the-token")).status).toBe(401);
    expect(await db.query("SELECT 1 FROM changes")).toEqual([]);
  });

  it("stores a change, and a retried post of the same change updates it instead of adding one", async () => {
    const url = await start();
    const first = await post(url, deploy);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ created: 1, updated: 0, ids: [deploy.id] });
    const again = await post(url, { ...deploy, title: "API v2.4.1" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ created: 0, updated: 1, ids: [deploy.id] });
    const rows = await db.query<{ item: { title: string } }>("SELECT item FROM changes");
    expect(rows.map((r) => r.item.title)).toEqual(["API v2.4.1"]);
  });

  it("gives a change without an id one derived from its content, so a retry stays one change", async () => {
    const url = await start();
    const { id: _id, ...anonymous } = deploy;
    const a = (await (await post(url, [anonymous])).json()) as { ids: string[] };
    const b = (await (await post(url, [anonymous])).json()) as { ids: string[]; created: number };
    expect(a.ids[0]).toMatch(/^CHG-[0-9a-f]{16}$/);
    expect(b).toMatchObject({ ids: a.ids, created: 0 });
  });

  it("answers 400 naming the item and field of a bad change, and stores none of the batch", async () => {
    const url = await start();
    const bad = await post(url, [deploy, { ...deploy, id: "x", scope: "account" }]);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { message: string };
    expect(body.message).toContain("[1].accountId");
    expect(body.message).toContain('accountId is required when scope is "account"');
    const wrongSource = await post(url, { ...deploy, source: "rumour" });
    expect(((await wrongSource.json()) as { message: string }).message).toMatch(/\(source\).*vendor_deploy/);
    expect((await post(url, "{not json")).status).toBe(400);
    const twice = await post(url, [deploy, { ...deploy, title: "again" }]);
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { message: string }).message).toContain(
      `changes [0] and [1] are the same change (id ${deploy.id})`,
    );
    expect(await db.query("SELECT 1 FROM changes")).toEqual([]);
  });

  it("answers 400 naming the field for hostile values, and stores none of them", async () => {
    const url = await start();
    const deep = `{"id":"deep","at":"2026-11-20T14:00:00Z","source":"vendor_deploy","scope":"global","title":"t","extra":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const cases: [string, string | object, RegExp][] = [
      ["nested 5,000 deep", deep, /\(extra\[0\]\[0\].*levels more\)\): is nested more than 32 levels deep/],
      ["year 0000", { ...deploy, at: "0000-01-01T00:00:00Z" }, /\(at\): expected a real date-time/],
      ["offset +23:59", { ...deploy, at: "2026-11-20T14:00:00+23:59" }, /\(at\): expected a real date-time/],
      ["February 30th", { ...deploy, at: "2026-02-30T14:00:00Z" }, /\(at\): expected an ISO-8601 date-time/],
      ["a NUL character", { ...deploy, title: "API\u0000v2" }, /\(title\): contains a NUL character/],
      [
        "a lone surrogate",
        { ...deploy, description: "broken \ud83d" },
        /\(description\): contains a lone UTF-16/,
      ],
      [
        "a lone surrogate in a name",
        [{ ...deploy, "\udc00": 1 }],
        /\(\[0\]\): has a field name that contains a lone/,
      ],
    ];
    for (const [what, body, message] of cases) {
      const answer = await post(url, body);
      expect(answer.status, what).toBe(400);
      expect(((await answer.json()) as { message: string }).message, what).toMatch(message);
    }
    expect((await post(url, { ...deploy, at: "2026-11-20T14:00:00+14:00" })).status).toBe(201);
    expect(await db.query("SELECT id FROM changes")).toEqual([{ id: deploy.id }]);
  });

  it("puts each reported change into the bundles of the accounts it reaches, and no others", async () => {
    const url = await start();
    const reported = [
      deploy,
      { ...deploy, id: "eu-only", scope: "segment", region: "eu", title: "EU database migration" },
      { ...deploy, id: "smb-only", scope: "segment", segment: "smb", title: "SMB plan limits" },
      {
        ...deploy,
        id: "acct",
        scope: "account",
        accountId: "US-SMB",
        source: "customer_config",
        title: "SSO cert",
      },
      { ...deploy, id: "old", at: "2026-01-01T00:00:00Z", title: "Long ago" },
    ];
    expect((await post(url, reported)).status).toBe(201);
    const sources = {
      crm,
      knowledge: createLocalKnowledgeBaseAdapter({ findings: [] }),
      local: createLocalEvidence(db),
    };
    const bundleOf = (accountId: string) =>
      buildCaseBundle(
        { id: "WR-TEST", accountId, openedAt: new Date("2026-11-22T10:00:00Z"), summary: "api errors" },
        sources,
      );
    expect((await bundleOf("EU-ENT")).changes.map((c) => c.id).sort()).toEqual([deploy.id, "eu-only"]);
    const smb = await bundleOf("US-SMB");
    expect(smb.changes.map((c) => c.id).sort()).toEqual(["acct", deploy.id, "smb-only"]);
    expect(smb.changes.find((c) => c.id === "acct")).not.toHaveProperty("accountId");
  });
});
