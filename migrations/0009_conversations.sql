-- Conversations: follow-up questions in a Discord thread (or privately), with their last turns,
-- so that a follow-up is read with what was already said, also after a restart.
CREATE TABLE conversations (
  id          INTEGER PRIMARY KEY,
  guild_id    TEXT,
  -- The channel the first answer was posted in; the thread, when the conversation has one.
  channel_id  TEXT,
  thread_id   TEXT UNIQUE,
  -- Who started it; 'deleted' once they deleted their data.
  user_id     TEXT NOT NULL,
  private     INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  last_active INTEGER NOT NULL
) STRICT;
CREATE INDEX conversations_user ON conversations (user_id);
CREATE INDEX conversations_active ON conversations (last_active);

CREATE TABLE conversation_turns (
  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  n               INTEGER NOT NULL,
  user_id         TEXT NOT NULL,
  question        TEXT NOT NULL,
  standalone      TEXT,
  answer          TEXT NOT NULL,
  passage_ids     TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, n)
) STRICT;
CREATE INDEX conversation_turns_user ON conversation_turns (user_id);

-- The conversation an answer belongs to, for its Follow up button.
ALTER TABLE bot_answers ADD COLUMN conversation_id INTEGER;
