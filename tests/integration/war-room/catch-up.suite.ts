/**
 * The catch-up, written once and run on Slack and on Teams: asked for in a war-room (open follow-ups
 * included), and sent to each person who joins once the room is ready — once, never to the people invited
 * while it opened, never to the bot. On both databases: who has had it is recorded in the store.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { listOpenTasks } from "../../../src/war-room/follow-up-tasks.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import type { DriverOptions, WarRoomDriver } from "../../support/war-room-drivers.ts";

const WAIT = { timeout: 45_000, interval: 250 };

/** Runs the suite on the platform `make` starts, on each database. */
export function catchUpSuite(make: (options: DriverOptions) => Promise<WarRoomDriver>): void {
  describe.each(backends)("catch-up on $name", (backend: Backend) => {
    let d: WarRoomDriver;
    let testDb: TestDatabase;
    let id = "";
    let roomId = "";
    beforeAll(async () => {
      testDb = await backend.create();
      d = await make({ database: testDb.config });
      await d.escalate(d.users.alice, 'ACC-0012 "invoices wrong since Monday" --high');
      await vi.waitFor(async () => {
        const rows = await d.services.db.query<{ id: string }>(
          "SELECT e.id FROM escalations e JOIN war_rooms w ON w.escalation_id = e.id WHERE e.account_id = 'ACC-0012' AND w.ready_at IS NOT NULL",
        );
        id = rows[0]?.id ?? "";
        expect(id && (await isWarRoomReady(d.services.db, id))).toBe(true);
      }, WAIT);
      roomId = (await getWarRoom(d.services.db, id))!.room.id;
    }, 120_000);
    afterAll(async () => {
      await d?.close();
      await testDb?.dispose();
    });

    const claimed = async () =>
      (
        await d.services.db.query<{ user_id: string }>(
          "SELECT user_id FROM catch_ups WHERE escalation_id = $1",
          [id],
        )
      ).map((r) => r.user_id);
    it("answers `catchup` in the war-room with what happened, the account, hypotheses and verdicts, who is on it, checks and events", async () => {
      const first = d.messages(roomId).find((m) => m.hypothesisId)!;
      await d.react(d.users.alice, first.ref, "confirm", "add", "catch-up-confirm");
      await vi.waitFor(
        () => expect(first && d.messages(roomId).some((m) => m.json.includes("✅"))).toBe(true),
        WAIT,
      );
      // A follow-up's owner: a mention on Slack, an email on Teams (as people type it there).
      const owner = d.platform === "slack" ? `<@${d.users.csm}>` : "priya.raman@csm.warroom-demo.example";
      await d.say(d.users.alice, roomId, `task ${owner} Send the COO the replay plan --due 2099-03-01`);
      await d.say(d.users.alice, roomId, `task ${owner} Already handled`);
      // Each command is its own request: #2 must exist before it can be done.
      await vi.waitFor(async () => expect(await listOpenTasks(d.services.db, id)).toHaveLength(2), WAIT);
      await d.say(d.users.alice, roomId, "done 2");
      await vi.waitFor(async () => expect(await listOpenTasks(d.services.db, id)).toHaveLength(1), WAIT);
      await d.say(d.users.alice, roomId, "catchup");
      await vi.waitFor(() => expect(d.answersIn(roomId)).toContain(`Catch-up on ${id}`), WAIT);
      // From the catch-up on (Teams shows it among the room's other messages).
      const text = d.answersIn(roomId).slice(d.answersIn(roomId).indexOf(`Catch-up on ${id}`));
      expect(text).toContain("What happened: invoices wrong since Monday");
      expect(text).toContain("(ACC-0012)");
      expect(text).toContain(`(confirmed, confirmed by ${d.shown(d.users.alice)})`);
      expect(text).toContain(`Who is on it: ${d.shown(d.users.alice)} (requester)`);
      expect(text).toContain(
        `Open follow-ups:\\n  #1 ${d.shown(d.users.csm)} Send the COO the replay plan (due 2099-03-01)\\n`,
      );
      expect(text).not.toContain("Already handled");
      expect(text).toContain("#1 is confirmed; the resolution is next");
      expect(text).toMatch(/Last 5 notable events.*confirmed #1/s);
    });

    it("refuses `catchup` to someone outside the war-room (the route table's member policy)", async () => {
      await d.say(d.users.outsider, roomId, "catchup");
      await vi.waitFor(
        () => expect(d.answersIn(roomId)).toMatch(/Only members of this war-room can use catchup/),
        WAIT,
      );
    });

    it("sends nothing to the people invited while the room opened", async () => {
      expect(await claimed()).toEqual([]);
      expect(d.catchUps(roomId, d.users.alice)).toEqual([]);
    });

    it("sends the catch-up once to someone who joins later, and never to the bot", async () => {
      await d.join(d.users.bob, roomId);
      await vi.waitFor(() => expect(d.catchUps(roomId, d.users.bob)).toHaveLength(1), WAIT);
      expect(d.catchUps(roomId, d.users.bob)[0]).toContain(`Catch-up on ${id}`);
      await d.join(d.users.bob, roomId);
      await d.join(d.users.bot, roomId);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(d.catchUps(roomId, d.users.bob)).toHaveLength(1);
      expect(await claimed()).toEqual([d.users.bob]);
    });
  });
}
