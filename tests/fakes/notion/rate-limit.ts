/**
 * Notion's request limit (an average of about three requests a second per integration, short bursts
 * allowed) as a token bucket, plus failures a test scripts. A refused request is told, in whole seconds of
 * Retry-After, when a token will be kept for it; Notion promises that a request made after waiting that long
 * is no longer limited, so the bucket reserves the token until then.
 */
import { DEFAULT_MESSAGES } from "./notion-errors.ts";

/** Average requests per second and how many may come at once. */
export interface RateLimitOption {
  perSecond: number;
  burst: number;
}

/** A failure to script: HTTP status, Notion error code, message, Retry-After seconds, how many calls. */
export interface ScriptedFailure {
  status: number;
  code: string;
  message?: string;
  /** Seconds in the Retry-After header (a 429 gets 1 unless told otherwise). */
  retryAfter?: number;
  /** How many consecutive requests fail (default 1). */
  times?: number;
  /** Only requests with this method and a path matching this pattern fail (default: any request). */
  method?: string;
  path?: RegExp;
}

/** What to answer instead of handling the request. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  retryAfter?: number;
}

/** Notion's documented average. */
export const DEFAULT_RATE_LIMIT: RateLimitOption = { perSecond: 3, burst: 10 };

/** How long a reserved token waits for a client that never comes back. */
const RESERVATION_GRACE_MS = 5_000;

/** Timers may wake a client a hair before its Retry-After is over; that still counts as waiting. */
const TIMER_SLACK_MS = 100;

/** A limiter: call it once per request; it answers a 429 refusal or undefined (go ahead). */
export function createRateLimiter(option: RateLimitOption | false, now: () => number = Date.now) {
  if (option === false) return (): Refusal | undefined => undefined;
  const perMs = option.perSecond / 1000;
  let tokens = option.burst;
  let updatedAt = now();
  /** When each refused request was promised a token (ms), earliest first. */
  const reservations: number[] = [];
  return (): Refusal | undefined => {
    const at = now();
    tokens = Math.min(option.burst, tokens + (at - updatedAt) * perMs);
    updatedAt = at;
    while (reservations[0] !== undefined && reservations[0] + RESERVATION_GRACE_MS < at) reservations.shift();
    if (reservations[0] !== undefined && reservations[0] <= at + TIMER_SLACK_MS) {
      // A client back after its Retry-After: it gets the token kept for it, even on credit.
      reservations.shift();
      tokens -= 1;
      return undefined;
    }
    if (tokens - reservations.length >= 1) {
      tokens -= 1;
      return undefined;
    }
    const dueAt = at + Math.ceil((reservations.length + 1 - tokens) / perMs);
    reservations.push(dueAt);
    const retryAfter = Math.max(1, Math.ceil((dueAt - at) / 1000));
    return { status: 429, code: "rate_limited", message: DEFAULT_MESSAGES.rate_limited ?? "", retryAfter };
  };
}

/** Failures queued by a test, consumed one request at a time, in order. */
export function createFailureScript() {
  const queue: { failure: ScriptedFailure; left: number }[] = [];
  const add = (failure: ScriptedFailure): void => {
    queue.push({ failure, left: failure.times ?? 1 });
  };
  const take = (method = "", path = ""): Refusal | undefined => {
    const index = queue.findIndex(
      ({ failure: f }) => (!f.method || f.method === method) && (!f.path || f.path.test(path)),
    );
    const next = queue[index];
    if (!next) return undefined;
    next.left -= 1;
    if (next.left <= 0) queue.splice(index, 1);
    const { status, code } = next.failure;
    const retryAfter = next.failure.retryAfter ?? (status === 429 ? 1 : undefined);
    return {
      status,
      code,
      message: next.failure.message ?? DEFAULT_MESSAGES[code] ?? `Scripted failure (${code}).`,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    };
  };
  return { add, take };
}
