import { describe, expect, it } from "vitest";
import { accountChoiceQuestion } from "../../../src/war-room/account-choice-question.ts";

describe("the account question of /escalate in Slack and Teams", () => {
  it("asks about one resembling account by name, never as 'several'", () => {
    expect(
      accountChoiceQuestion("Copperline Heating", [{ accountId: "ACC-0001", name: "Copperline HVAC" }]),
    ).toBe('No account is named "Copperline Heating". Did you mean Copperline HVAC (ACC-0001)?');
  });

  it("counts several", () => {
    const matches = [
      { accountId: "ACC-0021", name: "Alderbank Dental Group" },
      { accountId: "ACC-0043", name: "Harbor Lights Dental" },
    ];
    expect(accountChoiceQuestion("Dental", matches)).toBe('"Dental" matches 2 accounts. Which one?');
  });
});
