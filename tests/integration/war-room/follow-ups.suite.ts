/**
 * Follow-up tasks and who may change a war-room, written once and run on Slack and on Teams (each through
 * its real SDK and fake, started as `warroom serve` starts it), on both databases: `task` adds a numbered
 * follow-up shown on the summary, `done N` closes it, mistakes are answered with how to fix them; resolve,
 * reopen and close are for the war-room's owners and ADMIN_USERS, and anyone else is told who can.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { listOpenTasks } from "../../../src/war-room/follow-up-tasks.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import type { DriverOptions, WarRoomDriver } from "../../support/war-room-drivers.ts";

const WAIT = { timeout: 45_000, interval: 250 };

/** Runs the suite on the platform `make` starts. */
export function followUpSuite(make: (options: DriverOptions) => Promise<WarRoomDriver>): void {
  describe.each(backends)("follow-ups and who may change a war-room on $name", (backend: Backend) => {
    let d: WarRoomDriver;
    let testDb: TestDatabase;
    let escalationId: string;
    let roomId: string;
    beforeAll(async () => {
      testDb = await backend.create();
      // Bob is an admin, named by email: he is in no war-room, yet may close any.
      d = await make({
        database: testDb.config,
        env: (emails) => ({ ADMIN_USERS: `U0NOBODY0, ${emails.bob}` }),
      });
      await d.escalate(d.users.alice, 'Halvard Field Services "HubSpot deals stopped updating" --high');
      await vi.waitFor(async () => {
        const [row] = await d.services.db.query<{ id: string }>(
          "SELECT id FROM escalations WHERE account_id = 'ACC-0040' AND origin <> 'dataset'",
        );
        expect(row && (await isWarRoomReady(d.services.db, row.id))).toBe(true);
        escalationId = row!.id;
      }, WAIT);
      roomId = (await getWarRoom(d.services.db, escalationId))!.room.id;
    }, 120_000);
    afterAll(async () => {
      await d?.close();
      await testDb?.dispose();
    });

    const db = () => d.services.db;
    const csm = () => (d.platform === "slack" ? `<@${d.users.csm}>` : "priya.raman@csm.warroom-demo.example");
    const summary = () => d.messages(roomId).find((m) => m.json.includes("Talking points"))!.json;
    const status = async () =>
      (
        await db().query<{ status: string }>("SELECT status FROM escalations WHERE id = $1", [escalationId])
      )[0]?.status;

    it("adds a numbered follow-up with its owner and due date, says so in the room and lists it on the summary", async () => {
      await d.say(d.users.alice, roomId, `task ${csm()} Send the COO the replay plan --due 2099-03-01`);
      await vi.waitFor(() => expect(summary()).toContain("Send the COO the replay plan"), WAIT);
      expect(summary()).toContain("2099-03-01");
      expect(summary()).toContain("Add follow-up");
      expect(d.heard(roomId)).toMatch(/Follow-up #1 .*Send the COO the replay plan \(due 2099-03-01\)/);
      expect(await listOpenTasks(db(), escalationId)).toEqual([
        expect.objectContaining({
          number: 1,
          owner: d.users.csm,
          due: "2099-03-01",
          createdBy: d.users.alice,
        }),
      ]);
    });

    it("adds a follow-up through the summary's Add follow-up form, refusing a past due date beside the field", async () => {
      const form = {
        owner: d.users.csm,
        ownerEmail: "priya.raman@csm.warroom-demo.example",
        text: "Replay the dropped batches",
      };
      const refused = await d.addFollowUpByForm(d.users.alice, roomId, escalationId, {
        ...form,
        due: "2020-01-01",
      });
      expect(refused).toMatch(/the due date 2020-01-01 is in the past/);
      const added = await d.addFollowUpByForm(d.users.alice, roomId, escalationId, {
        ...form,
        due: "2099-04-01",
      });
      if (d.platform === "teams") expect(added).toContain("Follow-up #2 added.");
      await vi.waitFor(
        () => expect(summary()).toContain("Replay the dropped batches (due 2099-04-01)"),
        WAIT,
      );
      expect((await listOpenTasks(db(), escalationId)).map((t) => t.number)).toEqual([1, 2]);
      const outsider = await d.addFollowUpByForm(d.users.outsider, roomId, escalationId, form);
      expect(outsider + d.heard(roomId)).toMatch(/Only members of this war-room can use add-follow-up/);
    });

    it("answers a bad date, a missing owner, an unknown number and use outside a war-room with how to fix it", async () => {
      await d.say(d.users.alice, roomId, `task ${csm()} Check the sync --due 2099-02-30`);
      await d.say(d.users.alice, roomId, "task Check the sync");
      await d.say(d.users.alice, roomId, "done 7");
      await d.say(d.users.alice, d.lobby, `task ${csm()} Check the sync`);
      await vi.waitFor(() => {
        const heard = d.heard(roomId) + d.answers();
        expect(heard).toMatch(/2099-02-30.{0,20} after --due is not a date: write it as YYYY-MM-DD/);
        expect(heard).toMatch(/name the owner first, as a mention or an email/);
        expect(heard).toMatch(/this war-room has no follow-up #7; open ones: #1 Send the COO.*; #2 Replay/);
        expect(heard).toMatch(/This is not a war-room/);
      }, WAIT);
      expect(await listOpenTasks(db(), escalationId)).toHaveLength(2);
    });

    it("lets only war-room members add follow-ups", async () => {
      await d.say(d.users.outsider, roomId, `task ${csm()} Sneak a task in`);
      await vi.waitFor(
        () => expect(d.heard(roomId)).toMatch(/Only members of this war-room can use task/),
        WAIT,
      );
      expect(await listOpenTasks(db(), escalationId)).toHaveLength(2);
    });

    it("marks a follow-up done for its owner, shows it on the summary, and says when it was done already", async () => {
      await d.say(d.users.csm, roomId, "done 1");
      await vi.waitFor(() => expect(d.heard(roomId)).toMatch(/Follow-up #1 done/), WAIT);
      await vi.waitFor(() => expect(summary()).toContain("✅"), WAIT);
      expect((await listOpenTasks(db(), escalationId)).map((t) => t.number)).toEqual([2]);
      await d.say(d.users.alice, roomId, "done #1");
      await vi.waitFor(
        () => expect(d.heard(roomId) + d.answers()).toMatch(/follow-up #1 is already done/),
        WAIT,
      );
      await d.say(d.users.alice, roomId, "status");
      await vi.waitFor(() => {
        const heard = d.heard(roomId);
        expect(heard).toMatch(/Follow-up #1 .{0,80}Send the COO the replay plan \(due 2099-03-01\) — done/);
        expect(heard).toMatch(/Follow-up #2 .{0,80}Replay the dropped batches \(due 2099-04-01\) — open/);
      }, WAIT);
    });

    it("refuses close to someone who is no owner, naming who can; an admin closes and the requester reopens", async () => {
      await d.say(d.users.outsider, roomId, "close");
      await vi.waitFor(
        () =>
          expect(d.heard(roomId) + d.answers()).toMatch(
            /Only the requester, the account's CSM, the owners the routing rules invited or an admin \(ADMIN\\*_USERS\) can close/,
          ),
        WAIT,
      );
      expect(await status()).toBe("open");
      await d.say(d.users.bob, roomId, "close");
      await vi.waitFor(async () => expect(await status()).toBe("closed"), WAIT);
      await d.say(d.users.alice, roomId, "reopen");
      await vi.waitFor(async () => expect(await status()).toBe("open"), WAIT);
    });

    it("shows a follow-up's text literally and notifying nobody, its owner and the people it names as real mentions", async () => {
      const hostile = "<!channel> <http://x|y> & <@U999>";
      const escaped = "&lt;!channel&gt; &lt;http://x|y&gt; &amp; &lt;@U999&gt;";
      const mentioned = (u: string) => (d.platform === "slack" ? `<@${u}>` : `<at>${d.shown(u)}</at>`);
      // Teams delivers what people type as HTML: their <, > and & arrive as entities.
      const typed =
        d.platform === "teams"
          ? hostile.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
          : hostile;
      await d.say(d.users.alice, roomId, `task ${csm()} ${typed}`);
      const owner = mentioned(d.users.csm);
      await vi.waitFor(() => expect(d.heard(roomId)).toContain(`Follow-up #3 ${owner}`), WAIT);
      expect(d.heard(roomId)).toContain(
        `Follow-up #3 ${owner} ${escaped} — added by ${mentioned(d.users.alice)}.`,
      );
      // Slack: escaped mrkdwn; Teams: the task line is a TextRun, shown as typed and never parsed as markdown.
      const line =
        d.platform === "slack"
          ? `#3 ${owner} ${escaped}`
          : `{"type":"TextRun","text":"#3 ${d.shown(d.users.csm)}: ${hostile}"`;
      await vi.waitFor(() => expect(summary()).toContain(line), WAIT);
      await d.say(d.users.alice, roomId, "status");
      await vi.waitFor(
        () => expect(d.heard(roomId) + d.answers()).toContain(`Follow-up #3 ${owner} ${escaped} — open`),
        WAIT,
      );
      await d.say(d.users.csm, roomId, "done 3");
      await vi.waitFor(
        () => expect(d.heard(roomId)).toContain(`Follow-up #3 done — ${owner}: ${escaped}`),
        WAIT,
      );
      // An error naming a person names them as a mention, rendered by the platform.
      await d.say(d.users.alice, roomId, "done 3");
      await vi.waitFor(
        () => expect(d.heard(roomId) + d.answers()).toContain(`follow-up #3 is already done (by ${owner})`),
        WAIT,
      );
      // Nothing anyone typed reached a platform as markup: no @channel, no mention of U999, no link.
      const texts =
        d.platform === "slack"
          ? d.heard(roomId) + d.answers()
          : d
              .messages(roomId)
              .map((m) => (JSON.parse(m.json) as { text?: string }).text ?? "")
              .join("\n");
      for (const raw of ["<!channel>", "<@U999>", "<http://x"]) expect(texts).not.toContain(raw);
      if (d.platform === "teams")
        expect(new Set(texts.match(/<at>[^<]*<\/at>/g))).toEqual(
          new Set([mentioned(d.users.csm), mentioned(d.users.alice)]),
        );
    });
  });
}
