/**
 * Teams' limits and failures in the fake: the Connector's per-bot, per-conversation send limits (7 in
 * 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour; 429 `Throttled` with Retry-After), Teams' message size
 * limit (about 100 KB: 413 `MessageSizeTooBig`), and failures a test scripts for the next calls.
 */

/** An answer of the fake: status, JSON body and headers. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Teams' and Graph's error shape. */
export function errorAnswer(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): FakeAnswer {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

/** A failure a test asks for: the status and error code of the next `times` calls that match. */
export interface ScriptedFailure {
  status: number;
  code: string;
  message?: string;
  /** Seconds, for 429 (default 1). */
  retryAfter?: number;
  times?: number;
}

/** Scripted failures keyed by `METHOD path-pattern` (a RegExp source matched against `METHOD /path`). */
export function createFailureScript() {
  const pending: { pattern: RegExp; failure: ScriptedFailure; left: number }[] = [];
  return {
    add(pattern: string, failure: ScriptedFailure) {
      pending.push({ pattern: new RegExp(pattern), failure, left: failure.times ?? 1 });
    },
    take(request: string): FakeAnswer | undefined {
      const hit = pending.find((p) => p.left > 0 && p.pattern.test(request));
      if (!hit) return undefined;
      hit.left--;
      const f = hit.failure;
      return errorAnswer(
        f.status,
        f.code,
        f.message ?? `${f.code} (scripted)`,
        f.status === 429 ? { "retry-after": String(f.retryAfter ?? 1) } : undefined,
      );
    },
  };
}

/** [how many, within ms]: the Connector's limits per bot per conversation. */
export const CONNECTOR_WINDOWS: readonly (readonly [number, number])[] = [
  [7, 1_000],
  [8, 2_000],
  [60, 30_000],
  [1_800, 3_600_000],
];

/** A limiter of sends per conversation; undefined means allowed (and counted). */
export function createConversationLimiter(windows = CONNECTOR_WINDOWS) {
  const sent = new Map<string, number[]>();
  return (conversationId: string): FakeAnswer | undefined => {
    const now = Date.now();
    const times = (sent.get(conversationId) ?? []).filter((t) => now - t < 3_600_000);
    for (const [limit, ms] of windows) {
      const inWindow = times.filter((t) => now - t < ms);
      if (inWindow.length >= limit) {
        const retryAfter = Math.max(1, Math.ceil((inWindow[inWindow.length - limit]! + ms - now) / 1000));
        sent.set(conversationId, times);
        return errorAnswer(429, "Throttled", "Too many requests", { "retry-after": String(retryAfter) });
      }
    }
    times.push(now);
    sent.set(conversationId, times);
    return undefined;
  };
}

/** Teams refuses messages over about 100 KB. */
export const MAX_ACTIVITY_BYTES = 100 * 1024;
