-- warroom's core schema: what a war-room needs to survive restarts and to run as several replicas.
-- Runs unchanged on PGlite and PostgreSQL. Jobs live in pg-boss's own schema (pgboss).

CREATE SEQUENCE escalation_number_seq;

CREATE TABLE escalations (
  id              text PRIMARY KEY,
  account_id      text NOT NULL,
  account_name    text NOT NULL,
  summary         text NOT NULL,
  severity        text NOT NULL DEFAULT 'normal' CHECK (severity IN ('low', 'normal', 'high', 'critical')),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'closed')),
  origin          text NOT NULL,                 -- slack | teams | terminal | salesforce | dataset
  origin_ref      text,                          -- e.g. the Salesforce case id that triggered it
  requested_by    text,
  arr             numeric,
  segment         text,
  metadata        jsonb NOT NULL DEFAULT '{}',
  opened_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at     timestamptz,
  closed_at       timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- One open war-room per account: a second /escalate a second later finds the first.
CREATE UNIQUE INDEX escalations_one_open_per_account ON escalations (account_id) WHERE status = 'open';
CREATE UNIQUE INDEX escalations_origin_ref ON escalations (origin, origin_ref) WHERE origin_ref IS NOT NULL;
CREATE INDEX escalations_opened_at ON escalations (opened_at);

CREATE TABLE war_rooms (
  escalation_id   text PRIMARY KEY REFERENCES escalations (id) ON DELETE CASCADE,
  platform        text NOT NULL,                 -- slack | teams | terminal
  channel_id      text,
  thread_id       text,
  name            text,
  url             text,
  private         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  archived_at     timestamptz
);
CREATE UNIQUE INDEX war_rooms_channel ON war_rooms (platform, channel_id) WHERE channel_id IS NOT NULL;

CREATE TABLE war_room_members (
  escalation_id   text NOT NULL REFERENCES war_rooms (escalation_id) ON DELETE CASCADE,
  user_id         text NOT NULL,
  role            text NOT NULL DEFAULT 'member', -- requester | csm | responder | member
  joined_at       timestamptz NOT NULL DEFAULT now(),
  left_at         timestamptz,
  PRIMARY KEY (escalation_id, user_id)
);

CREATE TABLE evidence_snapshots (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  escalation_id   text NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  taken_at        timestamptz NOT NULL DEFAULT now(),
  bundle          jsonb NOT NULL
);
CREATE INDEX evidence_snapshots_escalation ON evidence_snapshots (escalation_id, taken_at DESC);

CREATE TABLE analyses (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  escalation_id   text NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  round           integer NOT NULL,
  engine          text NOT NULL,
  result          jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (escalation_id, round)
);

CREATE TABLE hypotheses (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  escalation_id   text NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  round           integer NOT NULL,
  rank            integer NOT NULL,
  title           text NOT NULL,
  category        text NOT NULL,
  likelihood      double precision NOT NULL,
  evidence_ids    text[] NOT NULL,
  against_ids     text[] NOT NULL DEFAULT '{}',
  rationale       text NOT NULL DEFAULT '',
  checks          jsonb NOT NULL DEFAULT '[]',
  message_ref     text,                           -- normalised platform message id, e.g. slack:C123:1700000000.0001
  status          text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'rejected', 'disputed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (escalation_id, round, rank)
);
CREATE UNIQUE INDEX hypotheses_message_ref ON hypotheses (message_ref) WHERE message_ref IS NOT NULL;

CREATE TABLE verdicts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hypothesis_id   bigint NOT NULL REFERENCES hypotheses (id) ON DELETE CASCADE,
  user_id         text NOT NULL,
  verdict         text NOT NULL CHECK (verdict IN ('confirm', 'reject')),
  via             text NOT NULL,                  -- reaction | button | command
  at              timestamptz NOT NULL DEFAULT now(),
  withdrawn_at    timestamptz
);
-- One standing verdict of each kind per person and hypothesis; a withdrawn one may be given again.
CREATE UNIQUE INDEX verdicts_standing ON verdicts (hypothesis_id, user_id, verdict) WHERE withdrawn_at IS NULL;

CREATE TABLE findings (
  escalation_id   text PRIMARY KEY REFERENCES escalations (id) ON DELETE CASCADE,
  title           text NOT NULL,
  category        text NOT NULL,
  root_cause      text NOT NULL,
  contributing_factors jsonb NOT NULL DEFAULT '[]',
  resolution      text NOT NULL DEFAULT '',
  prevention      jsonb NOT NULL DEFAULT '[]',
  metadata        jsonb NOT NULL DEFAULT '{}',    -- segment, ARR, lifecycle month, product areas, ... for patterns
  confirmed_by    text[] NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  kb_sync_state   text NOT NULL DEFAULT 'pending' CHECK (kb_sync_state IN ('pending', 'synced', 'failed')),
  kb_ref          text,
  kb_url          text,
  kb_attempts     integer NOT NULL DEFAULT 0,
  kb_last_error   text,
  kb_synced_at    timestamptz
);

CREATE TABLE timeline_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  escalation_id   text NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  at              timestamptz NOT NULL DEFAULT now(),
  kind            text NOT NULL,
  actor           text,
  data            jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX timeline_events_escalation ON timeline_events (escalation_id, at);

-- Inbound events already handled (Slack retries, Teams redeliveries, Salesforce polls): the first insert wins.
CREATE TABLE processed_events (
  source          text NOT NULL,
  event_id        text NOT NULL,
  processed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, event_id)
);

-- A scheduled slot (schedule name + fire time) is claimed by exactly one replica, in the same
-- transaction that enqueues its job.
CREATE TABLE schedule_runs (
  schedule        text NOT NULL,
  slot            timestamptz NOT NULL,
  job_id          text,
  claimed_by      text NOT NULL,
  claimed_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (schedule, slot)
);

CREATE TABLE digests (
  week            text NOT NULL,                  -- ISO week, e.g. 2026-W47
  channel         text NOT NULL,
  content         jsonb NOT NULL,
  message_ref     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  posted_at       timestamptz,
  PRIMARY KEY (week, channel)
);

-- Watermarks and cursors of pollers and syncs (Salesforce case poll, Notion incremental read).
CREATE TABLE cursors (
  name            text PRIMARY KEY,
  value           text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
