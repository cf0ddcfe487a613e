/**
 * Teams' own surfaces: "Escalate from this message" (a dialog pre-filled with the message, the account
 * typeahead, the submission), the personal chat, the account choice card, subcommands in a war-room, the
 * resolution dialog, and what happens to an activity warroom cannot read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FakeActivity } from "../../fakes/teams/index.ts";
import { startTeamsHarness, type TeamsHarness } from "../../support/teams-harness.ts";

const WAIT = { timeout: 45_000, interval: 250 };
const json = (a: FakeActivity) => JSON.stringify({ text: a.text, card: a.attachments?.[0]?.content });

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ env: { ARCHIVE_ON_CLOSE: "true" } });
}, 90_000);
afterAll(() => h?.close());

const opened = (accountId: string) => h.opened(accountId);

const invoke = async (activity: Record<string, unknown>) => {
  const res = await h.send(activity);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};

describe("Teams escalation flow", () => {
  it("opens a dialog pre-filled with the message for 'Escalate from this message', searches accounts, and opens the war-room on submit", async () => {
    const text = "Customer says: <b>deals</b> stopped syncing & reps are blind";
    const fetched = await invoke(h.activity("invoke-message-action-fetch", h.bob, h.general, { text }));
    expect(fetched).toMatchObject({ task: { type: "continue", value: { title: "Escalate an account" } } });
    expect(JSON.stringify(fetched)).toContain("Customer says: <b>deals</b> stopped syncing & reps are blind");

    const search = await invoke(h.activity("invoke-search", h.bob, h.general, { text: "Solenne" }));
    expect(search).toMatchObject({ type: "application/vnd.microsoft.search.searchResponse" });
    expect(JSON.stringify(search)).toContain("ACC-0058");

    const submit = h.activity("invoke-message-action-submit", h.bob, h.general);
    (submit.value as { data: unknown }).data = {
      account: "ACC-0058",
      summary: text,
      severity: "high",
      private: "false",
    };
    expect(await invoke(submit)).toMatchObject({ task: { type: "message" } });
    const { id } = await opened("ACC-0058");
    await vi.waitFor(
      () => expect(JSON.stringify(h.fake.activities(h.general.conversationId))).toContain(id),
      WAIT,
    );
  });

  it("refuses a submitted form without an account, saying which field", async () => {
    const submit = h.activity("invoke-message-action-submit", h.bob, h.general);
    (submit.value as { data: unknown }).data = { summary: "x" };
    expect(JSON.stringify(await invoke(submit))).toMatch(/That did not work: the escalate form: account/);
  });

  it("escalates from the personal chat without a mention", async () => {
    const chat = h.fake.personalChat(h.carol);
    await h.send(
      h.activity(
        "message-personal",
        h.carol,
        { conversationId: chat },
        { text: 'escalate ACC-0021 "x-rays not loading"' },
      ),
    );
    const { id } = await opened("ACC-0021");
    await vi.waitFor(() => expect(JSON.stringify(h.fake.activities(chat))).toContain(id), WAIT);
  });

  it("asks which account when a name fits several, and opens the chosen one", async () => {
    await h.mention(h.alice, 'escalate Dental "imaging broken"');
    let choice: FakeActivity | undefined;
    await vi.waitFor(() => {
      choice = h.fake
        .activities(h.general.conversationId)
        .find((a) => json(a).includes("matches 2 accounts"));
      expect(choice).toBeDefined();
    }, WAIT);
    const actions = JSON.stringify(choice!.attachments?.[0]?.content);
    expect(actions).toContain("Harbor Lights Dental");
    const data = JSON.parse(/"data":(\{[^}]*"accountId":"ACC-0043"[^}]*\})/.exec(actions)![1]!);
    const click = h.activity("invoke-card-action", h.alice, h.general, {
      replyToId: choice!.id,
      verb: "chooseAccount",
      title: "Harbor Lights Dental",
    });
    (click.value as { action: { data: unknown } }).action.data = data;
    expect(await invoke(click)).toMatchObject({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
    });
    await opened("ACC-0043");
  });

  it("answers status in a war-room, records the resolution through its dialog, and posts the finding's link", async () => {
    const { id, roomId } = await opened("ACC-0043");
    const inRoom = { conversationId: `${roomId};messageid=1700000009999`, channelId: roomId };
    await h.mention(h.alice, "status", inRoom);
    await vi.waitFor(
      () => expect(JSON.stringify(h.fake.activities(roomId))).toContain(`${id} · Harbor Lights Dental`),
      WAIT,
    );
    await h.mention(h.alice, "resolve", inRoom);
    let button: FakeActivity | undefined;
    await vi.waitFor(() => {
      button = h.fake.activities(roomId).find((a) => json(a).includes('"dialog":"resolution"'));
      expect(button).toBeDefined();
    }, WAIT);
    const hypothesisId = /"hypothesisId":"(\d+)"/.exec(json(button!))![1]!;
    const fetch = h.activity("invoke-task-fetch", h.alice, inRoom, { replyToId: button!.id });
    (fetch.value as { data: unknown }).data = {
      msteams: { type: "task/fetch" },
      dialog: "resolution",
      hypothesisId,
    };
    const dialog = await invoke(fetch);
    expect(JSON.stringify(dialog)).toContain('"id":"rootCause"');
    const form = JSON.parse(JSON.stringify(dialog)) as {
      task: { value: { card: { content: { body: { id?: string; value?: string }[]; actions?: unknown } } } };
    };
    const values = Object.fromEntries(
      form.task.value.card.content.body.filter((e) => e.id).map((e) => [e.id, e.value ?? ""]),
    );
    const submit = h.activity("invoke-task-submit", h.alice, inRoom, { replyToId: button!.id });
    (submit.value as { data: unknown }).data = {
      ...values,
      dialog: "resolution",
      escalationId: id,
      hypothesisId,
      title: "Imaging broken",
      rootCause: "A certificate expired",
      category: "product_defect",
    };
    expect(await invoke(submit)).toMatchObject({
      task: { type: "message", value: expect.stringContaining("Resolution saved") },
    });
    await vi.waitFor(
      () =>
        expect(JSON.stringify(h.fake.activities(roomId))).toMatch(
          /Finding saved to the local knowledge base: file:/,
        ),
      WAIT,
    );
    // Teams redelivers the submission: nothing is saved or announced twice.
    expect(await invoke(submit)).toMatchObject({ task: { type: "message" } });
    expect(
      await h.services.db.query(
        "SELECT * FROM timeline_events WHERE kind = 'resolved' AND escalation_id = $1",
        [id],
      ),
    ).toHaveLength(1);
    expect(h.fake.activities(roomId).filter((a) => a.text?.includes("Resolved by"))).toHaveLength(1);
  });

  it("closes the war-room with close, archiving its channel", async () => {
    const { id, roomId } = await opened("ACC-0058");
    await h.mention(h.bob, "close", {
      conversationId: `${roomId};messageid=1700000008888`,
      channelId: roomId,
    });
    await vi.waitFor(() => expect(h.fake.state.channels.get(roomId)?.archived).toBe(true), WAIT);
    const [row] = await h.services.db.query<{ status: string }>(
      "SELECT status FROM escalations WHERE id = $1",
      [id],
    );
    expect(row?.status).toBe("closed");
  });

  it("answers 400 to an activity it cannot read, and changes nothing", async () => {
    const broken = h.activity("message-channel-mention", h.alice, h.general, {
      text: 'escalate ACC-0099 "x"',
    });
    delete (broken as { from?: unknown }).from;
    const res = await h.send(broken);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("from");
    expect(
      await h.services.db.query(
        "SELECT * FROM escalations WHERE account_id = 'ACC-0099' AND origin = 'teams'",
      ),
    ).toEqual([]);
  });
});
