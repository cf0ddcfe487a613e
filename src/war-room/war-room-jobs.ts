/**
 * The war-room's jobs on the durable queue.
 */
import { v5 as uuidv5 } from "uuid";
import { z } from "zod";
import { describeFailure } from "../describe-failure.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { ScheduleDefinition } from "../jobs/scheduler.ts";
import type { Database } from "../storage/database.ts";
import { getEscalationMetadata } from "../storage/escalation-store.ts";
import { listTasksAwaitingCrm } from "../storage/task-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import {
  CATCH_UP_JOB,
  LLM_VIEW_JOB,
  NEXT_HYPOTHESES_JOB,
  OPEN_WAR_ROOM_JOB,
  POLL_ESCALATED_CASES_JOB,
  REFRESH_KNOWLEDGE_JOB,
  RESYNC_FINDINGS_JOB,
  SYNC_FINDING_JOB,
  SYNC_TASK_JOB,
} from "./job-names.ts";
import { depsForEscalation, type WarRoomPlatforms } from "./platforms.ts";

const slotPayload = z.object({ slot: z.string() });
/** Namespace of the nightly re-sync's job ids (uuid v5), so one night queues a finding once. */
const RESYNC_NAMESPACE = "5c0a5b7e-3f1d-4f57-9c52-8d6e1a2b4c90";

// The job bodies (and the analysis engine behind them) load on first use, not at start-up.
const openWarRoom = async (...args: Parameters<typeof import("./open-war-room.ts").openWarRoom>) =>
  (await import("./open-war-room.ts")).openWarRoom(...args);
const proposeNextHypotheses = async (
  ...args: Parameters<typeof import("./propose-next-hypotheses.ts").proposeNextHypotheses>
) => (await import("./propose-next-hypotheses.ts")).proposeNextHypotheses(...args);
const addLlmView = async (...args: Parameters<typeof import("./add-llm-view.ts").addLlmView>) =>
  (await import("./add-llm-view.ts")).addLlmView(...args);
const sendCatchUp = async (...args: Parameters<typeof import("./send-catch-up.ts").sendCatchUp>) =>
  (await import("./send-catch-up.ts")).sendCatchUp(...args);
const pollEscalatedCases = async (
  ...args: Parameters<typeof import("./poll-escalated-cases.ts").pollEscalatedCases>
) => (await import("./poll-escalated-cases.ts")).pollEscalatedCases(...args);
const syncTask = async (...args: Parameters<typeof import("./sync-task.ts").syncTask>) =>
  (await import("./sync-task.ts")).syncTask(...args);
const syncFinding = async (...args: Parameters<typeof import("./sync-finding.ts").syncFinding>) =>
  (await import("./sync-finding.ts")).syncFinding(...args);

async function tellRequester(escalationId: string, error: unknown, deps: WarRoomDeps): Promise<void> {
  const { replyRef } = await getEscalationMetadata(deps.db, escalationId);
  if (!replyRef || !deps.chat.reply) return;
  // The details are for the log; the requester gets words (describeFailure) and what happens next.
  deps.logger.warn({ err: error, escalationId }, "war-room not open yet; telling the requester");
  await deps.chat
    .reply(
      replyRef,
      `The war-room for ${escalationId} is not open yet. ${describeFailure(error)} The escalation is saved and warroom keeps retrying it with backoff; nothing is lost.`,
    )
    .catch((e: unknown) => deps.logger.warn({ err: e, escalationId }, "could not tell the requester"));
}

/**
 * The outbox's safety net: a finding whose sync job ran out of retries (a knowledge base refusing for more
 * than a day) is queued again every night, once per finding per night, until it lands.
 */
async function requeueUnsyncedFindings(db: Database, queue: JobQueue, slot: Date): Promise<number> {
  const rows = await db.query<{ escalation_id: string }>(
    `SELECT escalation_id FROM findings WHERE kb_sync_state IN ('pending', 'failed') AND created_at < $1::timestamptz - interval '1 hour'`,
    [slot],
  );
  const night = slot.toISOString().slice(0, 10);
  let queued = 0;
  for (const { escalation_id: escalationId } of rows) {
    const id = uuidv5(`${escalationId}:${night}`, RESYNC_NAMESPACE);
    if (await queue.send(SYNC_FINDING_JOB, { escalationId }, { id })) queued++;
  }
  return queued;
}

/** The same safety net for follow-ups the CRM has yet to record (a permission granted days later). */
async function requeueUnsyncedTasks(db: Database, queue: JobQueue, slot: Date): Promise<number> {
  const night = slot.toISOString().slice(0, 10);
  let queued = 0;
  for (const task of await listTasksAwaitingCrm(db, slot)) {
    const id = uuidv5(`task:${task.escalationId}#${task.number}:${night}`, RESYNC_NAMESPACE);
    if (await queue.send(SYNC_TASK_JOB, task, { id })) queued++;
  }
  return queued;
}

/** Nightly at 03:47 UTC. */
export const resyncFindingsSchedule: ScheduleDefinition<{ slot: string }> = {
  name: RESYNC_FINDINGS_JOB,
  cron: "47 3 * * *",
  timeZone: "UTC",
  job: RESYNC_FINDINGS_JOB,
  payload: (slot) => ({ slot: slot.toISOString() }),
};

/**
 * Registers the war-room jobs on `queue`; each runs with the deps of its escalation's platform.
 * `concurrency` war-rooms open at once in this process (default 8).
 */
