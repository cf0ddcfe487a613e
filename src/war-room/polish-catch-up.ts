/**
 * An LLM, when configured, may reword the catch-up, under the digest headline's rule: its wording is kept
 * only if every number survives in order (the same check, `numbersIn`) and every id and mention is still
 * there. Personal data is masked before the text leaves and restored after, as for the analysis.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { catchUpSchema } from "../../prompts/catch-up.schema.ts";
import { numbersIn } from "../digest/write-headline.ts";
import type { Logger } from "../logger.ts";
import type { LlmClient } from "../ports/llm-client.ts";

const PROMPT_PATH = join(import.meta.dirname, "../../prompts/catch-up.md");
/** Escalation, account and evidence ids (ESC-12, ACC-0040, C-RENAME) and mentions (<@U123>). */
const IDS = /<@[^>]+>|\b[A-Z][A-Z0-9]*-[A-Za-z0-9-]*\d[A-Za-z0-9-]*\b|\b[A-Z]+-[A-Z]+\b/g;

const idsIn = (text: string) => new Set(text.match(IDS) ?? []);

/** Whether `reworded` keeps every number of `original` in order and every id. */
export function keepsNumbersAndIds(original: string, reworded: string): boolean {
  if (JSON.stringify(numbersIn(reworded)) !== JSON.stringify(numbersIn(original))) return false;
  const kept = idsIn(reworded);
  return [...idsIn(original)].every((id) => kept.has(id));
}

/** The LLM's rewording of `text` when it keeps every number and id, else `text`. */
export async function polishCatchUp(text: string, llm: LlmClient | null, logger: Logger): Promise<string> {
  if (!llm) return text;
  try {
    const { PersonalDataMasker } = await import("../llm-engine/mask-personal-data.ts");
    const masker = new PersonalDataMasker();
    const answer = await llm.generate({
      name: "catch_up",
      instructions: await readFile(PROMPT_PATH, "utf8"),
      input: masker.mask(text),
      schema: catchUpSchema,
    });
    const polished = masker.unmask(answer.text.trim());
    if (polished && keepsNumbersAndIds(text, polished)) return polished;
    logger.warn("the LLM changed the catch-up's numbers or ids; kept the one built from the records");
  } catch (error) {
    logger.warn({ err: error }, "could not reword the catch-up; kept the one built from the records");
  }
  return text;
}
