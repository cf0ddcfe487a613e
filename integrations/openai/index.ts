/**
 * The OpenAI adapter: structured outputs through Chat Completions (`response_format: json_schema`, strict),
 * which every OpenAI-compatible server speaks. `baseUrl` points it at any of them.
 */
import OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { describeFirstIssue } from "../../src/domain/describe-issue.ts";
import {
  AuthError,
  IntegrationError,
  PermissionError,
  RateLimitedError,
  ValidationError,
} from "../../src/errors.ts";
import { meteredFetch } from "../../src/metrics/metered-fetch.ts";
import { type CallOutcome, recordLlmRequest } from "../../src/metrics/metrics.ts";
import type { LlmClient, StructuredRequest } from "../../src/ports/llm-client.ts";

/** Configuration of the OpenAI adapter. */
export interface OpenAiAdapterConfig {
  apiKey: string;
  /** Base URL of an OpenAI-compatible server (default OpenAI's). */
  baseUrl?: string;
  model: string;
  /**
   * The whole call, retries included (default 20 s: an analysis is interactive, and the evidence engine's
   * answer stands when the model is late).
   */
  timeoutMs?: number;
}

/** A rate limit or a server error is worth one more try while time remains; a timeout is not. */
function retryable(error: IntegrationError): boolean {
  return error instanceof RateLimitedError || /^http_5\d\d$/.test(error.code);
}

/** An LlmClient over the openai SDK. */
export type OpenAiAdapter = LlmClient;

/** Creates the adapter. */
export function createOpenAiAdapter(config: OpenAiAdapterConfig): OpenAiAdapter {
  // The SDK would retry a timed-out call; retries here are ours, within the call's deadline.
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    maxRetries: 0,
    fetch: meteredFetch("llm"),
  });
  const attempt = async <T>(request: StructuredRequest<T>, deadline: number, budget: number): Promise<T> => {
    const left = Math.max(1, deadline - Date.now());
    try {
      const completion = await client.chat.completions.parse(
        {
          model: config.model,
          temperature: 0,
          messages: [
            { role: "system", content: request.instructions },
            { role: "user", content: request.input },
          ],
          response_format: zodResponseFormat(request.schema, request.name),
        },
        // The signal also ends a response whose body trickles in past the deadline.
        { timeout: left, signal: AbortSignal.timeout(left) },
      );
      const message = completion.choices[0]?.message;
      if (message?.refusal) throw new ValidationError("openai", `the model refused: ${message.refusal}`);
      if (message?.parsed == null) throw new ValidationError("openai", "the answer was empty");
      return message.parsed as T;
    } catch (error) {
      throw toIntegrationError(error, budget);
    }
  };
  return {
    model: config.model,
    async generate<T>(request: StructuredRequest<T>): Promise<T> {
      const budget = request.timeoutMs ?? config.timeoutMs ?? 20_000;
      const deadline = Date.now() + budget;
      const started = performance.now();
      let outcome: CallOutcome = "error";
      try {
        const answer = await attempt(request, deadline, budget).catch(async (error) => {
          const failure = error as IntegrationError;
          const wait = failure instanceof RateLimitedError ? failure.retryAfterMs : 500;
          if (!retryable(failure) || Date.now() + wait + 1000 >= deadline) throw failure;
          await new Promise((r) => setTimeout(r, wait));
          return attempt(request, deadline, budget);
        });
        outcome = "ok";
        return answer;
      } catch (error) {
        if (error instanceof RateLimitedError) outcome = "rate_limited";
        throw error;
      } finally {
        recordLlmRequest(started, outcome);
      }
    },
  };
}

function toIntegrationError(error: unknown, timeoutMs: number): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const aborted = error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
  if (
    error instanceof OpenAI.APIConnectionTimeoutError ||
    error instanceof OpenAI.APIUserAbortError ||
    aborted
  ) {
    return new IntegrationError("openai", "timeout", `no answer within ${timeoutMs} ms (OPENAI_TIMEOUT_MS)`, {
      cause: error,
    });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new IntegrationError("openai", "unreachable", `cannot reach the server (${error.message})`, {
      cause: error,
    });
  }
  if (error instanceof OpenAI.RateLimitError) {
    const seconds = Number(error.headers?.get("retry-after") ?? 30);
    return new RateLimitedError("openai", (Number.isFinite(seconds) ? seconds : 30) * 1000, { cause: error });
  }
  if (error instanceof OpenAI.AuthenticationError) {
    return new AuthError("openai", "the API key was rejected; check OPENAI_API_KEY", { cause: error });
  }
  if (error instanceof OpenAI.PermissionDeniedError) {
    return new PermissionError("openai", `permission denied for model (${error.message})`, { cause: error });
  }
  if (error instanceof OpenAI.APIError) {
    return new IntegrationError("openai", `http_${error.status ?? "error"}`, error.message, { cause: error });
  }
  // The SDK throws the schema's ZodError when the answer parses but has the wrong shape, and a plain
  // error when it is not JSON at all.
  if (error instanceof z.ZodError) {
    return new ValidationError(
      "openai",
      `the answer did not match the schema at ${describeFirstIssue(error)}`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new ValidationError("openai", `the answer did not match the schema (${message})`, { cause: error });
}
