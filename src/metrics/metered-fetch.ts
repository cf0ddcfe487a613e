/**
 * A fetch that counts each HTTP call to an external system, for SDKs that take a `fetch` option (Slack's
 * WebClient, Notion's Client, OpenAI's client): one seam per adapter instead of a counter at every call.
 * Slack answers most failures with HTTP 200 and `"ok": false`; `okField` reads that from a copy of the body.
 */
import { type ExternalSystem, outcomeOfStatus, recordExternalCall } from "./metrics.ts";

/** Options of a metered fetch. */
export interface MeteredFetchOptions {
  /** Read `ok` from a JSON body (Slack's convention): `false` counts as an error. */
  okField?: boolean;
}

/** `fetch` that records every call to `system`; a network failure counts as an error and is rethrown. */
export function meteredFetch(system: ExternalSystem, options: MeteredFetchOptions = {}): typeof fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      recordExternalCall(system, "error");
      throw error;
    }
    const outcome = outcomeOfStatus(response.status);
    if (outcome !== "ok" || !options.okField) {
      recordExternalCall(system, outcome);
      return response;
    }
    const body = await response
      .clone()
      .json()
      .catch(() => null);
    recordExternalCall(system, (body as { ok?: unknown } | null)?.ok === false ? "error" : "ok");
    return response;
  };
}
