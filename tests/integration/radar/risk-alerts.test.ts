/**
 * The radar's alerts through the real composition root on the sample dataset, on PGlite and PostgreSQL:
 * one alert per thread per level across restarts and across two replicas scanning at once, what people do
 * with an alert, and the feedback figures the digest shows.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { weekContaining } from "../../../src/digest/digest-week.ts";
import { buildWeeklyDigest } from "../../../src/digest/post-digest.ts";
import { renderDigestMarkdown } from "../../../src/digest/render-digest-markdown.ts";
import { dismissAlert, openWarRoomFromAlert } from "../../../src/radar/act-on-alert.ts";
import { RADAR_SCAN_JOB } from "../../../src/radar/radar-job-names.ts";
import { scanRisk } from "../../../src/radar/raise-risk-alerts.ts";
import { measureRadarFeedback } from "../../../src/storage/radar-feedback.ts";
import { getRiskAlert, listRiskAlerts } from "../../../src/storage/risk-alert-store.ts";
import { backends, postgresBackends, type TestDatabase } from "../../support/databases.ts";
import { startWarroom, type WarroomHarness } from "../../support/warroom-harness.ts";

const ENV = { TRIAGE_CHANNEL: "triage", RISK_ALERT_THRESHOLD: "0.5" };
// Generous: the scan runs as a job, and a loaded machine (the suite in parallel on two cores) is slow.
const WAIT = { timeout: 90_000, interval: 100 };
const DAY = 86_400_000;

function movableClock(start: string) {
  let now = new Date(start);
  return { now: () => now, advance: (days: number) => (now = new Date(now.getTime() + days * DAY)) };
}

const posted = (h: WarroomHarness) => h.output().split("⚠️ Escalation risk:").length - 1;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function database(create: () => Promise<TestDatabase>) {
  const db = await create();
  cleanup.push(() => db.dispose());
  return db;
}

async function warroom(db: TestDatabase, clock: { now(): Date }) {
  const h = await startWarroom(db.config, ENV, { clock });
  cleanup.push(() => h.close());
  return h;
}

describe.each(backends)("radar alerts on $name", ({ create }) => {
  it("alerts once per thread and level, also after a restart, and records who acted and why", async () => {
    const db = await database(create);
    const clock = movableClock("2026-11-25T12:00:00Z");
    const first = await warroom(db, clock);
    const scan = await scanRisk(first.services.radar);
    expect(scan.raised.length).toBeGreaterThan(1);
    expect(scan.raised.length).toBe(scan.aboveThreshold);
    await vi.waitFor(() => expect(posted(first)).toBe(scan.raised.length), WAIT);
    expect(first.output()).toMatch(
      /risk 0\.\d\d \((watch|high|critical)\)\n {2}- [A-Z][^\n]+\(\+0\.\d\d\): .+\[/,
    );
    await first.close();
    cleanup.pop();

    const again = await warroom(db, clock);
    expect((await scanRisk(again.services.radar)).raised).toEqual([]);
    const alerts = await listRiskAlerts(again.services.db);
    expect(alerts).toHaveLength(scan.raised.length);
    expect(alerts.every((a) => a.messageRef?.startsWith("terminal:triage:"))).toBe(true);

    const open = await again.services.db.query<{ account_id: string }>(
      "SELECT account_id FROM escalations WHERE status = 'open'",
    );
    const busy = new Set(open.map((r) => r.account_id));
    const [toOpen, toDismiss] = [
      alerts.find((a) => !busy.has(a.accountId))!,
      alerts.find((a) => busy.has(a.accountId)) ?? alerts.at(-1)!,
    ];
    clock.advance(2);
    const deps = again.services.warRoom;
    expect(
      await openWarRoomFromAlert(toOpen.id, { userId: "U1", isBot: true, origin: "slack" }, deps),
    ).toEqual({
      kind: "ignored-bot",
    });
    const opened = await openWarRoomFromAlert(
      toOpen.id,
      { userId: "U1", isBot: false, origin: "slack" },
      deps,
    );
    expect(opened).toMatchObject({ kind: "escalation", outcome: { kind: "opening" } });
    const acted = await getRiskAlert(again.services.db, toOpen.id);
    expect(acted).toMatchObject({
      outcome: "acted",
      outcomeBy: "U1",
      escalationId: expect.stringMatching(/^WR-/),
    });
    const [escalation] = await again.services.db.query<{ summary: string; severity: string }>(
      "SELECT summary, severity FROM escalations WHERE id = $1",
      [acted!.escalationId],
    );
    expect(escalation!.summary).toContain(`ticket ${toOpen.assessment.ticketNumber ?? toOpen.ticketId}`);

    const why = { reason: "handled" as const, note: "CSM already on a call" };
    await dismissAlert(toDismiss.id, { userId: "U2", isBot: false, origin: "slack" }, why, deps);
    expect(await getRiskAlert(again.services.db, toDismiss.id)).toMatchObject({
      outcome: "dismissed",
      outcomeBy: "U2",
      outcomeReason: "handled: CSM already on a call",
    });
    // A "not now" never overrides a war-room already opened from the alert.
    await dismissAlert(toOpen.id, { userId: "U2", isBot: false, origin: "slack" }, why, deps);
    expect(await getRiskAlert(again.services.db, toOpen.id)).toMatchObject({ outcome: "acted" });

    const feedback = await measureRadarFeedback(again.services.db, {
      since: new Date(clock.now().getTime() - 7 * DAY),
      until: new Date(clock.now().getTime() + DAY),
    });
    expect(feedback).toMatchObject({ alerts: alerts.length, acted: 1, dismissed: 1 });
    expect(feedback.unanswered).toBe(alerts.length - 2);
    expect(feedback.alertedFirst).toBeGreaterThanOrEqual(1);
    expect(feedback.leadDays).toContain(2);

    const digest = await buildWeeklyDigest(weekContaining(clock.now(), "UTC"), again.services.digest);
    expect(digest.radar?.week).toMatchObject({ alerts: alerts.length, acted: 1, dismissed: 1 });
    expect(renderDigestMarkdown(digest)).toMatch(
      new RegExp(
        `## Risk radar \\(alerts before escalations\\)\n- This week: ${alerts.length} alerts — 1 acted on \\(war-room opened\\), 1 dismissed, ${alerts.length - 2} unanswered; \\d+ escalated anyway\\. \\d+ of \\d+ escalations had an alert first, a median 2 days earlier\\.`,
      ),
    );
  }, 180_000);
});

describe.each(backends)("the radar after triage on $name", ({ create }) => {
  it("scans an account when a pushed ticket is triaged and alerts on it at the default threshold", async () => {
    const db = await database(create);
    const h = await startWarroom(db.config, { TRIAGE_CHANNEL: "triage" });
    cleanup.push(() => h.close());
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    const pushed = {
      id: "PUSH-1",
      accountId: "ACC-0010",
      subject: "Payments to our guests failing",
      description: "Some guest payments fail at checkout.",
      status: "open",
      priority: "urgent",
      createdAt: at(6),
      tags: ["payments"],
      comments: [
        { at: at(3), author: "customer", body: "Still failing, this is getting frustrating." },
        {
          at: at(1),
          author: "customer",
          body: "This is unacceptable. Our lawyers will be in touch about the breach of contract.",
        },
      ],
    };
    expect(await h.services.triage.recordPushed(pushed)).toMatchObject({ created: ["PUSH-1"] });
    const pushedAlert = async () =>
      (await listRiskAlerts(h.services.db)).find((a) => a.ticketId === "PUSH-1");
    await vi.waitFor(async () => expect(await pushedAlert()).toBeDefined(), WAIT);
    const alert = await pushedAlert();
    expect(alert).toMatchObject({ accountId: "ACC-0010" });
    expect(alert!.score).toBeGreaterThanOrEqual(0.7);
    const signals = alert!.assessment.signals.map((s) => s.signal);
    expect(signals).toEqual(expect.arrayContaining(["sentiment", "slaRisk", "policyRisk", "accountValue"]));
    const alerts = await listRiskAlerts(h.services.db);
    expect(alerts.every((a) => a.accountId === "ACC-0010")).toBe(true);
    await vi.waitFor(() => expect(posted(h)).toBe(alerts.length), WAIT);
    // The same ticket pushed again unchanged asks for no scan, so nothing more is posted.
    expect(await h.services.triage.recordPushed(pushed)).toMatchObject({ unchanged: ["PUSH-1"] });
  }, 180_000);
});

describe.each(backends)("the hourly radar on $name", ({ create }) => {
  it("fans out one scan per account and posts what they raise", async () => {
    const db = await database(create);
    const h = await warroom(db, movableClock("2026-11-25T12:00:00Z"));
    await h.services.queue.send(RADAR_SCAN_JOB, { slot: "2026-11-25T12:17:00.000Z" });
    await vi.waitFor(
      async () => expect((await listRiskAlerts(h.services.db)).length).toBeGreaterThan(1),
      WAIT,
    );
    await vi.waitFor(async () => {
      const alerts = await listRiskAlerts(h.services.db);
      expect(alerts.every((a) => a.messageRef !== null)).toBe(true);
      expect(posted(h)).toBe(alerts.length);
    }, WAIT);
    const accounts = new Set((await listRiskAlerts(h.services.db)).map((a) => a.accountId));
    expect(accounts.size).toBeGreaterThan(1);
  }, 180_000);
});

describe.each(postgresBackends)("two replicas on $name", ({ create }) => {
  it("raise each alert once when both scan at the same time", async () => {
    const db = await database(create);
    const clock = movableClock("2026-11-25T12:00:00Z");
    const a = await warroom(db, clock);
    const b = await warroom(db, clock);
    const [fromA, fromB] = await Promise.all([scanRisk(a.services.radar), scanRisk(b.services.radar)]);
    const raised = [...fromA.raised, ...fromB.raised];
    expect(new Set(raised).size).toBe(raised.length);
    expect(raised.length).toBe(fromA.aboveThreshold);
    const rows = await a.services.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM risk_alerts GROUP BY ticket_id, level HAVING count(*) > 1",
    );
    expect(rows).toEqual([]);
    await vi.waitFor(() => expect(posted(a) + posted(b)).toBe(raised.length), WAIT);
  }, 180_000);
});
