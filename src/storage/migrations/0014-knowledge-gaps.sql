-- Knowledge gaps: the articles that matched an escalation when its war-room opened (NULL: never checked),
-- and whether its finding found none naming the validated cause (NULL: unknown).
ALTER TABLE escalations ADD COLUMN knowledge_matches jsonb;
ALTER TABLE findings ADD COLUMN needs_article boolean;
CREATE INDEX findings_needs_article ON findings (created_at) WHERE needs_article;
