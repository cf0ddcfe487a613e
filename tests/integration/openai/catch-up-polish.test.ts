import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiAdapter } from "../../../integrations/openai/index.ts";
import { keepsNumbersAndIds, polishCatchUp } from "../../../src/war-room/polish-catch-up.ts";
import { type FakeOpenAi, startFakeOpenAi } from "../../fakes/openai-server.ts";
import { testLogger } from "../../support/databases.ts";

const CATCH_UP = [
  "Catch-up on WR-2026-0001 — opened 3 h ago · critical · open",
  "What happened: sync stopped for jane.doe@example.com's team",
  "Account: Halvard Field Services (ACC-0040) · mid_market · ARR $46,500 · renewal in 49 days",
  "Hypotheses:",
  "  ✅ #1 Regression in hubspot-sync 4.2.0 (CHG-0161) (confirmed, confirmed by <@U01ALICE0>)",
].join("\n");

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi("sk-test");
});
afterAll(() => fake.close());

const llm = () => createOpenAiAdapter({ apiKey: "sk-test", baseUrl: fake.baseUrl, model: "fake-model" });

describe("the catch-up reworded by an LLM", () => {
  it("keeps the rewording when every number and id survives, and sends no email address", async () => {
    const reworded = CATCH_UP.replace("What happened:", "In short:").replace(
      "Hypotheses:",
      "Leading causes:",
    );
    fake.script({ kind: "answer", content: () => ({ text: reworded }) });
    expect(await polishCatchUp(CATCH_UP, llm(), testLogger)).toBe(reworded);
    expect(JSON.stringify(fake.requests.at(-1))).not.toContain("jane.doe@example.com");
  });

  it("keeps the text built from the records when the LLM drops an id, changes a number, or fails", async () => {
    fake.script({ kind: "answer", content: () => ({ text: CATCH_UP.replace(" (CHG-0161)", "") }) });
    expect(await polishCatchUp(CATCH_UP, llm(), testLogger)).toBe(CATCH_UP);
    fake.script({ kind: "answer", content: () => ({ text: CATCH_UP.replace("$46,500", "$47K") }) });
    expect(await polishCatchUp(CATCH_UP, llm(), testLogger)).toBe(CATCH_UP);
    fake.script({ kind: "error", status: 500, code: "server_error", message: "boom" });
    expect(await polishCatchUp(CATCH_UP, llm(), testLogger)).toBe(CATCH_UP);
    expect(await polishCatchUp(CATCH_UP, null, testLogger)).toBe(CATCH_UP);
  });

  it("counts a mention or an evidence id lost as a change", () => {
    expect(keepsNumbersAndIds(CATCH_UP, CATCH_UP.replace("<@U01ALICE0>", "Alice"))).toBe(false);
    expect(keepsNumbersAndIds(CATCH_UP, CATCH_UP.replace("ACC-0040", "the account"))).toBe(false);
    expect(keepsNumbersAndIds(CATCH_UP, CATCH_UP)).toBe(true);
  });
});
