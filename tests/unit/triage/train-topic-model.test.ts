import { describe, expect, it } from "vitest";
import { trainTopicModel } from "../../../src/triage/index.ts";

const examples = [
  ...[
    "my card has not arrived",
    "card still not delivered",
    "when will my new card arrive",
    "waiting for card delivery",
  ].map((text) => ({ text, label: "card_arrival" })),
  ...[
    "top up failed",
    "my top-up did not go through",
    "topping up my account failed",
    "top up was declined",
  ].map((text) => ({ text, label: "top_up_failed" })),
  ...["change my pin", "how to reset pin", "i forgot my pin", "pin change at atm"].map((text) => ({
    text,
    label: "change_pin",
  })),
];

describe("trainTopicModel", () => {
  it("learns topics from labelled texts, the same way each time", () => {
    const model = trainTopicModel(examples);
    expect(model.labels).toEqual(["card_arrival", "change_pin", "top_up_failed"]);
    expect(model.classify("my new card has still not arrived").label).toBe("card_arrival");
    expect(model.classify("the top up failed again").label).toBe("top_up_failed");
    const again = trainTopicModel(examples);
    expect(again.classify("forgot pin").confidence).toBe(model.classify("forgot pin").confidence);
  });

  it("needs at least two topics", () => {
    expect(() => trainTopicModel([{ text: "a", label: "x" }])).toThrow(/two topics/);
  });
});
