-- Embedding vectors of passages, for semantic search when EMBEDDINGS_MODEL is set.
-- A vector belongs to a passage's text, not to its row: keyed by the text's hash and the model,
-- so a reload that leaves a passage's text as it was keeps its vector, and a changed model
-- simply has no vectors yet and fills them in.

-- sha256 of the passage text (hex, first 32 characters); '' for rows written before this
-- migration, filled in by the application before its first embedding pass.
ALTER TABLE passages ADD COLUMN text_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX passages_text_hash ON passages (text_hash);

-- A rowid table with a separate key index, not WITHOUT ROWID: each row carries a 1.5 KB or
-- larger vector, and a WITHOUT ROWID b-tree of such rows makes every key look-up read vector
-- pages (reading 2,000 vectors by passage took 24 s at 30,000 passages; with the index, ms).
CREATE TABLE passage_vectors (
  model     TEXT NOT NULL,
  text_hash TEXT NOT NULL,
  dim       INTEGER NOT NULL,
  -- float32, little-endian, scaled to unit length
  vector    BLOB NOT NULL
) STRICT;
CREATE UNIQUE INDEX passage_vectors_key ON passage_vectors (model, text_hash);
