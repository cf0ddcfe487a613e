/**
 * The job that writes a follow-up to the CRM: creates the task there (once per task key, even when the
 * job is retried after a lost answer), then closes it once the follow-up is done. A refusal (a missing
 * permission or field) is told in the room once and the job is retried with backoff; the follow-up stays
 * in warroom whatever the CRM says.
 */
import { v5 as uuidV5 } from "uuid";
import { PermissionError, ValidationError } from "../errors.ts";
import type { Sql } from "../storage/database.ts";
import { getEscalation } from "../storage/escalation-store.ts";
import { getTask, saveCrmSync, type TaskRecord } from "../storage/task-store.ts";
import { getWarRoom } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { SYNC_TASK_JOB } from "./job-names.ts";

const NAMESPACE = "2d7c1b4e-6a3f-4e8d-b1c9-5f0a7e2d3c61";

/** The task's key in the CRM: unique across warroom, stable across retries. */
export function crmTaskKey(task: Pick<TaskRecord, "escalationId" | "number">): string {
  return `${task.escalationId}#${task.number}`;
}

/** Queues the sync of a task (one job per task and state, however often it is asked). */
export async function queueTaskSync(
  tx: Sql,
  task: Pick<TaskRecord, "escalationId" | "number">,
  state: "open" | "done",
  deps: WarRoomDeps,
): Promise<void> {
  const id = uuidV5(`${crmTaskKey(task)}:${state}`, NAMESPACE);
  await deps.queue.send(SYNC_TASK_JOB, { escalationId: task.escalationId, number: task.number }, { id, tx });
}

/** Brings the CRM's copy of follow-up `number` up to date; one sync per task at a time across replicas. */
export async function syncTask(escalationId: string, number: number, deps: WarRoomDeps): Promise<void> {
  await deps.db.withLock(`sync-task:${escalationId}#${number}`, () =>
    syncUnlocked(escalationId, number, deps),
  );
}

async function syncUnlocked(escalationId: string, number: number, deps: WarRoomDeps): Promise<void> {
  const task = await getTask(deps.db, escalationId, number);
  const escalation = await getEscalation(deps.db, escalationId);
  const { createTask, completeTask } = deps.crm;
  if (!task || !escalation || !createTask || task.crmSynced === "none" || task.crmSynced === "closed") return;
  try {
    let crmTaskId = task.crmTaskId;
    if (!crmTaskId) {
      crmTaskId = await createTask.call(deps.crm, {
        key: crmTaskKey(task),
        caseId: escalation.origin === "salesforce" ? escalation.originRef : null,
        accountId: escalation.accountId,
        subject: task.text.slice(0, 200),
        description: `Follow-up #${task.number} of war-room ${escalationId} (${escalation.accountName}): ${task.text}`,
        due: task.due,
      });
      await saveCrmSync(deps.db, escalationId, number, { crmTaskId, synced: "created", error: null });
    }
    if (task.status === "done" && completeTask) {
      await completeTask.call(deps.crm, crmTaskId);
      await saveCrmSync(deps.db, escalationId, number, { synced: "closed", error: null });
    }
  } catch (error) {
    if (error instanceof PermissionError || error instanceof ValidationError)
      await tellRoomOnce(task, error.message, deps);
    throw error;
  }
}

/** A refusal is said in the room the first time it happens (and again only when it changes). */
async function tellRoomOnce(task: TaskRecord, reason: string, deps: WarRoomDeps): Promise<void> {
  if (task.crmError === reason) return;
  await saveCrmSync(deps.db, task.escalationId, task.number, { error: reason });
  const warRoom = await getWarRoom(deps.db, task.escalationId);
  if (!warRoom) return;
  await deps.chat.post(warRoom.room, {
    kind: "text",
    text:
      `Follow-up #${task.number} is kept in warroom, but ${deps.crm.name} refused to record it as a task: ${reason}. ` +
      "An admin must give warroom's integration user the permission the README names (Salesforce: Edit Tasks, " +
      "and access to the case or account); warroom keeps retrying until it lands.",
  });
}
