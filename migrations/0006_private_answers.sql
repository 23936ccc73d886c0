-- Whether an answer was posted privately (ephemeral): its buttons then work for the asker only.
-- Answers stored before this migration count as public; their buttons still check server and channel.
ALTER TABLE bot_answers ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
