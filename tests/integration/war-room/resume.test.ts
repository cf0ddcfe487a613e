/**
 * A war-room job interrupted between a post and its record (a crash) resumes where it stopped: the next
 * run finds the messages the first one posted (by their Slack metadata) and posts nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listHypotheses } from "../../../src/storage/hypothesis-store.ts";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { OPEN_WAR_ROOM_JOB } from "../../../src/war-room/job-names.ts";
import { type SlackHarness, startSlackHarness } from "../../support/slack-harness.ts";

const WAIT = { timeout: 45_000, interval: 250 };

describe("a war-room resumed after a crash, on Slack", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  }, 90_000);
  afterAll(() => h?.close());

  it("records what the interrupted run posted and posts nothing twice", async () => {
    await h.command("U01ALICE0", 'ACC-0040 "closed jobs have not updated their HubSpot deals"');
    let id = "";
    await vi.waitFor(async () => {
      const [row] = await h.services.db.query<{ id: string }>(
        "SELECT id FROM escalations WHERE account_id = 'ACC-0040' AND origin = 'slack'",
      );
      id = row?.id ?? "";
      expect(id && (await isWarRoomReady(h.services.db, id))).toBe(true);
    }, WAIT);
    const room = (await getWarRoom(h.services.db, id))!;
    const before = h.fake.messages(room.room.id).map((m) => m.ts);
    const [first] = await listHypotheses(h.services.db, id);
    // As if the process died right after Slack accepted these posts, before warroom recorded them.
    await h.services.db.query("UPDATE hypotheses SET message_ref = NULL WHERE id = $1", [first!.id]);
    await h.services.db.query("UPDATE war_rooms SET summary_ref = NULL WHERE escalation_id = $1", [id]);
    await h.services.queue.send(OPEN_WAR_ROOM_JOB, { escalationId: id });
    await vi.waitFor(async () => expect(await isWarRoomReady(h.services.db, id)).toBe(true), WAIT);
    expect(h.fake.messages(room.room.id).map((m) => m.ts)).toEqual(before);
    expect((await listHypotheses(h.services.db, id))[0]!.messageRef).toBe(first!.messageRef);
    expect((await getWarRoom(h.services.db, id))!.summaryRef).toBe(room.summaryRef);
  });
});

describe("/escalate on Slack", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  }, 90_000);
  afterAll(() => h?.close());

  it("stores the request before it acks, so a crash after the ack loses nothing", async () => {
    // The workers are stopped, as in a process about to die: only what was stored before the ack remains.
    await h.services.queue.stop();
    const acked = await h.command("U01ALICE0", 'ACC-0012 "invoices wrong since Monday"');
    expect(await acked.text()).toContain("Opening a war-room");
    const stored = await h.services.db.query<{ data: { text: string } }>(
      "SELECT data FROM pgboss.job WHERE name = 'slack-escalate'",
    );
    expect(stored.map((j) => j.data.text)).toEqual(['ACC-0012 "invoices wrong since Monday"']);
    // The next start runs it: the escalation is opened and the requester told.
    await h.services.queue.start();
    await vi.waitFor(
      () => expect(JSON.stringify(h.fake.responses)).toMatch(/Opening a war-room for \*[^*]+\* \(WR-/),
      WAIT,
    );
  });
});
