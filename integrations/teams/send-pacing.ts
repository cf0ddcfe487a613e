/**
 * Pacing of the Bot Connector's sends and updates per conversation, inside Teams' limits per bot per
 * conversation (7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour): a war-room posts its context card,
 * summary and hypotheses in a burst, and waiting a few hundred ms here beats a 429 and its Retry-After.
 * Per process only; another replica's burst still meets a 429, which the retry middleware handles.
 */
import type { HttpMiddleware } from "./retry-middleware.ts";

/** [how many, within ms]. */
export type SendWindow = readonly [number, number];

export const TEAMS_SEND_WINDOWS: readonly SendWindow[] = [
  [7, 1_000],
  [8, 2_000],
  [60, 30_000],
  [1_800, 3_600_000],
];

/** A send is counted from when it leaves, Teams counts from when it arrives: keep this much slack. */
const SLACK_MS = 150;

/** Waits until one more send to `key` fits every window, then records it. */
export function createSendPacer(windows: readonly SendWindow[] = TEAMS_SEND_WINDOWS) {
  const longest = Math.max(...windows.map(([, ms]) => ms));
  const sent = new Map<string, number[]>();
  const delayFor = (times: number[], now: number): number => {
    let delay = 0;
    for (const [limit, ms] of windows) {
      const inWindow = times.filter((t) => now - t < ms + SLACK_MS);
      if (inWindow.length >= limit)
        delay = Math.max(delay, inWindow[inWindow.length - limit]! + ms + SLACK_MS - now);
    }
    return delay;
  };
  return async function pace(key: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const times = (sent.get(key) ?? []).filter((t) => now - t < longest);
      const delay = delayFor(times, now);
      if (delay <= 0) {
        times.push(now);
        sent.set(key, times);
        return;
      }
      sent.set(key, times);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };
}

const ACTIVITY_PATH = /\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/** A middleware pacing POST and PUT of `/v3/conversations/{id}/activities` per conversation. */
export function sendPacingMiddleware(pace = createSendPacer()): HttpMiddleware {
  return {
    async invoke(context, next) {
      const method = context.config.method?.toLowerCase();
      const match = ACTIVITY_PATH.exec(context.config.url?.split("?")[0] ?? "");
      if (match && (method === "post" || method === "put")) {
        // Threads of a channel share the channel's budget.
        await pace(decodeURIComponent(match[1]!).split(";")[0]!);
      }
      return next();
    },
  };
}
