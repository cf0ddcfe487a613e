/**
 * The answer to prompts/catch-up.md: the reworded catch-up, every number and id kept.
 */
import { z } from "zod";

export const catchUpSchema = z.object({
  text: z.string().describe("the reworded catch-up, every number and id kept exactly"),
});

export type CatchUpAnswer = z.infer<typeof catchUpSchema>;
