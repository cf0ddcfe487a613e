/**
 * App-only tokens for the Bot Connector and Graph: the OAuth 2.0 client-credentials grant at
 * `{MICROSOFT_LOGIN_URL}/{tenant}/oauth2/v2.0/token`, cached per scope until five minutes before expiry,
 * with one request in flight per scope. The Teams SDK takes this as its `token` option: its own MSAL path
 * insists on an https authority (so it cannot reach a local token endpoint) and, given a token function,
 * caches nothing itself.
 */
import { z } from "zod";
import { AuthError, IntegrationError } from "../../src/errors.ts";

/** Where and as whom tokens are asked for. */
export interface TokenSourceConfig {
  loginUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default: the current time. */
  now?: () => number;
}

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });
const errorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });

/** Early refresh: a token is not handed out in its last five minutes. */
const MARGIN_MS = 5 * 60_000;

/** A cached token source: `get(scope)` resolves to a bearer token. */
export function createTokenSource(config: TokenSourceConfig) {
  const now = config.now ?? Date.now;
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const inFlight = new Map<string, Promise<string>>();
  const url = `${config.loginUrl.replace(/\/+$/, "")}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`;
  let requests = 0;

  async function request(scope: string): Promise<string> {
    requests++;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: config.clientId,
      client_secret: config.clientSecret,
      scope,
    });
    let response: Response;
    try {
      response = await fetch(url, { method: "POST", body, signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      throw new IntegrationError("teams", "unavailable", `token endpoint ${url} unreachable`, {
        cause: error,
      });
    }
    const json: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const problem = errorAnswer.safeParse(json);
      const detail = problem.success ? `${problem.data.error}: ${problem.data.error_description ?? ""}` : "";
      const message = `token for ${scope} refused (${response.status} ${detail.trim()})`;
      if (response.status === 400 || response.status === 401)
        throw new AuthError(
          "teams",
          `${message}. Check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID`,
        );
      throw new IntegrationError("teams", "unavailable", message);
    }
    const parsed = tokenAnswer.parse(json);
    cache.set(scope, { token: parsed.access_token, expiresAt: now() + parsed.expires_in * 1000 });
    return parsed.access_token;
  }

  return {
    /** A valid token for `scope` (e.g. `https://api.botframework.com/.default`). */
    get(scope: string): Promise<string> {
      const cached = cache.get(scope);
      if (cached && cached.expiresAt - MARGIN_MS > now()) return Promise.resolve(cached.token);
      const pending = inFlight.get(scope);
      if (pending) return pending;
      const started = request(scope).finally(() => inFlight.delete(scope));
      inFlight.set(scope, started);
      return started;
    },
    /** How many token requests went out (benchmarks, tests). */
    get requests() {
      return requests;
    },
  };
}

/** A token source. */
export type TokenSource = ReturnType<typeof createTokenSource>;
