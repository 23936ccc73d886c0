-- Document frequency of every indexed term, kept by the application at each reload.
-- fts5vocab computes it by walking the term's whole posting list (about 0.4 ms for a common
-- term at 10k passages), which made query planning cost more than the search itself.
CREATE TABLE term_df (
  term TEXT PRIMARY KEY,
  df   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO term_df (term, df) SELECT term, doc FROM passages_vocab;
