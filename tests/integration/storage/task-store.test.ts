/**
 * Follow-up tasks in storage, on PGlite and PostgreSQL: numbers are 1, 2, 3 … per escalation even when
 * several are added at the same moment (from two connections, as two replicas, on PostgreSQL), a done task stays done, and
 * the due date reads back as the day it was given whatever the server's time zone.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "../../../src/storage/database.ts";
import { openEscalation } from "../../../src/storage/escalation-store.ts";
import {
  getTask,
  insertTask,
  listTasks,
  markTaskDone,
  saveCrmSync,
} from "../../../src/storage/task-store.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";

describe.each(backends)("follow-up tasks in storage on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    await testDb?.dispose();
  });

  it("numbers tasks per escalation without gaps or repeats when two replicas add at once", async () => {
    testDb = await backend.create();
    const a = await testDb.open();
    // Embedded PGlite takes one process; PostgreSQL gets a second connection, as a second replica would.
    const b = backend.name === "postgres" ? await testDb.open() : a;
    open.push(...new Set([a, b]));
    const esc = async (accountId: string) =>
      (await openEscalation(a, { accountId, accountName: accountId, summary: "x", origin: "terminal" }))
        .escalation.id;
    const [first, second] = [await esc("ACC-1"), await esc("ACC-2")];
    const add = (db: Database, escalationId: string, n: number) =>
      db.transaction((tx) =>
        insertTask(tx, {
          escalationId,
          owner: "U1",
          text: `task ${n}`,
          due: "2099-02-28",
          createdBy: "U2",
          toCrm: n % 2 === 0,
        }),
      );
    const added = await Promise.all(Array.from({ length: 8 }, (_, n) => add(n % 2 ? a : b, first, n)));
    expect(added.map((t) => t.number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await add(a, second, 0)).number).toBe(1);
    const listed = await listTasks(b, first);
    expect(listed.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(listed[0]).toMatchObject({ due: "2099-02-28", status: "open", owner: "U1", createdBy: "U2" });
    expect(new Set(listed.map((t) => t.crmSynced))).toEqual(new Set(["none", "pending"]));
  });

  it("marks a task done once, and a CRM-bound task waits to be closed there", async () => {
    testDb = await backend.create();
    const db = await testDb.open();
    open.push(db);
    const { escalation } = await openEscalation(db, {
      accountId: "A",
      accountName: "A",
      summary: "x",
      origin: "terminal",
    });
    await db.transaction((tx) =>
      insertTask(tx, {
        escalationId: escalation.id,
        owner: "U1",
        text: "t",
        due: null,
        createdBy: "U1",
        toCrm: true,
      }),
    );
    await saveCrmSync(db, escalation.id, 1, {
      crmTaskId: "00T000000000001AAA",
      synced: "created",
      error: null,
    });
    expect(await markTaskDone(db, escalation.id, 1, "U3")).toBe(true);
    expect(await markTaskDone(db, escalation.id, 1, "U4")).toBe(false);
    expect(await getTask(db, escalation.id, 1)).toMatchObject({
      status: "done",
      doneBy: "U3",
      due: null,
      crmTaskId: "00T000000000001AAA",
      crmSynced: "pending",
    });
    expect(await listTasks(db, escalation.id, { open: true })).toEqual([]);
  });
});
