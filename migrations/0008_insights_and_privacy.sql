-- Insights for moderators and members' control of their data.

-- Who asked where, and why a question was not answered: /insights counts per server, and a
-- member's deletion finds their questions. Questions from the CLI have no server and no user.
ALTER TABLE answer_log ADD COLUMN guild_id TEXT;
ALTER TABLE answer_log ADD COLUMN user_id TEXT;
ALTER TABLE answer_log ADD COLUMN refusal TEXT;
CREATE INDEX answer_log_guild_created ON answer_log (guild_id, created_at);
CREATE INDEX answer_log_user ON answer_log (user_id) WHERE user_id IS NOT NULL;

-- The message an answer was posted as, for links from /insights (null for private answers).
ALTER TABLE bot_answers ADD COLUMN message_id TEXT;
CREATE INDEX bot_answers_user ON bot_answers (user_id);
CREATE INDEX bot_answers_created ON bot_answers (created_at);

-- What was wrong with an answer a member voted down, and an optional sentence.
ALTER TABLE feedback ADD COLUMN reason TEXT CHECK (reason IN ('wrong', 'not-answered', 'wrong-language', 'sources-bad'));
ALTER TABLE feedback ADD COLUMN comment TEXT;
CREATE INDEX feedback_user ON feedback (user_id);
CREATE INDEX feedback_updated ON feedback (updated_at);
