/**
 * The digest's numbers, computed in SQL on both databases, against a small world whose answers are known:
 * this week against the last, what is open and at risk, how long causes and resolutions took, categories
 * and their ARR, who escalates against their share of accounts, recurring patterns, and the bot's record.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buildDigest } from "../../../src/digest/build-digest.ts";
import { parseWeek } from "../../../src/digest/digest-week.ts";
import type { CrmAccount } from "../../../src/ports/crm-source.ts";
import type { Database } from "../../../src/storage/database.ts";
import { openEscalation, setEscalationStatus } from "../../../src/storage/escalation-store.ts";
import { type Backend, backends, type TestDatabase, testLogger } from "../../support/databases.ts";
import { seedWarRoom } from "../../support/war-room-history.ts";

const WEEK = "2026-W47"; // Monday 16 November to Monday 23 November 2026, UTC
const at = (iso: string) => new Date(iso);

const accounts: CrmAccount[] = [
  {
    id: "A1",
    name: "Acme",
    segment: "enterprise",
    industry: "Manufacturing",
    arr: 200_000,
    contractStart: "2026-09-01",
    renewalDate: "2027-01-15",
    ownerEmail: "csm.a@example.com",
  },
  {
    id: "A2",
    name: "Globex",
    segment: "enterprise",
    industry: "Retail",
    arr: 300_000,
    contractStart: "2024-01-01",
    renewalDate: "2027-09-01",
  },
  {
    id: "A3",
    name: "Initech",
    segment: "smb",
    industry: "Retail",
    arr: 20_000,
    contractStart: "2025-06-01",
    renewalDate: "2027-06-01",
  },
  {
    id: "A4",
    name: "Umbrella",
    segment: "mid_market",
    industry: "Healthcare",
    arr: 80_000,
    contractStart: "2025-01-01",
  },
  { id: "A5", name: "Hooli", segment: "smb", industry: "Software", arr: 10_000, contractStart: "2023-01-01" },
  {
    id: "A6",
    name: "Vehement",
    segment: "smb",
    industry: "Software",
    arr: 5_000,
    contractStart: "2023-01-01",
  },
];

let testDb: TestDatabase;
let db: Database;

afterEach(async () => {
  await db?.close();
  await testDb?.dispose();
});

const sync = (n: number) => ({
  title: `Field rename broke the sync ${n}`,
  category: "customer_change" as const,
});
const defect = { title: "Deploy 4.2 dropped deals", category: "product_defect" as const };

/** The world: three sync breakages in one area within 30 days (a pattern), a defect war-room the bot got
 * wrong first, an open escalation near renewal, and last week's one. */
async function seedWorld(): Promise<void> {
  // Three accounts, one cause and product area, within 30 days: a pattern. Acme's first hypothesis was right.
  await seedWarRoom(db, {
    accountId: "A1",
    hypothesesAfterSeconds: 30,
    accountName: "Acme",
    openedAt: at("2026-11-16T09:00:00Z"),
    resolvedAt: at("2026-11-18T09:00:00Z"),
    hypotheses: [sync(1), defect],
    confirmed: 0,
    productAreas: ["salesforce-sync"],
  });
  await seedWarRoom(db, {
    accountId: "A2",
    hypothesesAfterSeconds: 600,
    accountName: "Globex",
    openedAt: at("2026-11-02T09:00:00Z"),
    resolvedAt: at("2026-11-03T09:00:00Z"),
    hypotheses: [defect, sync(2)],
    rejected: [0],
    confirmed: 1,
    productAreas: ["salesforce-sync"],
  });
  await seedWarRoom(db, {
    accountId: "A3",
    hypothesesAfterSeconds: 90,
    accountName: "Initech",
    openedAt: at("2026-11-20T09:00:00Z"),
    resolvedAt: at("2026-11-22T21:00:00Z"),
    hypotheses: [{ title: "Onboarding skipped the mapping step", category: "onboarding_gap" }, sync(3)],
    rejected: [0],
    confirmed: 1,
    productAreas: ["salesforce-sync"],
  });
  // Umbrella: confirmed a defect; its first hypothesis named a different technical cause (right area).
  await seedWarRoom(db, {
    accountId: "A4",
    hypothesesAfterSeconds: 60,
    accountName: "Umbrella",
    openedAt: at("2026-11-17T09:00:00Z"),
    resolvedAt: at("2026-11-19T09:00:00Z"),
    hypotheses: [{ title: "Our outage", category: "infrastructure" }, defect],
    rejected: [0],
    confirmed: 1,
  });
  // Hooli: still open at the week's end, opened this week.
  await seedWarRoom(db, {
    accountId: "A5",
    hypothesesAfterSeconds: 120,
    accountName: "Hooli",
    openedAt: at("2026-11-21T09:00:00Z"),
    hypotheses: [defect],
  });
  // Vehement: closed this week without a finding.
  const closed = await openEscalation(db, {
    accountId: "A6",
    accountName: "Vehement",
    summary: "noise",
    origin: "terminal",
    openedAt: at("2026-11-09T09:00:00Z"),
  });
  await setEscalationStatus(db, closed.escalation.id, "closed", at("2026-11-19T12:00:00Z"));
}

