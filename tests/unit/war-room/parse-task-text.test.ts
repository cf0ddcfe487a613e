/**
 * `task @owner <text> [--due YYYY-MM-DD]` and `done N` as typed on Slack and Teams, and the mistakes each
 * answers with how to write it instead.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/errors.ts";
import { parseTaskNumber, parseTaskText } from "../../../src/war-room/parse-task-text.ts";
import { policyOf, ROUTES } from "../../../src/war-room/route-policies.ts";

const TODAY = "2026-12-06";

describe("parseTaskText", () => {
  it("reads a Slack mention, the text and a due date wherever the flag stands", () => {
    expect(parseTaskText("<@U024BE7LH|priya> Call the CFO --due 2026-12-24", TODAY)).toEqual({
      owner: { userId: "U024BE7LH" },
      text: "Call the CFO",
      due: "2026-12-24",
    });
    expect(parseTaskText("--due=2026-12-06 <@U1> Replay the batches", TODAY).due).toBe("2026-12-06");
  });

  it("reads an owner given by email, lower-cased, and leaves the due date out when none is given", () => {
    expect(parseTaskText("Priya.Raman@Example.com send the replay plan", TODAY)).toEqual({
      owner: { email: "priya.raman@example.com" },
      text: "send the replay plan",
      due: null,
    });
  });

  it.each([
    ["<@U1> x --due 2026-02-30", /"2026-02-30" after --due is not a date: write it as YYYY-MM-DD/],
    ["<@U1> x --due 24/12/2026", /"24\/12\/2026" after --due is not a date/],
    ["<@U1> x --due", /"\(nothing\)" after --due is not a date/],
    ["<@U1> x --due 2026-12-05", /the due date 2026-12-05 is in the past \(today is 2026-12-06\)/],
    ["Call the CFO", /name the owner first, as a mention or an email: task @owner/],
    ["", /name the owner first/],
    ["<@U1>   --due 2026-12-24", /say what is to be done after the owner/],
  ])("refuses %j, saying how to write it", (text, message) => {
    expect(() => parseTaskText(text, TODAY)).toThrow(InputError);
    expect(() => parseTaskText(text, TODAY)).toThrow(message);
  });
});

describe("parseTaskNumber", () => {
  it("reads N and #N", () => {
    expect(parseTaskNumber(" 3 ")).toBe(3);
    expect(parseTaskNumber("#12")).toBe(12);
  });

  it.each(["", "zero", "0", "-1", "1.5"])("refuses %j with an example", (text) => {
    expect(() => parseTaskNumber(text)).toThrow(/say which follow-up is done by its number, e.g. done 2/);
  });
});

describe("the route table", () => {
  it("puts every war-room route under exactly one policy", () => {
    const all = Object.values(ROUTES).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(policyOf("status")).toBe("anyone");
    expect(policyOf("task")).toBe("member");
    expect(policyOf("done")).toBe("member");
    expect(policyOf("catchup")).toBe("member");
    for (const route of ["resolve", "record-resolution", "reopen", "close"] as const)
      expect(policyOf(route)).toBe("owner");
  });
});
