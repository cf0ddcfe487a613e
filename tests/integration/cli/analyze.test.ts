import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAi, startFakeOpenAi } from "../../fakes/openai-server.ts";
import { piiBundle } from "../../support/bundles.ts";
import { runWarroom } from "../../support/run-cli.ts";

const bundle = JSON.stringify(piiBundle());

describe("warroom analyze", () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi("sk-cli");
  });
  afterAll(() => fake.close());

  it("prints the contract's JSON from standard input with the evidence engine", async () => {
    const result = await runWarroom(["analyze", "-", "--engine", "evidence"], {}, bundle);
    expect(result.code).toBe(0);
    const analysis = JSON.parse(result.stdout);
    expect(analysis).toMatchObject({ escalationId: "ESC-T-1", engine: "evidence" });
    expect(analysis.hypotheses[0].rank).toBe(1);
  });

  it("prints Markdown for people, evidence cited by name", async () => {
    const result = await runWarroom(["analyze", "-", "--format", "md", "--engine", "evidence"], {}, bundle);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Root-cause analysis: Acme Corp \(ESC-T-1\)/);
    expect(result.stdout).toMatch(/## 1\. .+ — \d+% · \w+/);
    expect(result.stdout).toContain("Checks:");
  });

  it("uses an OpenAI-compatible server named by the environment", async () => {
    fake.script({
      kind: "answer",
      content: () => ({
        certain: [],
        possible: [],
        hypotheses: [
          {
            title: "Renamed fields",
            category: "customer_change",
            likelihood: 0.7,
            evidence: ["C-RENAME"],
            against: [],
            rationale: "r",
            checks: ["c"],
          },
        ],
        pattern: { verdict: "isolated", relatedEscalations: [], sharedAttributes: [] },
        timeline: [],
        talkingPoints: [],
        preventiveMeasures: [],
      }),
    });
    const env = { OPENAI_API_KEY: "sk-cli", OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: "fake" };
    const result = await runWarroom(["analyze", "-"], env, bundle);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      engine: "openai",
      hypotheses: [{ evidence: ["C-RENAME"] }],
    });
  });

  it.each(["auto", "openai"])(
    "with --engine %s and a server that never answers, prints the evidence engine's analysis and says why",
    async (engine) => {
      fake.script({ kind: "hang" });
      fake.requests.length = 0;
      const env = {
        OPENAI_API_KEY: "sk-cli",
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_TIMEOUT_MS: "1000",
        LOG_LEVEL: "warn",
      };
      const result = await runWarroom(["analyze", "-", "--engine", engine], env, bundle);
      expect(result.code).toBe(0);
      const analysis = JSON.parse(result.stdout);
      expect(analysis.engine).toBe("evidence");
      expect(analysis.notes).toEqual([
        expect.stringMatching(/no answer within 1000 ms \(OPENAI_TIMEOUT_MS\)/),
      ]);
      expect(fake.requests).toHaveLength(1);
      // One warning line for the operator, no stack trace unless LOG_LEVEL=debug.
      const lines = result.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/llm engine failed/);
      expect(result.stderr).not.toMatch(/\s+at /);
    },
  );

  it("exits 2 for an OPENAI_TIMEOUT_MS that is not a number of milliseconds, naming it", async () => {
    const env = { OPENAI_API_KEY: "sk-cli", OPENAI_TIMEOUT_MS: "soon" };
    const result = await runWarroom(["analyze", "-"], env, bundle);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("OPENAI_TIMEOUT_MS");
  });

  it.each([
    ["not JSON", "{ nope", /standard input is not valid JSON/],
    [
      "a missing field",
      JSON.stringify({ ...piiBundle(), escalation: { id: "E", summary: "s" } }),
      /invalid case bundle at escalation\.openedAt: required string is missing/,
    ],
    [
      "a wrong type",
      JSON.stringify({ ...piiBundle(), account: { id: "A", name: "n", arr: "lots" } }),
      /invalid case bundle at account\.arr: expected number, got "lots"/,
    ],
    [
      "a bad category",
      JSON.stringify({ ...piiBundle(), knowledge: [{ id: "K", title: "t", category: "gremlins" }] }),
      /knowledge\[0\]\.category: expected one of "product_defect"/,
    ],
  ])("exits 2 on %s with the JSON path and no stack trace", async (_name, input, message) => {
    const result = await runWarroom(["analyze", "-"], {}, input);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 when --engine openai has no API key, naming the variable", async () => {
    const result = await runWarroom(["analyze", "-", "--engine", "openai"], {}, bundle);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("OPENAI_API_KEY");
  });

  it("exits 2 for a file that does not exist or a format it does not know", async () => {
    expect((await runWarroom(["analyze", "/nonexistent/bundle.json"])).stderr).toMatch(
      /cannot read \/nonexistent\/bundle\.json/,
    );
    expect((await runWarroom(["analyze", "-", "--format", "pdf"], {}, bundle)).code).toBe(2);
  });
});
