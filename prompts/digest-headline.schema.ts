/**
 * The answer to prompts/digest-headline.md: the reworded executive sentence.
 */
import { z } from "zod";

export const digestHeadlineSchema = z.object({
  sentence: z.string().describe("the reworded sentence, every number kept exactly"),
});

export type DigestHeadlineAnswer = z.infer<typeof digestHeadlineSchema>;
