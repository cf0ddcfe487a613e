import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACTIONS, INPUTS, VIEWS } from "../../../integrations/slack/ids.ts";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { type SlackHarness, startSlackHarness } from "../../support/slack-harness.ts";

const ALICE = "U01ALICE0";
const BOB = "U01BOB000";
const CSM = "U0CSMPRIY";
const WAIT = { timeout: 45_000, interval: 250 };

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  h.fake.addUser({
    id: CSM,
    name: "priya",
    real_name: "Priya Raman",
    email: "priya.raman@csm.warroom-demo.example",
  });
}, 60_000);
afterAll(() => h?.close());

async function openedRoom(escalationId: string) {
  await vi.waitFor(async () => expect(await isWarRoomReady(h.services.db, escalationId)).toBe(true), WAIT);
  const room = (await getWarRoom(h.services.db, escalationId))!;
  return { room, channel: h.fake.channel(room.room.id)!, messages: () => h.fake.messages(room.room.id) };
}

function escalationIdFrom(responses: unknown[]): string {
  const text = JSON.stringify(responses);
  const match = /(WR-\d{4}-\d{4})/.exec(text);
  if (!match) throw new Error(`no escalation id in ${text}`);
  return match[1]!;
}

const hypothesisMessages = (messages: { blocks?: unknown[]; ts: string }[]) =>
  messages.filter((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.confirm));

const blockAction = (...args: Parameters<SlackHarness["button"]>) => h.button(...args);

