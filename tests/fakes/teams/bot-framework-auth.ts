/**
 * Microsoft's identity side of the fake: the Bot Framework OpenID metadata and its signing keys (test RSA
 * keys; each carries the channels it is endorsed for, as Microsoft's keys do), a signer that makes inbound
 * tokens exactly as the Bot Framework does (RS256, `iss`, `aud` = the app id, `serviceurl`, five-minute
 * lifetime by default), and the Entra token endpoint for the client-credentials grant.
 */
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/** A signing key of the fake Bot Framework. */
export interface FakeSigningKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  jwk: JWK & { kid: string; endorsements: string[] };
}

/** Makes an RS256 key pair; `endorsements` are the channels its tokens may be used for. */
export async function makeSigningKey(kid: string, endorsements: string[]): Promise<FakeSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256", endorsements };
  return { kid, privateKey, jwk };
}

/** What a signed inbound token says. */
export interface TokenClaims {
  issuer: string;
  audience: string;
  serviceUrl?: string;
  /** Seconds from now until expiry (negative: already expired). Default 300. */
  expiresIn?: number;
}

/** A Bot Framework token for an inbound activity, signed with `key`. */
export function signInboundToken(key: FakeSigningKey, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...(claims.serviceUrl ? { serviceurl: claims.serviceUrl } : {}) })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt(now - 5)
    .setNotBefore(now - 5)
    .setExpirationTime(now + (claims.expiresIn ?? 300))
    .sign(key.privateKey);
}

/** The OpenID metadata document, as login.botframework.com serves it. */
export function openIdMetadata(issuer: string, keysUrl: string) {
  return {
    issuer,
    authorization_endpoint: "https://invalid.botframework.com",
    jwks_uri: keysUrl,
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
  };
}

/** An access token the fake issued. */
export interface IssuedToken {
  scope: string;
  expiresAt: number;
}

/**
 * The token endpoint's refusal of a client-credentials request (Entra's error shape, AADSTS codes), or the
 * scope to issue a token for.
 */
export function grantToken(
  form: URLSearchParams,
  expected: { tenantId: string; appId: string; appPassword: string },
  tenant: string,
): { status: number; body: unknown; scope?: string } {
  const fail = (error: string, description: string, status = 400) => ({
    status,
    body: {
      error,
      error_description: description,
      error_codes: [Number(description.slice(5, description.indexOf(":")))],
    },
  });
  if (tenant !== expected.tenantId)
    return fail("invalid_request", `AADSTS90002: Tenant '${tenant}' not found.`);
  if (form.get("grant_type") !== "client_credentials")
    return fail("unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
  if (form.get("client_id") !== expected.appId)
    return fail("unauthorized_client", `AADSTS700016: Application '${form.get("client_id")}' was not found.`);
  if (form.get("client_secret") !== expected.appPassword)
    return fail("invalid_client", "AADSTS7000215: Invalid client secret provided.", 401);
  const scope = form.get("scope") ?? "";
  if (!scope.endsWith("/.default"))
    return fail("invalid_scope", "AADSTS1002012: The provided value for scope is not valid.");
  return { status: 200, body: {}, scope };
}

const ENTRA_SECRET = new TextEncoder().encode("fake-entra-signing-secret-0123456789");

/** An app-only access token shaped like Entra's (a JWT): audience = the scope's resource. */
export function entraToken(scope: string, tenant: { tenantId: string; appId: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: tenant.tenantId, appid: tenant.appId, roles: [], jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://sts.windows.net/${tenant.tenantId}/`)
    .setAudience(scope.replace(/\/\.default$/, ""))
    .setIssuedAt(now)
    .setExpirationTime(now + 3599)
    .sign(ENTRA_SECRET);
}
