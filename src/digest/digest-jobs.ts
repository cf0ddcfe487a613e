/**
 * The weekly digest on the durable queue: a schedule (DIGEST_CRON in DIGEST_TZ, Monday 09:00 by default)
 * whose slot claims enqueue one post job across replicas. At start, a digest due at the latest slot and not
 * posted (missed while the service was down, or its job ran out of retries) is queued again, until the
 * next slot is due. The job posts the ISO week before the slot's.
 */
import { z } from "zod";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { ScheduleDefinition } from "../jobs/scheduler.ts";
import { getDigestRecord } from "../storage/digest-store.ts";
import { parseWeek, previousWeek } from "./digest-week.ts";
import type { DigestDeps } from "./post-digest.ts";

// Building a digest (queries, chart rendering) loads on first use, not at start-up.
const postWeeklyDigest = async (...args: Parameters<typeof import("./post-digest.ts").postWeeklyDigest>) =>
  (await import("./post-digest.ts")).postWeeklyDigest(...args);

export const POST_DIGEST_JOB = "post-digest";
export const WEEKLY_DIGEST_SCHEDULE = "weekly-digest";

const payloadSchema = z.object({ week: z.string(), channel: z.string() });

/** When (in the digest's time zone) and where the digest goes. */
export interface DigestSchedule {
  channel: string;
  cron: string;
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
    // Shorter than a claim's staleness (20 min): a hung post's claim outlives its job.
    expireInSeconds: 10 * 60,
    handle: async ({ week, channel }, { logger }) => {
      const outcome = await postWeeklyDigest(parseWeek(week, deps.timeZone), channel, deps);
      if (!outcome.posted) logger.info({ week, channel, reason: outcome.reason }, "digest not posted again");
    },
  });
  return {
    name: WEEKLY_DIGEST_SCHEDULE,
    cron: schedule.cron,
    timeZone: deps.timeZone,
    job: POST_DIGEST_JOB,
    payload: (slot) => ({ week: previousWeek(slot, deps.timeZone).label, channel: schedule.channel }),
    // Until the next slot, a digest not posted (missed while down, or out of retries) is posted on start.
    catchUp: async (slot) =>
      (await getDigestRecord(deps.db, previousWeek(slot, deps.timeZone).label, schedule.channel))?.state !==
      "posted",
  };
}
