/**
 * Jobs whose process died resume at once (through their lease, not pg-boss's 15-minute expiry), several jobs
 * of a kind run at once, and a job one replica queues wakes another replica's idle worker.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { JobQueue } from "../../../src/jobs/job-queue.ts";
import type { Database } from "../../../src/storage/database.ts";
import { type Backend, backends, postgresBackends, testLogger } from "../../support/databases.ts";

const payload = z.object({ key: z.string() });
const WAIT = { timeout: 20_000, interval: 100 };

/** A queue whose "work" jobs wait for `gate` (when given), then record their attempt. */
function queueOn(db: Database, options: { gate?: Promise<void>; concurrency?: number; polling?: number }) {
  const queue = new JobQueue({
    db,
    logger: testLogger,
    pollingIntervalSeconds: options.polling ?? 0.5,
    stopTimeoutMs: 500,
  });
  const started: string[] = [];
  queue.define({
    name: "work",
    schema: payload,
    retryDelaySeconds: 1,
    concurrency: options.concurrency ?? 1,
    async handle({ key }, { attempt }) {
      started.push(key);
      await options.gate;
      await db.query("INSERT INTO cursors (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
        key,
        String(attempt),
      ]);
    },
  });
  return { queue, started };
}

async function runs(db: Database): Promise<Record<string, string>> {
  const rows = await db.query<{ name: string; value: string }>("SELECT name, value FROM cursors");
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

describe.each(backends)("job leases and concurrency on $name", (backend: Backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  const open = async () => {
    const testDb = await backend.create();
    cleanup.push(() => testDb.dispose());
    const db = await testDb.open();
    cleanup.push(() => db.close());
    return db;
  };

  it("hands the running job of a process that is gone to the next process at its start", async () => {
    const db = await open();
    let release = () => {};
    const dead = queueOn(db, { gate: new Promise<void>((r) => (release = r)) });
    cleanup.push(() => dead.queue.stop());
    cleanup.push(async () => release());
    await dead.queue.start();
    await dead.queue.send("work", { key: "interrupted" });
    await vi.waitFor(() => expect(dead.started).toEqual(["interrupted"]), WAIT);
    // As after a SIGKILL and a restart in the same container: same host and pid, an earlier process.
    await db.query("UPDATE job_owners SET boot = 'an earlier process'");
    const next = queueOn(db, {});
    cleanup.push(() => next.queue.stop());
    await next.queue.start();
    await vi.waitFor(async () => expect(await runs(db)).toEqual({ interrupted: "2" }), WAIT);
  });

  it("hands back the jobs of a replica that stopped beating for the lease", async () => {
    const db = await open();
    let release = () => {};
    const silent = queueOn(db, { gate: new Promise<void>((r) => (release = r)) });
    cleanup.push(() => silent.queue.stop());
    cleanup.push(async () => release());
    await silent.queue.start();
    await silent.queue.send("work", { key: "stuck" });
    await vi.waitFor(() => expect(silent.started).toEqual(["stuck"]), WAIT);
    // Another host that last beat a minute ago.
    await db.query("UPDATE job_owners SET host = 'elsewhere', heartbeat_at = now() - interval '1 minute'");
    const other = queueOn(db, {});
    cleanup.push(() => other.queue.stop());
    await other.queue.start();
    await vi.waitFor(async () => expect(await runs(db)).toEqual({ stuck: "2" }), WAIT);
  });

  it("runs several jobs of a kind at once", async () => {
    const db = await open();
    let release = () => {};
    const { queue, started } = queueOn(db, {
      gate: new Promise<void>((r) => (release = r)),
      concurrency: 3,
    });
    cleanup.push(() => queue.stop());
    await queue.start();
    for (const key of ["a", "b", "c"]) await queue.send("work", { key });
    // All three are under way before any is let through.
    await vi.waitFor(() => expect([...started].sort()).toEqual(["a", "b", "c"]), WAIT);
    release();
    await vi.waitFor(async () => expect(Object.keys(await runs(db))).toHaveLength(3), WAIT);
  });
});

describe.each(postgresBackends)("replicas on $name", (backend: Backend) => {
  it("wake each other: a job queued by a busy replica starts at once on an idle one", async () => {
    const testDb = await backend.create();
    const [a, b] = [await testDb.open(), await testDb.open()];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    // Both poll only every 30 s and hold their job: only a NOTIFY can start the second one in time.
    const [one, two] = [queueOn(a, { gate, polling: 30 }), queueOn(b, { gate, polling: 30 })];
    try {
      await Promise.all([one.queue.start(), two.queue.start()]);
      await one.queue.send("work", { key: "first" });
      await vi.waitFor(() => expect([...one.started, ...two.started]).toEqual(["first"]), WAIT);
      const idle = one.started.length === 0 ? one : two;
      // Queued by the replica that may be the busy one: the other must hear of it.
      await (idle === one ? two : one).queue.send("work", { key: "second" });
      await vi.waitFor(() => expect(idle.started).toEqual(["second"]), { timeout: 5_000, interval: 50 });
    } finally {
      release();
      await Promise.all([one.queue.stop(), two.queue.stop()]);
      await Promise.all([a.close(), b.close()]);
      await testDb.dispose();
    }
  });
});
