/**
 * The phrase patterns agree with every dev example of the labelled fixtures (the held-out ones are only
 * scored, by bench/triage-policy-sentiment.ts), so a pattern change that breaks a known case fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { detectPolicyRisk, readTone } from "../../../src/triage/index.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/triage");
const dev = (file: string) =>
  (
    parse(readFileSync(join(FIXTURES, file), "utf8"), { columns: true }) as {
      text: string;
      label: string;
      split: string;
    }[]
  ).filter((r) => r.split === "dev");

describe("labelled fixtures, dev split", () => {
  it.each(dev("policy-risk.csv"))("policy risk of $text is $label", ({ text, label }) => {
    expect(detectPolicyRisk(text).value).toBe(label);
  });
  it.each(dev("sentiment.csv"))("tone of $text is $label", ({ text, label }) => {
    expect(readTone(text).tone).toBe(label);
  });
});
