import { describe, expect, it } from "vitest";
import { mention } from "../../../src/domain/message-text.ts";
import { withPeople } from "../../../src/war-room/build-catch-up.ts";

describe("the catch-up's mentions", () => {
  it("mentions only the people warroom named and leaves anything typed as words", () => {
    const text = "Who is on it: <@U1> (requester)\n  #1 <@U2> ping <@U9> and <!channel> <@U1>";
    expect(withPeople(text, ["U1", "U2"])).toEqual([
      "Who is on it: ",
      mention("U1"),
      " (requester)\n  #1 ",
      mention("U2"),
      " ping ",
      "<@U9>",
      " and <!channel> ",
      mention("U1"),
    ]);
  });
});
