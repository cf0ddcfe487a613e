/**
 * Salesforce failures in warroom's error family, each naming what to fix. jsforce surfaces REST errors as
 * an Error whose `errorCode` is Salesforce's (INVALID_SESSION_ID, REQUEST_LIMIT_EXCEEDED, ...) and OAuth
 * errors with the token endpoint's `error` (invalid_grant, ...).
 */
import {
  AuthError,
  IntegrationError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  ValidationError,
} from "../../src/errors.ts";

/** How long to leave Salesforce alone after the org's daily API allocation ran out. */
export const REQUEST_LIMIT_BACKOFF_MS = 15 * 60_000;

const FIELD_MAP_HINT = "check the field names in SALESFORCE_FIELD_MAP against the org's schema";

function codeOf(error: unknown): string {
  const e = error as { errorCode?: unknown; name?: unknown; error?: unknown; data?: { error?: unknown } };
  for (const candidate of [e.errorCode, e.data?.error, e.error, e.name])
    if (typeof candidate === "string" && /^[A-Za-z_]+$/.test(candidate) && candidate !== "Error")
      return candidate;
  return "";
}

/** What the integration user needs for reading, the fix named by a refusal unless the caller names another. */
const READ_ACCESS_HINT =
  "The integration user needs API access and read access to Account, Case, CaseComment and Opportunity";

/**
 * Maps a jsforce failure to an IntegrationError naming Salesforce, what it said and what to do;
 * `permissionHint` replaces the fix a refusal names (a write needs other permissions than a read).
 */
export function toSalesforceError(
  error: unknown,
  what: string,
  permissionHint = READ_ACCESS_HINT,
): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const code = codeOf(error);
  const said = error instanceof Error ? error.message : String(error);
  const detail = `${what}: ${code ? `${code}: ` : ""}${said}`;
  const options = { cause: error };
  switch (code) {
    case "INVALID_SESSION_ID":
      return new AuthError(
        "salesforce",
        `${detail}. Set a fresh SALESFORCE_ACCESS_TOKEN, or use the JWT bearer flow (SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID, SALESFORCE_USERNAME, SALESFORCE_PRIVATE_KEY), which re-authorises by itself`,
        {
          ...options,
          fix: "the Salesforce session expired: an admin should set a fresh SALESFORCE_ACCESS_TOKEN or use the JWT bearer flow",
        },
      );
    case "invalid_grant":
    case "invalid_client_id":
    case "invalid_client":
      return new AuthError(
        "salesforce",
        `${detail}. Check that the connected app's consumer key is SALESFORCE_CLIENT_ID, its certificate matches SALESFORCE_PRIVATE_KEY, and SALESFORCE_USERNAME is pre-authorised for the app`,
        {
          ...options,
          fix: "an admin should check SALESFORCE_CLIENT_ID, SALESFORCE_PRIVATE_KEY and SALESFORCE_USERNAME against the connected app",
        },
      );
    case "REQUEST_LIMIT_EXCEEDED":
      return new RateLimitedError("salesforce", REQUEST_LIMIT_BACKOFF_MS, options);
    case "INVALID_FIELD":
    case "INVALID_TYPE":
    case "MALFORMED_QUERY":
      return new ValidationError("salesforce", `${detail}; ${FIELD_MAP_HINT}`, {
        ...options,
        fix: FIELD_MAP_HINT,
      });
    case "INSUFFICIENT_ACCESS":
    case "INSUFFICIENT_ACCESS_OR_READONLY":
    case "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY":
    case "INVALID_FIELD_FOR_INSERT_UPDATE":
    case "API_DISABLED_FOR_ORG":
    case "API_CURRENTLY_DISABLED":
      return new PermissionError("salesforce", `${detail}. ${permissionHint}`, {
        ...options,
        fix: permissionHint.charAt(0).toLowerCase() + permissionHint.slice(1),
      });
    case "NOT_FOUND":
      return new NotFoundError(
        "salesforce",
        `${detail}; is SALESFORCE_API_VERSION one the org serves?`,
        options,
      );
    default:
      return new IntegrationError(
        "salesforce",
        code ? code.toLowerCase() : "request_failed",
        detail,
        options,
      );
  }
}
