import { describe, expect, it } from "vitest";
import { detectPolicyRisk, readSentiment, triageTicket } from "../../../src/triage/index.ts";
import { loadRoutingRules, route, routingRulesSchema } from "../../../src/war-room/routing-rules.ts";

const ticket = {
  id: "t1",
  subject: "Sync failing",
  description: "Deals stopped syncing to HubSpot.",
  status: "open",
  priority: "normal",
  createdAt: "2026-11-01T10:00:00Z",
};

describe("policy risk", () => {
  it("reads intent, not single words", () => {
    expect(detectPolicyRisk("Refund policy question: how long do refunds take?").value).toBe("none");
    expect(detectPolicyRisk("What is your refund policy?").value).toBe("none");
    expect(detectPolicyRisk("We do not want a refund, just a fix.").value).toBe("none");
    expect(detectPolicyRisk("I want a full refund for March.").value).toBe("refund");
    expect(detectPolicyRisk("We were charged twice for INV-2231.").value).toBe("billing_dispute");
    expect(detectPolicyRisk("Our lawyers will be in touch.").value).toBe("legal");
  });
});

describe("sentiment", () => {
  it("follows the customer's messages and reports the trend", () => {
    const s = readSentiment([
      "Deals stopped syncing.",
      "Still not fixed, any update?",
      "Third time I ask. Unacceptable!!",
    ]);
    expect(s.history).toEqual(["neutral", "frustrated", "angry"]);
    expect(s.value).toBe("angry");
    expect(s.trend).toBe("worsening");
  });
});

describe("triageTicket", () => {
  it("reads portal users' comments as the customer's words and flags policy risk as never automated", () => {
    const t = triageTicket(
      {
        ...ticket,
        comments: [
          {
            at: "2026-11-02T10:00:00Z",
            author: "agent",
            body: "You were charged twice? Unacceptable on our side.",
          },
          { at: "2026-11-02T11:00:00Z", author: "customer", body: "I want my money back." },
        ],
      },
      { knownAreas: ["hubspot-sync"], now: new Date("2026-11-02T12:00:00Z") },
    );
    expect(t.policyRisk.value).toBe("refund");
    expect(t.automatedAnswerAllowed).toBe(false);
    expect(t.sentiment.history).toHaveLength(2);
    expect(t.topic).toMatchObject({ value: "hubspot-sync", source: "known_areas" });
    expect(t.policyRisk.reason).toContain("money back");
  });

  it("marks an unanswered urgent ticket as at SLA risk", () => {
    const t = triageTicket({ ...ticket, priority: "urgent" }, { now: new Date("2026-11-01T18:00:00Z") });
    expect(t.urgency.value).toBe("sla_risk");
  });

  it("routes on policy risk, topic and sentiment", () => {
    const routing = routingRulesSchema.parse({
      rules: [
        { name: "refunds", when: { policyRisk: ["refund"] }, invite: { users: ["UFIN"] } },
        {
          name: "angry sync",
          when: { topic: ["hubspot-sync"], sentiment: ["angry"] },
          invite: { users: ["USYNC"] },
        },
      ],
    });
    const t = triageTicket(
      { ...ticket, description: "I want a refund." },
      { routing, knownAreas: ["hubspot-sync"] },
    );
    expect(t.owner.value?.rules).toEqual(["refunds"]);
    expect(route(routing, { severity: "high", productAreas: [] }).rules).toEqual([]);
  });

  it("rejects an unknown policy risk in the rules file", async () => {
    const { writeFile, mkdtemp } = await import("node:fs/promises");
    const dir = await mkdtemp("/tmp/rules-");
    await writeFile(
      `${dir}/r.json`,
      JSON.stringify({
        rules: [{ name: "x", when: { policyRisk: ["refunds"] }, invite: { users: ["U1"] } }],
      }),
    );
    await expect(loadRoutingRules(`${dir}/r.json`)).rejects.toThrow(/policyRisk/);
  });
});

describe("urgency and missing details", () => {
  it("raises the priority on what the customer says, and asks only for what the topic needs", () => {
    const down = triageTicket(
      { ...ticket, description: "Production is down for all users, nobody can log in." },
      { now: new Date("2026-11-01T10:30:00Z") },
    );
    expect(down.urgency.value).toBe("urgent");
    expect(down.urgency.reason).toContain("production is down");
    const billing = triageTicket(
      { ...ticket, subject: "Invoice", description: "Invoice INV-2231 from 3 November looks wrong." },
      { knownAreas: ["invoicing", "scheduling"], now: new Date("2026-11-01T10:30:00Z") },
    );
    expect(billing.topic.value).toBe("invoicing");
    expect(billing.missingDetails.value).toEqual([]);
    const vague = triageTicket(ticket, { now: new Date("2026-11-01T10:30:00Z") });
    expect(vague.missingDetails.value).toEqual(expect.arrayContaining(["environment", "error_text"]));
    expect(vague.missingDetails.reason).toMatch(/^Ask once for/);
  });
});
