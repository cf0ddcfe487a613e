/**
 * The behaviour every ChatPlatform must have, run against each implementation: Slack and Teams through
 * their real SDKs against their fake servers, and the terminal. `make` builds the implementation and
 * describes the world it runs in (who can be invited, which emails are known, how to read a message back).
 * Modelled on vercel/chat's per-adapter contract tests.
 */
import { describe, expect, it } from "vitest";
import type { Analysis } from "../../src/domain/analysis.ts";
import { mention, withMentions } from "../../src/domain/message-text.ts";
import { ValidationError } from "../../src/errors.ts";
import type { ChatPlatform, HypothesisView, WarRoomMessage } from "../../src/ports/chat-platform.ts";
import type { RiskAlertView } from "../../src/radar/radar-types.ts";
import type { ContextCard } from "../../src/use-cases/build-context-card.ts";

/** The implementation under test and its world. */
export interface ChatPlatformSubject {
  platform: ChatPlatform;
  /** People who can be invited into rooms the platform creates. */
  people: string[];
  /** A user id the platform has no such person for (omit when the platform invites anyone). */
  unknownUser?: string;
  /** An email of one of `people`, and that person's id. */
  knownEmail: { email: string; userId: string };
  /** An email nobody has (omit when the platform cannot tell). */
  unknownEmail?: string;
  /** The text of a posted message as the platform holds it now (omit when it cannot be read back). */
  read?(ref: string): string | undefined;
  /** How many calls the platform's API has answered so far (omit for the terminal). */
  calls?(): number;
  close(): Promise<void>;
}

const LONG = "A sentence about the sync worker pool and HubSpot's burst limit, repeated. ".repeat(400);

const view = (rationale: string, evidence: number): HypothesisView => {
  const ids = Array.from({ length: evidence }, (_, i) => `TKT-${String(i).padStart(5, "0")}`);
  return {
    escalationId: "WR-2026-0042",
    hypothesisId: "42",
    round: 1,
    status: "proposed",
    confirmedBy: [],
    rejectedBy: [],
    hypothesis: {
      rank: 1,
      title: "Regression introduced by hubspot-sync 4.2.0 (CHG-0161)",
      category: "product_defect",
      likelihood: 0.72,
      evidence: ids.slice(0, 6),
      against: ids.slice(6),
      rationale,
      checks: ["Compare the worker pool before and after 4.2.0", "Look for 429s from HubSpot"],
    },
    evidenceNames: Object.fromEntries(
      ids.map((id) => [id, `ticket ${id} "Deals not updating ${LONG.slice(0, 300)}"`]),
    ),
  };
};

const card: ContextCard = {
  account: {
    id: "ACC-0042",
    name: "Halvard Field Services",
    segment: "mid_market",
    arr: 46500,
    renewalDate: "2027-01-20",
    renewalInDays: 49,
  },
  tickets: {
    openedLast90Days: 12,
    closedLast90Days: 9,
    open: 3,
    repeatContacts: [{ subject: "Deals not updating", count: 3 }],
    latest: [
      {
        id: "T1",
        number: "00042010",
        subject: `URGENT: ${LONG.slice(0, 2000)}`,
        status: "open",
        createdAt: "2026-11-20T09:00:00Z",
      },
    ],
  },
  recentChanges: [
    { id: "CHG-0161", at: "2026-11-14T10:00:00Z", source: "vendor_deploy", title: "hubspot-sync 4.2.0" },
  ],
  relatedEscalations: [],
};

const analysis = (points: number): Analysis => ({
  escalationId: "WR-2026-0042",
  engine: "evidence",
  hypotheses: [view("why", 2).hypothesis],
  pattern: { verdict: "isolated", relatedEscalations: [], sharedAttributes: [] },
  timeline: [],
  talkingPoints: Array.from({ length: points }, (_, i) => `Point ${i}: ${LONG.slice(0, 400)}`),
  preventiveMeasures: ["Tier-aware throttling"],
});

