-- What the language-model layer remembers: answers and query translations per corpus version,
-- and a log of every answer with its token usage.

-- Answers served again without a model call. The corpus version is part of the key, so a reload
-- invalidates every entry (and the reload deletes the stale ones).
CREATE TABLE answer_cache (
  question       TEXT NOT NULL,
  language       TEXT NOT NULL,
  corpus_version TEXT NOT NULL,
  model          TEXT NOT NULL,
  result         TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (question, language, corpus_version, model)
) STRICT;

-- Search queries a model wrote for a question, in each corpus language.
CREATE TABLE query_translations (
  question       TEXT NOT NULL,
  corpus_version TEXT NOT NULL,
  model          TEXT NOT NULL,
  queries        TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (question, corpus_version, model)
) STRICT;

-- One row per answer given: how it was made and what it cost.
CREATE TABLE answer_log (
  id                INTEGER PRIMARY KEY,
  created_at        INTEGER NOT NULL,
  question          TEXT NOT NULL,
  language          TEXT NOT NULL,
  mode              TEXT NOT NULL,
  model             TEXT,
  answered          INTEGER NOT NULL,
  cached            INTEGER NOT NULL,
  prompt_tokens     INTEGER,
  completion_tokens INTEGER,
  ms                INTEGER NOT NULL,
  fallback_reason   TEXT
) STRICT;

CREATE INDEX answer_log_created ON answer_log (created_at);
