import { afterEach, describe, expect, it } from "vitest";
import type { RiskAssessment, RiskLevel } from "../../../src/radar/radar-types.ts";
import type { Database } from "../../../src/storage/database.ts";
import {
  claimRiskAlert,
  getRiskAlert,
  recordRiskAlertOutcome,
} from "../../../src/storage/risk-alert-store.ts";
import { backends, type TestDatabase } from "../../support/databases.ts";

const AT = new Date("2026-11-24T09:00:00Z");
const assessment = (ticketId: string, level: RiskLevel): RiskAssessment => ({
  accountId: "ACC-1",
  accountName: "Acme",
  ticketId,
  subject: "Sync broken",
  topic: "sync",
  score: level === "critical" ? 0.9 : level === "high" ? 0.75 : 0.5,
  level,
  signals: [],
  asOf: AT.toISOString(),
});

describe.each(backends)("risk alert store on $name", ({ create }) => {
  let test: TestDatabase;
  let db: Database;
  afterEach(async () => {
    await db?.close();
    await test?.dispose();
  });

  it("claims one alert per thread and level, rising levels each once, never a lower one after a higher", async () => {
    test = await create();
    db = await test.open();
    expect(await claimRiskAlert(db, assessment("T1", "watch"), AT)).toMatch(/^\d+$/);
    expect(await claimRiskAlert(db, assessment("T1", "watch"), AT)).toBeNull();
    expect(await claimRiskAlert(db, assessment("T1", "high"), AT)).toMatch(/^\d+$/);
    expect(await claimRiskAlert(db, assessment("T2", "critical"), AT)).toMatch(/^\d+$/);
    expect(await claimRiskAlert(db, assessment("T2", "high"), AT)).toBeNull();
    expect(await claimRiskAlert(db, assessment("T2", "watch"), AT)).toBeNull();
    // After a restart (PGlite's directory is one process's at a time, so the first connection closes).
    await db.close();
    db = await test.open();
    expect(await claimRiskAlert(db, assessment("T1", "high"), AT)).toBeNull();
  });

  it("keeps an opened war-room over a later 'not now', and lets a war-room replace a 'not now'", async () => {
    test = await create();
    db = await test.open();
    const a = (await claimRiskAlert(db, assessment("T3", "high"), AT))!;
    expect(
      await recordRiskAlertOutcome(db, a, { kind: "dismissed", by: "U1", reason: "not_risky", at: AT }),
    ).toBe(true);
    expect(
      await recordRiskAlertOutcome(db, a, { kind: "dismissed", by: "U2", reason: "other", at: AT }),
    ).toBe(false);
    expect(
      await recordRiskAlertOutcome(db, a, { kind: "acted", by: "U2", escalationId: "WR-2026-0001", at: AT }),
    ).toBe(true);
    expect(await recordRiskAlertOutcome(db, a, { kind: "dismissed", by: "U1", at: AT })).toBe(false);
    expect(await getRiskAlert(db, a)).toMatchObject({
      outcome: "acted",
      outcomeBy: "U2",
      escalationId: "WR-2026-0001",
    });
    expect(await getRiskAlert(db, "not-a-number")).toBeNull();
  });
});
