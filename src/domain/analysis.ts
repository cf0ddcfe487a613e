/**
 * The analysis: the root-cause engine's answer for one case bundle (shared/contracts/case-bundle.md).
 */
import { z } from "zod";
import { CATEGORIES } from "./categories.ts";

export const hypothesisSchema = z.object({
  rank: z.number().int().min(1),
  title: z.string().min(1),
  category: z.enum(CATEGORIES),
  likelihood: z.number().min(0).max(1),
  evidence: z.array(z.string()).min(1).max(6),
  against: z.array(z.string()).default([]),
  rationale: z.string(),
  checks: z.array(z.string()).min(1).max(5),
});

export const patternSchema = z.object({
  verdict: z.enum(["pattern", "isolated"]),
  relatedEscalations: z.array(z.string()),
  sharedAttributes: z.array(z.string()),
});

export const timelineEntrySchema = z.object({
  at: z.string(),
  evidence: z.string().optional(),
  note: z.string(),
});

export const analysisSchema = z.object({
  escalationId: z.string(),
  engine: z.string(),
  hypotheses: z.array(hypothesisSchema).min(1).max(5),
  pattern: patternSchema,
  timeline: z.array(timelineEntrySchema),
  talkingPoints: z.array(z.string()),
  preventiveMeasures: z.array(z.string()),
});

/** One ranked root-cause hypothesis with the evidence ids it cites. */
export type Hypothesis = z.infer<typeof hypothesisSchema>;
/** Whether the cause plausibly affects other accounts, and what they share. */
export type PatternVerdict = z.infer<typeof patternSchema>;
/** One dated step of what happened, citing an evidence id where there is one. */
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
/** The engine's full answer for one escalation. */
export type Analysis = z.infer<typeof analysisSchema>;
