/**
 * Rate limits and scripted failures of the fake Slack. Limits are off unless a test asks for them, so
 * ordinary tests never see a 429 they did not script.
 */

/** A failure to inject: a platform error (HTTP 200, `ok: false`) or an HTTP status such as 429. */
export interface ScriptedFailure {
  /** The platform error, e.g. `name_taken` or `restricted_action`; `ratelimited` for a 429. */
  error?: string;
  /** HTTP status; 429 answers with `Retry-After`. Defaults to 200 (or 429 when `error` is `ratelimited`). */
  status?: number;
  /** Seconds in the `Retry-After` header of a 429 (default 1). */
  retryAfter?: number;
  /** How many consecutive calls fail (default 1). */
  times?: number;
}

/** What to answer instead of running the method. */
export interface Refusal {
  status: number;
  error: string;
  retryAfter?: number;
}

/**
 * Requests per minute by method, after Slack's tiers (Tier 2 = 20, Tier 3 = 50, Tier 4 = 100).
 * chat.postMessage is limited per channel (about one a second, short bursts allowed).
 */
export const SLACK_TIERS: Readonly<Record<string, number>> = {
  "auth.test": 100,
  "conversations.create": 20,
  "conversations.setTopic": 20,
  "conversations.setPurpose": 20,
  "conversations.invite": 50,
  "conversations.members": 100,
  "conversations.info": 50,
  "conversations.archive": 20,
  "conversations.unarchive": 20,
  "conversations.join": 50,
  "conversations.list": 20,
  // New non-Marketplace commercial apps: one request a minute.
  "conversations.history": 1,
  "users.info": 100,
  "users.lookupByEmail": 50,
  "usergroups.list": 20,
  "usergroups.users.list": 20,
  "chat.postMessage": 60,
  "chat.update": 50,
  "chat.delete": 50,
  "chat.postEphemeral": 100,
  "chat.getPermalink": 100,
  "views.open": 100,
  "views.push": 100,
  "views.update": 100,
  "reactions.add": 50,
  "reactions.remove": 20,
  "files.getUploadURLExternal": 100,
  "files.completeUploadExternal": 100,
};

/** `"slack-tiers"` for {@link SLACK_TIERS}, or requests per minute by method. */
export type RateLimitOption = "slack-tiers" | Readonly<Record<string, number>>;

const WINDOW_MS = 60_000;

/** A sliding one-minute window per method (per method and channel for chat.postMessage). */
export function createRateLimiter(option: RateLimitOption | undefined) {
  const budgets = option === "slack-tiers" ? SLACK_TIERS : (option ?? {});
  const windows = new Map<string, number[]>();
  return (method: string, channel: string | undefined): Refusal | undefined => {
    const budget = budgets[method];
    if (budget === undefined) return undefined;
    const key = method === "chat.postMessage" ? `${method}:${channel ?? ""}` : method;
    const now = Date.now();
    const recent = (windows.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
    windows.set(key, recent);
    const oldest = recent[0];
    if (recent.length >= budget && oldest !== undefined) {
      const retryAfter = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
      return { status: 429, error: "ratelimited", retryAfter };
    }
    recent.push(now);
    return undefined;
  };
}

/** Failures queued per method (`"*"` matches any method), consumed one call at a time. */
export function createFailureScript() {
  const queued = new Map<string, Required<ScriptedFailure>[]>();
  const add = (method: string, failure: ScriptedFailure): void => {
    const status = failure.status ?? (failure.error === "ratelimited" ? 429 : 200);
    const error = failure.error ?? (status === 429 ? "ratelimited" : "internal_error");
    const entry = { error, status, retryAfter: failure.retryAfter ?? 1, times: failure.times ?? 1 };
    queued.set(method, [...(queued.get(method) ?? []), entry]);
  };
  const take = (method: string): Refusal | undefined => {
    const list = queued.get(method)?.length ? queued.get(method) : queued.get("*");
    const next = list?.[0];
    if (!list || !next) return undefined;
    next.times -= 1;
    if (next.times <= 0) list.shift();
    return {
      status: next.status,
      error: next.error,
      ...(next.status === 429 ? { retryAfter: next.retryAfter } : {}),
    };
  };
  return { add, take };
}
