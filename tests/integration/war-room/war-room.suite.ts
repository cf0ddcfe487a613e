/**
 * The war-room's platform-neutral behaviour, written once and run on Slack and on Teams (each through its
 * real SDK and fake, started as `warroom serve` starts it): opening a room with its team and messages,
 * one room per account, verdicts from reactions and buttons, who counts, disputes and withdrawals,
 * redeliveries, the next round, an account nobody has.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import type { DriverMessage, WarRoomDriver } from "../../support/war-room-drivers.ts";

const WAIT = { timeout: 45_000, interval: 250 };

/** Runs the suite on the platform `make` starts. */
export function warRoomSuite(make: () => Promise<WarRoomDriver>): void {
  let d: WarRoomDriver;
  beforeAll(async () => {
    d = await make();
  }, 90_000);
  afterAll(() => d?.close());

  const db = () => d.services.db;
  async function escalationOf(accountId: string): Promise<string> {
    let id = "";
    await vi.waitFor(async () => {
      const rows = await db().query<{ id: string }>(
        "SELECT id FROM escalations WHERE account_id = $1 AND origin <> 'dataset' AND status = 'open'",
        [accountId],
      );
      id = rows[0]?.id ?? "";
      expect(id).not.toBe("");
      expect(await isWarRoomReady(db(), id)).toBe(true);
    }, WAIT);
    return id;
  }
  const roomOf = async (escalationId: string) => (await getWarRoom(db(), escalationId))!.room.id;
  const hypotheses = (roomId: string) => d.messages(roomId).filter((m) => m.hypothesisId);
  const find = (roomId: string, ref: string) => d.messages(roomId).find((m) => m.ref === ref)!;
  const settle = () => new Promise((r) => setTimeout(r, 700));

  describe("war-room (platform-neutral)", () => {
    let roomId: string;
    let first: DriverMessage;

    it("opens a private room with the requester and the CSM, the context card, the summary, then hypotheses citing evidence", async () => {
      await d.escalate(
        d.users.alice,
        'Halvard Field Services "COO: closed jobs have not updated their HubSpot deals for a week" --critical',
      );
      roomId = await roomOf(await escalationOf("ACC-0040"));
      expect(d.members(roomId)).toEqual(expect.arrayContaining([d.users.alice, d.users.csm]));
      expect(d.members(roomId)).not.toContain(d.users.outsider);
      const posted = d.messages(roomId);
      const context = posted.findIndex(
        (m) => m.json.includes("Halvard Field Services") && m.json.includes("Renewal"),
      );
      const summary = posted.findIndex((m) => m.json.includes("Talking points"));
      const firstHypothesis = posted.findIndex((m) => m.hypothesisId);
      expect(context).toBeGreaterThanOrEqual(0);
      expect(context).toBeLessThan(summary);
      expect(summary).toBeLessThan(firstHypothesis);
      first = posted[firstHypothesis]!;
      expect(first.json).toMatch(/#1 [\s\S]*Evidence[\s\S]*Checks/);
    });

    it("makes one war-room for two requests for one account at the same moment, and links a later one to it", async () => {
      await Promise.all([
        d.escalate(d.users.alice, 'ACC-0012 "invoices wrong"'),
        d.escalate(d.users.bob, 'ACC-0012 "invoices wrong again"'),
      ]);
      const id = await escalationOf("ACC-0012");
      expect(
        await db().query("SELECT id FROM escalations WHERE account_id = 'ACC-0012' AND origin <> 'dataset'"),
      ).toHaveLength(1);
      expect(await db().query("SELECT * FROM war_rooms WHERE escalation_id = $1", [id])).toHaveLength(1);
      await d.escalate(d.users.bob, 'ACC-0012 "still broken"');
      await vi.waitFor(
        () => expect(d.answers()).toMatch(new RegExp(`already has an open war-room \\(${id}\\)`)),
        WAIT,
      );
    });

    it("records a ✅ reaction, edits the hypothesis and the summary, asks for the resolution once, and ignores a redelivery", async () => {
      await d.react(d.users.alice, first.ref, "confirm", "add", "delivery-confirm-1");
      await vi.waitFor(
        () => expect(find(roomId, first.ref).json).toContain(`confirmed by ${d.shown(d.users.alice)}`),
        WAIT,
      );
      await vi.waitFor(() => expect(d.messages(roomId).filter(d.isResolutionPrompt)).toHaveLength(1), WAIT);
      expect(d.messages(roomId).find((m) => m.json.includes("Talking points"))!.json).toContain(
        "✅ confirmed",
      );
      await d.react(d.users.alice, first.ref, "confirm", "add", "delivery-confirm-1");
      await settle();
      expect(await db().query("SELECT * FROM verdicts WHERE user_id = $1", [d.users.alice])).toHaveLength(1);
      expect(d.messages(roomId).filter(d.isResolutionPrompt)).toHaveLength(1);
    });

    it("ignores reactions from people outside the room and from bots", async () => {
      await d.react(d.users.outsider, first.ref, "reject", "add", "delivery-outsider");
      await d.react(d.users.bot, first.ref, "reject", "add", "delivery-bot");
      await settle();
      expect(await db().query("SELECT * FROM verdicts WHERE verdict = 'reject'")).toEqual([]);
    });

    it("shows conflicting verdicts as disputed; a removed reaction withdraws its verdict, and a late redelivery changes nothing", async () => {
      await d.react(d.users.csm, first.ref, "reject", "add", "delivery-dispute");
      await vi.waitFor(() => expect(find(roomId, first.ref).json).toContain("disputed"), WAIT);
      await d.react(d.users.csm, first.ref, "reject", "remove", "delivery-undispute");
      await vi.waitFor(() => expect(find(roomId, first.ref).json).not.toContain("disputed"), WAIT);
      await d.react(d.users.csm, first.ref, "reject", "add", "delivery-dispute");
      await settle();
      expect(
        await db().query("SELECT * FROM verdicts WHERE user_id = $1 AND withdrawn_at IS NULL", [d.users.csm]),
      ).toEqual([]);
    });

    it("brings the next hypotheses when every shown one is rejected with its button", async () => {
      await d.escalate(d.users.bob, 'ACC-0037 "deals missing in HubSpot" --high');
      const id = await escalationOf("ACC-0037");
      const room = await roomOf(id);
      for (const m of hypotheses(room)) await d.click(d.users.bob, room, m, "reject");
      await vi.waitFor(() => expect(JSON.stringify(d.messages(room))).toContain("Round 2"), WAIT);
      const rounds = await db().query<{ round: number }>(
        "SELECT DISTINCT round FROM hypotheses WHERE escalation_id = $1 ORDER BY round",
        [id],
      );
      expect(rounds.map((r) => r.round)).toEqual([1, 2]);
    });

    it("names the closest accounts when none matches", async () => {
      await d.escalate(d.users.alice, 'Harbour Light Dentistry Clinic "x-rays"');
      await vi.waitFor(
        () => expect(d.answers()).toMatch(/No account matches .*Closest: .*Harbor Lights Dental/),
        WAIT,
      );
    });

    it("shows what people typed literally: no @channel, @here, mention, link or markup from a summary", async () => {
      const hostile =
        "<!channel> <!here> <@U0CSMPRIY> <http://evil.example|click here> [docs](http://evil.example) <at>Priya Raman</at> <b>bold</b> & co";
      await d.escalate(d.users.alice, `ACC-0003 "${hostile}"`);
      const roomId = await roomOf(await escalationOf("ACC-0003"));
      const shown = [d.answers(), ...d.messages(roomId).map((m) => m.json)].join("\n");
      expect(shown).toContain("docs");
      if (d.platform === "slack") {
        expect(shown).toContain("click here");
        // Slack's control characters are &, < and >: escaped, the text shows as typed and notifies nobody.
        for (const raw of ["<!channel>", "<!here>", "<@U0CSMPRIY>", "<http://evil.example", "<b>", " & co"])
          expect(shown).not.toContain(raw);
        expect(shown).toContain(
          "&lt;!channel&gt; &lt;!here&gt; &lt;@U0CSMPRIY&gt; &lt;http://evil.example|click",
        );
        expect(shown).toContain("&amp; co");
      } else {
        // Teams: the summary is never markdown (cards show it as a TextRun), never a mention and never HTML.
        const messages = d
          .messages(roomId)
          .map((m) => JSON.parse(m.json) as { text?: string; card?: unknown });
        const blocks = JSON.stringify(messages.map((m) => m.card)).match(/"type":"TextBlock","text":"[^"]*/g);
        expect((blocks ?? []).join("\n")).not.toContain("evil.example");
        const texts = messages.map((m) => m.text ?? "").join("\n") + d.answers();
        expect(texts).not.toContain("<at>Priya Raman</at>");
        expect(texts).not.toContain("<b>");
        expect(texts).not.toContain("[docs](");
      }
    });
  });
}
