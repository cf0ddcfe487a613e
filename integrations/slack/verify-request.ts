/**
 * Slack's request signature, checked before anything reads the body: the timestamp must be within five
 * minutes of our clock in either direction (Bolt refuses only old ones; a request stamped in the future
 * could be replayed until that moment plus five minutes), then the v0 HMAC-SHA256 of
 * `v0:<timestamp>:<body>` under the signing secret, compared in constant time. This is the only check: Bolt's
 * receiver is told not to repeat it (its own costs three HMACs a request, through tsscmp).
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from "node:crypto";

/** How far a request's timestamp may be from our clock, either way (Slack's rule). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Why a request was refused, for one warn line (never the signature or the body). */
export type SignatureProblem = string;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The secret as a key object, made once: hashing with a string key prepares a new key every time. */
const keys = new Map<string, KeyObject>();
function keyOf(signingSecret: string): KeyObject {
  let key = keys.get(signingSecret);
  if (!key) {
    key = createSecretKey(Buffer.from(signingSecret, "utf8"));
    if (keys.size > 8) keys.clear();
    keys.set(signingSecret, key);
  }
  return key;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Undefined when the request is Slack's; otherwise what is wrong with it. */
export function checkSlackSignature(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  signingSecret: string,
  nowMs = Date.now(),
): SignatureProblem | undefined {
  const signature = header(headers, "x-slack-signature");
  const stamp = header(headers, "x-slack-request-timestamp");
  if (!signature || !stamp) return "x-slack-signature or x-slack-request-timestamp is missing";
  if (!/^\d{1,12}$/.test(stamp)) return "x-slack-request-timestamp is not a Unix time in seconds";
  const skew = Number(stamp) - Math.floor(nowMs / 1000);
  if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS)
    return `x-slack-request-timestamp is ${Math.abs(skew)} s in the ${skew > 0 ? "future" : "past"} (at most ${MAX_CLOCK_SKEW_SECONDS} s either way)`;
  const [version, hash = ""] = signature.split("=", 2);
  if (version !== "v0") return "unknown signature version (x-slack-signature must start with v0=)";
  if (!HEX_SHA256.test(hash)) return "signature mismatch";
  const expected = createHmac("sha256", keyOf(signingSecret)).update(`v0:${stamp}:`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hash, "hex")) ? undefined : "signature mismatch";
}
