import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { JobQueue } from "../../../src/jobs/job-queue.ts";
import { OpenRequests } from "../../../src/jobs/open-requests.ts";
import type { Database, Sql } from "../../../src/storage/database.ts";
import {
  type Backend,
  backends,
  postgresBackends,
  type TestDatabase,
  testLogger,
} from "../../support/databases.ts";

const payload = z.object({ key: z.string() });

/** A deterministic job id per key (pg-boss ids are UUIDs). */
const jobId = (key: string) =>
  `00000000-0000-4000-8000-${Buffer.from(key).toString("hex").padStart(12, "0").slice(-12)}`;

/** A job that records each run in a table, so "ran once" is checked in the database, not in memory. */
function recordingQueue(db: Database, options: { failFirst?: number } = {}) {
  const queue = new JobQueue({ db, logger: testLogger, pollingIntervalSeconds: 0.5, stopTimeoutMs: 2_000 });
  let failures = options.failFirst ?? 0;
  queue.define({
    name: "record",
    schema: payload,
    retryDelaySeconds: 1,
    async handle({ key }, { attempt }) {
      if (failures > 0) {
        failures--;
        throw new Error(`planned failure on attempt ${attempt}`);
      }
      await db.query("INSERT INTO cursors (name, value) VALUES ($1, $2)", [key, String(attempt)]);
    },
  });
  return queue;
}

