-- Where a war-room's standing messages are, so they can be edited in place as verdicts arrive.
ALTER TABLE war_rooms ADD COLUMN context_ref text;
ALTER TABLE war_rooms ADD COLUMN summary_ref text;
