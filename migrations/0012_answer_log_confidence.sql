-- How sure each answer was (0–1; null for refusals and for rows logged before this column),
-- so that /insights can show moderators the answers given with little confidence.
ALTER TABLE answer_log ADD COLUMN confidence REAL;
CREATE INDEX answer_log_unsure ON answer_log (guild_id, created_at) WHERE answered = 1 AND confidence IS NOT NULL;
