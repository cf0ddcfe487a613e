/**
 * LlmClient: a language model that answers in a fixed structure. Implemented by integrations/openai
 * (any OpenAI-compatible server). The core never sees the SDK; it sends instructions, input and a zod
 * schema, and gets back a value of that schema or an error.
 */
import type { z } from "zod";

/** One structured request. */
export interface StructuredRequest<T> {
  /** Short name of the answer's schema (e.g. "root_cause_analysis"). */
  name: string;
  /** System instructions (the prompt file). */
  instructions: string;
  /** The user message: the data to reason over. */
  input: string;
  /** The answer's shape; the server is asked to follow it strictly. */
  schema: z.ZodType<T>;
  /** Give up after this long (default: the client's). */
  timeoutMs?: number;
}

/** A model that answers in a structure. */
export interface LlmClient {
  /** The model name, for the record. */
  readonly model: string;
  /**
   * Sends the request and returns the parsed answer. Throws an IntegrationError subclass when the server
   * fails, times out, refuses, or answers something that does not parse.
   */
  generate<T>(request: StructuredRequest<T>): Promise<T>;
}
