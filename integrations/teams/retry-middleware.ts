/**
 * Retries for the Teams SDK's HTTP client (its `Client.use` middleware): the SDK does not retry by
 * itself. 429 waits the Retry-After; 412, 502, 503 and 504 back off exponentially; 403, 404 and 413 (and
 * any other answer) fail at once. A wait longer than `maxWaitMs` is not slept here: the call fails as
 * rate-limited and the job that made it retries later.
 */
import { httpFailureOf, toTeamsError } from "./teams-errors.ts";

const RETRYABLE = new Set([412, 502, 503, 504]);

/** How retries behave. */
export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First backoff; doubles each time (default 500 ms). */
  baseDelayMs?: number;
  /** The longest wait worth sleeping inside one call (default 15 s). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The subset of the SDK's middleware contract this needs. */
export interface HttpMiddleware {
  invoke<R>(context: { config: { method?: string; url?: string } }, next: () => Promise<R>): Promise<R>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A middleware that retries what Microsoft says to retry, and maps what it gives up on. */
export function retryMiddleware(options: RetryOptions = {}): HttpMiddleware {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 500;
  const maxWait = options.maxWaitMs ?? 15_000;
  const sleep = options.sleep ?? wait;
  return {
    async invoke(context, next) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await next();
        } catch (error) {
          const { status, retryAfterMs } = httpFailureOf(error);
          const what = `${context.config.method?.toUpperCase() ?? "GET"} ${context.config.url ?? ""}`;
          const delay =
            status === 429
              ? (retryAfterMs ?? base * 2 ** attempt)
              : status !== undefined && RETRYABLE.has(status)
                ? base * 2 ** attempt
                : undefined;
          if (delay === undefined || attempt >= retries || delay > maxWait) throw toTeamsError(error, what);
          // A little jitter so replicas that were throttled together do not come back together.
          await sleep(delay + Math.floor(Math.random() * Math.min(250, delay / 4 + 1)));
        }
      }
    },
  };
}
