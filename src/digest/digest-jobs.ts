/**
 * The weekly digest on the durable queue: a schedule per target (DIGEST_CHANNEL in Slack,
 * DIGEST_TEAMS_CHANNEL in Teams; DIGEST_CRON in DIGEST_TZ, Monday 09:00 by default) whose slot claims
 * enqueue one post job across replicas. At start, a digest due at the latest slot and not
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

// `platform` is absent in jobs queued before there was more than one platform: those were Slack's.
const payloadSchema = z.object({ week: z.string(), channel: z.string(), platform: z.string().optional() });

/** When (in the digest's time zone), where and on which platform a digest goes. */
export interface DigestSchedule {
  channel: string;
  cron: string;
  /** The chat platform's kind ("slack", "teams"). */
  platform: string;
}

/** The schedule's name: Slack's keeps the original name, so its claimed slots stay claimed. */
function scheduleName(platform: string): string {
  return platform === "slack" ? WEEKLY_DIGEST_SCHEDULE : `${WEEKLY_DIGEST_SCHEDULE}-${platform}`;
}

/**
 * Registers the post job and returns one schedule per digest target; a target's post runs with the
 * digest deps of its platform (`depsByPlatform`).
 */
export function defineDigestJobs(
  queue: JobQueue,
  depsByPlatform: ReadonlyMap<string, DigestDeps>,
  schedules: DigestSchedule[],
): ScheduleDefinition<z.infer<typeof payloadSchema>>[] {
  const depsOf = (platform: string | undefined): DigestDeps => {
    const deps = depsByPlatform.get(platform ?? "slack");
    if (!deps) throw new Error(`no digest deps for platform ${platform ?? "slack"}`);
    return deps;
  };
  queue.define({
    name: POST_DIGEST_JOB,
    schema: payloadSchema,
    // The platform down on Monday morning: retried with backoff (capped at 15 minutes) for about five hours.
    retryLimit: 25,
    retryDelaySeconds: 30,
    // Shorter than a claim's staleness (20 min): a hung post's claim outlives its job.
    expireInSeconds: 10 * 60,
    handle: async ({ week, channel, platform }, { logger }) => {
      const deps = depsOf(platform);
      const outcome = await postWeeklyDigest(parseWeek(week, deps.timeZone), channel, deps);
      if (!outcome.posted) logger.info({ week, channel, reason: outcome.reason }, "digest not posted again");
    },
  });
  return schedules.map((schedule) => {
    const deps = depsOf(schedule.platform);
    return {
      name: scheduleName(schedule.platform),
      cron: schedule.cron,
      timeZone: deps.timeZone,
      job: POST_DIGEST_JOB,
      payload: (slot: Date) => ({
        week: previousWeek(slot, deps.timeZone).label,
        channel: schedule.channel,
        platform: schedule.platform,
      }),
      // Until the next slot, a digest not posted (missed while down, or out of retries) is posted on start.
      catchUp: async (slot: Date) =>
        (await getDigestRecord(deps.db, previousWeek(slot, deps.timeZone).label, schedule.channel))?.state !==
        "posted",
    };
  });
}
