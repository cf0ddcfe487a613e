/**
 * The answer the LLM engine asks for (structured outputs: an object root, every property required,
 * nullable where optional). Bounds the model cannot be trusted to keep (id validity, likelihood order,
 * counts) are enforced after parsing by src/llm-engine/check-llm-answer.ts.
 */
import { z } from "zod";
import { CATEGORIES } from "../src/domain/categories.ts";

export const rootCauseAnswerSchema = z.object({
  certain: z.array(z.string()).describe("facts stated in the evidence"),
  possible: z.array(z.string()).describe("inferences that still need a check"),
  hypotheses: z.array(
    z.object({
      title: z.string(),
      category: z.enum(CATEGORIES),
      likelihood: z.number(),
      evidence: z.array(z.string()).describe("ids from the evidence pack, the causal item first"),
      against: z.array(z.string()).describe("ids that weaken this hypothesis"),
      rationale: z.string(),
      checks: z.array(z.string()),
    }),
  ),
  pattern: z.object({
    verdict: z.enum(["pattern", "isolated"]),
    relatedEscalations: z.array(z.string()),
    sharedAttributes: z.array(z.string()),
  }),
  timeline: z.array(z.object({ at: z.string(), evidence: z.string().nullable(), note: z.string() })),
  talkingPoints: z.array(z.string()),
  preventiveMeasures: z.array(z.string()),
});

/** The model's raw answer, before checking. */
export type RootCauseAnswer = z.infer<typeof rootCauseAnswerSchema>;

/** Name of the schema in the request. */
export const ROOT_CAUSE_SCHEMA_NAME = "root_cause_analysis";
