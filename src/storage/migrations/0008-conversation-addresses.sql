-- Where a chat platform reaches a conversation: for Teams, the Bot Connector's serviceUrl of each
-- conversation (and of each tenant, for channels warroom creates itself), learnt from inbound activities.
-- Shared by every replica, so a war-room opened on one replica can be posted to from another.
CREATE TABLE conversation_addresses (
  platform        text NOT NULL,
  key             text NOT NULL,                  -- a conversation id, or tenant:<tenant id>
  address         text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, key)
);
