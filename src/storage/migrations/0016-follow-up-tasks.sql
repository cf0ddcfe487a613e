-- Follow-up tasks of a war-room ("/escalate task @owner …"), numbered 1, 2, 3 … within their escalation, and
-- where each stands in the CRM (a Salesforce Task on the case or account), written by a retried job.
CREATE TABLE follow_up_tasks (
  escalation_id   text NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  number          integer NOT NULL,
  owner           text NOT NULL,                 -- the platform's user id
  text            text NOT NULL,
  due_on          date,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  done_by         text,
  done_at         timestamptz,
  crm_task_id     text,                          -- the CRM's id once created there
  crm_synced      text NOT NULL DEFAULT 'none' CHECK (crm_synced IN ('none', 'pending', 'created', 'closed')),
  crm_error       text,                          -- the last refusal, shown once in the room
  PRIMARY KEY (escalation_id, number)
);
