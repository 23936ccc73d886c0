-- Who added or removed which article, and when: moderators change the corpus from Discord
-- and operators from the CLI, and a server needs to be able to see who did what.
CREATE TABLE corpus_changes (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
  article_id TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT,
  -- 'discord' or 'cli'; for Discord the member's user id and name, for the CLI the OS user.
  actor_via TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL
);
CREATE INDEX corpus_changes_at ON corpus_changes (at);
