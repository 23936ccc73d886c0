-- Help channels: where the bot answers on its own (a forum or a text channel), and the posts
-- it answered there, so that it answers each once and pings the helpers at most once.
CREATE TABLE help_channels (
  channel_id      TEXT PRIMARY KEY,
  guild_id        TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('forum', 'text')),
  helpers_role_id TEXT,
  solved_tag_id   TEXT,
  enabled_by      TEXT NOT NULL,
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX help_channels_guild ON help_channels (guild_id);

CREATE TABLE help_posts (
  -- The post's thread (a forum post, or the thread started on a question in a text channel).
  thread_id     TEXT PRIMARY KEY,
  channel_id    TEXT NOT NULL,
  question_id   TEXT NOT NULL,
  -- Who asked: the only one, with moderators, who may ask for a human or mark it solved.
  asker_id      TEXT NOT NULL,
  answered      INTEGER NOT NULL,
  human_pinged  INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX help_posts_asker ON help_posts (asker_id);
CREATE INDEX help_posts_created ON help_posts (created_at);
