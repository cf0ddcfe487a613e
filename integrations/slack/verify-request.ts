/**
 * Slack's request signature, checked before anything reads the body: the timestamp must be within five
 * minutes of our clock in either direction (Bolt refuses only old ones; a request stamped in the future
 * could be replayed until that moment plus five minutes), then Bolt's own HMAC check.
 */
import { verifySlackRequest } from "@slack/bolt";

/** How far a request's timestamp may be from our clock, either way (Slack's rule). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Why a request was refused, for one warn line (never the signature or the body). */
export type SignatureProblem = string;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
}

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
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(stamp) },
      nowMilliseconds: nowMs,
    });
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Failed to verify authenticity: /, "");
  }
}
