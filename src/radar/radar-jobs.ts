/**
 * The radar on the durable queue: a scan of one account after its tickets were triaged or updated (the CRM
 * poll, POST /api/tickets), an hourly scan of every account for the signals time alone raises (a renewal
 * coming closer, an SLA running out), and the job that posts each alert.
 */
import { v5 as uuidv5 } from "uuid";
import { z } from "zod";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { ScheduleDefinition } from "../jobs/scheduler.ts";
import { listOpenTicketAccounts } from "../storage/ticket-accounts.ts";
import { postRiskAlert } from "./post-risk-alert.ts";
import type { RadarDeps } from "./radar-deps.ts";
import { POST_RISK_ALERT_JOB, RADAR_SCAN_JOB, RADAR_SCAN_SCHEDULE } from "./radar-job-names.ts";
import { scanRisk } from "./raise-risk-alerts.ts";

const scanPayload = z.object({ accountId: z.string().min(1).optional(), slot: z.string().optional() });
/** Namespace of the hourly per-account scans' job ids (uuid v5 of slot and account). */
const SLOT_NAMESPACE = "6d1f0c2a-7b4e-4c8d-a3f5-1e2b9c7d4a60";

/**
 * The hourly scan fans out to one job per account, so one account's failure retries only that account:
 * the accounts with an open stored ticket, or every account of a CRM whose tickets are not stored.
 */
async function fanOut(slot: string, deps: RadarDeps): Promise<number> {
  const stored = await listOpenTicketAccounts(deps.db);
  const accounts = stored.length > 0 ? stored : (await deps.crm.listAccounts()).map((a) => a.id);
  for (const accountId of accounts)
    await deps.queue.send(
      RADAR_SCAN_JOB,
      { accountId },
      { id: uuidv5(`${slot}:${accountId}`, SLOT_NAMESPACE) },
    );
  return accounts.length;
}

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
    handle: async ({ accountId, slot }, { logger }) => {
      if (!accountId && slot) {
        logger.debug({ accounts: await fanOut(slot, deps) }, "radar scans queued");
        return;
      }
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
