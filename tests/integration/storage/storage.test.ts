import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/storage/database.ts";
import {
  getEscalation,
  listOpenEscalations,
  openEscalation,
  recordTimelineEvent,
} from "../../../src/storage/escalation-store.ts";
import { migrate } from "../../../src/storage/migrate.ts";
import { markEventProcessed } from "../../../src/storage/processed-events.ts";
import { type Backend, backends, postgresBackends, type TestDatabase } from "../../support/databases.ts";

const acme = {
  accountId: "ACC-1",
  accountName: "Acme Corp",
  summary: "sync broken",
  origin: "terminal" as const,
};

describe.each(backends)("storage on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  const open: Database[] = [];
  const connect = async () => {
    const db = await testDb.open();
    open.push(db);
    return db;
  };

  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    await testDb?.dispose();
  });

  it("creates every table the war-room needs, and a second migrate applies nothing", async () => {
    testDb = await backend.create();
    const db = await connect();
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "escalations",
        "war_rooms",
        "war_room_members",
        "evidence_snapshots",
        "analyses",
        "hypotheses",
        "verdicts",
        "findings",
        "timeline_events",
        "processed_events",
        "schedule_runs",
        "digests",
        "cursors",
        "schema_migrations",
      ]),
    );
    expect(await migrate(db)).toEqual([]);
  });

  it("keeps one open escalation per account: a second open returns the first", async () => {
    testDb = await backend.create();
    const db = await connect();
    const [a, b] = await Promise.all([
      openEscalation(db, acme),
      openEscalation(db, { ...acme, summary: "again" }),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.escalation.id).toBe(b.escalation.id);
    expect(a.escalation.id).toMatch(/^WR-\d{4}-\d{4}$/);
    expect(await listOpenEscalations(db)).toHaveLength(1);
  });

  it("records an inbound event id once", async () => {
    testDb = await backend.create();
    const db = await connect();
    expect(await markEventProcessed(db, "slack", "Ev1")).toBe(true);
    expect(await markEventProcessed(db, "slack", "Ev1")).toBe(false);
    expect(await markEventProcessed(db, "teams", "Ev1")).toBe(true);
  });

  it("rolls back a transaction that throws, effects and event id together", async () => {
    testDb = await backend.create();
    const db = await connect();
    await expect(
      db.transaction(async (tx) => {
        await markEventProcessed(tx, "slack", "Ev2");
        await openEscalation(tx, acme);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await markEventProcessed(db, "slack", "Ev2")).toBe(true);
    expect(await listOpenEscalations(db)).toHaveLength(0);
  });

  it("keeps what was written across a close and reopen", async () => {
    testDb = await backend.create();
    const first = await testDb.open();
    const { escalation } = await openEscalation(first, acme);
    await recordTimelineEvent(first, { escalationId: escalation.id, kind: "opened", actor: "U1" });
    await first.close();
    const second = await connect();
    expect(await getEscalation(second, escalation.id)).toMatchObject({
      accountName: "Acme Corp",
      status: "open",
    });
    const events = await second.query("SELECT kind, actor FROM timeline_events WHERE escalation_id = $1", [
      escalation.id,
    ]);
    expect(events).toEqual([{ kind: "opened", actor: "U1" }]);
  });
});

describe.each(postgresBackends)("replicas on $name", (backend: Backend) => {
  it("two replicas migrating one database at once both start, and the schema is applied once", async () => {
    const testDb = await backend.create();
    try {
      const [a, b] = await Promise.all([testDb.open(), testDb.open()]);
      const rows = await a.query<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name");
      const files = readdirSync(join(import.meta.dirname, "../../../src/storage/migrations")).filter((f) =>
        f.endsWith(".sql"),
      );
      expect(rows.map((r) => r.name)).toEqual(files.sort());
      await Promise.all([a.close(), b.close()]);
    } finally {
      await testDb.dispose();
    }
  });

  it("two replicas opening an escalation for one account at the same moment make one", async () => {
    const testDb = await backend.create();
    const [a, b] = [await testDb.open(), await testDb.open()];
    try {
      const results = await Promise.all([openEscalation(a, acme), openEscalation(b, acme)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.escalation.id)).size).toBe(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await testDb.dispose();
    }
  });
});
