-- A follow-up as it was understood on its own (a model's rewrite, or the question combined with
-- the one before). Cached answers and translations are keyed by it, so a member's deletion
-- finds them through it, also after the conversation's turns are gone.
ALTER TABLE answer_log ADD COLUMN standalone TEXT;
