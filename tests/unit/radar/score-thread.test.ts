import { describe, expect, it } from "vitest";
import type { Change, Ticket } from "../../../src/domain/case-bundle.ts";
import type { CrmAccount } from "../../../src/ports/crm-source.ts";
import { assessSnapshot } from "../../../src/radar/assess-snapshot.ts";
import { cutTicket, snapshotAt } from "../../../src/radar/cut-to-moment.ts";
import { describeAlert } from "../../../src/radar/describe-alert.ts";
import { triageFromFields } from "../../../src/radar/interim-triage.ts";
import type { RadarTriage, TriageFn } from "../../../src/radar/radar-types.ts";
import { levelOf, RADAR_WEIGHTS } from "../../../src/radar/radar-weights.ts";
import { combineSignals } from "../../../src/radar/score-thread.ts";

const NOW = new Date("2026-11-20T12:00:00Z");
const account: CrmAccount = {
  id: "A1",
  name: "Acme Corp",
  segment: "enterprise",
  arr: 240_000,
  contractStart: "2024-01-10",
  renewalDate: "2027-01-15",
  healthScore: 41,
};
const quietAccount: CrmAccount = { id: "A2", name: "Small Co", segment: "smb", arr: 9_000 };

function ticket(id: string, createdAt: string, extra: Partial<Ticket> = {}): Ticket {
  return {
    id,
    subject: `Sync broken ${id}`,
    status: "open",
    priority: "high",
    createdAt,
    tags: ["salesforce-sync"],
    ...extra,
  };
}

/** A triage that reads the tone from the text, so tests can say what the customer felt. */
const toneTriage: TriageFn = (t): RadarTriage => {
  const words = [
    t.description ?? "",
    ...(t.comments ?? []).filter((c) => c.author === "customer").map((c) => c.body),
  ];
  const tones = words.map((w) =>
    /unacceptable|furious/i.test(w) ? "angry" : /again|still/i.test(w) ? "frustrated" : "neutral",
  );
  const latest = tones.at(-1) ?? "neutral";
  const trend = tones.length > 1 && tones[0] !== latest ? "worsening" : "steady";
  return { ...triageFromFields(t), sentiment: { value: latest, trend, history: tones } };
};

const incident: Change = {
  id: "INC-7",
  at: "2026-11-17T08:00:00Z",
  source: "incident",
  scope: "global",
  title: "Sync queue stalled",
  productArea: "salesforce-sync",
};

describe("the radar's score", () => {
  it("names every signal of an angry third contact on a big account during an incident, with its evidence", async () => {
    const tickets = [
      ticket("T1", "2026-10-28T09:00:00Z", { status: "closed", closedAt: "2026-10-29T09:00:00Z" }),
      ticket("T2", "2026-11-06T09:00:00Z", { status: "closed", closedAt: "2026-11-07T09:00:00Z" }),
      ticket("T3", "2026-11-18T09:00:00Z", {
        description: "Deals are not syncing.",
        comments: [
          { at: "2026-11-18T15:00:00Z", author: "agent", body: "Looking into it." },
          { at: "2026-11-19T09:00:00Z", author: "customer", body: "Still broken." },
          { at: "2026-11-20T08:00:00Z", author: "customer", body: "This is unacceptable." },
        ],
      }),
    ];
    const [top] = await assessSnapshot(snapshotAt(account, tickets, [incident], NOW), toneTriage);
    expect(top).toMatchObject({ ticketId: "T3", accountName: "Acme Corp" });
    const by = Object.fromEntries(top!.signals.map((s) => [s.signal, s]));
    expect(by.sentiment?.reason).toMatch(/neutral → frustrated → angry across 3 messages/);
    expect(by.repeatContact).toMatchObject({ strength: 1, evidence: ["T3", "T1", "T2"] });
    expect(by.repeatContact?.reason).toMatch(
      /third ticket on salesforce-sync in 30 days: after T1 \(2026-10-28\), T2/,
    );
    expect(by.accountValue?.reason).toMatch(
      /ARR \$240K, enterprise.*renews 2027-01-15 \(in 56 days\).*health 41/,
    );
    expect(by.changeOrIncident).toMatchObject({ strength: 1, evidence: ["INC-7"] });
    expect(top!.score).toBeGreaterThanOrEqual(0.85);
    expect(top!.level).toBe("critical");
    expect(describeAlert({ alertId: "1", assessment: top! })).toContain("Repeat contact (+0.40)");
  });

  it("keeps a quiet thread on a small account below every level", async () => {
    const tickets = [ticket("Q1", "2026-11-20T10:00:00Z", { priority: "low", tags: ["how-to"] })];
    const [only] = await assessSnapshot(snapshotAt(quietAccount, tickets, [incident], NOW), toneTriage);
    expect(only).toMatchObject({ score: 0, level: null, signals: [] });
  });

  it("knows nothing after the moment it scores: later comments, later tickets and later changes are cut", async () => {
    const t = ticket("T9", "2026-11-10T09:00:00Z", {
      status: "closed",
      closedAt: "2026-11-19T09:00:00Z",
      comments: [{ at: "2026-11-18T09:00:00Z", author: "customer", body: "furious" }],
    });
    expect(cutTicket(t, new Date("2026-11-12T00:00:00Z"))).toMatchObject({
      status: "open",
      comments: [],
      closedAt: null,
    });
    expect(cutTicket(t, new Date("2026-11-09T00:00:00Z"))).toBeNull();
    const snapshot = snapshotAt(account, [t], [incident], new Date("2026-11-12T00:00:00Z"));
    expect(snapshot.changes).toEqual([]);
  });

  it("flags an unanswered thread past its first-response target and a policy risk", async () => {
    const policy: TriageFn = (t) => ({ ...triageFromFields(t), policyRisk: { value: "legal" } });
    const t = ticket("T5", "2026-11-19T12:00:00Z", { priority: "urgent" });
    const [a] = await assessSnapshot(snapshotAt(quietAccount, [t], [], NOW), policy);
    const by = Object.fromEntries(a!.signals.map((s) => [s.signal, s]));
    expect(by.slaRisk?.reason).toMatch(
      /No reply from us 24 h after it was opened on 2026-11-19 \(urgent target 2 h\)/,
    );
    expect(by.policyRisk).toMatchObject({ strength: 1, reason: "Policy risk: legal" });
  });

  it("combines signals as a noisy-OR: no lone signal reaches the default threshold, several agreeing do", () => {
    for (const name of Object.keys(RADAR_WEIGHTS.weights))
      expect(combineSignals({ [name]: { strength: 1, reason: "x", evidence: [] } }).score).toBeLessThan(0.7);
    const three = combineSignals({
      sentiment: { strength: 1, reason: "a", evidence: [] },
      repeatContact: { strength: 1, reason: "b", evidence: [] },
      accountValue: { strength: 1, reason: "c", evidence: [] },
    });
    expect(three.score).toBeGreaterThanOrEqual(0.7);
    expect(three.signals.map((s) => s.signal)).toEqual(["sentiment", "repeatContact", "accountValue"]);
    expect([levelOf(0.3), levelOf(0.5), levelOf(0.75), levelOf(0.9)]).toEqual([
      null,
      "watch",
      "high",
      "critical",
    ]);
  });
});
