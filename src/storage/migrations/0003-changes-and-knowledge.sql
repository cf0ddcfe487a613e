-- Changes reported by deploy pipelines and people (POST /api/changes, `warroom changes import`). Every
-- case bundle merges them with the CRM's own. A change is the case bundle's change item plus who it
-- reaches; a second report with the same id replaces the first, so a pipeline can safely retry.
CREATE TABLE changes (
  id              text PRIMARY KEY,
  at              timestamptz NOT NULL,
  source          text NOT NULL,
  scope           text NOT NULL CHECK (scope IN ('account', 'segment', 'global')),
  account_id      text,
  segment         text,
  region          text,
  item            jsonb NOT NULL,                 -- the change as reported (the bundle's shape plus extras)
  reported_by     text NOT NULL,                  -- api | import
  received_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (scope <> 'account' OR account_id IS NOT NULL)
);
CREATE INDEX changes_at ON changes (at);
CREATE INDEX changes_account_at ON changes (account_id, at) WHERE account_id IS NOT NULL;

-- Findings read from an external knowledge base (Notion), kept here and refreshed incrementally by
-- last-edited time, so a war-room never waits on the knowledge base and survives its outages.
CREATE TABLE knowledge_items (
  id              text PRIMARY KEY,               -- the knowledge base's id of the entry (a Notion page id)
  source          text NOT NULL,                  -- notion
  escalation_id   text,
  item            jsonb NOT NULL,                 -- a case-bundle knowledge item
  edited_at       timestamptz NOT NULL,
  fetched_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_items_source_edited ON knowledge_items (source, edited_at);
