/**
 * Counts every HTTP attempt of the Teams SDK's client (Bot Connector and Graph) for GET /metrics. It sits
 * innermost, after the retry and pacing middleware, so each retry counts as the call it is.
 */
import { outcomeOfStatus, recordExternalCall } from "../../src/metrics/metrics.ts";
import type { HttpMiddleware } from "./retry-middleware.ts";
import { httpFailureOf } from "./teams-errors.ts";

/** A middleware that records each attempt's outcome. */
export function metricsMiddleware(): HttpMiddleware {
  return {
    async invoke(_context, next) {
      try {
        const result = await next();
        recordExternalCall("teams", "ok");
        return result;
      } catch (error) {
        const { status } = httpFailureOf(error);
        recordExternalCall("teams", status === undefined ? "error" : outcomeOfStatus(status));
        throw error;
      }
    },
  };
}
