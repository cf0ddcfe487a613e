/**
 * Notion failures in warroom's error family. The SDK raises APIResponseError with Notion's `code` and
 * `status` for well-formed error bodies, RequestTimeoutError, and UnknownHTTPResponseError otherwise.
 */
import { APIErrorCode, APIResponseError, isNotionClientError } from "@notionhq/client";
import {
  AuthError,
  IntegrationError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  ValidationError,
} from "../../src/errors.ts";

const SHARE_HINT =
  "share the knowledge-base database (or the parent page) with the integration: ••• → Connections in Notion";

function retryAfterMs(error: APIResponseError): number {
  // fetch's Headers; the SDK types them loosely.
  const headers = error.headers as { get?: (name: string) => string | null } | undefined;
  const value = Number(headers?.get?.("retry-after"));
  return Number.isFinite(value) && value > 0 ? value * 1000 : 1000;
}

/** Maps an SDK failure to an IntegrationError naming Notion and what to do. */
export function toNotionError(error: unknown, what: string): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const options = { cause: error };
  if (error instanceof APIResponseError) {
    const detail = `${what}: ${error.code}: ${error.message}`;
    switch (error.code) {
      case APIErrorCode.Unauthorized:
        return new AuthError("notion", `${detail}. Check NOTION_TOKEN (an internal integration secret)`, {
          ...options,
          fix: "an admin should check NOTION_TOKEN (an internal integration secret)",
        });
      case APIErrorCode.RestrictedResource:
        return new PermissionError("notion", `${detail}; ${SHARE_HINT}`, { ...options, fix: SHARE_HINT });
      case APIErrorCode.ObjectNotFound:
        return new NotFoundError("notion", `${detail}; check the id, and ${SHARE_HINT}`, {
          ...options,
          fix: `check NOTION_KB_DATA_SOURCE_ID, and ${SHARE_HINT}`,
        });
      case APIErrorCode.RateLimited:
        return new RateLimitedError("notion", retryAfterMs(error), options);
      case APIErrorCode.ValidationError:
      case APIErrorCode.InvalidJSON:
      case APIErrorCode.InvalidRequest:
      case APIErrorCode.InvalidRequestURL:
        return new ValidationError("notion", detail, options);
      default:
        return new IntegrationError("notion", "unavailable", detail, options);
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = isNotionClientError(error) ? "unavailable" : "request_failed";
  return new IntegrationError("notion", code, `${what}: ${message}`, options);
}
