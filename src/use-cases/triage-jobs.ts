/**
 * The triage poll on the durable queue: on the CRM's poll schedule (SALESFORCE_POLL_CRON), one replica per
 * slot triages the cases modified since the last poll.
 */
import { z } from "zod";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { ScheduleDefinition } from "../jobs/scheduler.ts";
import { pollModifiedTickets, type TicketPollDeps } from "./poll-modified-tickets.ts";

/** The job's name on the queue. */
export const POLL_MODIFIED_CASES_JOB = "poll-modified-cases";

/** Defines the poll job and returns its schedule; none when the CRM cannot list modified cases. */
export function defineTriageJobs(
  queue: JobQueue,
  deps: TicketPollDeps,
  cron: string | undefined,
): ScheduleDefinition<{ slot: string }>[] {
  if (!deps.crm.listModifiedCases || !cron) return [];
  queue.define({
    name: POLL_MODIFIED_CASES_JOB,
    schema: z.object({ slot: z.string() }),
    // The next slot polls again from the watermark: a failed poll needs no long retry.
    retryLimit: 1,
    retryDelaySeconds: 10,
    expireInSeconds: 10 * 60,
    handle: async (_data, { logger }) => {
      const outcome = await pollModifiedTickets(deps);
      if (outcome.seen > 0 || outcome.skipped === "backing-off")
        logger.info(outcome, "modified cases triaged");
    },
  });
  return [
    {
      name: POLL_MODIFIED_CASES_JOB,
      cron,
      job: POLL_MODIFIED_CASES_JOB,
      payload: (slot: Date) => ({ slot: slot.toISOString() }),
    },
  ];
}
