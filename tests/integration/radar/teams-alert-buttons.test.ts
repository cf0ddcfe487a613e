/**
 * Radar alerts in Teams: an Adaptive Card in the triage channel with its reasons, a reason choice and
 * `Action.Execute` buttons, driven by signed invokes through the real Teams SDK and the fake Microsoft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanRisk } from "../../../src/radar/raise-risk-alerts.ts";
import { getRiskAlert, listRiskAlerts, type RiskAlertRecord } from "../../../src/storage/risk-alert-store.ts";
import type { FakeActivity, FakeUser } from "../../fakes/teams/index.ts";
import { startTeamsHarness, type TeamsHarness } from "../../support/teams-harness.ts";

let h: TeamsHarness;
let channelId: string;
let alerts: RiskAlertRecord[];
beforeAll(async () => {
  h = await startTeamsHarness({
    env: (fake) => ({ TRIAGE_CHANNEL: fake.state.team.generalChannelId, RISK_ALERT_THRESHOLD: "0.5" }),
  });
  channelId = h.fake.state.team.generalChannelId;
}, 60_000);
afterAll(() => h?.close());

const cardOf = (a: FakeActivity) => JSON.stringify(a.attachments?.[0]?.content ?? {});
const alertCards = () => h.fake.activities(channelId).filter((a) => cardOf(a).includes("Escalation risk"));

async function press(
  user: FakeUser,
  verb: string,
  alert: RiskAlertRecord,
  extra: Record<string, unknown> = {},
) {
  const activity = alertCards().find((a) => cardOf(a).includes(`"alertId":"${alert.id}"`))!;
  const invoke = h.activity(
    "invoke-card-action",
    user,
    { conversationId: channelId, channelId },
    {
      replyToId: activity.id,
      verb,
      title: verb,
    },
  );
  (invoke.value as { action: { data: unknown } }).action.data = { alertId: alert.id, ...extra };
  const res = await h.send(invoke);
  expect(res.status).toBe(200);
  return (await res.json()) as { statusCode: number; type: string; value: unknown };
}

describe("radar alerts in Teams", () => {
  it("posts each alert once as a card with its reasons, a reason choice and two buttons", async () => {
    const scan = await scanRisk(h.services.radar);
    expect(scan.raised.length).toBeGreaterThan(1);
    await expect.poll(() => alertCards().length, { timeout: 30_000 }).toBe(scan.raised.length);
    alerts = await listRiskAlerts(h.services.db);
    const card = cardOf(alertCards()[0]!);
    expect(card).toContain('"verb":"riskAlertOpenWarRoom"');
    expect(card).toContain('"verb":"riskAlertNotNow"');
    expect(card).toContain('"type":"Input.ChoiceSet"');
    expect(card).toMatch(/\(\+0\.\d\d\): [^[]+\[(TCK|ACC|CHG)-/);
  }, 60_000);

  it("Not now records who and the reason chosen on the card, and answers with the redrawn card", async () => {
    const alert = alerts.at(-1)!;
    const answer = await press(h.alice, "riskAlertNotNow", alert, { reason: "customer_ok" });
    expect(answer).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(JSON.stringify(answer.value)).toContain("said not now: Customer is fine now");
    expect(await getRiskAlert(h.services.db, alert.id)).toMatchObject({
      outcome: "dismissed",
      outcomeBy: h.alice.aadObjectId,
      outcomeReason: "customer_ok",
    });
  });

  it("Open war-room opens one through the normal request, from Teams", async () => {
    const open = await h.services.db.query<{ account_id: string }>(
      "SELECT account_id FROM escalations WHERE status = 'open'",
    );
    const alert = alerts.find((a) => !open.some((o) => o.account_id === a.accountId))!;
    const answer = await press(h.bob, "riskAlertOpenWarRoom", alert);
    expect(JSON.stringify(answer.value)).toMatch(/opened a war-room \(WR-\d{4}-\d{4}\)/);
    const acted = (await getRiskAlert(h.services.db, alert.id))!;
    expect(acted).toMatchObject({ outcome: "acted", outcomeBy: h.bob.aadObjectId });
    const [row] = await h.services.db.query<{ origin: string; requested_by: string }>(
      "SELECT origin, requested_by FROM escalations WHERE id = $1",
      [acted.escalationId],
    );
    expect(row).toEqual({ origin: "teams", requested_by: h.bob.aadObjectId });
  });
});
