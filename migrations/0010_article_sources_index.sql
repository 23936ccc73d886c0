-- The languages and the source names (publisher, author) of the articles are read again on
-- the first question after every reload. Without this index each read scanned the whole
-- articles table, bodies and all: 60 ms at 3,000 articles, several times that at 10,000,
-- which one question then waited for. With it both reads walk a small covering index.
CREATE INDEX articles_sources ON articles (language, publisher, author, id);
