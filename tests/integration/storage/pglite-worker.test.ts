import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/storage/database.ts";
import { backends, type TestDatabase } from "../../support/databases.ts";

const [pglite] = backends;
let testDb: TestDatabase | undefined;
/** A migrated embedded database in a folder of its own (a copy of one made once: no initdb per test). */
async function openMigratedPglite(): Promise<Database> {
  testDb = await pglite!.create();
  return testDb.open();
}

describe("the embedded database on its worker thread", () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    await testDb?.dispose();
  });

  it("starts with PGlite's own parameters and 16 MB of shared buffers", async () => {
    db = await openMigratedPglite();
    expect(await db.query("SHOW shared_buffers")).toEqual([{ shared_buffers: "16MB" }]);
    // The list is repeated in pglite-database.ts so that the request loop never loads PGlite: same settings.
    for (let i = 0; i < PGlite.defaultStartParams.length; i++) {
      const param = PGlite.defaultStartParams[i]!;
      if (PGlite.defaultStartParams[i - 1] !== "-c") continue;
      const [name, value] = param.split("=");
      const expected = value === "false" ? "off" : value === "true" ? "on" : value;
      expect((await db.query(`SELECT current_setting('${name}') AS v`))[0]?.v, name).toBe(expected);
    }
  });

  it("keeps a PostgreSQL error's code, detail and constraint across the thread", async () => {
    db = await openMigratedPglite();
    await db.exec("CREATE TABLE t (id int PRIMARY KEY, at timestamptz, data jsonb, raw bytea)");
    await db.query("INSERT INTO t VALUES (1, now(), $1, $2)", [{ a: [1, 2] }, new Uint8Array([1, 2, 3])]);
    const error = await db.query("INSERT INTO t (id) VALUES (1)").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "23505",
      constraint: "t_pkey",
      detail: "Key (id)=(1) already exists.",
    });
    const [row] = await db.query<{ at: Date; data: unknown; raw: Uint8Array }>("SELECT at, data, raw FROM t");
    expect(row?.at).toBeInstanceOf(Date);
    expect(row?.data).toEqual({ a: [1, 2] });
    expect([...(row?.raw ?? [])]).toEqual([1, 2, 3]);
  });

  it("commits a transaction's work, rolls it all back when the work throws, and lets others wait", async () => {
    db = await openMigratedPglite();
    const open = db;
    await open.exec("CREATE TABLE t (id int PRIMARY KEY)");
    await open.transaction(async (tx) => {
      await tx.query("INSERT INTO t VALUES (1)");
      await tx.exec("INSERT INTO t VALUES (2); INSERT INTO t VALUES (3)");
    });
    const failed = open.transaction(async (tx) => {
      await tx.query("INSERT INTO t VALUES (4)");
      throw new Error("changed my mind");
    });
    await expect(failed).rejects.toThrow("changed my mind");
    const inside = open.transaction(async (tx) => {
      await tx.query("INSERT INTO t VALUES (5)");
      await new Promise((r) => setTimeout(r, 50));
      await tx.query("INSERT INTO t VALUES (6)");
    });
    // A statement outside the transaction waits for it: it sees both rows or neither.
    const seen = open.query<{ n: number }>("SELECT count(*)::int AS n FROM t WHERE id IN (5, 6)");
    await inside;
    expect((await seen)[0]?.n).toBe(2);
    expect((await open.query<{ id: number }>("SELECT id FROM t ORDER BY id")).map((r) => r.id)).toEqual([
      1, 2, 3, 5, 6,
    ]);
  });

  it("settles the queries already answered when asked, without waiting for the event loop", async () => {
    db = await openMigratedPglite();
    const open = db;
    /** Holds this thread, as a burst's requests do, without letting the event loop turn. */
    const busy = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    /** Runs the callbacks queued so far (promise reactions), and no event-loop turn. */
    const microtasks = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
    };
    const sent = () => {
      let settled = false;
      const query = open.query("SELECT 1 AS one").then(() => (settled = true));
      return { query, settled: () => settled };
    };

    const waiting = sent();
    busy(300);
    await microtasks();
    // Whether or not the answer is in, only a turn of the event loop would read it...
    expect(waiting.settled()).toBe(false);
    await waiting.query;

    // ...unless it is delivered: without a turn, it settles as soon as the worker has answered.
    const delivered = sent();
    for (let waited = 0; waited < 10_000 && !delivered.settled(); waited += 10) {
      busy(10);
      open.deliverAnswers?.();
      await microtasks();
    }
    expect(delivered.settled()).toBe(true);
  });

  it("refuses work after close with a clear error", async () => {
    const closed = await openMigratedPglite();
    await closed.close();
    await expect(closed.query("SELECT 1")).rejects.toThrow(/embedded database is closed/);
  });
});
