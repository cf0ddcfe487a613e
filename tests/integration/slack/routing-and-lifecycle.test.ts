import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { type SlackHarness, startSlackHarness } from "../../support/slack-harness.ts";

const ALICE = "U01ALICE0";
const WAIT = { timeout: 45_000, interval: 250 };

let h: SlackHarness;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), "warroom-rules-"));
  const rules = join(dir, "rules.json");
  await writeFile(
    rules,
    JSON.stringify({
      rules: [
        { name: "enterprise on-call", when: { segment: ["enterprise"] }, invite: { groups: ["S0ONCALL1"] } },
        {
          name: "finance for big accounts",
          when: { minArr: 500000 },
          invite: { emails: ["carol@example.com", "nobody@example.com"] },
        },
      ],
    }),
  );
  h = await startSlackHarness({ env: { ROUTING_RULES_FILE: rules, ARCHIVE_ON_CLOSE: "true" } });
}, 60_000);
afterAll(() => h?.close());

async function escalationOf(accountId: string): Promise<string> {
  let id = "";
  await vi.waitFor(async () => {
    const rows = await h.services.db.query<{ id: string }>(
      "SELECT id FROM escalations WHERE account_id = $1 AND origin <> 'dataset'",
      [accountId],
    );
    id = rows[0]?.id ?? "";
    expect(id).not.toBe("");
  }, WAIT);
  await vi.waitFor(async () => expect(await isWarRoomReady(h.services.db, id)).toBe(true), WAIT);
  return id;
}

describe("Slack war-room: routing, names, account choice, closing", () => {
  it("invites routing-rule targets (groups expanded, emails looked up) and names the ones it could not invite", async () => {
    await h.command(ALICE, 'Solenne Telecom Field Ops "provisioning stuck" --high');
    const id = await escalationOf("ACC-0058");
    const room = (await getWarRoom(h.services.db, id))!;
    const channel = h.fake.channel(room.room.id)!;
    expect(channel.members).toEqual(expect.arrayContaining([ALICE, "U01BOB000", "U01CAROL0"]));
    expect(JSON.stringify(h.fake.messages(room.room.id))).toContain(
      "nobody@example.com (no slack user with that email)",
    );
  });

  it("adds a suffix when the war-room's channel name is taken", async () => {
    const day = new Date().toISOString().slice(0, 10).replaceAll("-", "");
    h.fake.addChannel({ id: "C0TAKEN01", name: `esc-alderbank-dental-group-${day}`, members: [ALICE] });
    await h.command(ALICE, 'ACC-0021 "x-rays not loading"');
    const id = await escalationOf("ACC-0021");
    expect((await getWarRoom(h.services.db, id))!.room.name).toBe(`esc-alderbank-dental-group-${day}-2`);
  });

  it("asks which account when a name fits several, and opens the chosen one", async () => {
    const before = h.fake.responses.length;
    await h.command(ALICE, 'Dental "imaging broken"');
    await vi.waitFor(
      () => expect(JSON.stringify(h.fake.responses.slice(before))).toContain("matches 2 accounts"),
      WAIT,
    );
    const reply = h.fake.responses
      .slice(before)
      .find((r) => JSON.stringify(r.body).includes("matches 2 accounts"))!;
    const buttons = (
      reply.body as {
        blocks: { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[];
      }
    ).blocks.find((b) => b.type === "actions")!.elements!;
    expect(buttons.map((b) => b.text.text)).toEqual(expect.arrayContaining(["Harbor Lights Dental"]));
    const choice = buttons.find((b) => b.text.text === "Harbor Lights Dental")!;
    const payload = {
      type: "block_actions",
      user: { id: ALICE, username: "alice", team_id: h.fake.teamId },
      team: { id: h.fake.teamId, domain: "acme" },
      api_app_id: "A1",
      token: "x",
      container: { type: "message", message_ts: "1.1", channel_id: "C0GENERAL", is_ephemeral: true },
      channel: { id: "C0GENERAL", name: "general" },
      trigger_id: h.fake.issueTriggerId(),
      response_url: h.fake.responseUrl(),
      actions: [
        { action_id: choice.action_id, block_id: "b", value: choice.value, type: "button", action_ts: "1.2" },
      ],
    };
    await h.postForm({ payload: JSON.stringify(payload) });
    await escalationOf("ACC-0043");
  });

  it("names the closest accounts when nothing matches", async () => {
    const before = h.fake.responses.length;
    await h.command(ALICE, 'Harbour Light Dentistry Clinic "x"');
    await vi.waitFor(
      () =>
        expect(JSON.stringify(h.fake.responses.slice(before))).toMatch(
          /No account matches .*Closest: .*Harbor Lights Dental/,
        ),
      WAIT,
    );
  });

  it("archives the channel when the escalation is closed", async () => {
    const id = await escalationOf("ACC-0021");
    const room = (await getWarRoom(h.services.db, id))!;
    await h.command(ALICE, "close", room.room.id);
    await vi.waitFor(() => expect(h.fake.channel(room.room.id)?.is_archived).toBe(true), WAIT);
    const [row] = await h.services.db.query<{ status: string }>(
      "SELECT status FROM escalations WHERE id = $1",
      [id],
    );
    expect(row?.status).toBe("closed");
  });

  it("tells the person what went wrong when a command cannot be done", async () => {
    const closed = await escalationOf("ACC-0021");
    const closedRoom = (await getWarRoom(h.services.db, closed))!;
    await h.command(ALICE, 'ACC-0021 "x-rays again"');
    await vi.waitFor(async () => {
      const open = await h.services.db.query(
        "SELECT * FROM escalations WHERE account_id = 'ACC-0021' AND status = 'open' AND origin <> 'dataset'",
      );
      expect(open).toHaveLength(1);
    }, WAIT);
    const before = h.fake.responses.length;
    await h.command(ALICE, "reopen", closedRoom.room.id);
    await vi.waitFor(
      () =>
        expect(JSON.stringify(h.fake.responses.slice(before))).toMatch(
          /That did not work: Alderbank Dental Group already has an open escalation \(WR-\d{4}-\d{4}\)/,
        ),
      WAIT,
    );
  });
});
