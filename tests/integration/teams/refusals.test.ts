/**
 * When Teams refuses: the app not installed in the Escalations team (Graph 403) tells the requester what
 * to fix, keeps the escalation and opens the room once it is installed; throttling (429 with Retry-After)
 * and a passing 503 are retried and the room still opens once; a redelivered message never opens twice.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getWarRoom } from "../../../src/storage/war-room-store.ts";
import { startTeamsHarness, type TeamsHarness } from "../../support/teams-harness.ts";

const WAIT = { timeout: 45_000, interval: 250 };

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness();
}, 90_000);
afterAll(() => h?.close());

const ready = async (accountId: string) => (await h.opened(accountId)).id;

describe("Teams refusals", () => {
  it("tells the requester the app is not installed in the Escalations team, keeps the escalation, and opens the room once it is", async () => {
    h.fake.state.team.appInstalled = false;
    await h.mention(h.alice, 'escalate ACC-0037 "deals missing in HubSpot" --high');
    await vi.waitFor(
      () =>
        expect(JSON.stringify(h.fake.activities(h.general.conversationId))).toMatch(
          /is not open yet\. Microsoft Teams did not allow what warroom asked: .*install the warroom app package in the Escalations team.* The escalation is saved/,
        ),
      WAIT,
    );
    expect(await h.services.db.query("SELECT * FROM escalations WHERE account_id = 'ACC-0037'")).not.toEqual(
      [],
    );
    h.fake.state.team.appInstalled = true;
    const id = await ready("ACC-0037");
    expect(
      h.fake.channels().filter((c) => c.description.includes(id) || c.displayName.includes("esc-")),
    ).toHaveLength(1);
  });

  it("waits out a 429 with Retry-After and a 503, posting each card once", async () => {
    h.fake.failNext("^POST /v3/conversations/19:[^/]+@thread\\.tacv2/activities$", {
      status: 429,
      code: "Throttled",
      retryAfter: 1,
    });
    h.fake.failNext("^POST /teams/[^/]+/channels$", { status: 503, code: "ServiceUnavailable" });
    await h.mention(h.bob, 'escalate ACC-0021 "x-rays not loading"');
    const id = await ready("ACC-0021");
    const roomId = (await getWarRoom(h.services.db, id))!.room.id;
    expect(h.fake.callsTo("connector", /^POST .*activities$/).some((c) => c.status === 429)).toBe(true);
    expect(h.fake.callsTo("graph", /^POST \/teams\/[^/]+\/channels$/).map((c) => c.status)).toEqual(
      expect.arrayContaining([503, 201]),
    );
    const cards = h.fake.activities(roomId).map((a) => JSON.stringify(a.attachments ?? a.text));
    expect(new Set(cards).size).toBe(cards.length);
  });

  it("asks for one token per scope however many calls it makes", async () => {
    const tokens = h.fake.callsTo("token");
    expect(tokens.map((c) => c.status)).toEqual(tokens.map(() => 200));
    // One for the Bot Connector, one for Graph: cached until expiry across two war-rooms.
    expect(tokens).toHaveLength(2);
  });
});
