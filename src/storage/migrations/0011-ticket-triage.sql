-- Tickets warroom has seen (the CRM poll, the local dataset at start, POST /api/tickets) with their triage:
-- topic, urgency, sentiment and trend, policy risk, missing details and owner. The ticket is kept as
-- received; `content_hash` is the hash of that JSON, so an unchanged ticket is not re-triaged or rewritten,
-- and a changed one is re-triaged in the same statement that stores it. The triage's headline values have
-- columns of their own so the radar and the routing can filter on them without unpacking JSON.
CREATE TABLE tickets (
  id                        text PRIMARY KEY,
  account_id                text NOT NULL,
  source                    text NOT NULL,        -- salesforce | local | api
  item                      jsonb NOT NULL,       -- the ticket in the case bundle's shape
  content_hash              text NOT NULL,
  status                    text NOT NULL,
  created_at                timestamptz NOT NULL,
  closed_at                 timestamptz,
  triage                    jsonb NOT NULL,       -- the full TicketTriage (src/triage/types.ts)
  topic                     text,
  urgency                   text NOT NULL,
  sentiment                 text NOT NULL,
  sentiment_trend           text NOT NULL,
  policy_risk               text NOT NULL,
  automated_answer_allowed  boolean NOT NULL,
  triaged_at                timestamptz NOT NULL,
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CHECK (policy_risk = 'none' OR NOT automated_answer_allowed)
);
CREATE INDEX tickets_account_created ON tickets (account_id, created_at);
CREATE INDEX tickets_open ON tickets (account_id) WHERE closed_at IS NULL;
