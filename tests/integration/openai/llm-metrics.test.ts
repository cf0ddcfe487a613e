/**
 * The LLM's figures for GET /metrics, through the real openai client against the fake server: each HTTP
 * attempt counted (a 429 as rate-limited), each request's latency by outcome, and an analysis whose LLM
 * failed counted as a fallback to the evidence engine. Counters are per process: compared before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiAdapter } from "../../../integrations/openai/index.ts";
import { digestHeadlineSchema } from "../../../prompts/digest-headline.schema.ts";
import { registry } from "../../../src/metrics/metrics.ts";
import { analyzeCase } from "../../../src/use-cases/analyze-case.ts";
import { type FakeOpenAi, startFakeOpenAi } from "../../fakes/openai-server.ts";
import { piiBundle } from "../../support/bundles.ts";
import { testLogger } from "../../support/databases.ts";

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi("sk-test");
});
afterAll(() => fake.close());

const llm = () => createOpenAiAdapter({ apiKey: "sk-test", baseUrl: fake.baseUrl, model: "fake-model" });

/** name{labels} → value, for the samples of this process's registry. */
async function samples(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const line of (await registry.metrics()).split("\n")) {
    const match = /^(\S+) (\S+)$/.exec(line);
    if (match && !line.startsWith("#")) out.set(match[1]!, Number(match[2]));
  }
  return out;
}

describe("LLM metrics", () => {
  it("counts attempts, rate limits, latency by outcome and fallbacks to the evidence engine", async () => {
    const before = await samples();
    const request = {
      name: "digest_headline",
      instructions: "reword",
      input: "7 of 15",
      schema: digestHeadlineSchema,
    };
    // A 429 then an answer: two calls, one rate-limited, and one request that succeeded.
    fake.script(
      { kind: "error", status: 429, code: "rate_limit_exceeded", message: "slow down", retryAfter: 1 },
      { kind: "answer", content: () => ({ sentence: "Seven of 15" }) },
    );
    await llm().generate(request);
    // A server error the analysis cannot recover from: the evidence engine's answer stands.
    fake.script({ kind: "error", status: 401, code: "invalid_api_key", message: "no" });
    const analysis = await analyzeCase(piiBundle(), { engine: "openai", llm: llm(), logger: testLogger });
    expect(analysis.engine).toBe("evidence");

    const after = await samples();
    const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    expect(delta('warroom_external_calls_total{system="llm",outcome="ok"}')).toBe(1);
    expect(delta('warroom_external_calls_total{system="llm",outcome="rate_limited"}')).toBe(1);
    expect(delta('warroom_external_calls_total{system="llm",outcome="error"}')).toBe(1);
    expect(delta('warroom_llm_request_duration_seconds_count{outcome="ok"}')).toBe(1);
    expect(delta('warroom_llm_request_duration_seconds_count{outcome="error"}')).toBe(1);
    expect(delta('warroom_llm_fallbacks_total{reason="auth_failed"}')).toBe(1);
  });
});
