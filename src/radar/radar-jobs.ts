/**
 * The radar on the durable queue: a scan of one account after its tickets were triaged or updated (the CRM
 * poll, POST /api/tickets), an hourly scan of every account for the signals time alone raises (a renewal
 * coming closer, an SLA running out), and the job that posts each alert.
 */
import { z } from "zod";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { ScheduleDefinition } from "../jobs/scheduler.ts";
import { postRiskAlert } from "./post-risk-alert.ts";
import type { RadarDeps } from "./radar-deps.ts";
import { POST_RISK_ALERT_JOB, RADAR_SCAN_JOB, RADAR_SCAN_SCHEDULE } from "./radar-job-names.ts";
import { scanRisk } from "./raise-risk-alerts.ts";

const scanPayload = z.object({ accountId: z.string().min(1).optional(), slot: z.string().optional() });

/** Every hour at :17 (off the hour, away from the other schedules). */
export const radarScanSchedule: ScheduleDefinition<{ slot: string }> = {
  name: RADAR_SCAN_SCHEDULE,
  cron: "17 * * * *",
  timeZone: "UTC",
  job: RADAR_SCAN_JOB,
  payload: (slot) => ({ slot: slot.toISOString() }),
};

/** Registers the radar's jobs on `queue`. */
export function defineRadarJobs(queue: JobQueue, deps: RadarDeps): void {
  queue.define({
    name: RADAR_SCAN_JOB,
    schema: scanPayload,
    // The next scan reads the same tickets again: a failed one needs no long retry.
    retryLimit: 2,
    retryDelaySeconds: 10,
    handle: async ({ accountId }, { logger }) => {
      const outcome = await scanRisk(deps, accountId ? { accountId } : {});
      if (outcome.raised.length > 0) logger.info({ ...outcome, accountId }, "risk alerts raised");
    },
  });
  queue.define({
    name: POST_RISK_ALERT_JOB,
    schema: z.object({ alertId: z.string() }),
    // Slack or Teams down for an hour: backoff capped at 15 min, retried for about a day.
    retryLimit: 100,
    retryDelaySeconds: 5,
    handle: async ({ alertId }) => postRiskAlert(alertId, deps),
  });
}

/** Asks for a scan of one account's threads (after its tickets were triaged or updated). */
export async function queueRadarScan(queue: JobQueue, accountId: string): Promise<void> {
  await queue.send(RADAR_SCAN_JOB, { accountId });
}
