-- The escalation-risk radar's alerts: one per ticket thread per risk level, whichever replica scores it
-- first (the unique key), and what people did with it (opened a war-room, or "not now" with who and why).
CREATE TABLE risk_alerts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id       text NOT NULL,
  level           text NOT NULL CHECK (level IN ('watch', 'high', 'critical')),
  account_id      text NOT NULL,
  account_name    text NOT NULL,
  score           double precision NOT NULL,
  assessment      jsonb NOT NULL,                -- the RiskAssessment: subject, signals, reasons, evidence
  created_at      timestamptz NOT NULL,
  platform        text,                          -- where it was posted
  message_ref     text,
  posted_at       timestamptz,
  outcome         text CHECK (outcome IN ('acted', 'dismissed')),
  outcome_by      text,
  outcome_reason  text,
  outcome_at      timestamptz,
  escalation_id   text,                          -- the war-room its button opened
  UNIQUE (ticket_id, level)
);
CREATE INDEX risk_alerts_account ON risk_alerts (account_id, created_at);
