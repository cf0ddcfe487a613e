/**
 * Follow-up tasks of a war-room: `task @owner <text> [--due …]` (or the summary's "Add follow-up" form)
 * adds one, `done N` closes it. Each is stored first; with a CRM that records tasks, a job writes it there
 * (retried until it lands) in the same transaction. The summary lists them; the finding carries them.
 */
import { caseBundleSchema } from "../domain/case-bundle.ts";
import { type MessageText, mention, type TextPart, withMentions } from "../domain/message-text.ts";
import { InputError } from "../errors.ts";
import type { Sql } from "../storage/database.ts";
import { recordTimelineEvent } from "../storage/escalation-store.ts";
import { markFindingStale } from "../storage/finding-store.ts";
import { markEventProcessed } from "../storage/processed-events.ts";
import { getTask, insertTask, listTasks, markTaskDone, type TaskRecord } from "../storage/task-store.ts";
import { getWarRoom, latestEvidenceSnapshot } from "../storage/war-room-store.ts";
import type { WarRoomDeps } from "./deps.ts";
import { SYNC_FINDING_JOB, SYNC_TASK_JOB } from "./job-names.ts";
import type { ParsedTask } from "./parse-task-text.ts";
import { refreshSummary } from "./post-hypotheses.ts";
import { isWarRoomOwner } from "./route-policies.ts";
import { queueTaskSync } from "./sync-task.ts";

export type { TaskRecord } from "../storage/task-store.ts";

/** The open follow-ups of an escalation, by number (for the summary, the catch-up, the finding). */
export function listOpenTasks(sql: Sql, escalationId: string): Promise<TaskRecord[]> {
  return listTasks(sql, escalationId, { open: true });
}

/**
 * One line per task, as rooms show it: `#2 @owner call the bank (due 2026-12-10)`, the owner a mention and
 * the task's text (typed by a person) words shown literally.
 */
export function describeTask(task: Pick<TaskRecord, "number" | "owner" | "text" | "due">): TextPart[] {
  return withMentions`#${task.number} ${mention(task.owner)} ${task.text}${task.due ? ` (due ${task.due})` : ""}`;
}

/** Follow-ups often come after the root cause: a finding already written is written again with them. */
async function refreshFinding(tx: Sql, escalationId: string, deps: WarRoomDeps): Promise<void> {
  if (await markFindingStale(tx, escalationId))
    await deps.queue.send(SYNC_FINDING_JOB, { escalationId }, { tx });
}

async function resolveOwner(owner: ParsedTask["owner"], deps: WarRoomDeps): Promise<string> {
  if ("userId" in owner) return owner.userId;
  const userId = await deps.chat.findUserByEmail(owner.email);
  if (!userId)
    throw new InputError(`no ${deps.chat.kind} user has the email ${owner.email}; mention the owner instead`);
  return userId;
}

/** Redraws the summary with the tasks; best effort, since the task is already stored. */
async function showTasks(escalationId: string, deps: WarRoomDeps, line: MessageText): Promise<void> {
  try {
    const warRoom = await getWarRoom(deps.db, escalationId);
    if (!warRoom) return;
    await deps.chat.post(warRoom.room, { kind: "text", text: line });
    const snapshot = await latestEvidenceSnapshot(deps.db, escalationId);
    if (snapshot) await refreshSummary(escalationId, warRoom.room, caseBundleSchema.parse(snapshot), deps);
  } catch (error) {
    deps.logger.warn({ err: error, escalationId }, "follow-up stored, but the room could not be updated");
  }
}

/**
 * Adds a follow-up; with the platform's `eventId`, a redelivered request adds nothing a second time (null).
 */
export async function addFollowUp(
  input: { escalationId: string; task: ParsedTask; createdBy: string; eventId?: string },
  deps: WarRoomDeps,
): Promise<TaskRecord | null> {
  const owner = await resolveOwner(input.task.owner, deps);
  const toCrm = Boolean(deps.crm.createTask);
  const task = await deps.db.transaction(async (tx) => {
    if (input.eventId && !(await markEventProcessed(tx, deps.chat.kind, input.eventId))) return null;
    const added = await insertTask(tx, {
      escalationId: input.escalationId,
      owner,
      text: input.task.text,
      due: input.task.due,
      createdBy: input.createdBy,
      toCrm,
    });
    await recordTimelineEvent(tx, {
      escalationId: input.escalationId,
      kind: "task-added",
      actor: input.createdBy,
      data: { number: added.number, owner, due: added.due },
    });
    if (toCrm) await queueTaskSync(tx, added, "open", deps);
    await refreshFinding(tx, input.escalationId, deps);
    return added;
  });
  if (!task) return null;
  if (toCrm) deps.queue.wake(SYNC_TASK_JOB);
  deps.queue.wake(SYNC_FINDING_JOB);
  await showTasks(
    input.escalationId,
    deps,
    withMentions`Follow-up ${describeTask(task)} — added by ${mention(input.createdBy)}.`,
  );
  return task;
}

async function unknownTask(escalationId: string, number: number, deps: WarRoomDeps): Promise<InputError> {
  const open = await listOpenTasks(deps.db, escalationId);
  const list = open.length
    ? `open ones: ${open.map((t) => `#${t.number} ${t.text.slice(0, 40)}`).join("; ")}`
    : "it has no open follow-ups";
  return new InputError(`this war-room has no follow-up #${number}; ${list}`);
}

/**
 * Marks follow-up `number` done. Its owner, whoever added it and the war-room's owners may; a task already
 * done is said so.
 */
export async function completeFollowUp(
  input: { escalationId: string; number: number; userId: string },
  deps: WarRoomDeps,
): Promise<TaskRecord> {
  const task = await getTask(deps.db, input.escalationId, input.number);
  if (!task) throw await unknownTask(input.escalationId, input.number, deps);
  if (task.status === "done")
    throw new InputError(
      task.doneBy
        ? withMentions`follow-up #${task.number} is already done (by ${mention(task.doneBy)})`
        : `follow-up #${task.number} is already done`,
    );
  const allowed =
    task.owner === input.userId ||
    task.createdBy === input.userId ||
    (await isWarRoomOwner(input.escalationId, input.userId, deps));
  if (!allowed)
    throw new InputError(
      withMentions`only its owner ${mention(task.owner)}, ${mention(task.createdBy)} who added it, or the war-room's owners can mark follow-up #${task.number} done`,
    );
  const toCrm = task.crmSynced !== "none";
  const changed = await deps.db.transaction(async (tx) => {
    if (!(await markTaskDone(tx, input.escalationId, input.number, input.userId))) return false;
    await recordTimelineEvent(tx, {
      escalationId: input.escalationId,
      kind: "task-done",
      actor: input.userId,
      data: { number: input.number },
    });
    if (toCrm) await queueTaskSync(tx, task, "done", deps);
    await refreshFinding(tx, input.escalationId, deps);
    return true;
  });
  if (!changed) throw new InputError(`follow-up #${task.number} is already done`);
  if (toCrm) deps.queue.wake(SYNC_TASK_JOB);
  deps.queue.wake(SYNC_FINDING_JOB);
  await showTasks(
    input.escalationId,
    deps,
    withMentions`✅ Follow-up #${task.number} done — ${mention(input.userId)}: ${task.text}`,
  );
  return { ...task, status: "done", doneBy: input.userId };
}
