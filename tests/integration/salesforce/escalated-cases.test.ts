/**
 * Escalated Salesforce cases open war-rooms by themselves: once per case across polls, restarts and
 * replicas; a case for an account already in a war-room joins it; an exhausted API allocation pauses the
 * polls. Real jsforce against the fake Salesforce, the real composition root, both databases.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Clock } from "../../../src/ports/clock.ts";
import { openEscalation } from "../../../src/storage/escalation-store.ts";
import { POLL_ESCALATED_CASES_JOB } from "../../../src/war-room/job-names.ts";
import { openWarRoom } from "../../../src/war-room/open-war-room.ts";
import { CASE_POLL_BACKOFF, pollEscalatedCases } from "../../../src/war-room/poll-escalated-cases.ts";
import { requestEscalation } from "../../../src/war-room/request-escalation.ts";
import { waitForWarRoom } from "../../../src/war-room/wait-for-war-room.ts";
import { IDS } from "../../contracts/crm-source.contract.ts";
import { type FakeSalesforce, startFakeSalesforce } from "../../fakes/salesforce/index.ts";
import { type Backend, backends, postgresBackends, type TestDatabase } from "../../support/databases.ts";
import {
  CSM_USER_ID,
  WORLD_CUSTOM_FIELDS,
  WORLD_FIELD_MAP,
  worldRecords,
} from "../../support/salesforce-world.ts";
import { startWarroom, type WarroomHarness } from "../../support/warroom-harness.ts";

let fake: FakeSalesforce;
let testDb: TestDatabase;
const running: WarroomHarness[] = [];

afterEach(async () => {
  for (const harness of running.splice(0)) await harness.close();
  await fake?.close();
  await testDb?.dispose();
});

async function setUp(backend: Backend, options: { apiUsed?: number } = {}): Promise<Record<string, string>> {
  fake = await startFakeSalesforce({
    records: worldRecords(),
    customFields: WORLD_CUSTOM_FIELDS,
    apiLimit: { used: options.apiUsed ?? 0, max: 100_000 },
  });
  testDb = await backend.create();
  return {
    SALESFORCE_INSTANCE_URL: fake.url,
    SALESFORCE_ACCESS_TOKEN: fake.accessToken,
    SALESFORCE_FIELD_MAP: JSON.stringify(WORLD_FIELD_MAP),
    TRIAGE_CHANNEL: "C0TRIAGE",
  };
}

async function start(env: Record<string, string>, clock?: Clock): Promise<WarroomHarness> {
  const harness = await startWarroom(testDb.config, env, clock ? { clock } : {});
  running.push(harness);
  return harness;
}

function escalateCase(accountId: string, subject: string): string {
  const record = fake.insert("Case", {
    AccountId: accountId,
    Subject: subject,
    Priority: "High",
    Status: "Escalated",
    IsEscalated: true,
    OwnerId: CSM_USER_ID,
  });
  return String(record.Id);
}

const salesforceEscalations = async (harness: WarroomHarness) =>
  harness.services.db.query<{ id: string; origin_ref: string }>(
    "SELECT id, origin_ref FROM escalations WHERE origin = 'salesforce' ORDER BY id",
  );

describe.each(backends)("escalated Salesforce cases on $name", (backend: Backend) => {
  it("open one war-room per case, announced in the triage channel, whatever is polled again", async () => {
    const env = await setUp(backend);
    const caseId = escalateCase(IDS.acme, "Commission data wrong after sync failures");
    const first = await start(env);
    const outcome = await pollEscalatedCases(first.services.warRoom);
    expect(outcome.opened).toHaveLength(1);
    const [escalationId] = outcome.opened;
    expect(await waitForWarRoom(escalationId!, first.services.warRoom, 60_000)).toBe(true);
    expect(first.output()).toMatch(
      /New war-room esc-acme-corp-\d{8} .* for Acme Corp, opened from Salesforce case \d+/,
    );
    expect(first.output()).toContain("Commission data wrong after sync failures");
    // The case changes again (a comment, a status): still one war-room.
    fake.update("Case", caseId, { Status: "Working" });
    expect((await pollEscalatedCases(first.services.warRoom)).opened).toEqual([]);
    await first.close();
    running.splice(0);
    const restarted = await start(env);
    expect((await pollEscalatedCases(restarted.services.warRoom)).opened).toEqual([]);
    expect(await salesforceEscalations(restarted)).toEqual([{ id: escalationId, origin_ref: caseId }]);
    expect(restarted.output().match(/New war-room/g) ?? []).toHaveLength(0);
  });

  it("join the account's open war-room instead of opening another, and say so once", async () => {
    const env = await setUp(backend);
    const harness = await start(env);
    const opened = await requestEscalation(
      {
        account: IDS.globex,
        summary: "Invoices wrong",
        severity: "high",
        requestedBy: "U1",
        origin: "terminal",
      },
      harness.services.warRoom,
    );
    expect(opened.kind).toBe("opening");
    const escalationId = (opened as { escalationId: string }).escalationId;
    expect(await waitForWarRoom(escalationId, harness.services.warRoom, 60_000)).toBe(true);
    escalateCase(IDS.globex, "Globex threatens to churn");
    const outcome = await pollEscalatedCases(harness.services.warRoom);
    expect(outcome).toMatchObject({ opened: [], linked: [escalationId] });
    expect((await pollEscalatedCases(harness.services.warRoom)).linked).toEqual([]);
    expect(harness.output().match(/was escalated too: Globex threatens to churn/g)).toHaveLength(1);
  });

  it("note a case joined before the war-room exists once the room opens", async () => {
    const env = await setUp(backend);
    const harness = await start(env);
    // An escalation whose war-room job has not run yet.
    const { escalation } = await openEscalation(harness.services.db, {
      accountId: IDS.globex,
      accountName: "Globex",
      summary: "Invoices wrong",
      origin: "terminal",
    });
    escalateCase(IDS.globex, "Globex CFO escalates the invoices");
    expect((await pollEscalatedCases(harness.services.warRoom)).linked).toEqual([escalation.id]);
    expect(harness.output()).not.toContain("was escalated too");
    await openWarRoom(escalation.id, harness.services.warRoom);
    await openWarRoom(escalation.id, harness.services.warRoom);
    expect(harness.output().match(/was escalated too: Globex CFO escalates the invoices/g)).toHaveLength(1);
  });

  it("back off when the allocation runs out halfway through a poll", async () => {
    const env = await setUp(backend, { apiUsed: 99_998 });
    const harness = await start(env);
    escalateCase(IDS.acme, "Sync broken");
    // One call left after the war-room's own start: the poll's list succeeds, reading the account does not.
    fake.setApiUsage(99_999, 100_000);
    expect(await pollEscalatedCases(harness.services.warRoom)).toMatchObject({
      skipped: "backing-off",
      opened: [],
    });
    expect(await salesforceEscalations(harness)).toEqual([]);
  });

  it("pause while Salesforce's API allocation is spent, and resume after the back-off", async () => {
    const env = await setUp(backend, { apiUsed: 100_000 });
    let now = new Date();
    const harness = await start(env, { now: () => now });
    escalateCase(IDS.acme, "Sync broken");
    expect(await pollEscalatedCases(harness.services.warRoom)).toMatchObject({
      skipped: "backing-off",
      opened: [],
    });
    const [row] = await harness.services.db.query<{ value: string }>(
      "SELECT value FROM cursors WHERE name = $1",
      [CASE_POLL_BACKOFF],
    );
    expect(Date.parse(row!.value)).toBeGreaterThan(now.getTime());
    const callsBefore = fake.calls.length;
    expect((await pollEscalatedCases(harness.services.warRoom)).skipped).toBe("backing-off");
    expect(fake.calls.length).toBe(callsBefore);
    fake.setApiUsage(10, 100_000);
    now = new Date(Date.parse(row!.value) + 1000);
    expect((await pollEscalatedCases(harness.services.warRoom)).opened).toHaveLength(1);
  });

  it("run from the schedule: a slot polls once, its job opens the war-room", async () => {
    const env = await setUp(backend);
    escalateCase(IDS.acme, "Exports empty");
    const harness = await start(env);
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    expect(await harness.services.scheduler.fire(POLL_ESCALATED_CASES_JOB, slot)).toBe(true);
    expect(await harness.services.scheduler.fire(POLL_ESCALATED_CASES_JOB, slot)).toBe(false);
    const deadline = Date.now() + 60_000;
    let rows = await salesforceEscalations(harness);
    while (rows.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      rows = await salesforceEscalations(harness);
    }
    expect(rows).toHaveLength(1);
    expect(await waitForWarRoom(rows[0]!.id, harness.services.warRoom, 60_000)).toBe(true);
  });
});

describe.each(postgresBackends)(
  "escalated Salesforce cases with two replicas on $name",
  (backend: Backend) => {
    it("open exactly one war-room per case when both replicas poll at the same moment", async () => {
      const env = await setUp(backend);
      const cases = [escalateCase(IDS.acme, "Sync broken"), escalateCase(IDS.globex, "Invoices wrong")];
      const a = await start(env);
      const b = await start(env);
      const [fromA, fromB] = await Promise.all([
        pollEscalatedCases(a.services.warRoom),
        pollEscalatedCases(b.services.warRoom),
      ]);
      expect([...fromA.opened, ...fromB.opened]).toHaveLength(2);
      expect([...fromA.linked, ...fromB.linked]).toEqual([]);
      const rows = await salesforceEscalations(a);
      expect(rows.map((r) => r.origin_ref).sort()).toEqual([...cases].sort());
      for (const row of rows) expect(await waitForWarRoom(row.id, a.services.warRoom, 60_000)).toBe(true);
      const rooms = await a.services.db.query("SELECT escalation_id FROM war_rooms");
      expect(rooms).toHaveLength(2);
    });
  },
);