export function defineWarRoomJobs(
  queue: JobQueue,
  platforms: WarRoomPlatforms,
  options: { concurrency?: number } = {},
): void {
  const primary = platforms.primary;
  queue.define({
    name: OPEN_WAR_ROOM_JOB,
    schema: z.object({ escalationId: z.string() }),
    concurrency: options.concurrency ?? 8,
    // Backoff capped at 15 minutes: about a day of retries before a person has to ask again.
    retryLimit: 100,
    retryDelaySeconds: 2,
    handle: async ({ escalationId }, { attempt }) => {
      const deps = await depsForEscalation(escalationId, platforms);
      try {
        // One run per escalation at a time, across replicas: a second job for it (a retried /escalate)
        // waits, then finds the work done, instead of posting beside the first.
        await deps.db.withLock(`warroom:open-war-room:${escalationId}`, () =>
          openWarRoom(escalationId, deps),
        );
      } catch (error) {
        // Tell the requester once; the escalation is saved and the job keeps retrying.
        if (attempt === 1) await tellRequester(escalationId, error, deps);
        throw error;
      }
    },
  });
  queue.define({
    name: NEXT_HYPOTHESES_JOB,
    schema: z.object({ escalationId: z.string(), round: z.number().int().min(2) }),
    retryLimit: 8,
    retryDelaySeconds: 2,
    concurrency: options.concurrency ?? 8,
    handle: async ({ escalationId, round }) =>
      proposeNextHypotheses(escalationId, round, await depsForEscalation(escalationId, platforms)),
  });
  queue.define({
    name: LLM_VIEW_JOB,
    schema: z.object({ escalationId: z.string(), round: z.number().int().min(1) }),
    // The model is asked once (its answer or failure is stored); retries only finish posting its view.
    retryLimit: 8,
    retryDelaySeconds: 2,
    // Mostly waiting on the model: a slow or hung one must not hold the next rooms' views behind it.
    concurrency: options.concurrency ?? 4,
    handle: async ({ escalationId, round }) =>
      addLlmView(escalationId, round, await depsForEscalation(escalationId, platforms)),
  });
  queue.define({
    name: CATCH_UP_JOB,
    schema: z.object({ escalationId: z.string(), userId: z.string() }),
    retryLimit: 10,
    retryDelaySeconds: 2,
    handle: async ({ escalationId, userId }) =>
      sendCatchUp(escalationId, userId, await depsForEscalation(escalationId, platforms)),
  });
  queue.define({
    name: RESYNC_FINDINGS_JOB,
    schema: slotPayload,
    retryLimit: 2,
    handle: async ({ slot }, { logger }) => {
      const queued = await requeueUnsyncedFindings(primary.db, queue, new Date(slot));
      if (queued > 0) logger.info({ queued }, "findings not yet in the knowledge base queued again");
      const tasks = await requeueUnsyncedTasks(primary.db, queue, new Date(slot));
      if (tasks > 0) logger.info({ queued: tasks }, "follow-ups not yet in the CRM queued again");
    },
  });
  queue.define({
    name: SYNC_FINDING_JOB,
    schema: z.object({ escalationId: z.string() }),
    // A knowledge base down for an hour: backoff capped at 15 min, retried for about a day.
    retryLimit: 100,
    retryDelaySeconds: 10,
    handle: async ({ escalationId }) =>
      syncFinding(escalationId, await depsForEscalation(escalationId, platforms)),
  });
  queue.define({
    name: SYNC_TASK_JOB,
    schema: z.object({ escalationId: z.string(), number: z.number().int().min(1) }),
    // A CRM refusing (a permission an admin has yet to grant): backoff capped at 15 min, about a day.
    retryLimit: 100,
    retryDelaySeconds: 10,
    handle: async ({ escalationId, number }) =>
      syncTask(escalationId, number, await depsForEscalation(escalationId, platforms)),
  });
}

/**
 * Jobs and schedules of the optional capabilities: escalated CRM cases opening war-rooms, and a remote
 * knowledge base read into the local store. Each schedule's slot runs once across replicas.
 */
export function defineCapabilityJobs(
  queue: JobQueue,
  deps: WarRoomDeps,
  options: { casePollCron?: string },
): ScheduleDefinition<{ slot: string }>[] {
  const schedules: ScheduleDefinition<{ slot: string }>[] = [];
  const payload = (slot: Date) => ({ slot: slot.toISOString() });
  if (deps.crm.listEscalatedCases && options.casePollCron) {
    queue.define({
      name: POLL_ESCALATED_CASES_JOB,
      schema: slotPayload,
      // The next slot polls again: a failed poll needs no long retry.
      retryLimit: 1,
      retryDelaySeconds: 10,
      expireInSeconds: 10 * 60,
      handle: async (_data, { logger }) => {
        const outcome = await pollEscalatedCases(deps);
        if (outcome.seen > 0 || outcome.skipped === "backing-off")
          logger.info(outcome, "escalated cases polled");
      },
    });
    schedules.push({
      name: POLL_ESCALATED_CASES_JOB,
      cron: options.casePollCron,
      job: POLL_ESCALATED_CASES_JOB,
      payload,
    });
  }
  const refresh = deps.knowledge.refresh?.bind(deps.knowledge);
  if (refresh) {
    queue.define({
      name: REFRESH_KNOWLEDGE_JOB,
      schema: slotPayload,
      retryLimit: 1,
      retryDelaySeconds: 30,
      handle: async (_data, { logger }) => {
        const result = await refresh();
        if (result.updated + result.removed > 0) logger.info(result, "knowledge base refreshed");
      },
    });
    schedules.push({
      name: REFRESH_KNOWLEDGE_JOB,
      cron: "*/5 * * * *",
      timeZone: "UTC",
      job: REFRESH_KNOWLEDGE_JOB,
      payload,
    });
  }
  return schedules;
}
