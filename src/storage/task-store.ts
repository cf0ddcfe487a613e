/**
 * Follow-up tasks of a war-room: numbered within their escalation, opened and marked done, and where each
 * stands in the CRM.
 */
import type { Sql } from "./database.ts";

/** Where a task stands in the CRM: not sent (no CRM that takes tasks), waiting, created, closed there. */
export type CrmSyncState = "none" | "pending" | "created" | "closed";

/** A stored follow-up task. */
export interface TaskRecord {
  escalationId: string;
  /** 1, 2, 3 … within the escalation: what `/escalate done N` names. */
  number: number;
  owner: string;
  text: string;
  /** `YYYY-MM-DD`, or null. */
  due: string | null;
  status: "open" | "done";
  createdBy: string;
  doneBy: string | null;
  crmTaskId: string | null;
  crmSynced: CrmSyncState;
  crmError: string | null;
}

interface TaskRow {
  [column: string]: unknown;
  escalation_id: string;
  number: number;
  owner: string;
  text: string;
  due: string | null;
  status: "open" | "done";
  created_by: string;
  done_by: string | null;
  crm_task_id: string | null;
  crm_synced: CrmSyncState;
  crm_error: string | null;
}

// The date as text: a `date` column read back as a JS Date shifts with the server's time zone.
const COLUMNS = `escalation_id, number, owner, text, to_char(due_on, 'YYYY-MM-DD') AS due, status, created_by,
  done_by, crm_task_id, crm_synced, crm_error`;

function fromRow(row: TaskRow): TaskRecord {
  return {
    escalationId: row.escalation_id,
    number: Number(row.number),
    owner: row.owner,
    text: row.text,
    due: row.due,
    status: row.status,
    createdBy: row.created_by,
    doneBy: row.done_by,
    crmTaskId: row.crm_task_id,
    crmSynced: row.crm_synced,
    crmError: row.crm_error,
  };
}

/** What a new task needs. */
export interface NewTask {
  escalationId: string;
  owner: string;
  text: string;
  due: string | null;
  createdBy: string;
  /** Whether a CRM will be asked to create it (the row starts `pending`). */
  toCrm: boolean;
}

/** Adds a task with the next number of its escalation; call inside a transaction. */
export async function insertTask(tx: Sql, task: NewTask): Promise<TaskRecord> {
  // Two tasks added at once take turns on the escalation's row, so each gets its own number.
  await tx.query("SELECT 1 FROM escalations WHERE id = $1 FOR UPDATE", [task.escalationId]);
  const [row] = await tx.query<TaskRow>(
    `INSERT INTO follow_up_tasks (escalation_id, number, owner, text, due_on, created_by, crm_synced)
     SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4::date, $5, $6 FROM follow_up_tasks WHERE escalation_id = $1
     RETURNING ${COLUMNS}`,
    [task.escalationId, task.owner, task.text, task.due, task.createdBy, task.toCrm ? "pending" : "none"],
  );
  return fromRow(row!);
}

/** One task, or null. */
export async function getTask(sql: Sql, escalationId: string, number: number): Promise<TaskRecord | null> {
  const rows = await sql.query<TaskRow>(
    `SELECT ${COLUMNS} FROM follow_up_tasks WHERE escalation_id = $1 AND number = $2`,
    [escalationId, number],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The tasks of an escalation by number; only the open ones with `open`. */
export async function listTasks(
  sql: Sql,
  escalationId: string,
  options: { open?: boolean } = {},
): Promise<TaskRecord[]> {
  const rows = await sql.query<TaskRow>(
    `SELECT ${COLUMNS} FROM follow_up_tasks WHERE escalation_id = $1 ${options.open ? "AND status = 'open'" : ""}
     ORDER BY number`,
    [escalationId],
  );
  return rows.map(fromRow);
}

/** Marks a task done; false when it already was. */
export async function markTaskDone(
  tx: Sql,
  escalationId: string,
  number: number,
  doneBy: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE follow_up_tasks SET status = 'done', done_by = $3, done_at = now(),
       crm_synced = CASE WHEN crm_synced = 'none' THEN 'none' ELSE 'pending' END
     WHERE escalation_id = $1 AND number = $2 AND status = 'open' RETURNING 1`,
    [escalationId, number, doneBy],
  );
  return rows.length === 1;
}

/** Records where the task stands in the CRM after a write; `error` null clears the last refusal. */
export async function saveCrmSync(
  sql: Sql,
  escalationId: string,
  number: number,
  change: { crmTaskId?: string; synced?: CrmSyncState; error: string | null },
): Promise<void> {
  await sql.query(
    `UPDATE follow_up_tasks SET crm_task_id = coalesce($3, crm_task_id), crm_synced = coalesce($4, crm_synced),
       crm_error = $5 WHERE escalation_id = $1 AND number = $2`,
    [escalationId, number, change.crmTaskId ?? null, change.synced ?? null, change.error],
  );
}

/** Tasks still waiting for the CRM an hour after they last changed: the nightly sweep queues them again. */
export async function listTasksAwaitingCrm(
  sql: Sql,
  before: Date,
): Promise<{ escalationId: string; number: number }[]> {
  const rows = await sql.query<{ escalation_id: string; number: number }>(
    `SELECT escalation_id, number FROM follow_up_tasks
     WHERE crm_synced = 'pending' AND coalesce(done_at, created_at) < $1::timestamptz - interval '1 hour'
     ORDER BY escalation_id, number`,
    [before],
  );
  return rows.map((r) => ({ escalationId: r.escalation_id, number: Number(r.number) }));
}
