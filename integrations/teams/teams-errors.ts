/**
 * Teams failures in warroom's error family, with what to fix. The Bot Connector and Graph both answer
 * `{ "error": { "code", "message" } }`; the SDK's clients surface them as axios errors carrying the HTTP
 * status, the body and the headers (Retry-After).
 */
import {
  AuthError,
  IntegrationError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  ValidationError,
} from "../../src/errors.ts";

/** What an HTTP failure from the Connector, Graph or the token endpoint looks like to us. */
export interface HttpFailure {
  status?: number;
  code?: string;
  message?: string;
  retryAfterMs?: number;
}

/** Status, error code and Retry-After of an axios error (or anything shaped like one). */
export function httpFailureOf(error: unknown): HttpFailure {
  const response = (error as { response?: { status?: number; data?: unknown; headers?: unknown } }).response;
  const data = response?.data as { error?: { code?: string; message?: string } } | undefined;
  const headers = response?.headers as Record<string, unknown> | undefined;
  return {
    status: response?.status,
    code: data?.error?.code,
    message: data?.error?.message ?? (error instanceof Error ? error.message : String(error)),
    retryAfterMs: parseRetryAfter(headers?.["retry-after"]),
  };
}

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(String(value));
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

const INSTALL_HINT =
  "install the warroom app package in the Escalations team (and in the chat or team where it was asked)";

/** Maps a failed Connector or Graph call to an IntegrationError that says what to fix. */
export function toTeamsError(error: unknown, what: string): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const f = httpFailureOf(error);
  const detail = `${what}: ${f.status ?? "no answer"}${f.code ? ` ${f.code}` : ""}${f.message ? ` (${f.message})` : ""}`;
  const options = { cause: error };
  switch (f.status) {
    case 401:
      return new AuthError(
        "teams",
        `${detail}. Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID`,
        {
          ...options,
          fix: "an admin should check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID",
        },
      );
    case 403:
      return new PermissionError("teams", `${detail}; ${permissionHint(f.code)}`, {
        ...options,
        fix: permissionHint(f.code),
      });
    case 404: {
      const fix = `check TEAMS_ESCALATIONS_TEAM_ID (the team's group id) and ${INSTALL_HINT}`;
      return new NotFoundError("teams", `${detail}; ${fix}`, { ...options, fix });
    }
    case 413:
      return new ValidationError("teams", `${detail}; the message is over Teams' size limit`, {
        ...options,
        fix: "the message is over Teams' size limit",
      });
    case 429:
      return new RateLimitedError("teams", f.retryAfterMs ?? 1000, options);
    case 400:
    case 409:
      return new ValidationError("teams", detail, options);
    default:
      return new IntegrationError("teams", "unavailable", detail, options);
  }
}

function permissionHint(code: string | undefined): string {
  if (code === "BotNotInConversationRoster") return `the app is not in that conversation: ${INSTALL_HINT}`;
  if (code === "BotDisabledByAdmin") return "a Teams admin has blocked the app: ask them to allow warroom";
  return `the app lacks a permission: ${INSTALL_HINT} so its resource-specific permissions are granted, and grant the Graph application permissions the README lists`;
}
