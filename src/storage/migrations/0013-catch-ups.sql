-- Catch-ups for people who join a war-room: when the room was ready (everyone who joined before saw it
-- being built), and one row per person per room, so every replica and redelivery sends it once.
ALTER TABLE war_rooms ADD COLUMN ready_at timestamptz;

CREATE TABLE catch_ups (
  escalation_id   text NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
  user_id         text NOT NULL,
  asked_at        timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  PRIMARY KEY (escalation_id, user_id)
);

-- Rooms already open are ready: whoever is recorded in them joined before catch-ups existed.
UPDATE war_rooms SET ready_at = now() WHERE summary_ref IS NOT NULL;
