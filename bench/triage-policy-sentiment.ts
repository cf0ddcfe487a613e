/**
 * Policy risk and sentiment on labelled examples of our own (tests/fixtures/triage/policy-risk.csv and
 * sentiment.csv; `split` = dev for the examples the patterns were written against, heldout for the rest):
 * precision and recall per class on each split, beside a peer measured in the same run — single-word rules
 * ("refund" → refund, "thanks" → positive), the approach the phrase patterns replace.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { detectPolicyRisk } from "../src/triage/detect-policy-risk.ts";
import { scoreClasses } from "../src/triage/evaluate-topics.ts";
import { readTone } from "../src/triage/read-sentiment.ts";

interface Row {
  text: string;
  label: string;
  split: "dev" | "heldout";
}
const FIXTURES = join(import.meta.dirname, "../tests/fixtures/triage");
const read = (file: string): Row[] => parse(readFileSync(join(FIXTURES, file), "utf8"), { columns: true });

const POLICY_WORDS: [RegExp, string][] = [
  [/refund/i, "refund"],
  [/charge|invoice|billed/i, "billing_dispute"],
  [/legal|lawyer|attorney/i, "legal"],
  [/privacy|gdpr|personal data/i, "privacy"],
  [/security|hack|password/i, "security"],
  [/safety|fire|shock/i, "safety"],
  [/patient|medical|health/i, "medical"],
  [/fraud|stolen|transaction/i, "financial"],
];
const TONE_WORDS: [RegExp, string][] = [
  [/unacceptable|ridiculous|angry|furious/i, "angry"],
  [/frustrat|still|again/i, "frustrated"],
  [/confus|understand|\?/i, "confused"],
  [/thank|great/i, "positive"],
];
const byWord = (rules: [RegExp, string][], fallback: string) => (text: string) =>
  rules.find(([re]) => re.test(text))?.[1] ?? fallback;

function report(title: string, rows: Row[], ours: (t: string) => string, peer: (t: string) => string): void {
  for (const split of ["dev", "heldout"] as const) {
    const part = rows.filter((r) => r.split === split);
    const gold = part.map((r) => r.label);
    const mine = scoreClasses(
      gold,
      part.map((r) => ours(r.text)),
    );
    const theirs = scoreClasses(
      gold,
      part.map((r) => peer(r.text)),
    );
    const acc = (f: (t: string) => string) => part.filter((r) => f(r.text) === r.label).length / part.length;
    console.log(
      `\n${title}, ${split} (${part.length} examples): accuracy ${acc(ours).toFixed(2)} (single-word peer ${acc(peer).toFixed(2)})`,
    );
    console.log(
      `${"class".padEnd(16)} ${"support".padStart(7)} ${"P".padStart(5)} ${"R".padStart(5)}   peer P  peer R`,
    );
    mine.forEach((c, i) => {
      const p = theirs[i]!;
      console.log(
        `${c.label.padEnd(16)} ${String(c.support).padStart(7)} ${c.precision.toFixed(2).padStart(5)} ${c.recall.toFixed(2).padStart(5)}   ${p.precision.toFixed(2).padStart(6)} ${p.recall.toFixed(2).padStart(6)}`,
      );
    });
  }
}

report(
  "policy risk",
  read("policy-risk.csv"),
  (t) => detectPolicyRisk(t).value,
  byWord(POLICY_WORDS, "none"),
);
report("sentiment", read("sentiment.csv"), (t) => readTone(t).tone, byWord(TONE_WORDS, "neutral"));
