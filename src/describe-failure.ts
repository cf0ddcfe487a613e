/**
 * The one place an error becomes words for people. A client's message ("slack: An HTTP protocol error
 * occurred: statusCode = 500") means nothing to a CSM: people are told which system failed and how, in
 * words chosen by the error's code (src/errors.ts), plus what an admin can fix when the error says; the
 * caller adds what warroom does next, and logs the error itself with the escalation id. Input and
 * configuration errors are already written for people (they name the field and an example) and are kept.
 */
import type { MessageText } from "./domain/message-text.ts";
import { ConfigError, InputError, IntegrationError, RateLimitedError } from "./errors.ts";

/** Systems by the names people know them by. */
const SYSTEMS: Readonly<Record<string, string>> = {
  slack: "Slack",
  teams: "Microsoft Teams",
  salesforce: "Salesforce",
  notion: "Notion",
  openai: "The LLM service",
};

/** What went wrong with `system`, by error code. */
const BY_CODE: Readonly<Record<string, (system: string) => string>> = {
  auth_failed: (s) => `${s} did not accept warroom's credentials`,
  permission_denied: (s) => `${s} did not allow what warroom asked`,
  not_found: (s) => `${s} could not find what warroom asked for`,
  validation_failed: (s) => `${s} refused what warroom sent`,
  timeout: (s) => `${s} did not answer in time`,
};

/** An integration error in words: what failed and, when the error knows, what an admin can fix. */
function describeIntegration(error: IntegrationError): string {
  const system = SYSTEMS[error.system] ?? error.system;
  if (error instanceof RateLimitedError)
    return `${system} asked warroom to slow down for ${Math.ceil(error.retryAfterMs / 1000)} s.`;
  const what =
    BY_CODE[error.code]?.(system) ??
    `${system} did not answer properly (a failure on its side or on the way)`;
  return error.fix ? `${what}: ${error.fix}.` : `${what}.`;
}

/**
 * What failed, in a sentence for the people who asked: never a client's raw message. Add what warroom
 * does next (retrying, or what to fix) at the call site, and log the error there.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof InputError || error instanceof ConfigError) return error.message;
  if (error instanceof IntegrationError) return describeIntegration(error);
  return "Something went wrong inside warroom.";
}

/**
 * describeFailure for a chat message: an input error that names people keeps them as mentions, which the
 * platform renders (Slack `renderSlackText`, Teams `composeActivity`).
 */
export function describeFailureText(error: unknown): MessageText {
  return error instanceof InputError ? error.text : describeFailure(error);
}