describe.each(backends)("digest numbers on $name", (backend: Backend) => {
  it("counts, times, causes, cohorts, patterns and the bot's record of a week", async () => {
    testDb = await backend.create();
    db = await testDb.open();
    await seedWorld();
    const d = await buildDigest(db, {
      week: parseWeek(WEEK, "UTC"),
      timeZone: "UTC",
      accounts,
      now: at("2026-11-23T09:00:00Z"),
      countTickets: async (w) => (w.since.getTime() === at("2026-11-16T00:00:00Z").getTime() ? 40 : 200),
      logger: testLogger,
    });

    expect(d).toMatchObject({ week: WEEK, from: "2026-11-16T00:00:00.000Z", to: "2026-11-23T00:00:00.000Z" });
    expect(d.escalations).toMatchObject({
      opened: 4,
      resolved: 3,
      previous: { week: "2026-W46", opened: 1, resolved: 0 },
    });
    expect(d.escalations.trend).toHaveLength(8);
    expect(d.open).toEqual({
      count: 1,
      items: [
        {
          id: expect.any(String),
          account: "Hooli",
          severity: "high",
          ageDays: 1,
          owner: "U01ALICE0",
          arr: 10_000,
          roomUrl: null,
        },
      ],
    });
    expect(d.arrAtRisk).toEqual({
      open: 10_000,
      openAccounts: 1,
      renewingWithin90Days: 0,
      renewingAccounts: 0,
    });
    // Resolved this week: Acme 48 h, Initech 60 h, Umbrella 48 h; causes confirmed when resolved here.
    expect(d.timing).toMatchObject({
      resolved: 3,
      medianHoursToResolution: 48,
      quarter: { resolved: 4, medianHoursToResolution: 48 },
    });
    expect(d.rootCauses).toMatchObject({ opened: 6, total: 4 });
    expect(d.rootCauses.categories).toEqual([
      { category: "customer_change", count: 3, arr: 520_000, thisWeek: 2 },
      { category: "product_defect", count: 1, arr: 80_000, thisWeek: 1 },
    ]);
    expect(d.rootCauses.preventable).toEqual({ product: 0.25, process: 0, external: 0.75 });
    // Whole percentages over every segment add up to 100 (2 + 1 + 3 escalations: 33 + 17 + 50).
    const segmentPercents = d.cohorts.segments.map((c) => c.percent);
    expect(segmentPercents.reduce((n, p) => n + p, 0)).toBe(100);
    // The headline's "of 6" counts every escalation opened in the 13 weeks (validated or not, resolved or
    // not), and its ARR at risk is the open escalations' figure.
    expect(d.headline).toBe(
      "3 of 6 escalations in the last 13 weeks stemmed from changes on the customer's side (accounts worth $520K ARR); $10K of ARR is at risk in open escalations.",
    );
    // Leaders' figures: 4 opened this week and 6 over 13 weeks, against 6 accounts and 40 / 200 tickets;
    // first hypotheses after 30, 60, 90 and 120 s this week (median 75 s), and 600 s the week before.
    expect(d.rates).toEqual({
      week: { escalations: 4, accounts: 6, per100Accounts: 66.7, tickets: 40, per1000Tickets: 100 },
      quarter: { escalations: 6, accounts: 6, per100Accounts: 100, tickets: 200, per1000Tickets: 30 },
    });
    expect(d.timing.medianHoursToFirstHypothesis).toBe(0.0208);
    expect(d.timing.quarter.medianHoursToFirstHypothesis).toBe(0.025);
    expect(d.patterns).toEqual([
      expect.objectContaining({
        category: "customer_change",
        productArea: "salesforce-sync",
        accounts: ["Acme", "Globex", "Initech"],
      }),
    ]);
    // Accounts are counted at each of the quarter's 13 week ends; Acme became a customer on 1 September,
    // after the first of them: 25 of 77 account-weeks are enterprise.
    expect(d.cohorts.segments.find((c) => c.value === "enterprise")).toEqual({
      value: "enterprise",
      escalations: 2,
      share: 0.333,
      accountShare: 0.325,
      percent: 33,
      accountPercent: 32,
      ratio: 1.03,
    });
    expect(d.cohorts.industries[0]).toMatchObject({ value: "Retail", escalations: 2 });
    expect(d.cohorts.lifecycle.find((c) => c.value === "months 1-3")).toMatchObject({
      escalations: 1,
      accountShare: 0.156,
    });
    // First hypotheses: Acme exact and confirmed; Globex and Initech wrong; Umbrella right area.
    expect(d.bot).toEqual({
      warRooms: 4,
      firstHypothesisConfirmed: 0.25,
      graded: 4,
      exact: 1,
      rightArea: 1,
      wrong: 2,
    });
    expect(d.knowledge).toEqual({ findingsAdded: 3, closedWithoutFinding: 1 });
    expect(d.chart.weeks.at(-1)).toBe(WEEK);
    expect(d.chart.series.find((s) => s.category === "customer_change")?.counts.slice(-3)).toEqual([1, 0, 2]);
    expect(d.chart.unvalidated.at(-1)).toBe(1);
  });

  it("reads a week in the digest's time zone, not in UTC", async () => {
    testDb = await backend.create();
    db = await testDb.open();
    // Sunday 23:30 UTC is already Monday in Berlin: next week there.
    await openEscalation(db, {
      accountId: "A1",
      accountName: "Acme",
      summary: "late",
      origin: "terminal",
      openedAt: at("2026-11-22T23:30:00Z"),
    });
    const utc = await buildDigest(db, {
      week: parseWeek(WEEK, "UTC"),
      timeZone: "UTC",
      accounts,
      now: at("2026-11-24T00:00:00Z"),
      logger: testLogger,
    });
    const berlin = await buildDigest(db, {
      week: parseWeek(WEEK, "Europe/Berlin"),
      timeZone: "Europe/Berlin",
      accounts,
      now: at("2026-11-24T00:00:00Z"),
      logger: testLogger,
    });
    expect(utc.escalations.opened).toBe(1);
    expect(berlin.escalations.opened).toBe(0);
    expect(berlin.from).toBe("2026-11-15T23:00:00.000Z");
    expect(berlin.days).toEqual({ first: "2026-11-16", last: "2026-11-22" });
  });

  it("counts neither a ✅ later overruled, nor an account twice, nor an escalation before its contract as new", async () => {
    testDb = await backend.create();
    db = await testDb.open();
    // The first hypothesis got one ✅ an hour in, then two ❌: the root cause came with the second, 30 h in.
    const id = await seedWarRoom(db, {
      accountId: "A1",
      accountName: "Acme",
      openedAt: at("2026-11-16T00:00:00Z"),
      resolvedAt: at("2026-11-17T16:00:00Z"),
      hypotheses: [defect, sync(1)],
      confirmed: 1,
    });
    const [first, second] = await db.query<{ id: string }>(
      "SELECT id FROM hypotheses WHERE escalation_id = $1 ORDER BY rank",
      [id],
    );
    await db.query(
      "INSERT INTO verdicts (hypothesis_id, user_id, verdict, via, at) VALUES ($1, 'U9', 'confirm', 'reaction', $2)",
      [first!.id, at("2026-11-16T01:00:00Z")],
    );
    await db.query(
      "INSERT INTO verdicts (hypothesis_id, user_id, verdict, via, at) VALUES ($1, 'U8', 'reject', 'reaction', $2), ($1, 'U7', 'reject', 'reaction', $2)",
      [first!.id, at("2026-11-16T02:00:00Z")],
    );
    await db.query("UPDATE hypotheses SET status = 'rejected' WHERE id = $1", [first!.id]);
    await db.query("UPDATE verdicts SET at = $2 WHERE hypothesis_id = $1", [
      second!.id,
      at("2026-11-17T06:00:00Z"),
    ]);
    // An account the CRM no longer lists: its two escalations carry different ARR snapshots.
    for (const [day, arr] of [
      ["2026-11-18", 100_000],
      ["2026-11-19", 120_000],
    ] as const) {
      const e = await openEscalation(db, {
        accountId: "GONE",
        accountName: "Gone Ltd",
        summary: "x",
        origin: "dataset",
        originRef: `G-${day}`,
        openedAt: at(`${day}T09:00:00Z`),
        arr,
      });
      await db.query(
        "INSERT INTO findings (escalation_id, title, category, root_cause) VALUES ($1, 't', 'billing', 'r')",
        [e.escalation.id],
      );
    }
    // An escalation before the account's contract started (its CRM record holds the latest renewal's start).
    await openEscalation(db, {
      accountId: "A2",
      accountName: "Globex",
      summary: "y",
      origin: "terminal",
      openedAt: at("2026-11-18T09:00:00Z"),
    });
    const late = [...accounts.filter((a) => a.id !== "A2"), { ...accounts[1]!, contractStart: "2026-11-20" }];
    const d = await buildDigest(db, {
      week: parseWeek(WEEK, "UTC"),
      timeZone: "UTC",
      accounts: late,
      now: at("2026-11-23T09:00:00Z"),
      logger: testLogger,
    });
    expect(d.timing.medianHoursToRootCause).toBe(30);
    expect(d.rootCauses.categories.find((c) => c.category === "billing")).toMatchObject({
      count: 2,
      arr: 120_000,
    });
    expect(d.cohorts.lifecycle.map((c) => c.value)).toContain("before contract start");
  });
});
