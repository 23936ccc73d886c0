-- What the Discord bot keeps: each answer it posted (for "Show quotes" and votes) and the votes.

CREATE TABLE bot_answers (
  id         INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  guild_id   TEXT,
  channel_id TEXT,
  user_id    TEXT NOT NULL,
  question   TEXT NOT NULL,
  language   TEXT NOT NULL,
  mode       TEXT NOT NULL,
  result     TEXT NOT NULL
) STRICT;

-- One vote per user per answer; clicking the same vote again withdraws it.
CREATE TABLE feedback (
  answer_id  INTEGER NOT NULL REFERENCES bot_answers (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, user_id)
) STRICT;