/** `db` with some of its members replaced: the rest are its own, bound to it. */
function overriding(db: Database, members: Partial<Database>): Database {
  return new Proxy(db, {
    get(target, property) {
      if (Object.hasOwn(members, property)) return members[property as keyof Database];
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function runs(db: Database): Promise<Record<string, string>> {
  const rows = await db.query<{ name: string; value: string }>("SELECT name, value FROM cursors");
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

describe.each(backends)("job queue on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await testDb?.dispose();
  });
  const start = async (db: Database, options?: { failFirst?: number }) => {
    const queue = recordingQueue(db, options);
    await queue.start();
    cleanup.push(() => queue.stop());
    return queue;
  };
  const connect = async () => {
    const db = await testDb.open();
    cleanup.push(() => db.close());
    return db;
  };

  it("runs a job", async () => {
    testDb = await backend.create();
    const db = await connect();
    const queue = await start(db);
    expect(await queue.send("record", { key: "a" })).toEqual(expect.any(String));
    await vi.waitFor(async () => expect(await runs(db)).toEqual({ a: "1" }), {
      timeout: 20_000,
      interval: 200,
    });
  });

  it("stores a burst enqueued in one turn, each job once, and runs every job of it", async () => {
    testDb = await backend.create();
    const db = await connect();
    const queue = await start(db);
    const keys = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
    // The same request enqueued twice (a redelivery) is stored once: its id names it.
    await Promise.all([
      ...keys.map((key) => queue.enqueue("record", { key }, { id: jobId(key) })),
      queue.enqueue("record", { key: "burst-0" }, { id: jobId("burst-0") }),
    ]);
    await vi.waitFor(async () => expect(Object.keys(await runs(db)).sort()).toEqual([...keys].sort()), {
      timeout: 30_000,
      interval: 200,
    });
    expect(Object.values(await runs(db)).every((attempt) => attempt === "1")).toBe(true);
  });

  /**
   * The queue on `db`, with pg-boss's job INSERTs counted as they go through the database (how many jobs
   * each, how many at once) and held until `release` is called, as under load.
   */
  const heldInserts = async (db: Database) => {
    const inserts = { running: 0, most: 0, sizes: [] as number[] };
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const query = async (text: string, params?: readonly unknown[]) => {
      if (!text.includes("json_to_recordset")) return db.query(text, params);
      inserts.sizes.push((JSON.parse(String(params?.[0])) as unknown[]).length);
      inserts.most = Math.max(inserts.most, ++inserts.running);
      try {
        await released;
        return await db.query(text, params);
      } finally {
        inserts.running--;
      }
    };
    const queue = await start(overriding(db, { query: query as Database["query"] }));
    return { queue, inserts, release };
  };

  it("stores what is enqueued while three INSERTs run in the next one, never more at once", async () => {
    testDb = await backend.create();
    const db = await connect();
    const { queue, inserts, release } = await heldInserts(db);
    // 30 requests arriving over several turns of the event loop, as a burst's do.
    const keys = Array.from({ length: 30 }, (_, i) => `spread-${i}`);
    const stored: Promise<void>[] = [];
    for (const key of keys) {
      stored.push(queue.enqueue("record", { key }, { id: jobId(key) }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The first three go at once, one INSERT each; the rest wait for one of them and share the next.
    expect(inserts).toMatchObject({ running: 3, sizes: [1, 1, 1] });
    release();
    await Promise.all(stored);
    expect(inserts.most).toBe(3);
    expect(inserts.sizes).toEqual([1, 1, 1, 27]);
    await vi.waitFor(async () => expect(Object.keys(await runs(db)).sort()).toEqual([...keys].sort()), {
      timeout: 30_000,
      interval: 200,
    });
  });

  it("sends eight jobs enqueued in one turn without waiting for the turn to end", async () => {
    testDb = await backend.create();
    const db = await connect();
    const { queue, inserts, release } = await heldInserts(db);
    let turnEnded = false;
    setImmediate(() => (turnEnded = true));
    const keys = Array.from({ length: 20 }, (_, i) => `one-turn-${i}`);
    const stored = keys.map((key) => queue.enqueue("record", { key }, { id: jobId(key) }));
    for (let i = 0; i < 20; i++) await Promise.resolve();
    // Two INSERTs of eight are under way before the turn has ended; the last four go at its end.
    expect(turnEnded).toBe(false);
    expect(inserts.sizes).toEqual([8, 8]);
    release();
    await Promise.all(stored);
    expect(inserts.sizes).toEqual([8, 8, 4]);
  });

  it("rehearses each queue's INSERT at start and stores nothing doing so", async () => {
    testDb = await backend.create();
    const db = await connect();
    const texts: string[] = [];
    const transaction = <T>(work: (tx: Sql) => Promise<T>) =>
      db.transaction((tx) =>
        work({
          query: (text, params) => {
            texts.push(text);
            return tx.query(text, params);
          },
          exec: (script) => tx.exec(script),
        } as Sql),
      );
    const queue = await start(overriding(db, { transaction }));
    expect(texts.filter((text) => text.includes("json_to_recordset"))).toHaveLength(1);
    expect(await queue.counts("record")).toEqual({ queued: 0, active: 0, total: 0 });
  });

  it("starts a job only once the requests being answered are (acks before the work they queued)", async () => {
    testDb = await backend.create();
    const db = await connect();
    // A bound longer than the test: the job can only start because the request ended.
    const requests = new OpenRequests(120_000);
    const queue = new JobQueue({ db, logger: testLogger, pollingIntervalSeconds: 0.5, requests });
    const openAtStart: number[] = [];
    queue.define({
      name: "record",
      schema: payload,
      async handle({ key }) {
        openAtStart.push(requests.open);
        await db.query("INSERT INTO cursors (name, value) VALUES ($1, '1')", [key]);
      },
    });
    await queue.start();
    cleanup.push(() => queue.stop());
    const answered = requests.begin();
    await queue.enqueue("record", { key: "after-ack" }, { id: jobId("after-ack") });
    // The job is stored (enqueue resolved); give the workers (polling every 0.5 s) time to take it while
    // the request is open.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await runs(db)).toEqual({});
    answered();
    await vi.waitFor(async () => expect(await runs(db)).toEqual({ "after-ack": "1" }), {
      timeout: 20_000,
      interval: 100,
    });
    expect(openAtStart).toEqual([0]);
  });

  it("refuses to enqueue a payload that does not match the job's schema", async () => {
    testDb = await backend.create();
    const db = await connect();
    const queue = await start(db);
    expect(() => queue.enqueue("record", { key: 1 })).toThrow(/job record: key/);
  });

  it("retries a failing job with backoff until it succeeds", async () => {
    testDb = await backend.create();
    const db = await connect();
    const queue = await start(db, { failFirst: 2 });
    await queue.send("record", { key: "flaky" });
    await vi.waitFor(async () => expect(await runs(db)).toEqual({ flaky: "3" }), {
      timeout: 40_000,
      interval: 250,
    });
  });

  it("rejects a payload that does not match the job's schema, naming the field", async () => {
    testDb = await backend.create();
    const queue = await start(await connect());
    await expect(queue.send("record", { key: 42 } as never)).rejects.toThrow(/key: expected string/);
  });

  it("ignores a second send with the same id", async () => {
    testDb = await backend.create();
    const queue = await start(await connect());
    const id = "5b5e3c1e-6f51-4a55-9c39-0f6c1b7d9a10";
    expect(await queue.send("record", { key: "x" }, { id })).toBe(id);
    expect(await queue.send("record", { key: "x" }, { id })).toBeNull();
  });

  it("enqueues inside a transaction: a rolled-back transaction leaves no job", async () => {
    testDb = await backend.create();
    const db = await connect();
    const queue = await start(db);
    await expect(
      db.transaction(async (tx) => {
        await queue.send("record", { key: "ghost" }, { tx });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    await db.transaction((tx) => queue.send("record", { key: "real" }, { tx }));
    await vi.waitFor(async () => expect(await runs(db)).toEqual({ real: "1" }), {
      timeout: 20_000,
      interval: 200,
    });
  });

  it("runs a job that was pending at shutdown after a restart", async () => {
    testDb = await backend.create();
    const first = await testDb.open();
    const producer = recordingQueue(first);
    await producer.start();
    await producer.stop(); // workers gone: nothing can pick the job up before the restart
    await producer.send("record", { key: "survivor" });
    await first.close();

    const db = await connect();
    await start(db);
    await vi.waitFor(async () => expect(await runs(db)).toEqual({ survivor: "1" }), {
      timeout: 20_000,
      interval: 200,
    });
  });
});

describe.each(backends)("stopping the queue on $name", (backend: Backend) => {
  /** A queue whose job takes `ms` and records that it finished. */
  function slowQueue(db: Database, ms: number, stopTimeoutMs: number) {
    const queue = new JobQueue({ db, logger: testLogger, pollingIntervalSeconds: 0.5, stopTimeoutMs });
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    queue.define({
      name: "slow",
      schema: payload,
      retryDelaySeconds: 1,
      async handle({ key }, { attempt }) {
        started();
        await new Promise((r) => setTimeout(r, ms));
        await db.query("INSERT INTO cursors (name, value) VALUES ($1, $2)", [key, String(attempt)]);
      },
    });
    return { queue, running };
  }

  it("lets a running job finish before it returns", async () => {
    const testDb = await backend.create();
    const db = await testDb.open();
    try {
      const { queue, running } = slowQueue(db, 1_500, 10_000);
      await queue.start();
      await queue.send("slow", { key: "in-flight" });
      await running;
      await queue.stop();
      expect(await runs(db)).toEqual({ "in-flight": "1" });
    } finally {
      await db.close();
      await testDb.dispose();
    }
  });

  it("returns a job that outlasts the stop timeout to the queue, and it runs after a restart", async () => {
    const testDb = await backend.create();
    let db = await testDb.open();
    try {
      const first = slowQueue(db, 4_000, 1_000);
      await first.queue.start();
      await first.queue.send("slow", { key: "returned" });
      await first.running;
      await first.queue.stop();
      const [job] = await db.query<{ state: string }>("SELECT state FROM pgboss.job WHERE name = 'slow'");
      expect(job?.state).toBe("retry");
      // The abandoned run may still finish in this process; wait it out so it cannot write after close.
      await new Promise((r) => setTimeout(r, 3_500));
      await db.query("DELETE FROM cursors");
      await db.close();

      db = await testDb.open();
      const second = slowQueue(db, 10, 10_000);
      await second.queue.start();
      await vi.waitFor(async () => expect(await runs(db)).toEqual({ returned: "2" }), {
        timeout: 20_000,
        interval: 250,
      });
      await second.queue.stop();
    } finally {
      await db.close();
      await testDb.dispose();
    }
  });
});

describe.each(postgresBackends)("two workers on one $name", (backend: Backend) => {
  it("execute each job exactly once", async () => {
    const testDb = await backend.create();
    const [a, b] = [await testDb.open(), await testDb.open()];
    const [qa, qb] = [recordingQueue(a), recordingQueue(b)];
    try {
      await Promise.all([qa.start(), qb.start()]);
      const keys = Array.from({ length: 30 }, (_, i) => `job-${i}`);
      await Promise.all(keys.map((key, i) => (i % 2 ? qa : qb).send("record", { key })));
      // The primary key on cursors.name would reject a second run of any job: the handler would throw and
      // the run count below would not add up.
      await vi.waitFor(async () => expect(Object.keys(await runs(a))).toHaveLength(30), {
        timeout: 40_000,
        interval: 250,
      });
      expect(Object.values(await runs(a)).every((attempt) => attempt === "1")).toBe(true);
      const failed = await a.query(
        "SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('failed', 'retry')",
      );
      expect(failed).toEqual([{ n: 0 }]);
    } finally {
      await Promise.all([qa.stop(), qb.stop()]);
      await Promise.all([a.close(), b.close()]);
      await testDb.dispose();
    }
  });
});
