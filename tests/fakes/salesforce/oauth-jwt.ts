/**
 * The OAuth 2.0 JWT bearer flow of `POST /services/oauth2/token`: an RS256 assertion signed with the private
 * key of the connected app's certificate, `iss` = its consumer key, `sub` = a pre-authorized username,
 * `aud` = the login server, `exp` a few minutes ahead. Failures use OAuth's shape with the descriptions
 * Salesforce sends (`invalid_grant` / `invalid assertion`, `audience is invalid`, `expired authorization
 * code`, `user hasn't approved this consumer`; `invalid_client_id` / `client identifier invalid`).
 */
import { createPublicKey, type KeyObject, X509Certificate } from "node:crypto";
import { compactVerify, decodeJwt, type JWTPayload } from "jose";

/** The connected app the fake trusts. */
export interface JwtOptions {
  /** SPKI public key or X.509 certificate (what Salesforce stores), PEM. */
  publicKeyPem: string;
  /** The consumer key, expected as `iss`. */
  clientId: string;
  /** The pre-authorized user, expected as `sub`. */
  username: string;
}

/** What the token endpoint needs from the running fake. */
export interface TokenEndpoint {
  jwt: { options: JwtOptions; key: KeyObject } | undefined;
  baseUrl: string;
  orgId: string;
  userId: () => string;
  /** Issues a fresh access token and makes it the current one. */
  issueToken: () => string;
}

/** The endpoint's answer. */
export interface OAuthReply {
  status: number;
  body: Record<string, unknown>;
}

const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const STANDARD_AUDIENCES = ["https://login.salesforce.com", "https://test.salesforce.com"];
// Salesforce documents "within 3 minutes"; common clients send 5 minutes and are accepted.
const MAX_EXP_AHEAD_S = 300;
const CLOCK_SKEW_S = 10;

/** The key an assertion is verified with. */
export function loadVerificationKey(pem: string): KeyObject {
  return pem.includes("BEGIN CERTIFICATE") ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}

function oauthError(error: string, description: string): OAuthReply {
  return { status: 400, body: { error, error_description: description } };
}

type Verified = { claims: JWTPayload } | { refused: OAuthReply };

async function verifiedClaims(assertion: string, jwt: NonNullable<TokenEndpoint["jwt"]>): Promise<Verified> {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(assertion);
  } catch {
    return { refused: oauthError("invalid_grant", "invalid assertion") };
  }
  // The consumer key picks the connected app, and so the certificate, before the signature is checked.
  if (claims.iss !== jwt.options.clientId) {
    return { refused: oauthError("invalid_client_id", "client identifier invalid") };
  }
  try {
    await compactVerify(assertion, jwt.key, { algorithms: ["RS256"] });
  } catch {
    return { refused: oauthError("invalid_grant", "invalid assertion") };
  }
  return { claims };
}

function claimsProblem(
  claims: JWTPayload,
  endpoint: TokenEndpoint,
  options: JwtOptions,
): OAuthReply | undefined {
  const audiences = [claims.aud ?? []].flat();
  const accepted = [...STANDARD_AUDIENCES, endpoint.baseUrl];
  if (!audiences.some((aud) => accepted.includes(aud)))
    return oauthError("invalid_grant", "audience is invalid");
  const nowS = Date.now() / 1000;
  if (typeof claims.exp !== "number" || claims.exp <= nowS - CLOCK_SKEW_S) {
    return oauthError("invalid_grant", "expired authorization code");
  }
  if (claims.exp > nowS + MAX_EXP_AHEAD_S + CLOCK_SKEW_S)
    return oauthError("invalid_grant", "invalid assertion");
  if (claims.sub !== options.username)
    return oauthError("invalid_grant", "user hasn't approved this consumer");
  return undefined;
}

/** Answers a token request (the form-encoded body, already parsed). */
export async function exchangeToken(endpoint: TokenEndpoint, form: URLSearchParams): Promise<OAuthReply> {
  if (form.get("grant_type") !== JWT_GRANT)
    return oauthError("unsupported_grant_type", "grant type not supported");
  const jwt = endpoint.jwt;
  if (!jwt) return oauthError("invalid_client_id", "client identifier invalid");
  const verified = await verifiedClaims(form.get("assertion") ?? "", jwt);
  if ("refused" in verified) return verified.refused;
  const problem = claimsProblem(verified.claims, endpoint, jwt.options);
  if (problem) return problem;
  const body = {
    access_token: endpoint.issueToken(),
    scope: "api",
    instance_url: endpoint.baseUrl,
    id: `${endpoint.baseUrl}/id/${endpoint.orgId}/${endpoint.userId()}`,
    token_type: "Bearer",
  };
  return { status: 200, body };
}
