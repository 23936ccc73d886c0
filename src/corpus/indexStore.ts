import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { indexTerms } from '../text/analyze.js';
import { splitIntoPassages } from '../text/chunk.js';
import { textHash } from '../text/textHash.js';
import { type Article, contentHash } from './articleFile.js';

/** An article as the index holds it: what a reload compares the folder with. */
export interface IndexedArticle {
  readonly id: string;
  readonly contentHash: string;
  readonly sourceFile: string;
}

interface IndexedArticleRow {
  id: string;
  content_hash: string;
  source_file: string;
}

export function indexedArticles(db: Db): Map<string, IndexedArticle> {
  const rows = statement(db, 'SELECT id, content_hash, source_file FROM articles').all() as IndexedArticleRow[];
  return new Map(rows.map((r) => [r.id, { id: r.id, contentHash: r.content_hash, sourceFile: r.source_file }]));
}

/**
 * The writes of a reload: articles, their passages (the FTS5 index follows by trigger),
 * and the terms' document frequencies, whose changes are summed here and written once
 * per term at the end.
 */
export class IndexWriter {
  private readonly dfDelta = new Map<string, number>();

  constructor(private readonly db: Db) {}

  add(article: Article, file: string): void {
    statement(
      this.db,
      `INSERT INTO articles (id, title, editorial_title, url, publisher, language, author, published, source_file, content_hash, body)
       VALUES (@id, @title, @editorialTitle, @url, @publisher, @language, @author, @published, @sourceFile, @hash, @body)`,
    ).run({ ...article, editorialTitle: article.editorialTitle ? 1 : 0, sourceFile: file, hash: contentHash(article) });
    const insertPassage = statement(
      this.db,
      'INSERT INTO passages (id, article_id, ordinal, text, terms, text_hash) VALUES (?, ?, ?, ?, ?, ?)',
    );
    splitIntoPassages(article.body, article.language).forEach((text, ordinal) => {
      const terms = indexTerms(text, article.language);
      insertPassage.run(`${article.id}#${ordinal + 1}`, article.id, ordinal + 1, text, terms.join(' '), textHash(text));
      this.countTerms(terms, 1);
    });
  }

  remove(id: string): void {
    const terms = statement(this.db, 'SELECT terms FROM passages WHERE article_id = ?').pluck().all(id) as string[];
    for (const passageTerms of terms) this.countTerms(passageTerms.split(' '), -1);
    statement(this.db, 'DELETE FROM articles WHERE id = ?').run(id);
  }

  moveFile(id: string, file: string): void {
    statement(this.db, 'UPDATE articles SET source_file = ? WHERE id = ?').run(file, id);
  }

  /** Write the summed document-frequency changes, and return the corpus version and counts. */
  finish(): { version: string; articles: number; passages: number } {
    const applyDf = statement(
      this.db,
      'INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df',
    );
    for (const [term, delta] of this.dfDelta) if (delta !== 0) applyDf.run(term, delta);
    this.dfDelta.clear();
    statement(this.db, 'DELETE FROM term_df WHERE df <= 0').run();
    const counts = statement(
      this.db,
      'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM passages) AS passages',
    ).get() as { articles: number; passages: number };
    return { version: corpusVersionOf(this.db), ...counts };
  }

  private countTerms(terms: readonly string[], sign: 1 | -1): void {
    for (const term of new Set(terms)) if (term) this.dfDelta.set(term, (this.dfDelta.get(term) ?? 0) + sign);
  }
}

/** The corpus version: a short hash of every article's id and content hash, so equal corpora share it. */
function corpusVersionOf(db: Db): string {
  const hash = createHash('sha256');
  const rows = statement(db, 'SELECT id, content_hash FROM articles ORDER BY id').iterate() as Iterable<IndexedArticleRow>;
  for (const row of rows) hash.update(`${row.id}\0${row.content_hash}\n`);
  return hash.digest('hex').slice(0, 12);
}
