/**
 * The bearer check shared by the push APIs (POST /api/changes, POST /api/tickets): CHANGES_TOKEN, with
 * answers that say how to authenticate.
 */
import { bearerAuth } from "hono/bearer-auth";

/** Middleware accepting `Authorization: Bearer <token>` only. */
export function changesTokenAuth(token: string) {
  return bearerAuth({
    token,
    noAuthenticationHeader: {
      message: { error: "unauthorized", message: "send Authorization: Bearer <CHANGES_TOKEN>" },
    },
    invalidToken: { message: { error: "unauthorized", message: "the bearer token is not CHANGES_TOKEN" } },
    invalidAuthenticationHeader: {
      message: { error: "unauthorized", message: "use Authorization: Bearer <CHANGES_TOKEN>" },
    },
  });
}
