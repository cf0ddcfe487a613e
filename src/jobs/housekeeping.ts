/**
 * Daily housekeeping: forget inbound event ids and schedule claims old enough that no platform will
 * redeliver them, so the idempotency tables stay small.
 */
import { z } from "zod";
import type { Database } from "../storage/database.ts";
import type { JobDefinition } from "./job-queue.ts";
import type { ScheduleDefinition } from "./scheduler.ts";

export const HOUSEKEEPING_JOB = "housekeeping";

const payloadSchema = z.object({ slot: z.string() });

/** Slack retries for minutes, Salesforce polls by watermark: a month of event ids is ample. */
const KEEP_EVENTS_DAYS = 30;
const KEEP_SCHEDULE_RUNS_DAYS = 90;

/** The housekeeping job. */
export function housekeepingJob(db: Database): JobDefinition<z.infer<typeof payloadSchema>> {
  return {
    name: HOUSEKEEPING_JOB,
    schema: payloadSchema,
    retryLimit: 3,
    async handle(_data, { logger }) {
      const events = await db.query(
        "DELETE FROM processed_events WHERE processed_at < now() - make_interval(days => $1) RETURNING 1",
        [KEEP_EVENTS_DAYS],
      );
      const runs = await db.query(
        "DELETE FROM schedule_runs WHERE claimed_at < now() - make_interval(days => $1) RETURNING 1",
        [KEEP_SCHEDULE_RUNS_DAYS],
      );
      logger.info({ events: events.length, scheduleRuns: runs.length }, "housekeeping done");
    },
  };
}

/** Runs housekeeping every night at 03:17 UTC. */
export const housekeepingSchedule: ScheduleDefinition<z.infer<typeof payloadSchema>> = {
  name: HOUSEKEEPING_JOB,
  cron: "17 3 * * *",
  timeZone: "UTC",
  job: HOUSEKEEPING_JOB,
  payload: (slot) => ({ slot: slot.toISOString() }),
};
