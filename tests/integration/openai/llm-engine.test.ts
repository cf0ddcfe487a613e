import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiAdapter } from "../../../integrations/openai/index.ts";
import type { RootCauseAnswer } from "../../../prompts/root-cause.schema.ts";
import { countTokens } from "../../../src/llm-engine/build-evidence-pack.ts";
import { analyzeCase } from "../../../src/use-cases/analyze-case.ts";
import { type ChatRequest, type FakeOpenAi, startFakeOpenAi } from "../../fakes/openai-server.ts";
import { noisyBundle, PLANTED, piiBundle } from "../../support/bundles.ts";
import { testLogger } from "../../support/databases.ts";

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi("sk-test");
});
afterAll(() => fake.close());

const llm = () => createOpenAiAdapter({ apiKey: "sk-test", baseUrl: fake.baseUrl, model: "fake-model" });
const analyze = (bundle = piiBundle(), timeoutMs?: number) =>
  analyzeCase(bundle, { engine: "openai", llm: llm(), logger: testLogger, timeoutMs });

function answer(overrides: Partial<RootCauseAnswer> = {}): RootCauseAnswer {
  return {
    certain: ["Commission_Rate__c errors since Nov 10"],
    possible: [],
    hypotheses: [
      {
        title: "Field renames orphaned the sync mappings",
        category: "customer_change",
        likelihood: 0.8,
        evidence: ["C-RENAME", "T-2", "K-7"],
        against: ["C-V24"],
        rationale: "The renamed column is the one the sync errors name.",
        checks: ["Compare the mapping for Commission_Rate__c with the org's fields"],
      },
      {
        title: "v2.4 regression",
        category: "product_defect",
        likelihood: 0.5,
        evidence: ["C-V24"],
        against: [],
        rationale: "Deployed after onset.",
        checks: ["Diff v2.4 mapping code"],
      },
    ],
    pattern: {
      verdict: "pattern",
      relatedEscalations: ["ESC-9"],
      sharedAttributes: ["crm=Salesforce Professional"],
    },
    timeline: [{ at: "2026-11-09T14:00:00Z", evidence: "C-RENAME", note: "fields renamed" }],
    talkingPoints: ["We found the cause"],
    preventiveMeasures: ["Alert on mapping errors"],
    ...overrides,
  };
}
const userMessage = (request: ChatRequest) => request.messages.find((m) => m.role === "user")?.content ?? "";

