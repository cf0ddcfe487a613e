import { afterEach, describe, expect, it } from "vitest";
import { createOpenAiAdapter } from "../../../integrations/openai/index.ts";
import { polishHeadline, writeHeadline } from "../../../src/digest/write-headline.ts";
import { formatMoney } from "../../../src/domain/money.ts";
import { type FakeOpenAi, startFakeOpenAi } from "../../fakes/openai-server.ts";
import { testLogger } from "../../support/databases.ts";

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const counts = { week: "2026-W47", opened: 3, resolved: 2 };
const base = {
  escalations: { ...counts, previous: { ...counts, week: "2026-W46", opened: 5 }, trend: [] },
  arrAtRisk: { open: 0, openAccounts: 0, renewingWithin90Days: 0, renewingAccounts: 0 },
};

describe("the executive sentence", () => {
  it("names the top cause with its share of the quarter and its ARR", () => {
    const rootCauses = {
      since: "",
      opened: 15,
      total: 11,
      categories: [{ category: "customer_change" as const, count: 7, arr: 2_345_000, thisWeek: 1 }],
      preventable: { product: 0, process: 0, external: 1 },
    };
    expect(writeHeadline({ ...base, rootCauses })).toBe(
      "7 of 15 escalations in the last 13 weeks stemmed from changes on the customer's side (accounts worth $2.3M ARR).",
    );
    // "At risk" is the digest's own figure for open escalations, never the category's ARR.
    const risk = { ...base.arrAtRisk, open: 640_400, openAccounts: 2 };
    expect(writeHeadline({ ...base, arrAtRisk: risk, rootCauses })).toBe(
      "7 of 15 escalations in the last 13 weeks stemmed from changes on the customer's side (accounts worth $2.3M ARR); $640K of ARR is at risk in open escalations.",
    );
    const empty = { ...rootCauses, opened: 0, total: 0, categories: [] };
    expect(writeHeadline({ ...base, rootCauses: empty })).toBe(
      "3 escalations opened this week (5 the week before); no root cause has been validated yet in the last 13 weeks.",
    );
  });

  it("writes money the way leaders read it", () => {
    expect([
      formatMoney(2_345_000),
      formatMoney(640_400),
      formatMoney(9_500),
      formatMoney(1_000_000),
    ]).toEqual(["$2.3M", "$640K", "$9,500", "$1M"]);
  });

  it("takes an LLM's rewording only when every number survives", async () => {
    fake = await startFakeOpenAi("sk-test");
    const llm = createOpenAiAdapter({
      apiKey: "sk-test",
      baseUrl: fake.baseUrl,
      model: "fake-model",
    });
    const sentence =
      "7 of 15 escalations this quarter stemmed from changes on the customer's side, representing $2.3M of ARR at risk.";
    fake.script({
      kind: "answer",
      content: () => ({
        sentence: "Customer-side changes caused 7 of 15 escalations this quarter, $2.3M of ARR at risk.",
      }),
    });
    expect(await polishHeadline(sentence, llm, testLogger)).toBe(
      "Customer-side changes caused 7 of 15 escalations this quarter, $2.3M of ARR at risk.",
    );
    fake.script({
      kind: "answer",
      content: () => ({
        sentence: "Nearly half of escalations (7 of 16) came from customer changes: $2.3M at risk.",
      }),
    });
    expect(await polishHeadline(sentence, llm, testLogger)).toBe(sentence);
    fake.script({
      kind: "answer",
      content: () => ({
        sentence: "15 of 7 escalations this quarter: customer changes, $2.3M of ARR at risk.",
      }),
    });
    expect(await polishHeadline(sentence, llm, testLogger)).toBe(sentence);
    fake.script({ kind: "error", status: 500, code: "server_error", message: "boom" });
    expect(await polishHeadline(sentence, llm, testLogger)).toBe(sentence);
    expect(await polishHeadline(sentence, null, testLogger)).toBe(sentence);
    expect(fake.requests[0]?.messages.at(-1)?.content).toBe(sentence);
  });
});
