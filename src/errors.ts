/**
 * One error family for the whole product: a stable string `code`, an optional `cause`, and for
 * integration failures the system that failed. The CLI and the HTTP layer map these to exit codes and
 * status codes in one place each.
 */
import { type MessageText, plainText } from "./domain/message-text.ts";

/** Base class of every error warroom raises on purpose. */
export class WarroomError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The environment or a configuration file is invalid; the message names the variable and an example. */
export class ConfigError extends WarroomError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("config_invalid", message, options);
  }
}

/**
 * Input from a person or a file is invalid; the message names where and what was expected. Given as
 * MessageText it may mention people (rendered as mentions where it is shown to people; `text`), with
 * `message` its plain form for logs.
 */
export class InputError extends WarroomError {
  /** The message for people, with any mentions kept as mentions. */
  readonly text: MessageText;

  constructor(message: MessageText, options?: { cause?: unknown }) {
    super("input_invalid", plainText(message), options);
    this.text = message;
  }
}

/** What an integration error may carry besides its message. */
export interface IntegrationErrorOptions {
  cause?: unknown;
  /**
   * What a person (an admin) can do about it, in words, without the technical detail of the message:
   * "check SLACK_BOT_TOKEN". Shown to people by describeFailure (src/describe-failure.ts).
   */
  fix?: string;
}

/** An external system failed. `system` names it (slack, salesforce, notion, openai, ...). */
export class IntegrationError extends WarroomError {
  readonly system: string;
  readonly fix?: string;

  constructor(system: string, code: string, message: string, options?: IntegrationErrorOptions) {
    super(code, `${system}: ${message}`, options);
    this.system = system;
    if (options?.fix) this.fix = options.fix;
  }
}

/** The external system asked us to slow down; retry after `retryAfterMs`. */
export class RateLimitedError extends IntegrationError {
  readonly retryAfterMs: number;

  constructor(system: string, retryAfterMs: number, options?: { cause?: unknown }) {
    super(system, "rate_limited", `rate limited; retry after ${Math.ceil(retryAfterMs / 1000)} s`, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Credentials are missing, invalid or expired. */
export class AuthError extends IntegrationError {
  constructor(system: string, message: string, options?: IntegrationErrorOptions) {
    super(system, "auth_failed", message, options);
  }
}

/** The external system has no such object. */
export class NotFoundError extends IntegrationError {
  constructor(system: string, message: string, options?: IntegrationErrorOptions) {
    super(system, "not_found", message, options);
  }
}

/** The credentials work but lack a permission or scope. */
export class PermissionError extends IntegrationError {
  constructor(system: string, message: string, options?: IntegrationErrorOptions) {
    super(system, "permission_denied", message, options);
  }
}

/** The external system rejected what we sent as invalid. */
export class ValidationError extends IntegrationError {
  constructor(system: string, message: string, options?: IntegrationErrorOptions) {
    super(system, "validation_failed", message, options);
  }
}

/** Exit code for the CLI: 2 for bad input or configuration, 1 for everything else. */
export function exitCodeFor(error: unknown): 1 | 2 {
  return error instanceof ConfigError || error instanceof InputError ? 2 : 1;
}

/** Wraps anything thrown into a WarroomError so one handler can report it. */
export function toWarroomError(error: unknown): WarroomError {
  if (error instanceof WarroomError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WarroomError("internal", message, { cause: error });
}
