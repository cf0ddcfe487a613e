/**
 * Follow-ups become Salesforce Tasks (warroom's first write there): on the case the escalation came from,
 * else on the account; once per follow-up even when an answer is lost and the write is retried; closed
 * (Status = Completed) when done. A missing permission is said in the room once, the follow-up stays in
 * warroom, and the write lands once the admin grants it. Real jsforce against the fake Salesforce, the real
 * composition root, both databases.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { PermissionError } from "../../../src/errors.ts";
import { openEscalation } from "../../../src/storage/escalation-store.ts";
import { getTask } from "../../../src/storage/task-store.ts";
import { addFollowUp, completeFollowUp } from "../../../src/war-room/follow-up-tasks.ts";
import { RESYNC_FINDINGS_JOB } from "../../../src/war-room/job-names.ts";
import { openWarRoom } from "../../../src/war-room/open-war-room.ts";
import { syncTask } from "../../../src/war-room/sync-task.ts";
import { IDS } from "../../contracts/crm-source.contract.ts";
import { type FakeSalesforce, startFakeSalesforce } from "../../fakes/salesforce/index.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import {
  CSM_USER_ID,
  WORLD_CUSTOM_FIELDS,
  WORLD_FIELD_MAP,
  worldRecords,
} from "../../support/salesforce-world.ts";
import { startWarroom, type WarroomHarness } from "../../support/warroom-harness.ts";

const WAIT = { timeout: 30_000, interval: 200 };
let fake: FakeSalesforce;
let testDb: TestDatabase;
let harness: WarroomHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await fake?.close();
  await testDb?.dispose();
});

async function start(backend: Backend): Promise<WarroomHarness> {
  fake = await startFakeSalesforce({ records: worldRecords(), customFields: WORLD_CUSTOM_FIELDS });
  testDb = await backend.create();
  harness = await startWarroom(testDb.config, {
    SALESFORCE_INSTANCE_URL: fake.url,
    SALESFORCE_ACCESS_TOKEN: fake.accessToken,
    SALESFORCE_FIELD_MAP: JSON.stringify(WORLD_FIELD_MAP),
  });
  return harness;
}

/** A war-room for `accountId`, opened from a Salesforce case when `caseId` is given. */
async function warRoom(h: WarroomHarness, accountId: string, caseId?: string): Promise<string> {
  const { escalation } = await openEscalation(h.services.db, {
    accountId,
    accountName: accountId === IDS.acme ? "Acme Corp" : "Globex",
    summary: "Commission data wrong after sync failures",
    origin: caseId ? "salesforce" : "terminal",
    ...(caseId ? { originRef: caseId } : {}),
    requestedBy: "alice",
  });
  await openWarRoom(escalation.id, h.services.warRoom);
  return escalation.id;
}

const task = (text: string, due: string | null = null) => ({ owner: { userId: "bob" }, text, due });

describe.each(backends)("follow-ups as Salesforce Tasks on $name", (backend: Backend) => {
  it("creates a follow-up as one Task on the case even when the answer is lost, and completes it when done", async () => {
    const h = await start(backend);
    const caseId = String(
      fake.insert("Case", {
        AccountId: IDS.acme,
        Subject: "Commissions",
        IsEscalated: true,
        OwnerId: CSM_USER_ID,
      }).Id,
    );
    const escalationId = await warRoom(h, IDS.acme, caseId);
    // Salesforce creates the Task, but its answer never arrives: the write is retried.
    fake.failNext({ status: 503, errorCode: "SERVER_UNAVAILABLE", afterWork: true, method: "POST" });
    const added = await addFollowUp(
      {
        escalationId,
        task: task("Re-run the commission sync for October", "2099-01-31"),
        createdBy: "alice",
      },
      h.services.warRoom,
    );
    expect(added?.number).toBe(1);
    await vi.waitFor(
      () => expect(fake.calls.some((c) => c.method === "POST" && c.status === 503)).toBe(true),
      WAIT,
    );
    await syncTask(escalationId, 1, h.services.warRoom);
    const tasks = fake.records("Task");
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      WhatId: caseId,
      AccountId: IDS.acme,
      ActivityDate: "2099-01-31",
      Status: "Not Started",
      Subject: `Re-run the commission sync for October [warroom ${escalationId}#1]`,
    });
    expect(await getTask(h.services.db, escalationId, 1)).toMatchObject({
      crmSynced: "created",
      crmTaskId: tasks[0]!.Id,
    });

    await completeFollowUp({ escalationId, number: 1, userId: "bob" }, h.services.warRoom);
    await vi.waitFor(
      async () => expect((await getTask(h.services.db, escalationId, 1))?.crmSynced).toBe("closed"),
      WAIT,
    );
    expect(fake.records("Task")).toEqual([expect.objectContaining({ Status: "Completed", IsClosed: true })]);
    // The terminal shows mentions as @id (plainText), never as Slack markup.
    expect(h.output()).toMatch(
      /Follow-up #1 @bob Re-run the commission sync for October \(due 2099-01-31\) — added by @alice\./,
    );
  }, 90_000);

  it("says a missing permission in the room once, keeps the follow-up, and writes it once the admin grants it", async () => {
    const h = await start(backend);
    const escalationId = await warRoom(h, IDS.globex);
    fake.restrict("Task", { create: false });
    await addFollowUp(
      { escalationId, task: task("Call Globex's CFO"), createdBy: "alice" },
      h.services.warRoom,
    );
    await vi.waitFor(() => expect(h.output()).toMatch(/refused to record it as a task/), WAIT);
    await expect(syncTask(escalationId, 1, h.services.warRoom)).rejects.toBeInstanceOf(PermissionError);
    const said = h.output().match(/Follow-up #1 is kept in warroom, but salesforce refused[^\n]*/g) ?? [];
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/INSUFFICIENT_ACCESS_OR_READONLY.*Edit Tasks permission/);
    expect(await getTask(h.services.db, escalationId, 1)).toMatchObject({
      status: "open",
      crmSynced: "pending",
    });
    expect(fake.records("Task")).toEqual([]);

    // The admin grants the permission; the nightly sweep (here two hours on) queues the write again.
    fake.restrict("Task", {});
    const slot = new Date(Date.now() + 2 * 3_600_000).toISOString();
    await h.services.queue.send(RESYNC_FINDINGS_JOB, { slot });
    await vi.waitFor(() => expect(fake.records("Task")).toHaveLength(1), WAIT);
    expect(fake.records("Task")).toEqual([
      expect.objectContaining({ WhatId: IDS.globex, Subject: expect.stringContaining("Call Globex's CFO") }),
    ]);

    // Status read-only for the integration user: closing is refused with the field named.
    fake.restrict("Task", { readOnlyFields: ["Status"] });
    await completeFollowUp({ escalationId, number: 1, userId: "alice" }, h.services.warRoom);
    await vi.waitFor(
      () =>
        expect(h.output()).toMatch(
          /INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create\/update fields: Status/,
        ),
      WAIT,
    );
    expect(await getTask(h.services.db, escalationId, 1)).toMatchObject({
      status: "done",
      crmSynced: "pending",
    });
  }, 90_000);
});
