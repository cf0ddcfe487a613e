/**
 * Radar alerts in Slack: posted to TRIAGE_CHANNEL with their reasons and buttons, and the buttons driven by
 * signed interactivity requests through the real Bolt app and the fake Slack Web API.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ACTIONS, INPUTS, VIEWS } from "../../../integrations/slack/ids.ts";
import { scanRisk } from "../../../src/radar/raise-risk-alerts.ts";
import { getRiskAlert, listRiskAlerts, type RiskAlertRecord } from "../../../src/storage/risk-alert-store.ts";
import { type SlackHarness, startSlackHarness } from "../../support/slack-harness.ts";

const TRIAGE = "C0TRIAGE01";
const ALICE = "U01ALICE0";
const WAIT = { timeout: 30_000, interval: 100 };

let h: SlackHarness;
let alerts: RiskAlertRecord[];
beforeAll(async () => {
  h = await startSlackHarness({ env: { TRIAGE_CHANNEL: TRIAGE, RISK_ALERT_THRESHOLD: "0.5" } });
  h.fake.addChannel({ id: TRIAGE, name: "support-triage", members: [ALICE, h.fake.botUserId] });
}, 60_000);
afterAll(() => h?.close());

/** The alert's message, found by the reference the radar stored when it posted it. */
const messageOf = (alert: RiskAlertRecord) =>
  h.fake.messages(TRIAGE).find((m) => alert.messageRef === `slack:${TRIAGE}:${m.ts}`)!;
const click = (user: string, actionId: string, alert: RiskAlertRecord) =>
  h.postForm(h.button(user, actionId, alert.id, TRIAGE, messageOf(alert).ts));

describe("radar alerts in Slack", () => {
  it("posts each alert once to the triage channel with its reasons, evidence and two buttons", async () => {
    const scan = await scanRisk(h.services.radar);
    expect(scan.raised.length).toBeGreaterThan(1);
    await vi.waitFor(() => expect(h.fake.messages(TRIAGE)).toHaveLength(scan.raised.length), WAIT);
    expect((await scanRisk(h.services.radar)).raised).toEqual([]);
    alerts = await listRiskAlerts(h.services.db);
    expect(alerts.every((a) => messageOf(a) !== undefined)).toBe(true);
    const first = messageOf(alerts[0]!);
    const blocks = JSON.stringify(first.blocks);
    expect(first.text).toMatch(
      /^Escalation risk: .+ · ticket \d+ ".+" · risk 0\.\d\d \((watch|high|critical)\)$/,
    );
    expect(blocks).toContain(ACTIONS.openFromAlert);
    expect(blocks).toContain(ACTIONS.dismissAlert);
    expect(blocks).toMatch(/\(\+0\.\d\d\): [^[]+\[(TCK|ACC|CHG)-/);
    expect(blocks).toContain("nothing was sent to the customer");
    expect(JSON.stringify(first.blocks)).toContain(`"value":"${alerts[0]!.id}"`);
  }, 60_000);

  it("ignores the buttons when a bot presses them", async () => {
    const alert = alerts[0]!;
    expect((await click(h.fake.botUserId, ACTIONS.openFromAlert, alert)).status).toBe(200);
    expect((await click(h.fake.botUserId, ACTIONS.dismissAlert, alert)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await getRiskAlert(h.services.db, alert.id))?.outcome).toBeNull();
    expect(h.fake.views.some((v) => v.callback_id === VIEWS.dismissAlert)).toBe(false);
  });

  it("Open war-room requests one for the account, pre-filled from the ticket, and redraws the alert", async () => {
    const open = await h.services.db.query<{ account_id: string }>(
      "SELECT account_id FROM escalations WHERE status = 'open'",
    );
    const alert = alerts.find((a) => !open.some((o) => o.account_id === a.accountId))!;
    const before = h.fake.responses.length;
    expect((await click(ALICE, ACTIONS.openFromAlert, alert)).status).toBe(200);
    await vi.waitFor(
      async () => expect((await getRiskAlert(h.services.db, alert.id))?.outcome).toBe("acted"),
      WAIT,
    );
    const acted = (await getRiskAlert(h.services.db, alert.id))!;
    expect(acted.outcomeBy).toBe(ALICE);
    await vi.waitFor(
      () => expect(JSON.stringify(h.fake.responses.slice(before))).toContain(acted.escalationId),
      WAIT,
    );
    const [escalation] = await h.services.db.query<{ summary: string; requested_by: string; origin: string }>(
      "SELECT summary, requested_by, origin FROM escalations WHERE id = $1",
      [acted.escalationId],
    );
    expect(escalation).toMatchObject({ requested_by: ALICE, origin: "slack" });
    expect(escalation!.summary).toMatch(/^Risk radar 0\.\d\d \(\w+\) on ticket \d+ ".+": /);
    await vi.waitFor(
      () => expect(JSON.stringify(messageOf(alert).blocks)).toContain(`<@${ALICE}> opened a war-room`),
      WAIT,
    );
    expect(JSON.stringify(messageOf(alert).blocks)).not.toContain(ACTIONS.openFromAlert);
  }, 60_000);

  it("Not now opens a form, and its submission records who and why", async () => {
    const alert = alerts.at(-1)!;
    expect((await click(ALICE, ACTIONS.dismissAlert, alert)).status).toBe(200);
    await vi.waitFor(
      () => expect(h.fake.views.some((v) => v.callback_id === VIEWS.dismissAlert)).toBe(true),
      WAIT,
    );
    const view = h.fake.views.find((v) => v.callback_id === VIEWS.dismissAlert)!;
    const values = {
      [INPUTS.dismissReason]: {
        [INPUTS.dismissReason]: {
          type: "static_select",
          selected_option: { text: { type: "plain_text", text: "Not a real risk" }, value: "not_risky" },
        },
      },
      [INPUTS.dismissNote]: { [INPUTS.dismissNote]: { type: "plain_text_input", value: "feature request" } },
    };
    const payload = {
      type: "view_submission",
      team: { id: h.fake.teamId, domain: "acme" },
      user: { id: ALICE, team_id: h.fake.teamId },
      api_app_id: "A1",
      token: "x",
      trigger_id: h.fake.issueTriggerId(),
      view: { ...view, team_id: h.fake.teamId, state: { values }, hash: "h" },
    };
    expect((await h.postForm({ payload: JSON.stringify(payload) })).status).toBe(200);
    await vi.waitFor(
      async () =>
        expect(await getRiskAlert(h.services.db, alert.id)).toMatchObject({
          outcome: "dismissed",
          outcomeBy: ALICE,
          outcomeReason: "not_risky: feature request",
        }),
      WAIT,
    );
    await vi.waitFor(
      () =>
        expect(JSON.stringify(messageOf(alert).blocks)).toContain(
          `<@${ALICE}> said not now: Not a real risk: feature request`,
        ),
      WAIT,
    );
  }, 60_000);
});
