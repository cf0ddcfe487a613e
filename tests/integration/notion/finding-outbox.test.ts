/**
 * The outbox: findings are committed locally and a job writes them to Notion. With Notion down when
 * warroom starts and for a while after, every finding still lands, exactly once, and `/escalate status`
 * says where each one stands meanwhile. The real composition root, job queue and Notion client.
 */
import { afterEach, describe, expect, it } from "vitest";
import { plainText } from "../../../src/domain/message-text.ts";
import { getFinding } from "../../../src/storage/finding-store.ts";
import { describeStatus } from "../../../src/war-room/describe-status.ts";
import { SYNC_FINDING_JOB } from "../../../src/war-room/job-names.ts";
import { FAKE_NOTION_PARENT_PAGE_ID, type FakeNotion, startFakeNotion } from "../../fakes/notion/index.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import { seedResolvedEscalation } from "../../support/resolved-escalations.ts";
import { startWarroom, type WarroomHarness } from "../../support/warroom-harness.ts";

let notion: FakeNotion;
let testDb: TestDatabase;
let harness: WarroomHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await notion?.close();
  await testDb?.dispose();
});

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.each(backends)("the finding outbox on $name", (backend: Backend) => {
  it("lands every finding in Notion exactly once after an outage, and shows the sync state meanwhile", async () => {
    notion = await startFakeNotion();
    notion.setDown(true);
    testDb = await backend.create();
    harness = await startWarroom(testDb.config, {
      NOTION_TOKEN: notion.token,
      NOTION_KB_PARENT_PAGE_ID: FAKE_NOTION_PARENT_PAGE_ID,
      NOTION_API_URL: notion.url,
    });
    const { db, queue, warRoom } = harness.services;
    const ids: string[] = [];
    for (const [accountId, accountName] of [
      ["001A", "Acme Corp"],
      ["001B", "Globex"],
      ["001C", "Initech"],
    ] as const) {
      const id = await seedResolvedEscalation(db, {
        accountId,
        accountName,
        title: `${accountName}'s mapping broke`,
      });
      await queue.send(SYNC_FINDING_JOB, { escalationId: id });
      ids.push(id);
    }
    await until(
      async () =>
        (await Promise.all(ids.map((id) => getFinding(db, id)))).every((f) => (f?.kbAttempts ?? 0) >= 1),
      "a failed attempt per finding",
    );
    const waiting = plainText(await describeStatus(ids[0]!, warRoom));
    expect(waiting).toMatch(
      /not yet in the Notion knowledge base: \d+ attempts?, last error: Notion did not answer properly \(a failure on its side or on the way\)\. It is kept here and retried \(with a nightly sweep\) until it lands/,
    );

    notion.setDown(false);
    await until(
      async () =>
        (await Promise.all(ids.map((id) => getFinding(db, id)))).every((f) => f?.kbSyncState === "synced"),
      "every finding synced",
    );
    const dataSources = notion.calls.filter(
      (c) => c.method === "POST" && c.path === "/v1/databases" && c.status === 200,
    );
    expect(dataSources).toHaveLength(1);
    const [created] = await db.query<{ value: string }>("SELECT value FROM cursors WHERE name = $1", [
      `notion:kb-data-source:${FAKE_NOTION_PARENT_PAGE_ID}`,
    ]);
    const rows = notion.rows(created!.value).filter((r) => !r.inTrash);
    const escalations = rows.map((r) => JSON.stringify(r.properties).match(/WR-\d{4}-\d{4}/)?.[0]).sort();
    expect(escalations).toEqual([...ids].sort());
    expect(plainText(await describeStatus(ids[1]!, warRoom))).toMatch(
      /saved in the Notion knowledge base \(https:\/\/www\.notion\.so\//,
    );

    // Another run of a job for a synced finding changes nothing. A retry that read its finding as pending just
    // before another job synced it may still be asking Notion: count from once Notion has been quiet a while.
    await until(async () => {
      const calls = notion.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return notion.calls.length === calls;
    }, "Notion to be quiet");
    const before = notion.calls.length;
    await queue.send(SYNC_FINDING_JOB, { escalationId: ids[2]! });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(notion.calls.filter((c) => c.method !== "GET").length).toBe(
      notion.calls.slice(0, before).filter((c) => c.method !== "GET").length,
    );
  });
});
