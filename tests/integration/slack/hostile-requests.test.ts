/**
 * Hostile but correctly signed requests to /slack/events, through real signature verification and the
 * real Bolt app behind warroom's server, on both databases: bodies Bolt would trip over are answered 4xx
 * at the edge (vitest fails the run on the unhandled rejection a `null` body used to cause), requests
 * stamped more than five minutes from now either way are refused, and the bot's own user id never gives
 * a verdict.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACTIONS, VIEWS } from "../../../integrations/slack/ids.ts";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import { type SlackHarness, sign, startSlackHarness } from "../../support/slack-harness.ts";
import { databaseEnv } from "../../support/warroom-harness.ts";

const ALICE = "U01ALICE0";
const WAIT = { timeout: 60_000, interval: 250 };

describe.each(backends)("hostile Slack requests on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let h: SlackHarness;

  beforeAll(async () => {
    testDb = await backend.create();
    h = await startSlackHarness({ env: databaseEnv(testDb.config) });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await testDb?.dispose();
  });

  const postRaw = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(h.url, {
      method: "POST",
      body,
      headers: { "content-type": contentType, ...sign(body), ...headers },
    });
  const postJson = (value: unknown) => postRaw(JSON.stringify(value), "application/json");
  const postPayload = (payload: string) =>
    postRaw(new URLSearchParams({ payload }).toString(), "application/x-www-form-urlencoded");

  it("answers 400 to null bodies and missing or mistyped fields, and keeps serving", async () => {
    const view = (over: Record<string, unknown>) =>
      JSON.stringify({ type: "view_submission", user: { id: ALICE }, team: { id: "T1" }, ...over });
    const button = JSON.parse(h.button(ALICE, ACTIONS.confirm, "1", "C1", "1.1").payload!);
    const cases: [string, () => Promise<Response>][] = [
      ["body null", () => postJson(null)],
      ["payload=null", () => postPayload("null")],
      ["payload not JSON", () => postPayload("{")],
      ["event: null", () => postJson({ type: "event_callback", event_id: "Ev1", event: null })],
      ["event without type", () => postJson({ type: "event_callback", event_id: "Ev2", event: {} })],
      [
        "authorizations: null",
        () =>
          postJson({ type: "event_callback", event_id: "Ev3", event: { type: "x" }, authorizations: null }),
      ],
      [
        "reaction without item",
        () =>
          postJson({
            type: "event_callback",
            event_id: "Ev4",
            event: { type: "reaction_added", user: ALICE, reaction: "x" },
          }),
      ],
      ["view_submission without view", () => postPayload(view({}))],
      [
        "view with metadata not JSON",
        () =>
          postPayload(
            view({ view: { callback_id: VIEWS.escalate, private_metadata: "nope", state: { values: {} } } }),
          ),
      ],
      ["block_actions without user", () => postPayload(JSON.stringify({ ...button, user: null }))],
      [
        "block_actions with actions a string",
        () => postPayload(JSON.stringify({ ...button, actions: "confirm" })),
      ],
      [
        "hypothesis id not a number",
        () =>
          postPayload(JSON.stringify({ ...button, actions: [{ ...button.actions[0], value: "1 OR 1=1" }] })),
      ],
      [
        "choose-account value not JSON",
        () =>
          postPayload(
            JSON.stringify({
              ...button,
              actions: [{ ...button.actions[0], action_id: `${ACTIONS.chooseAccount}_0`, value: "{" }],
            }),
          ),
      ],
      [
        "lone surrogate",
        () =>
          postRaw(
            `{"type":"event_callback","event_id":"Ev5","event":{"type":"x","text":"\\ud800"}}`,
            "application/json",
          ),
      ],
      [
        "nested 5,000 deep",
        () =>
          postRaw(
            `{"type":"event_callback","event_id":"Ev6","event":{"type":"x","a":${"[".repeat(5000)}${"]".repeat(5000)}}}`,
            "application/json",
          ),
      ],
      [
        "command without text",
        () =>
          postRaw(
            new URLSearchParams({ command: "/escalate", user_id: ALICE }).toString(),
            "application/x-www-form-urlencoded",
          ),
      ],
      [
        "command field twice",
        () =>
          postRaw(
            "command=%2Fescalate&command=%2Fescalate&text=x&user_id=U1&channel_id=C1&team_id=T1&response_url=http%3A%2F%2Fx&trigger_id=t",
            "application/x-www-form-urlencoded",
          ),
      ],
      [
        "block_actions without response_url",
        () => postPayload(JSON.stringify({ ...button, response_url: undefined })),
      ],
      [
        "modal option value a number",
        () =>
          postPayload(
            view({
              view: {
                callback_id: VIEWS.escalate,
                private_metadata: JSON.stringify({ channelId: "C1" }),
                state: {
                  values: { account: { a: { type: "external_select", selected_option: { value: 42 } } } },
                },
              },
            }),
          ),
      ],
      [
        "unknown payload type",
        () => postPayload(JSON.stringify({ type: "dialog_submission", user: { id: ALICE } })),
      ],
    ];
    for (const [what, send] of cases) {
      const res = await send();
      expect(res.status, what).toBe(400);
    }
    const alive = await h.command(ALICE, "help");
    expect(alive.status).toBe(200);
  });

  it("refuses a request stamped more than five minutes from now, either way, through real verification", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "c-1" });
    const at = (offsetSeconds: number) =>
      fetch(h.url, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          ...sign(body, undefined, Math.floor(Date.now() / 1000) + offsetSeconds),
        },
      });
    expect((await at(6 * 60)).status).toBe(401);
    expect((await at(-6 * 60)).status).toBe(401);
    const soon = await at(4 * 60);
    expect(soon.status).toBe(200);
    expect(await soon.json()).toEqual({ challenge: "c-1" });
  });

  it("records no verdict from a button press or reaction carrying the bot's own user id", async () => {
    await h.command(ALICE, 'Halvard Field Services "deals stopped syncing to HubSpot" --high');
    let escalationId = "";
    await vi.waitFor(async () => {
      const rows = await h.services.db.query<{ id: string }>(
        "SELECT id FROM escalations WHERE origin = 'slack' ORDER BY id DESC LIMIT 1",
      );
      escalationId = rows[0]?.id ?? "";
      expect(escalationId).not.toBe("");
      expect(await isWarRoomReady(h.services.db, escalationId)).toBe(true);
    }, WAIT);
    const channel = (await getWarRoom(h.services.db, escalationId))!.room.id;
    const [hypothesis] = await h.services.db.query<{ id: string; message_ref: string }>(
      "SELECT id::text AS id, message_ref FROM hypotheses WHERE escalation_id = $1 ORDER BY id LIMIT 1",
      [escalationId],
    );
    const ts = hypothesis!.message_ref.split(":")[2]!;
    const bot = h.fake.botUserId;
    expect((await h.postForm(h.button(bot, ACTIONS.confirm, hypothesis!.id, channel, ts))).status).toBe(200);
    const reaction = {
      type: "reaction_added",
      user: bot,
      reaction: "white_check_mark",
      item: { type: "message", channel, ts },
      event_ts: "1.1",
    };
    expect((await h.postEvent(reaction, "Ev-BOT-1")).status).toBe(200);
    // Alice's press goes through the same path and counts: the bot's were seen and set aside.
    await h.postForm(h.button(ALICE, ACTIONS.reject, hypothesis!.id, channel, ts));
    await vi.waitFor(async () => {
      const verdicts = await h.services.db.query<{ user_id: string }>(
        "SELECT user_id FROM verdicts WHERE hypothesis_id = $1",
        [hypothesis!.id],
      );
      expect(verdicts).toEqual([{ user_id: ALICE }]);
    }, WAIT);
  });
});