/** Every kind of war-room message, in ordinary and oversized forms (digest aside: its own tests post it). */
function messages(): WarRoomMessage[] {
  return [
    { kind: "context", escalationId: "WR-2026-0042", summary: `COO: ${LONG}`, severity: "critical", card },
    { kind: "hypothesis", view: view("Short rationale.", 2) },
    { kind: "hypothesis", view: view(LONG, 300) },
    { kind: "summary", escalationId: "WR-2026-0042", analysis: analysis(3), views: [view("x", 2)] },
    {
      kind: "summary",
      escalationId: "WR-2026-0042",
      analysis: analysis(300),
      views: [view("x", 2)],
      note: LONG,
    },
    {
      kind: "resolution-prompt",
      escalationId: "WR-2026-0042",
      hypothesisId: "42",
      title: LONG.slice(0, 500),
    },
    { kind: "risk-alert", alert: riskAlert("Sync broken again", 1) },
    {
      kind: "risk-alert",
      alert: {
        ...riskAlert(LONG, 6),
        outcome: { kind: "dismissed", by: "someone", reason: `other: ${LONG.slice(0, 500)}` },
      },
    },
    { kind: "text", text: withMentions`Could not invite ${mention("someone")}: ${LONG}` },
  ];
}

/** Text a person or a CRM could hold, built to notify a whole room, mention someone, link or mark up. */
export const HOSTILE =
  "<!channel> <!here> <@U0HOSTILE> <http://evil.example|click> [docs](http://evil.example) <at>Eve</at> <b>x</b> & *co*";

/**
 * Messages whose words come from people, the CRM and the engine quoting tickets, all HOSTILE; the text
 * message also mentions `mentioned` on purpose (the only mention any platform may make of them).
 */
export function hostileMessages(mentioned: string): WarRoomMessage[] {
  const hostileView = view(HOSTILE, 2);
  hostileView.hypothesis = { ...hostileView.hypothesis, title: HOSTILE, checks: [HOSTILE] };
  hostileView.evidenceNames = Object.fromEntries(hostileView.hypothesis.evidence.map((id) => [id, HOSTILE]));
  const hostileCard: ContextCard = {
    ...card,
    account: { ...card.account, name: `Calder ${HOSTILE}`, segment: HOSTILE },
    tickets: { ...card.tickets, latest: [{ ...card.tickets.latest[0]!, subject: HOSTILE }] },
    recentChanges: [{ ...card.recentChanges[0]!, title: HOSTILE }],
    relatedEscalations: [
      { id: "WR-1", accountName: HOSTILE, openedAt: "2026-11-01T00:00:00Z", summary: HOSTILE },
    ],
  } as ContextCard;
  return [
    { kind: "context", escalationId: "WR-2026-0042", summary: HOSTILE, severity: "high", card: hostileCard },
    { kind: "hypothesis", view: hostileView },
    {
      kind: "summary",
      escalationId: "WR-2026-0042",
      analysis: { ...analysis(1), talkingPoints: [HOSTILE], preventiveMeasures: [HOSTILE] },
      views: [hostileView],
      note: HOSTILE,
    },
    { kind: "resolution-prompt", escalationId: "WR-2026-0042", hypothesisId: "42", title: HOSTILE },
    {
      kind: "risk-alert",
      alert: { ...riskAlert(HOSTILE, 2), outcome: { kind: "dismissed", by: mentioned, reason: HOSTILE } },
    },
    { kind: "text", text: withMentions`Resolved by ${mention(mentioned)}: ${HOSTILE}` },
  ];
}

/** A radar alert with `signals` reasons (long ones when the subject is). */
function riskAlert(subject: string, signals: number): RiskAlertView {
  const names = [
    "sentiment",
    "repeatContact",
    "accountValue",
    "changeOrIncident",
    "slaRisk",
    "policyRisk",
  ] as const;
  return {
    alertId: "7",
    assessment: {
      accountId: "ACC-0040",
      accountName: "Halvard Field Services",
      ticketId: "TCK-000705",
      ticketNumber: "00040705",
      subject,
      topic: "hubspot-sync",
      score: 0.82,
      level: "high",
      asOf: "2026-11-24T09:00:00Z",
      signals: names.slice(0, signals).map((signal) => ({
        signal,
        strength: 1,
        contribution: 0.3,
        reason: `${signal}: ${subject.slice(0, 800)}`,
        evidence: ["TCK-000705", "CHG-0161"],
      })),
    },
  };
}

