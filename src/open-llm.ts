/**
 * Opens the configured LLM client, its SDK loaded only when one is configured. Kept apart from the
 * composition root so a one-shot analysis loads nothing else.
 */
import type { Config } from "./config.ts";
import type { LlmClient } from "./ports/llm-client.ts";

/** The configured LLM client, or null. */
export async function openLlm(config: Config): Promise<LlmClient | null> {
  if (!config.llm) return null;
  const { createOpenAiAdapter } = await import("../integrations/openai/index.ts");
  return createOpenAiAdapter({
    apiKey: config.llm.apiKey,
    baseUrl: config.llm.baseUrl,
    model: config.llm.model,
    timeoutMs: config.llm.timeoutMs,
  });
}