describe("Slack war-room", () => {
  let escalationId: string;
  let channelId: string;

  it("acks /escalate at once, then opens a private channel with the team, the context card, hypotheses and a summary", async () => {
    const before = h.fake.responses.length;
    const res = await h.command(
      ALICE,
      'Halvard Field Services "COO: closed jobs have not updated their HubSpot deals for a week" --critical',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining("Opening a war-room for"),
    });
    await vi.waitFor(() => expect(h.fake.responses.length).toBeGreaterThan(before), WAIT);
    escalationId = escalationIdFrom(h.fake.responses.slice(before).map((r) => r.body));
    const { channel, messages } = await openedRoom(escalationId);
    channelId = channel.id;
    expect(channel.name).toMatch(/^esc-halvard-field-services-\d{8}$/);
    expect(channel.is_private).toBe(true);
    expect(channel.topic.value).toMatch(
      /CRITICAL · Halvard Field Services · ARR \$46,500 · renewal in \d+ days/,
    );
    expect(channel.members).toEqual(expect.arrayContaining([ALICE, CSM, h.fake.botUserId]));
    const posted = messages();
    expect(JSON.stringify(posted[0]?.blocks)).toContain("Halvard Field Services");
    expect(JSON.stringify(posted[0]?.blocks)).toContain("Renewal");
    const hypotheses = hypothesisMessages(posted);
    expect(hypotheses.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(hypotheses[0]?.blocks)).toMatch(/#1 .+[\s\S]*Evidence[\s\S]*Checks/);
    // The summary comes right after the context card, before the hypotheses, and is edited in place later.
    expect(JSON.stringify(posted[1]?.blocks)).toMatch(/Talking points/);
  });

  it("asks for the resolution when a hypothesis is confirmed", async () => {
    const { messages } = await openedRoom(escalationId);
    const first = hypothesisMessages(messages())[0]!;
    const event = {
      type: "reaction_added",
      user: ALICE,
      reaction: "white_check_mark",
      item_user: h.fake.botUserId,
      item: { type: "message", channel: channelId, ts: first.ts },
      event_ts: "1.1",
    };
    expect((await h.postEvent(event, "Ev-CONFIRM-1")).status).toBe(200);
    await vi.waitFor(
      () => expect(JSON.stringify(h.fake.messages(channelId))).toContain(ACTIONS.recordResolution),
      WAIT,
    );
  });

  it("turns a confirmation into a finding through the pre-filled resolution modal, and posts its link", async () => {
    const prompt = h.fake
      .messages(channelId)
      .find((m) => JSON.stringify(m.blocks).includes(ACTIONS.recordResolution))!;
    const hypothesisId = /"value":"(\d+)"/.exec(JSON.stringify(prompt.blocks))![1]!;
    await h.postForm(blockAction(ALICE, ACTIONS.recordResolution, hypothesisId, channelId, prompt.ts));
    await vi.waitFor(
      () => expect(h.fake.views.some((v) => v.callback_id === VIEWS.resolution)).toBe(true),
      WAIT,
    );
    const view = h.fake.views.find((v) => v.callback_id === VIEWS.resolution)!;
    expect(JSON.stringify(view.blocks)).toContain("initial_value");
    const values = {
      [INPUTS.rootCause]: {
        [INPUTS.rootCause]: {
          type: "plain_text_input",
          value: "hubspot-sync 4.2.0 batch upserts hit HubSpot Pro's burst limit",
        },
      },
      [INPUTS.category]: {
        [INPUTS.category]: {
          type: "static_select",
          selected_option: { text: { type: "plain_text", text: "product_defect" }, value: "product_defect" },
        },
      },
      [INPUTS.factors]: {
        [INPUTS.factors]: { type: "plain_text_input", value: "worker pool raised 2 → 8\nno alert on 429s" },
      },
      [INPUTS.steps]: {
        [INPUTS.steps]: {
          type: "plain_text_input",
          value: "Pinned the portal to 2 workers; replayed dropped batches",
        },
      },
      [INPUTS.prevention]: {
        [INPUTS.prevention]: { type: "plain_text_input", value: "tier-aware throttling" },
      },
    };
    const payload = {
      type: "view_submission",
      team: { id: h.fake.teamId, domain: "acme" },
      user: { id: ALICE, team_id: h.fake.teamId },
      api_app_id: "A1",
      token: "x",
      trigger_id: h.fake.issueTriggerId(),
      view: {
        ...view.view,
        id: view.id,
        team_id: h.fake.teamId,
        state: { values },
        hash: "h",
        private_metadata: view.private_metadata,
        callback_id: VIEWS.resolution,
      },
    };
    expect((await h.postForm({ payload: JSON.stringify(payload) })).status).toBe(200);
    await vi.waitFor(
      () =>
        expect(JSON.stringify(h.fake.messages(channelId))).toMatch(
          /Finding saved to the local knowledge base: file:\/\/.+\.md/,
        ),
      WAIT,
    );
    const [finding] = await h.services.db.query<{
      category: string;
      kb_sync_state: string;
      contributing_factors: string[];
      needs_article: boolean | null;
    }>("SELECT * FROM findings WHERE escalation_id = $1", [escalationId]);
    expect(finding).toMatchObject({
      category: "product_defect",
      kb_sync_state: "synced",
      contributing_factors: ["worker pool raised 2 → 8", "no alert on 429s"],
    });
    // Knowledge gaps: the articles that matched as the room opened were kept, and the finding knows whether
    // one named the validated cause (the sample's HubSpot defect article does).
    const [{ matches } = { matches: null }] = await h.services.db.query<{
      matches: { id: string; category: string; coverage: number }[] | null;
    }>("SELECT knowledge_matches AS matches FROM escalations WHERE id = $1", [escalationId]);
    expect(matches?.length).toBeGreaterThan(0);
    expect(finding?.needs_article).toBe(!matches?.some((m) => m.category === "product_defect"));
  });

  it("writes the finding again with a follow-up added after the resolution, without announcing it twice", async () => {
    const [{ kb_url: url }] = (await h.services.db.query<{ kb_url: string }>(
      "SELECT kb_url FROM findings WHERE escalation_id = $1",
      [escalationId],
    )) as [{ kb_url: string }];
    await h.command(ALICE, `task <@${BOB}> Write the throttling runbook --due 2099-05-01`, channelId);
    await vi.waitFor(
      async () =>
        expect(await readFile(fileURLToPath(url), "utf8")).toContain(
          `#1 Write the throttling runbook — owner ${BOB}, due 2099-05-01, open`,
        ),
      WAIT,
    );
    const saved = h.fake.messages(channelId).filter((m) => m.text?.startsWith("Finding saved"));
    expect(saved).toHaveLength(1);
  });

  it("rejects requests whose signature does not match", async () => {
    const body = new URLSearchParams({ command: "/escalate", text: "x", user_id: ALICE }).toString();
    const res = await fetch(h.url, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-signature": "v0=deadbeef",
        "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
      },
    });
    expect(res.status).toBe(401);
  });

  it("tells the requester when Slack refuses, keeps the escalation, and opens the room once Slack allows it", async () => {
    h.fake.failNext("conversations.create", { error: "restricted_action", times: 1 });
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1, times: 1 });
    const before = h.fake.responses.length;
    await h.command(BOB, 'ACC-0037 "deals missing in HubSpot" --high');
    await vi.waitFor(
      () =>
        expect(JSON.stringify(h.fake.responses.slice(before))).toMatch(
          /not open yet\. Slack did not allow what warroom asked: the app lacks a scope or a workspace setting forbids it \(restricted_action\): an admin should compare the app's scopes with manifest\.json\. The escalation is saved and warroom keeps retrying/,
        ),
      WAIT,
    );
    const id = escalationIdFrom(h.fake.responses.slice(before).map((r) => r.body));
    const { channel, messages } = await openedRoom(id);
    expect(channel.is_private).toBe(false);
    expect(hypothesisMessages(messages()).length).toBeGreaterThanOrEqual(1);
  });

  it("tells the requester in words when Slack answers 500, never the client's raw error", async () => {
    h.fake.failNext("conversations.create", { status: 500, times: 3 });
    const before = h.fake.responses.length;
    await h.command(BOB, 'ACC-0021 "reports empty since Monday"');
    await vi.waitFor(
      () =>
        expect(JSON.stringify(h.fake.responses.slice(before))).toMatch(
          /not open yet\. Slack did not answer properly \(a failure on its side or on the way\)\. The escalation is saved and warroom keeps retrying/,
        ),
      WAIT,
    );
    const told = JSON.stringify(h.fake.responses.slice(before));
    expect(told).not.toMatch(/statusCode|HTTP protocol|slack:/);
    await openedRoom(escalationIdFrom(h.fake.responses.slice(before).map((r) => r.body)));
  });
});