/** Runs the contract against one implementation. */
export function chatPlatformContract(name: string, make: () => Promise<ChatPlatformSubject>): void {
  const withSubject = (test: (s: ChatPlatformSubject) => Promise<void>) => async () => {
    const subject = await make();
    try {
      await test(subject);
    } finally {
      await subject.close();
    }
  };
  let rooms = 0;
  const roomName = () => `esc-contract-${name.toLowerCase().replaceAll(/\W+/g, "-")}-${++rooms}-20261124`;

  describe(`ChatPlatform contract: ${name}`, () => {
    it(
      "refers to an existing room by id without calling anything",
      withSubject(async (s) => {
        const before = s.calls?.();
        const room = s.platform.existingRoom("ROOM-1");
        expect(room).toMatchObject({ platform: s.platform.kind, id: "ROOM-1" });
        expect(s.calls?.()).toBe(before);
      }),
    );

    it(
      "creates a room named after the preferred name; a taken name gets another",
      withSubject(async (s) => {
        const name = roomName();
        const first = await s.platform.createRoom({ name, private: false, key: `WR-${name}` });
        const second = await s.platform.createRoom({ name, private: false, key: `WR-${name}-b` });
        expect(first).toMatchObject({ platform: s.platform.kind, name: expect.stringContaining(name) });
        expect(second.id).not.toBe(first.id);
        expect(second.name).not.toBe(first.name);
        await s.platform.setTopic(first, `HIGH · Halvard Field Services · ${LONG}`.slice(0, 250));
      }),
    );

    it(
      "posts every kind of message, oversized ones within the platform's limits, each with its own reference",
      withSubject(async (s) => {
        const room = await s.platform.createRoom({ name: roomName(), private: false });
        const refs: string[] = [];
        for (const message of messages()) refs.push(await s.platform.post(room, message));
        expect(new Set(refs).size).toBe(refs.length);
        for (const ref of refs) expect(ref.startsWith(`${s.platform.kind}:`)).toBe(true);
      }),
    );

    it(
      "edits a posted message in place, and refuses a reference that is not its own",
      withSubject(async (s) => {
        const room = await s.platform.createRoom({ name: roomName(), private: false });
        const ref = await s.platform.post(room, { kind: "text", text: "before" });
        await s.platform.update(ref, { kind: "text", text: "after the edit" });
        if (s.read) expect(s.read(ref)).toContain("after the edit");
        await expect(
          s.platform.update("elsewhere:nothing:1", { kind: "text", text: "x" }),
        ).rejects.toBeInstanceOf(ValidationError);
      }),
    );

    it(
      "invites people; one it cannot invite never blocks the others",
      withSubject(async (s) => {
        const room = await s.platform.createRoom({ name: roomName(), private: false });
        const asked = [...s.people, ...(s.unknownUser ? [s.unknownUser] : [])];
        const result = await s.platform.invite(room, asked);
        expect(result.invited).toEqual(expect.arrayContaining(s.people));
        expect([...result.invited, ...result.failed.map((f) => f.user)].sort()).toEqual(
          [...new Set(asked)].sort(),
        );
        if (s.unknownUser) expect(result.failed.map((f) => f.user)).toEqual([s.unknownUser]);
        expect(await s.platform.members(room)).toEqual(expect.arrayContaining(s.people.slice(0, 1)));
      }),
    );

    it(
      "finds a person by email, and answers null for an email nobody has",
      withSubject(async (s) => {
        expect(await s.platform.findUserByEmail(s.knownEmail.email)).toBe(s.knownEmail.userId);
        if (s.unknownEmail) expect(await s.platform.findUserByEmail(s.unknownEmail)).toBeNull();
      }),
    );
  });
}
