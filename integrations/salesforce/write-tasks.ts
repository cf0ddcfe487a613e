/**
 * warroom's only writes to Salesforce: a war-room's follow-ups as Tasks on the case the escalation came from
 * (else on the account), and closing them (Status = Completed). A task is created once per warroom key: its
 * Subject ends with `[warroom <key>]`, and a retried create first looks for a Task on the same record with
 * that marker (Subject is filterable; Description, a long text area, is not), so an answer lost on the way
 * back never makes a second Task. One writer per key at a time is warroom's job (a database lock).
 */
import type { Connection } from "jsforce";
import type { CrmTaskInput } from "../../src/ports/crm-source.ts";
import { queryAll } from "./run-query.ts";
import { toSalesforceError } from "./salesforce-errors.ts";
import { soqlContains, soqlString } from "./soql.ts";

/** The permissions a refusal names: what the admin grants warroom's integration user. */
export const TASK_PERMISSION_HINT =
  "warroom's integration user needs the Edit Tasks permission (Create and Edit on Task), edit access to the Task fields Subject, Description, ActivityDate, WhatId and Status, and read access to the case or account";

const SUBJECT_MAX = 255;

/** The marker that makes a Task findable by its warroom key. */
export function taskMarker(key: string): string {
  return `[warroom ${key}]`;
}

/** The Task operations over a connection. */
export function createTaskWriter(conn: () => Promise<Connection>, logUsage: (c: Connection) => void) {
  const fail = (what: string) => (error: unknown) => {
    throw toSalesforceError(error, what, TASK_PERMISSION_HINT);
  };
  return {
    async createTask(task: CrmTaskInput): Promise<string> {
      const c = await conn();
      const marker = taskMarker(task.key);
      const what = task.caseId ?? task.accountId;
      const [existing] = await queryAll(
        c,
        `SELECT Id FROM Task WHERE WhatId = ${soqlString(what)} AND Subject LIKE ${soqlContains(marker)} LIMIT 1`,
        logUsage,
        "looking for the follow-up's Task",
      );
      if (typeof existing?.Id === "string") return existing.Id;
      const room = SUBJECT_MAX - marker.length - 1;
      const subject = task.subject.length > room ? `${task.subject.slice(0, room - 1)}…` : task.subject;
      const saved = await c
        .sobject("Task")
        .create({
          Subject: `${subject} ${marker}`,
          Description: task.description,
          WhatId: what,
          ...(task.due ? { ActivityDate: task.due } : {}),
        })
        .catch(fail("creating the follow-up as a Task"));
      logUsage(c);
      if (!saved.success || !saved.id)
        throw toSalesforceError(saved, "creating the follow-up as a Task", TASK_PERMISSION_HINT);
      return saved.id;
    },

    async completeTask(crmTaskId: string): Promise<void> {
      const c = await conn();
      await c
        .sobject("Task")
        .update({ Id: crmTaskId, Status: "Completed" })
        .catch(fail("closing the follow-up's Task"));
      logUsage(c);
    },
  };
}
