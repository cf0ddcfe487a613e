/**
 * The weekly digest on the durable queue: a schedule (DIGEST_CRON in DIGEST_TZ, Monday 09:00 by default)
 * whose slot claims enqueue one post job across replicas, and which, at start, fires a slot missed while
 * the service was down as long as its week is not over. The job posts the previous ISO week's digest.
 */
import { z } from "zod";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { ScheduleDefinition } from "../jobs/scheduler.ts";
import { parseWeek, previousWeek, weekContaining } from "./digest-week.ts";
import type { DigestDeps } from "./post-digest.ts";

// Building a digest (queries, chart rendering) loads on first use, not at start-up.
const postWeeklyDigest = async (...args: Parameters<typeof import("./post-digest.ts").postWeeklyDigest>) =>
  (await import("./post-digest.ts")).postWeeklyDigest(...args);

export const POST_DIGEST_JOB = "post-digest";
export const WEEKLY_DIGEST_SCHEDULE = "weekly-digest";

const payloadSchema = z.object({ week: z.string(), channel: z.string() });

/** When and where the digest goes. */
export interface DigestSchedule {
  channel: string;
  cron: string;
  timeZone: string;
}

/** Registers the post job and returns the schedule that enqueues it. */
export function defineDigestJobs(
  queue: JobQueue,
  deps: DigestDeps,
  schedule: DigestSchedule,
): ScheduleDefinition<z.infer<typeof payloadSchema>> {
  queue.define({
    name: POST_DIGEST_JOB,
    schema: payloadSchema,
    // Slack down on Monday morning: retried with backoff (capped at 15 minutes) for about five hours.
    retryLimit: 25,
    retryDelaySeconds: 30,
    handle: async ({ week, channel }, { logger }) => {
      const outcome = await postWeeklyDigest(parseWeek(week, schedule.timeZone), channel, deps);
      if (!outcome.posted) logger.info({ week, channel, reason: outcome.reason }, "digest not posted again");
    },
  });
  return {
    name: WEEKLY_DIGEST_SCHEDULE,
    cron: schedule.cron,
    timeZone: schedule.timeZone,
    job: POST_DIGEST_JOB,
    payload: (slot) => ({ week: previousWeek(slot, schedule.timeZone).label, channel: schedule.channel }),
    // Missed while down: still posted if the week it was due in has not ended.
    catchUp: (slot, now) =>
      weekContaining(slot, schedule.timeZone).label === weekContaining(now, schedule.timeZone).label,
  };
}
