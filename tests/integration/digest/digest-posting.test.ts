/**
 * Posting the weekly digest: to Slack (blocks within Block Kit's limits, the chart uploaded as a PNG), once
 * per week and channel across retries, restarts and replicas; and the schedule catching up on a slot missed
 * while the service was down, within the same week only.
 */

import { WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { openLocalCrm } from "../../../integrations/local/index.ts";
import { createSlackChatPlatform } from "../../../integrations/slack/slack-chat-platform.ts";
import { parseWeek } from "../../../src/digest/digest-week.ts";
import { type DigestDeps, postWeeklyDigest } from "../../../src/digest/post-digest.ts";
import type { Database } from "../../../src/storage/database.ts";
import { type FakeSlack, startFakeSlack } from "../../fakes/slack/slack-api-server.ts";
import {
  type Backend,
  backends,
  postgresBackends,
  type TestDatabase,
  testLogger,
} from "../../support/databases.ts";
import { startWarroom, type WarroomHarness } from "../../support/warroom-harness.ts";

const NOW = new Date("2026-11-25T10:00:00Z"); // a Wednesday in 2026-W48
const WEEK = parseWeek("2026-W47", "UTC");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let slack: FakeSlack | undefined;
let testDb: TestDatabase | undefined;
const open: Database[] = [];
const harnesses: WarroomHarness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const db of open.splice(0)) await db.close();
  await slack?.close();
  slack = undefined;
  await testDb?.dispose();
  testDb = undefined;
});

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The digest messages in a channel (the chart's upload adds a file message of its own). */
const digestMessages = (channel: string) =>
  slack!.messages(channel).filter((m) => JSON.stringify(m.blocks ?? []).includes("Escalation digest"));

/** The Slack platform over the fake, as the war-room uses it. */
function slackChat(fake: FakeSlack) {
  const client = new WebClient(fake.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  return createSlackChatPlatform(client, fake.botUserId);
}

async function digestDeps(db: Database, fake: FakeSlack): Promise<DigestDeps> {
  return {
    db,
    crm: await openLocalCrm(null, NOW),
    chat: slackChat(fake),
    llm: null,
    logger: testLogger,
    clock: { now: () => NOW },
    timeZone: "UTC",
  };
}

async function setUp(backend: Backend): Promise<{ db: Database; channel: string }> {
  slack = await startFakeSlack();
  const channel = slack.addChannel({ name: "cs-leaders", members: [slack.botUserId] }).id;
  testDb = await backend.create();
  const db = await testDb.open();
  open.push(db);
  return { db, channel };
}

describe.each(backends)("posting the digest on $name", (backend: Backend) => {
  it("posts blocks and the chart to Slack once; a second post of the week says it went out", async () => {
    const { db, channel } = await setUp(backend);
    const deps = await digestDeps(db, slack!);
    const first = await postWeeklyDigest(WEEK, channel, deps);
    expect(first).toMatchObject({ posted: true, chartRef: expect.stringMatching(/^slack-file:F/) });
    const [message, ...more] = digestMessages(channel);
    expect(more).toEqual([]);
    expect(JSON.stringify(message?.blocks)).toContain("Escalation digest 2026-W47");
    const [file] = slack!.files;
    expect(file).toMatchObject({
      filename: "escalation-digest-2026-W47.png",
      completed: true,
      channels: [channel],
    });
    expect(file?.bytes?.subarray(0, 8)).toEqual(PNG);
    const again = await postWeeklyDigest(WEEK, channel, deps);
    expect(again).toMatchObject({ posted: false, reason: expect.stringContaining("was posted to") });
    expect(digestMessages(channel)).toHaveLength(1);
  });

  it("finishes a post whose chart upload failed without posting the message twice", async () => {
    const { db, channel } = await setUp(backend);
    const deps = await digestDeps(db, slack!);
    slack!.failNext("files.getUploadURLExternal", { error: "ratelimited", retryAfter: 1 });
    await expect(postWeeklyDigest(WEEK, channel, deps)).rejects.toThrow();
    expect(digestMessages(channel)).toHaveLength(1);
    expect((await postWeeklyDigest(WEEK, channel, deps)).posted).toBe(true);
    expect(digestMessages(channel)).toHaveLength(1);
    expect(slack!.files.filter((f) => f.completed)).toHaveLength(1);
  });

  it("posts a digest missed while down when it comes back, once across restarts, until the next one is due", async () => {
    const { channel } = await setUp(backend);
    for (const db of open.splice(0)) await db.close(); // the embedded database takes one process at a time
    const env = { DIGEST_CHANNEL: channel, DIGEST_CRON: "0 9 * * 1", DIGEST_TZ: "UTC" };
    const chat = slackChat(slack!);
    const wednesday = await startWarroom(testDb!.config, env, { clock: { now: () => NOW }, chat });
    harnesses.push(wednesday);
    await until(() => digestMessages(channel).length === 1);
    expect(JSON.stringify(digestMessages(channel)[0]?.blocks)).toContain("Escalation digest 2026-W47");
    await wednesday.close();
    harnesses.splice(0);
    const restarted = await startWarroom(testDb!.config, env, { clock: { now: () => NOW }, chat });
    harnesses.push(restarted);
    expect(await restarted.services.scheduler.catchUp(NOW)).toEqual([]);
    // The next Monday before 09:00: the digest due at the last slot (2026-W47's) is out already.
    expect(await restarted.services.scheduler.catchUp(new Date("2026-11-30T08:00:00Z"))).toEqual([]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(digestMessages(channel)).toHaveLength(1);
  });

  it("posts on start a digest whose slot fired but whose post never succeeded", async () => {
    const { db, channel } = await setUp(backend);
    // Monday's slot was claimed and its job ran out of retries: nothing was posted.
    await db.query(
      "INSERT INTO schedule_runs (schedule, slot, claimed_by) VALUES ('weekly-digest', $1, 'gone')",
      [new Date("2026-11-23T09:00:00Z")],
    );
    for (const db of open.splice(0)) await db.close();
    const env = { DIGEST_CHANNEL: channel, DIGEST_CRON: "0 9 * * 1", DIGEST_TZ: "UTC" };
    const back = await startWarroom(testDb!.config, env, {
      clock: { now: () => NOW },
      chat: slackChat(slack!),
    });
    harnesses.push(back);
    await until(() => digestMessages(channel).length === 1);
  });

  it("schedules no digest where it cannot be delivered: the terminal", async () => {
    testDb = await backend.create();
    const env = { DIGEST_CHANNEL: "C0LEADERS", DIGEST_CRON: "0 9 * * 1", DIGEST_TZ: "UTC" };
    const terminal = await startWarroom(testDb.config, env, { clock: { now: () => NOW } });
    harnesses.push(terminal);
    expect(await terminal.services.scheduler.catchUp(NOW)).toEqual([]);
    expect(await terminal.services.db.query("SELECT 1 FROM digests")).toEqual([]);
  });
});

describe.each(postgresBackends)("posting the digest from two replicas on $name", (backend: Backend) => {
  it("posts once when both replicas post the same week at the same moment", async () => {
    const { db, channel } = await setUp(backend);
    const other = await testDb!.open();
    open.push(other);
    const [a, b] = await Promise.allSettled([
      postWeeklyDigest(WEEK, channel, await digestDeps(db, slack!)),
      postWeeklyDigest(WEEK, channel, await digestDeps(other, slack!)),
    ]);
    const posted = [a, b].filter((r) => r.status === "fulfilled" && r.value.posted);
    expect(posted).toHaveLength(1);
    expect(digestMessages(channel)).toHaveLength(1);
  });
});
