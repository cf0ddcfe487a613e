/**
 * A jsforce Connection, authorised by a given access token or by the OAuth 2.0 JWT bearer flow. For the
 * JWT flow warroom signs the assertion itself (jsforce has no signer) and hands jsforce a refresh function
 * that signs a new one, so an expired session (401 INVALID_SESSION_ID) re-authorises transparently.
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { SignJWT } from "jose";
import { Connection } from "jsforce";
import { AuthError, ConfigError, type IntegrationError } from "../../src/errors.ts";
import { toSalesforceError } from "./salesforce-errors.ts";

/** How warroom authenticates to Salesforce. */
export type SalesforceAuth =
  | { kind: "token"; instanceUrl: string; accessToken: string }
  | {
      kind: "jwt";
      loginUrl: string;
      clientId: string;
      username: string;
      /** PEM text, a PEM file's path, or a key already loaded (see loadPrivateKey). */
      privateKey: string | KeyObject;
    };

const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const MAX_REFRESHES_PER_MINUTE = 5;

/** The key from SALESFORCE_PRIVATE_KEY: PEM text (with real or `\n` line breaks) or a path to a PEM file. */
export async function loadPrivateKey(value: string): Promise<KeyObject> {
  const pem = value.includes("-----BEGIN")
    ? value.replace(/\\n/g, "\n")
    : await readFile(value, "utf8").catch(() => {
        // Never echo the value: it may be the key itself, pasted without its PEM header.
        const looksLikePath = /^[./~]|\.(pem|key)$/i.test(value) && value.length < 500;
        throw new ConfigError(
          `SALESFORCE_PRIVATE_KEY is neither a PEM key nor ${looksLikePath ? "a readable file" : "a file path"}. Paste the connected app's private key with its -----BEGIN PRIVATE KEY----- line, or give the path of its PEM file.`,
        );
      });
  try {
    return createPrivateKey(pem);
  } catch {
    throw new ConfigError(
      "SALESFORCE_PRIVATE_KEY is not a valid PEM private key. Use the key whose certificate is uploaded to the connected app.",
    );
  }
}

/**
 * The assertion's audience: Salesforce accepts login.salesforce.com or test.salesforce.com (or an
 * Experience Cloud site), not a My Domain host, so a My Domain login URL maps to the one behind it.
 */
export function jwtAudience(loginUrl: string): string {
  const url = new URL(loginUrl);
  if (/\.sandbox\.my\.salesforce\.com$|--[a-z0-9]+\.(cs\d+\.)?my\.salesforce\.com$/i.test(url.hostname))
    return "https://test.salesforce.com";
  if (/\.my\.salesforce\.com$/i.test(url.hostname)) return "https://login.salesforce.com";
  return url.origin;
}

/** A signed JWT bearer assertion, valid for three minutes as Salesforce asks. */
async function signAssertion(
  auth: Extract<SalesforceAuth, { kind: "jwt" }>,
  key: KeyObject,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(auth.clientId)
    .setSubject(auth.username)
    .setAudience(jwtAudience(auth.loginUrl))
    .setExpirationTime("3m")
    .sign(key);
}

/**
 * Why the last re-authorisation failed, by connection: jsforce rewraps a refresh failure as a plain Error
 * ("Unable to refresh session due to …"), which would lose that it is an authentication problem.
 */
const refreshFailures = new WeakMap<Connection, IntegrationError>();

/** The failure behind jsforce's "Unable to refresh session" error on `conn`, if that is what `error` is. */
export function refreshFailureOf(conn: Connection, error: unknown): IntegrationError | undefined {
  const message = error instanceof Error ? error.message : "";
  return /Unable to refresh session/.test(message) ? refreshFailures.get(conn) : undefined;
}

/** Opens a Connection; with the JWT flow this authorises at once (and again whenever the session expires). */
export async function connectSalesforce(auth: SalesforceAuth, version: string): Promise<Connection> {
  if (auth.kind === "token")
    return new Connection({ instanceUrl: auth.instanceUrl, accessToken: auth.accessToken, version });
  const key = typeof auth.privateKey === "string" ? await loadPrivateKey(auth.privateKey) : auth.privateKey;
  // jsforce refreshes on every 401, forever, even when each new session is refused at once.
  const recent: number[] = [];
  const conn: Connection = new Connection({
    loginUrl: auth.loginUrl,
    version,
    refreshFn: (c, callback) => {
      const now = Date.now();
      recent.push(now);
      while (recent.length > 0 && (recent[0] ?? now) < now - 60_000) recent.shift();
      const fail = (failure: IntegrationError) => {
        refreshFailures.set(c, failure);
        callback(failure);
      };
      if (recent.length > MAX_REFRESHES_PER_MINUTE) {
        fail(
          new AuthError(
            "salesforce",
            "Salesforce refused every new session for a minute; check that SALESFORCE_USERNAME may use the API",
          ),
        );
        return;
      }
      signAssertion(auth, key)
        .then((assertion) => c.oauth2.requestToken({ grant_type: JWT_GRANT, assertion }))
        .then((token) => {
          if (token.instance_url) c.instanceUrl = token.instance_url;
          callback(null, token.access_token, token);
        })
        .catch((error: unknown) => fail(toSalesforceError(error, "re-authorising (JWT bearer)")));
    },
  });
  try {
    await conn.authorize({ grant_type: JWT_GRANT, assertion: await signAssertion(auth, key) });
  } catch (error) {
    throw toSalesforceError(error, "authorising (JWT bearer)");
  }
  return conn;
}
