/**
 * A jsforce Connection, authorised by a given access token or by the OAuth 2.0 JWT bearer flow. For the
 * JWT flow warroom signs the assertion itself (jsforce has no signer) and hands jsforce a refresh function
 * that signs a new one, so an expired session (401 INVALID_SESSION_ID) re-authorises transparently.
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { SignJWT } from "jose";
import { Connection } from "jsforce";
import { AuthError, ConfigError } from "../../src/errors.ts";
import { toSalesforceError } from "./salesforce-errors.ts";

/** How warroom authenticates to Salesforce. */
export type SalesforceAuth =
  | { kind: "token"; instanceUrl: string; accessToken: string }
  | { kind: "jwt"; loginUrl: string; clientId: string; username: string; privateKey: string };

const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const MAX_REFRESHES_PER_MINUTE = 5;

/** The key from SALESFORCE_PRIVATE_KEY: PEM text (with real or `\n` line breaks) or a path to a PEM file. */
export async function loadPrivateKey(value: string): Promise<KeyObject> {
  const pem = value.includes("-----BEGIN")
    ? value.replace(/\\n/g, "\n")
    : await readFile(value, "utf8").catch(() => {
        throw new ConfigError(
          `SALESFORCE_PRIVATE_KEY is neither a PEM key nor a readable file (${value}). Paste the connected app's private key (-----BEGIN PRIVATE KEY-----...) or give the path of its PEM file.`,
        );
      });
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw new ConfigError(
      `SALESFORCE_PRIVATE_KEY is not a valid PEM private key (${(error as Error).message}). Use the key whose certificate is uploaded to the connected app.`,
    );
  }
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
    .setAudience(new URL(auth.loginUrl).origin)
    .setExpirationTime("3m")
    .sign(key);
}

/** Opens a Connection; with the JWT flow this authorises at once (and again whenever the session expires). */
export async function connectSalesforce(auth: SalesforceAuth, version: string): Promise<Connection> {
  if (auth.kind === "token")
    return new Connection({ instanceUrl: auth.instanceUrl, accessToken: auth.accessToken, version });
  const key = await loadPrivateKey(auth.privateKey);
  // jsforce refreshes on every 401, forever, even when each new session is refused at once.
  const recent: number[] = [];
  const conn: Connection = new Connection({
    loginUrl: auth.loginUrl,
    version,
    refreshFn: (c, callback) => {
      const now = Date.now();
      recent.push(now);
      while (recent.length > 0 && (recent[0] ?? now) < now - 60_000) recent.shift();
      if (recent.length > MAX_REFRESHES_PER_MINUTE) {
        callback(
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
        .catch((error: unknown) => callback(toSalesforceError(error, "re-authorising (JWT bearer)")));
    },
  });
  try {
    await conn.authorize({ grant_type: JWT_GRANT, assertion: await signAssertion(auth, key) });
  } catch (error) {
    throw toSalesforceError(error, "authorising (JWT bearer)");
  }
  return conn;
}
