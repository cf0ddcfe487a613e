import { describe, expect, it } from "vitest";
import { caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import { triageTicket } from "../../../src/triage/index.ts";
import { buildContextCard } from "../../../src/use-cases/build-context-card.ts";

const bundle = caseBundleSchema.parse({
  escalation: { id: "ESC-1", openedAt: "2026-11-20T12:00:00Z", summary: "Billing mess" },
  account: { id: "ACC-1", name: "Acme" },
  tickets: [
    {
      id: "T-1",
      subject: "Charged twice",
      description: "You charged us twice for INV-88 and we want our money back!!",
      status: "open",
      createdAt: "2026-11-19T10:00:00Z",
    },
    { id: "T-2", subject: "Export question", status: "open", createdAt: "2026-11-18T10:00:00Z" },
  ],
});

describe("the context card's triage line", () => {
  it("shows each listed ticket's stored triage, and triages the ones without", () => {
    const stored = triageTicket(bundle.tickets[1]!, {
      knownAreas: ["analytics-exports"],
      now: new Date("2026-11-20T12:00:00Z"),
    });
    const card = buildContextCard(
      bundle,
      5,
      new Map([["T-2", { ...stored, topic: { ...stored.topic, value: "analytics-exports" } }]]),
    );
    const [t1, t2] = card.tickets.latest;
    expect(t1?.triage).toMatch(/policy risk (billing dispute|refund): a person answers/);
    expect(t2?.triage).toMatch(/^topic analytics-exports · urgency normal · sentiment neutral/);
  });
});
