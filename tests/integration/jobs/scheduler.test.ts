import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { JobQueue } from "../../../src/jobs/job-queue.ts";
import { Scheduler } from "../../../src/jobs/scheduler.ts";
import type { Database } from "../../../src/storage/database.ts";
import {
  type Backend,
  backends,
  postgresBackends,
  type TestDatabase,
  testLogger,
} from "../../support/databases.ts";

/** A replica: its own queue (workers not started, so enqueued jobs stay visible) and scheduler. */
function replica(db: Database, cron = "0 9 * * 1", instanceId = "replica") {
  const queue = new JobQueue({ db, logger: testLogger, pollingIntervalSeconds: 0.5 });
  queue.define({ name: "tick", schema: z.object({ slot: z.string() }), handle: async () => {} });
  const scheduler = new Scheduler({ db, queue, logger: testLogger, instanceId });
  scheduler.add({ name: "weekly", cron, job: "tick", payload: (slot) => ({ slot: slot.toISOString() }) });
  return { queue, scheduler };
}

async function enqueued(db: Database): Promise<string[]> {
  const rows = await db.query<{ slot: string }>(
    "SELECT data->>'slot' AS slot FROM pgboss.job WHERE name = 'tick' ORDER BY 1",
  );
  return rows.map((r) => r.slot);
}

describe.each(backends)("scheduler on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let db: Database;
  afterEach(async () => {
    await db?.close();
    await testDb?.dispose();
  });

  it("enqueues a slot once however often it fires", async () => {
    testDb = await backend.create();
    db = await testDb.open();
    const { queue, scheduler } = replica(db);
    await queue.start();
    const slot = new Date("2026-11-23T09:00:00Z");
    expect(await scheduler.fire("weekly", slot)).toBe(true);
    expect(await scheduler.fire("weekly", slot)).toBe(false);
    expect(await scheduler.fire("weekly", new Date("2026-11-30T09:00:00Z"))).toBe(true);
    expect(await enqueued(db)).toEqual(["2026-11-23T09:00:00.000Z", "2026-11-30T09:00:00.000Z"]);
    const claims = await db.query("SELECT job_id FROM schedule_runs WHERE job_id IS NOT NULL");
    expect(claims).toHaveLength(2);
    await queue.stop();
  });

  it("enqueues from a real cron tick", async () => {
    testDb = await backend.create();
    db = await testDb.open();
    const { queue, scheduler } = replica(db, "* * * * * *");
    await queue.start();
    scheduler.start();
    await vi.waitFor(async () => expect((await enqueued(db)).length).toBeGreaterThan(0), {
      timeout: 10_000,
      interval: 250,
    });
    await scheduler.stop();
    await queue.stop();
  });
});

describe.each(postgresBackends)("two replicas on $name", (backend: Backend) => {
  it("enqueue each slot once when both fire it at the same moment", async () => {
    const testDb = await backend.create();
    const [a, b] = [await testDb.open(), await testDb.open()];
    const [ra, rb] = [replica(a, undefined, "a"), replica(b, undefined, "b")];
    try {
      await Promise.all([ra.queue.start(), rb.queue.start()]);
      const slots = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 10, 23 + 7 * i, 9)));
      const results = await Promise.all(
        slots.flatMap((slot) => [ra.scheduler.fire("weekly", slot), rb.scheduler.fire("weekly", slot)]),
      );
      expect(results.filter(Boolean)).toHaveLength(10);
      expect(await enqueued(a)).toHaveLength(10);
    } finally {
      await Promise.all([ra.queue.stop(), rb.queue.stop()]);
      await Promise.all([a.close(), b.close()]);
      await testDb.dispose();
    }
  });
});
