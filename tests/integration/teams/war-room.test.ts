/**
 * The done-when of Teams, on PGlite and PostgreSQL: a signed "@warroom escalate …" against warroom (as
 * `serve` starts it, the four endpoint overrides pointing at the fake Microsoft) opens exactly one
 * channel, posts the cards citing evidence; a Confirm invoke redraws its card and edits the summary; a
 * redelivery changes nothing; a forged token is 401 and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import type { FakeActivity } from "../../fakes/teams/index.ts";
import { type Backend, backends, type TestDatabase } from "../../support/databases.ts";
import { startTeamsHarness, type TeamsHarness } from "../../support/teams-harness.ts";

const WAIT = { timeout: 45_000, interval: 250 };
const cardOf = (a: FakeActivity) => JSON.stringify(a.attachments?.[0]?.content ?? {});
const isHypothesis = (a: FakeActivity) => cardOf(a).includes('"verb":"confirm"');

describe.each(backends)("Teams war-room on $name", (backend: Backend) => {
  let testDb: TestDatabase;
  let h: TeamsHarness;
  let escalationId: string;
  let channelId: string;

  beforeAll(async () => {
    testDb = await backend.create();
    h = await startTeamsHarness({ database: testDb.config });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await testDb?.dispose();
  });

  const count = async (sql: string) => (await h.services.db.query(sql)).length;

  it("opens exactly one channel for a signed @mention, with the context card, summary and hypotheses citing evidence", async () => {
    const before = h.fake.activities(h.general.conversationId).length;
    const res = await h.mention(
      h.alice,
      'escalate Halvard Field Services "COO: closed jobs stopped updating HubSpot deals" --high',
    );
    expect(res.status).toBe(200);
    await vi.waitFor(async () => {
      const rows = await h.services.db.query<{ id: string }>(
        "SELECT id FROM escalations WHERE origin = 'teams'",
      );
      expect(rows).toHaveLength(1);
      escalationId = rows[0]!.id;
      expect(await isWarRoomReady(h.services.db, escalationId)).toBe(true);
    }, WAIT);
    channelId = (await getWarRoom(h.services.db, escalationId))!.room.id;
    const created = h.fake.channels().filter((c) => c.displayName.startsWith("esc-halvard-field-services-"));
    expect(created).toHaveLength(1);
    expect(created[0]!.id).toBe(channelId);
    expect(created[0]!.description).toMatch(
      /HIGH · Halvard Field Services · ARR \$46,500 · renewal in \d+ days/,
    );
    const posted = h.fake.activities(channelId);
    const context = posted.findIndex((a) => cardOf(a).includes("What happened"));
    const summary = posted.findIndex((a) => cardOf(a).includes("Talking points"));
    const hypotheses = posted.filter(isHypothesis);
    expect(cardOf(posted[context]!)).toContain("Halvard Field Services");
    // The summary is posted before the hypotheses (so no verdict races its first post), after the context.
    expect(context).toBeLessThan(summary);
    expect(summary).toBeLessThan(posted.indexOf(hypotheses[0]!));
    expect(hypotheses.length).toBeGreaterThanOrEqual(1);
    expect(cardOf(hypotheses[0]!)).toMatch(/Evidence[\s\S]*(ticket|change) /);
    expect(cardOf(hypotheses[0]!)).toContain('"type":"Action.Execute"');
    // The requester was answered in the thread they asked in.
    expect(
      h.fake
        .activities(h.general.conversationId)
        .slice(before)
        .map((a) => a.text),
    ).toEqual([expect.stringContaining(`Opening a war-room for Halvard Field Services (${escalationId})`)]);
  });

  it("records a Confirm invoke, answers with the redrawn card, edits the summary and asks for the resolution", async () => {
    const first = h.fake.activities(channelId).find(isHypothesis)!;
    const summary = h.fake.activities(channelId).find((a) => cardOf(a).includes("Talking points"))!;
    const hypothesisId = /"hypothesisId":"(\d+)"/.exec(cardOf(first))![1]!;
    const invoke = h.activity(
      "invoke-card-action",
      h.alice,
      { conversationId: channelId, channelId },
      {
        replyToId: first.id,
        verb: "confirm",
        title: "✅ Confirm",
      },
    );
    (invoke.value as { action: { data: unknown } }).action.data = { hypothesisId };
    const res = await h.send(invoke);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(JSON.stringify(body.value)).toContain("confirmed by Alice Archer");
    expect(summary.updates).toBeGreaterThanOrEqual(1);
    expect(cardOf(summary)).toContain("✅ confirmed");
    await vi.waitFor(
      () =>
        expect(h.fake.activities(channelId).some((a) => cardOf(a).includes("Record resolution"))).toBe(true),
      WAIT,
    );

    // The same invoke again (Teams redelivers): no second verdict, no second prompt, the same card.
    const again = await h.send(invoke);
    expect(again.status).toBe(200);
    expect(await count("SELECT * FROM verdicts WHERE withdrawn_at IS NULL")).toBe(1);
    expect(h.fake.activities(channelId).filter((a) => cardOf(a).includes("Record resolution"))).toHaveLength(
      1,
    );
  });

  it("changes nothing when a message is redelivered with the same id", async () => {
    const mention = h.activity("message-channel-mention", h.bob, h.general, {
      text: 'escalate ACC-0012 "invoices wrong"',
    });
    expect((await h.send(mention)).status).toBe(200);
    await vi.waitFor(async () => {
      const [row] = await h.services.db.query<{ id: string }>(
        "SELECT id FROM escalations WHERE account_id = 'ACC-0012' AND origin = 'teams'",
      );
      expect(row).toBeDefined();
      expect(JSON.stringify(h.fake.activities(h.general.conversationId))).toContain(row!.id);
    }, WAIT);
    const answered = h.fake.activities(h.general.conversationId).length;
    expect((await h.send(mention)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await count("SELECT * FROM escalations WHERE account_id = 'ACC-0012' AND origin = 'teams'")).toBe(
      1,
    );
    expect(h.fake.activities(h.general.conversationId)).toHaveLength(answered);
  });

  it("answers 401 to a forged token and changes nothing", async () => {
    const escalations = await count("SELECT * FROM escalations");
    const channels = h.fake.channels().length;
    const mention = () =>
      h.activity("message-channel-mention", h.carol, h.general, { text: 'escalate ACC-0021 "forged"' });
    const forged = [
      `Bearer ${await h.fake.signInbound({ key: h.fake.keys.otherChannel })}`,
      `Bearer ${await h.fake.signInbound({ audience: "someone-else" })}`,
      `Bearer ${await h.fake.signInbound({ serviceUrl: "https://attacker.example/" })}`,
      `Bearer ${await h.fake.signInbound({ expiresIn: -600 })}`,
      `Bearer ${(await h.fake.signInbound()).slice(0, -6)}AAAAAA`,
      "Bearer not-a-jwt",
      null,
    ];
    for (const authorization of forged) expect((await h.send(mention(), authorization)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await count("SELECT * FROM escalations")).toBe(escalations);
    expect(h.fake.channels()).toHaveLength(channels);
  });
});
