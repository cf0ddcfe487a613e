/**
 * The digest's executive sentence: "7 of 15 escalations in the last 13 weeks stemmed from changes on the
 * customer's side (accounts worth $2.3M ARR); $640K of ARR is at risk in open escalations." It counts every
 * escalation opened in those weeks (validated or not), and its "at risk" figure is the one the digest lists
 * under open escalations, so the two never disagree. Written from the computed numbers; an LLM, when configured, may
 * reword it, and its wording is kept only if every number of the original survives and none is added.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { digestHeadlineSchema } from "../../prompts/digest-headline.schema.ts";
import type { Category } from "../domain/categories.ts";
import { formatMoney } from "../domain/money.ts";
import type { Logger } from "../logger.ts";
import type { LlmClient } from "../ports/llm-client.ts";
import type { Digest } from "./digest.ts";

const PROMPT_PATH = join(import.meta.dirname, "../../prompts/digest-headline.md");

/** How a category reads in a sentence. */
export const CATEGORY_PHRASES: Readonly<Record<Category, string>> = {
  product_defect: "defects in our product",
  vendor_change: "changes we shipped",
  infrastructure: "our infrastructure",
  third_party: "third-party providers",
  customer_change: "changes on the customer's side",
  data_quality: "bad data coming in or going out",
  usage_growth: "customers outgrowing their plan limits",
  onboarding_gap: "incomplete onboarding",
  expectation_mismatch: "promises the product does not keep",
  documentation_gap: "missing or unclear documentation",
  process_failure: "hand-offs failing between our teams",
  billing: "billing problems",
};

/** The sentence from the numbers alone. */
export function writeHeadline(d: Pick<Digest, "rootCauses" | "escalations" | "arrAtRisk">): string {
  const [top] = d.rootCauses.categories;
  const opened = d.rootCauses.opened;
  const risk =
    d.arrAtRisk.open > 0 ? `; ${formatMoney(d.arrAtRisk.open)} of ARR is at risk in open escalations` : "";
  if (!top || opened === 0) {
    const e = d.escalations;
    return `${e.opened} escalation${e.opened === 1 ? "" : "s"} opened this week (${e.previous.opened} the week before); no root cause has been validated yet in the last 13 weeks${risk}.`;
  }
  const of = `${top.count} of ${opened} escalation${opened === 1 ? "" : "s"} in the last 13 weeks`;
  return `${of} stemmed from ${CATEGORY_PHRASES[top.category]} (accounts worth ${formatMoney(top.arr)} ARR)${risk}.`;
}

const NUMBERS = /\$?\d[\d,]*(?:\.\d+)?[KM%]?/g;
/** The numbers of a text in the order they appear: "10 of 50" must not become "50 of 10" (the headline, the catch-up). */
export const numbersIn = (text: string): string[] => text.match(NUMBERS) ?? [];

/** The LLM's rewording of `sentence` when it keeps exactly the same numbers in order, else `sentence`. */
export async function polishHeadline(
  sentence: string,
  llm: LlmClient | null,
  logger: Logger,
): Promise<string> {
  if (!llm) return sentence;
  try {
    const answer = await llm.generate({
      name: "digest_headline",
      instructions: await readFile(PROMPT_PATH, "utf8"),
      input: sentence,
      schema: digestHeadlineSchema,
      timeoutMs: 20_000,
    });
    const polished = answer.sentence.trim();
    if (polished && JSON.stringify(numbersIn(polished)) === JSON.stringify(numbersIn(sentence)))
      return polished;
    logger.warn({ polished }, "the LLM changed the headline's numbers; kept the computed sentence");
  } catch (error) {
    logger.warn({ err: error }, "could not polish the digest headline; kept the computed sentence");
  }
  return sentence;
}
