import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runWarroom } from "../../support/run-cli.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/triage");
const ticket = {
  id: "T-1",
  subject: "Charged twice",
  description: "We were charged twice for invoice INV-88 and want our money back. This is unacceptable!",
  status: "open",
  priority: "high",
  createdAt: "2026-12-01T10:00:00Z",
  accountId: "acc-1",
};

describe("warroom triage", () => {
  it("prints the triage of a ticket from standard input as JSON", async () => {
    const result = await runWarroom(["triage", "-"], {}, JSON.stringify(ticket));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const triage = JSON.parse(result.stdout);
    expect(triage).toMatchObject({
      ticketId: "T-1",
      automatedAnswerAllowed: false,
      sentiment: { value: "angry" },
    });
    expect(["billing_dispute", "refund"]).toContain(triage.policyRisk.value);
    // Without --history, the topics are learned from the local dataset (here the bundled sample's tags).
    expect(triage.topic).toMatchObject({
      source: "learned",
      value: expect.stringMatching(/billing|invoicing|payments/),
    });
    for (const field of ["topic", "urgency", "sentiment", "policyRisk", "missingDetails", "owner"]) {
      expect(triage[field].reason).toMatch(/\.$/);
      expect(typeof triage[field].confidence).toBe("number");
    }
  });

  it("learns topics from --history and prints Markdown", async () => {
    const result = await runWarroom(
      ["triage", "-", "--format", "md", "--history", join(FIXTURES, "topics-train.csv")],
      {},
      JSON.stringify(ticket),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("| Topic | billing |");
    expect(result.stdout).toContain("Automated answer: never");
  });

  it("names the field of an invalid ticket and exits 2", async () => {
    const result = await runWarroom(
      ["triage", "-"],
      {},
      JSON.stringify({ ...ticket, createdAt: "yesterday" }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("createdAt");
  });
});

describe("warroom triage evaluate", () => {
  it("trains on one labelled CSV, scores another and prints the fixed JSON keys", async () => {
    const result = await runWarroom([
      "triage",
      "evaluate",
      join(FIXTURES, "topics-train.csv"),
      join(FIXTURES, "topics-test.csv"),
      "--format",
      "json",
    ]);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report).sort()).toEqual([
      "accuracy",
      "classes",
      "macroF1",
      "msPerItem",
      "test",
      "train",
      "trainMs",
    ]);
    expect(report).toMatchObject({ train: 18, test: 6 });
    expect(report.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it("says a single-category export cannot teach topics, and exits 2", async () => {
    const result = await runWarroom([
      "triage",
      "evaluate",
      join(FIXTURES, "one-category.csv"),
      join(FIXTURES, "topics-test.csv"),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("at least two topics (categories)");
  });

  it("says which column is missing", async () => {
    const result = await runWarroom([
      "triage",
      "evaluate",
      join(FIXTURES, "topics-test.csv"),
      join(FIXTURES, "no-category.csv"),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no "category" column/);
  });
});
