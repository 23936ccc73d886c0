import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { isSupportedLanguage, type Language } from '../text/languages.js';

/** A passage with its article's metadata: what every retrieval stage hands on. */
export interface PassageRecord {
  readonly rowid: number;
  readonly articleId: string;
  readonly title: string;
  readonly editorialTitle: boolean;
  readonly url: string | null;
  readonly publisher: string | null;
  readonly language: Language;
  readonly published: string | null;
  readonly passageId: string;
  readonly ordinal: number;
  readonly text: string;
  /** The passage's index terms, in order. */
  readonly terms: readonly string[];
}

interface PassageRow {
  rowid: number;
  id: string;
  article_id: string;
  ordinal: number;
  text: string;
  terms: string;
  title: string;
  editorial_title: number;
  url: string | null;
  publisher: string | null;
  language: string;
  published: string | null;
}

/** The columns `toPassageRecord` reads, for queries over `passages p JOIN articles a`. */
export const PASSAGE_COLUMNS = `p.rowid, p.id, p.article_id, p.ordinal, p.text, p.terms,
  a.title, a.editorial_title, a.url, a.publisher, a.language, a.published`;

export function toPassageRecord(row: unknown): PassageRecord {
  const r = row as PassageRow;
  return {
    rowid: r.rowid,
    articleId: r.article_id,
    title: r.title,
    editorialTitle: r.editorial_title === 1,
    url: r.url,
    publisher: r.publisher,
    language: isSupportedLanguage(r.language) ? r.language : 'en',
    published: r.published,
    passageId: r.id,
    ordinal: r.ordinal,
    text: r.text,
    terms: r.terms.split(' '),
  };
}

/** Passages by rowid, in no particular order; rowids no longer in the index are skipped. */
export function passagesByRowid(db: Db, rowids: readonly number[]): PassageRecord[] {
  if (rowids.length === 0) return [];
  return statement(
    db,
    `SELECT ${PASSAGE_COLUMNS} FROM passages p JOIN articles a ON a.id = p.article_id
      WHERE p.rowid IN (SELECT value FROM json_each(?))`,
  )
    .all(JSON.stringify(rowids))
    .map(toPassageRecord);
}

/** The first `limit` passages of some articles, in article and reading order. */
export function passagesOfArticles(db: Db, articleIds: readonly string[], limit: number): PassageRecord[] {
  if (articleIds.length === 0) return [];
  return statement(
    db,
    `SELECT ${PASSAGE_COLUMNS} FROM passages p JOIN articles a ON a.id = p.article_id
      WHERE p.article_id IN (SELECT value FROM json_each(?)) ORDER BY p.article_id, p.ordinal LIMIT ?`,
  )
    .all(JSON.stringify(articleIds), limit)
    .map(toPassageRecord);
}

/** The passage right after each of these in its article, for those that have one. */
export function passagesAfter(db: Db, passages: readonly { articleId: string; ordinal: number }[]): PassageRecord[] {
  if (passages.length === 0) return [];
  return statement(
    db,
    `SELECT ${PASSAGE_COLUMNS} FROM json_each(?) j
       JOIN passages p ON p.article_id = json_extract(j.value, '$.articleId')
                      AND p.ordinal = json_extract(j.value, '$.ordinal') + 1
       JOIN articles a ON a.id = p.article_id`,
  )
    .all(JSON.stringify(passages.map(({ articleId, ordinal }) => ({ articleId, ordinal }))))
    .map(toPassageRecord);
}
