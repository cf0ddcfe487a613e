-- A local dataset's past escalations are imported as history (origin 'dataset') so the digest counts them.
-- They are the CRM's record, not war-rooms: an account's open imported escalation does not stop a war-room
-- from opening, and their findings were never written to a knowledge base.
DROP INDEX escalations_one_open_per_account;
CREATE UNIQUE INDEX escalations_one_open_per_account ON escalations (account_id)
  WHERE status = 'open' AND origin <> 'dataset';

-- Each save of a finding is a new revision; a knowledge-base write marks only the revision it wrote.
ALTER TABLE findings ADD COLUMN revision integer NOT NULL DEFAULT 1;

ALTER TABLE findings DROP CONSTRAINT findings_kb_sync_state_check;
ALTER TABLE findings ADD CONSTRAINT findings_kb_sync_state_check
  CHECK (kb_sync_state IN ('pending', 'synced', 'failed', 'imported'));

-- The digest reads escalations and findings by time.
CREATE INDEX escalations_resolved_at ON escalations (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX escalations_closed_at ON escalations (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX findings_created_at ON findings (created_at);
CREATE INDEX verdicts_confirm_at ON verdicts (hypothesis_id, at) WHERE verdict = 'confirm' AND withdrawn_at IS NULL;

-- A digest is built, then posted: 'posting' marks the moment between, so a replica that finds it knows a
-- post may already be out.
ALTER TABLE digests ADD COLUMN state text NOT NULL DEFAULT 'built' CHECK (state IN ('built', 'posting', 'posted'));
ALTER TABLE digests ADD COLUMN posting_since timestamptz;
ALTER TABLE digests ADD COLUMN claim_token text;
ALTER TABLE digests ADD COLUMN chart_ref text;

-- The escalated-case poll asks, for every case it sees, whether the case already joined a war-room.
CREATE INDEX timeline_events_linked_case ON timeline_events ((data->>'caseId')) WHERE kind = 'crm-case-linked';
