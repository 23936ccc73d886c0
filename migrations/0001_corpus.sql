-- Articles, their passages, and the FTS5 index over the passages' stemmed terms.

CREATE TABLE articles (
  id              TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  editorial_title INTEGER NOT NULL DEFAULT 0,
  url             TEXT,
  publisher       TEXT,
  language        TEXT NOT NULL,
  author          TEXT,
  published       TEXT,
  source_file     TEXT NOT NULL,
  content_hash    TEXT NOT NULL,
  body            TEXT NOT NULL
) STRICT;

CREATE INDEX articles_source_file ON articles (source_file);

-- A passage's rowid is the FTS5 rowid; its id ("<article>#<ordinal>") is what citations carry.
CREATE TABLE passages (
  rowid      INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  text       TEXT NOT NULL,
  terms      TEXT NOT NULL
) STRICT;

CREATE INDEX passages_article ON passages (article_id, ordinal);

-- External-content FTS5 table: the terms live once, in passages; triggers keep the index in step.
-- Terms are already stemmed and lower-cased by the application, so the tokenizer only splits on spaces
-- (remove_diacritics 0: folding was done before indexing).
CREATE VIRTUAL TABLE passages_fts USING fts5 (
  terms,
  content = 'passages',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 0'
);

-- Document frequency per term, for query planning (rare terms weigh more, very common ones are capped).
CREATE VIRTUAL TABLE passages_vocab USING fts5vocab (passages_fts, 'row');

CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
  INSERT INTO passages_fts (rowid, terms) VALUES (new.rowid, new.terms);
END;

CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
  INSERT INTO passages_fts (passages_fts, rowid, terms) VALUES ('delete', old.rowid, old.terms);
END;

CREATE TRIGGER passages_au AFTER UPDATE ON passages BEGIN
  INSERT INTO passages_fts (passages_fts, rowid, terms) VALUES ('delete', old.rowid, old.terms);
  INSERT INTO passages_fts (rowid, terms) VALUES (new.rowid, new.terms);
END;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
