/**
 * The checks warroom makes on every inbound Bot Framework token before the Teams SDK sees the activity.
 * The SDK verifies signature, issuer, audience and expiry, but (2.1) not the signing key's
 * `endorsements`, and it skips the `serviceurl` claim when the activity carries no serviceUrl. Here the
 * token is verified in full (so this layer stands on its own), the key must be endorsed for the
 * activity's channel, and the claim must equal the activity's serviceUrl. Keys come from the OpenID
 * metadata's `jwks_uri`, cached for a day and refetched (at most every five minutes) for an unknown key id.
 */
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from "jose";
import { z } from "zod";

/** Where inbound tokens come from and whom they are for. */
export interface InboundAuthConfig {
  appId: string;
  openIdMetadataUrl: string;
  tokenIssuer: string;
}

/** Why a request was refused (answered 401). */
export class InboundAuthError extends Error {}

const metadataSchema = z.object({ jwks_uri: z.url() });
const jwksSchema = z.object({
  keys: z.array(
    z.looseObject({ kid: z.string(), kty: z.string(), endorsements: z.array(z.string()).optional() }),
  ),
});
type SigningKey = z.infer<typeof jwksSchema>["keys"][number];

const DAY_MS = 24 * 3600_000;
const REFETCH_MS = 5 * 60_000;
/** Bot Framework allows five minutes of clock skew. */
const SKEW_SECONDS = 300;

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

const normaliseUrl = (url: string) => url.replace(/\/+$/, "").toLowerCase();

/** A verifier of `Authorization: Bearer …` against an activity's channelId and serviceUrl. */
export function createInboundVerifier(config: InboundAuthConfig) {
  let keys: SigningKey[] = [];
  let fetchedAt = 0;
  let loading: Promise<void> | undefined;

  const load = () => {
    loading ??= (async () => {
      const metadata = metadataSchema.parse(await fetchJson(config.openIdMetadataUrl));
      keys = jwksSchema.parse(await fetchJson(metadata.jwks_uri)).keys;
      fetchedAt = Date.now();
    })().finally(() => {
      loading = undefined;
    });
    return loading;
  };

  async function keyFor(kid: string): Promise<SigningKey> {
    const age = Date.now() - fetchedAt;
    if (age > DAY_MS || (!keys.some((k) => k.kid === kid) && age > REFETCH_MS)) await load();
    const key = keys.find((k) => k.kid === kid);
    if (!key) throw new InboundAuthError(`unknown signing key ${kid}`);
    return key;
  }

  return async function verify(
    authorization: string | undefined,
    activity: { channelId?: unknown; serviceUrl?: unknown },
  ): Promise<void> {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
    if (!token) throw new InboundAuthError("no bearer token");
    if (typeof activity.channelId !== "string" || typeof activity.serviceUrl !== "string")
      throw new InboundAuthError("the activity names no channelId or serviceUrl");
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw new InboundAuthError("not a JWT");
    }
    if (!kid) throw new InboundAuthError("the token names no signing key");
    const key = await keyFor(kid);
    if (!key.endorsements?.includes(activity.channelId))
      throw new InboundAuthError(`signing key ${kid} is not endorsed for ${activity.channelId}`);
    const { appId } = config;
    const { payload } = await jwtVerify(token, await importJWK(key as JWK, "RS256"), {
      issuer: config.tokenIssuer,
      audience: [appId, `api://${appId}`, `api://botid-${appId}`],
      algorithms: ["RS256"],
      clockTolerance: SKEW_SECONDS,
    }).catch((error: unknown) => {
      throw new InboundAuthError(error instanceof Error ? error.message : "invalid token");
    });
    if (
      typeof payload.serviceurl !== "string" ||
      normaliseUrl(payload.serviceurl) !== normaliseUrl(activity.serviceUrl)
    )
      throw new InboundAuthError("the token's serviceurl is not the activity's serviceUrl");
  };
}

/** A verifier. */
export type InboundVerifier = ReturnType<typeof createInboundVerifier>;
