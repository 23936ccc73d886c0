import type { Db } from '../db/database.js';
import type { Language } from '../text/languages.js';
import { getCorpusVersion } from './corpusMeta.js';

/** An article as `sources` lists it. */
export interface SourceArticle {
  readonly id: string;
  readonly title: string;
  readonly editorialTitle: boolean;
  readonly url: string | null;
  readonly publisher: string | null;
  readonly language: Language;
  readonly author: string | null;
  readonly published: string | null;
  readonly passages: number;
}

export interface SourcesListing {
  readonly version: string | null;
  readonly articles: SourceArticle[];
}

/** Every article in the index (optionally of one language), newest first where dated, then by title. */
export function listSources(db: Db, language?: Language): SourcesListing {
  const rows = db
    .prepare(
      `SELECT a.id, a.title, a.editorial_title AS editorialTitle, a.url, a.publisher, a.language, a.author, a.published,
              (SELECT count(*) FROM passages p WHERE p.article_id = a.id) AS passages
       FROM articles a
       WHERE @language IS NULL OR a.language = @language
       ORDER BY a.published IS NULL, a.published DESC, a.title COLLATE NOCASE`,
    )
    .all({ language: language ?? null }) as (Omit<SourceArticle, 'editorialTitle'> & { editorialTitle: number })[];
  return {
    version: getCorpusVersion(db),
    articles: rows.map((r) => ({ ...r, editorialTitle: r.editorialTitle === 1 })),
  };
}
