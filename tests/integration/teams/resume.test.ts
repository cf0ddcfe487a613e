/**
 * A Teams war-room job interrupted between a post and its record (a crash) resumes where it stopped: the
 * next run finds the cards the first one posted (by the marker inside each card, read back through Graph's
 * message list) and posts nothing twice. On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { listHypotheses } from "../../../src/storage/hypothesis-store.ts";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { OPEN_WAR_ROOM_JOB } from "../../../src/war-room/job-names.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import { startTeamsHarness, type TeamsHarness } from "../../support/teams-harness.ts";

describe.each(backends)("a Teams war-room resumed after a crash on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let h: TeamsHarness;
  beforeAll(async () => {
    testDb = await backend.create();
    h = await startTeamsHarness({ database: testDb.config });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await testDb?.dispose();
  });

  it("records the cards the interrupted run posted and posts none twice", async () => {
    await h.mention(h.alice, 'escalate ACC-0040 "closed jobs have not updated their HubSpot deals"');
    const { id, roomId } = await h.opened("ACC-0040");
    const room = (await getWarRoom(h.services.db, id))!;
    const before = h.fake.activities(roomId).map((a) => a.id);
    const [first] = await listHypotheses(h.services.db, id);
    // As if the process died right after Teams accepted these posts, before warroom recorded them.
    await h.services.db.query("UPDATE hypotheses SET message_ref = NULL WHERE id = $1", [first!.id]);
    await h.services.db.query("UPDATE war_rooms SET summary_ref = NULL WHERE escalation_id = $1", [id]);
    const reads = h.fake.callsTo("graph", /\/messages/).length;
    await h.services.queue.send(OPEN_WAR_ROOM_JOB, { escalationId: id });
    await vi.waitFor(async () => expect(await isWarRoomReady(h.services.db, id)).toBe(true), {
      timeout: 45_000,
      interval: 250,
    });
    expect(h.fake.callsTo("graph", /\/messages/).length).toBeGreaterThan(reads);
    expect(h.fake.activities(roomId).map((a) => a.id)).toEqual(before);
    expect((await listHypotheses(h.services.db, id))[0]!.messageRef).toBe(first!.messageRef);
    expect((await getWarRoom(h.services.db, id))!.summaryRef).toBe(room.summaryRef);
  });
});