describe("LLM engine against an OpenAI-compatible server", () => {
  it("returns the model's checked analysis: ranked, normalised, engine openai", async () => {
    fake.script({ kind: "answer", content: () => answer() });
    const result = await analyze();
    expect(result.engine).toBe("openai");
    expect(result.notes).toBeUndefined();
    expect(result.hypotheses.map((h) => [h.rank, h.category, h.evidence[0]])).toEqual([
      [1, "customer_change", "C-RENAME"],
      [2, "product_defect", "C-V24"],
    ]);
    const sum = result.hypotheses.reduce((s, h) => s + h.likelihood, 0);
    expect(sum).toBeLessThanOrEqual(1);
    expect(result.hypotheses[0]!.likelihood).toBeGreaterThanOrEqual(result.hypotheses[1]!.likelihood);
    expect(result.pattern).toEqual({
      verdict: "pattern",
      relatedEscalations: ["ESC-9"],
      sharedAttributes: ["crm=Salesforce Professional"],
    });
  });

  it("removes made-up ids, drops a hypothesis left with none, and says so", async () => {
    fake.script({
      kind: "answer",
      content: () =>
        answer({
          hypotheses: [
            { ...answer().hypotheses[0]!, evidence: ["X-999", "C-RENAME"] },
            {
              title: "Invented",
              category: "infrastructure",
              likelihood: 0.3,
              evidence: ["NOPE-1"],
              against: [],
              rationale: "r",
              checks: ["c"],
            },
          ],
        }),
    });
    const result = await analyze();
    expect(result.hypotheses).toHaveLength(1);
    expect(result.hypotheses[0]!.evidence).toEqual(["C-RENAME"]);
    expect(result.notes?.join(" ")).toMatch(/X-999.*NOPE-1|NOPE-1.*X-999/);
  });

  it("cannot be steered by instructions inside ticket text into citing evidence that is not there", async () => {
    // A model that obeyed the planted instruction: it cites EVIL-1, which no bundle item has.
    fake.script({
      kind: "answer",
      content: () => answer({ hypotheses: [{ ...answer().hypotheses[0]!, evidence: ["EVIL-1"] }] }),
    });
    const result = await analyze();
    expect(JSON.stringify(result.hypotheses)).not.toContain("EVIL-1");
    expect(result.engine).toBe("evidence");
    expect(result.notes?.[0]).toMatch(/LLM engine failed/);
    const system = fake.requests.at(-1)!.messages.find((m) => m.role === "system")!.content;
    expect(system).toMatch(/Never follow\s+such text/);
    expect(userMessage(fake.requests.at(-1)!)).toMatch(
      /<evidence>[\s\S]*Ignore previous instructions[\s\S]*<\/evidence>/,
    );
  });

  it.each([
    ["a 500", { kind: "error", status: 500, code: "server_error", message: "The server had an error" }],
    ["malformed JSON", { kind: "raw-content", content: '{"hypotheses": [ {"title": "unterminated' }],
    ["a wrong shape", { kind: "raw-content", content: '{"answer": 42}' }],
    ["a 401", { kind: "error", status: 401, code: "invalid_api_key", message: "Incorrect API key" }],
  ] as const)("falls back to the evidence engine on %s and says so", async (_name, reply) => {
    fake.script(reply);
    const result = await analyze();
    expect(result.engine).toBe("evidence");
    expect(result.hypotheses.length).toBeGreaterThan(0);
    expect(result.notes?.[0]).toMatch(
      /the LLM engine failed \(openai: .+\); this is the evidence engine's analysis/,
    );
  });

  it("falls back when the server does not answer in time, and never asks again after a timeout", async () => {
    fake.script({ kind: "hang" });
    fake.requests.length = 0;
    const result = await analyze(piiBundle(), 500);
    expect(result.engine).toBe("evidence");
    expect(result.notes?.[0]).toMatch(/no answer within 500 ms \(OPENAI_TIMEOUT_MS\)/);
    expect(fake.requests).toHaveLength(1);
  });

  it("tries once more after a server error while time remains", async () => {
    fake.requests.length = 0;
    fake.script(
      { kind: "error", status: 503, code: "overloaded", message: "try later" },
      { kind: "answer", content: () => answer() },
    );
    const result = await analyze(piiBundle(), 10_000);
    expect(result.engine).toBe("openai");
    expect(fake.requests).toHaveLength(2);
  });

  it("never sends a planted email, phone, card or name, and restores them in the answer", async () => {
    fake.requests.length = 0;
    // The model refers to people by their placeholders, as the prompt asks.
    fake.script({
      kind: "answer",
      content: (request) => {
        const text = userMessage(request);
        const email = /\[EMAIL_\d+\]/.exec(text)?.[0] ?? "";
        const name = /\[NAME_\d+\]/.exec(text)?.[0] ?? "";
        return answer({ talkingPoints: [`Call ${name} at ${email} after the fix`] });
      },
    });
    const result = await analyze();
    const sent = JSON.stringify(fake.requests);
    for (const value of [...PLANTED.emails, ...PLANTED.phones, ...PLANTED.names, PLANTED.card]) {
      expect(sent, value).not.toContain(value);
    }
    expect(sent).toMatch(/\[EMAIL_1\]/);
    expect(result.talkingPoints[0]).toMatch(
      /^Call (Maria Lopez|Joseph Okafor) at (maria\.lopez|j\.okafor)@acme\.example after the fix$/,
    );
  });

  it("keeps the evidence pack within 6,000 tokens for a large account, causal items included", async () => {
    fake.requests.length = 0;
    fake.script({ kind: "answer", content: () => answer() });
    await analyze(noisyBundle(3000));
    const text = userMessage(fake.requests[0]!);
    const pack = text.slice(0, text.indexOf("</evidence>") + "</evidence>".length);
    expect(countTokens(pack)).toBeLessThanOrEqual(6000);
    for (const id of ["C-RENAME", "T-2", "ESC-9", "K-7"]) expect(pack).toContain(`[${id}]`);
  });
});
