import { getCorpusVersion } from '../corpus/corpusMeta.js';
import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { isSupportedLanguage, type Language } from '../text/languages.js';
import { readSourceNames, type SourceNames } from './namedSources.js';

/** What query planning needs to know about the index, recomputed only when the corpus version changes. */
export interface CorpusStats {
  readonly version: string | null;
  readonly passages: number;
  readonly languages: Language[];
  /** Words that name an article's source (publisher, author), for questions that ask about one source. */
  readonly sourceNames: SourceNames;
}

const statsCache = new WeakMap<Db, CorpusStats>();

/** The corpus languages, from the small covering index rather than the articles' rows (bodies and all). */
export const LANGUAGES_SQL = 'SELECT DISTINCT language FROM articles INDEXED BY articles_sources ORDER BY language';

export function corpusStats(db: Db): CorpusStats {
  const version = getCorpusVersion(db);
  const cached = statsCache.get(db);
  if (cached && cached.version === version) return cached;
  const passages = statement(db, 'SELECT count(*) FROM passages').pluck().get() as number;
  const languages = (statement(db, LANGUAGES_SQL).pluck().all() as string[]).filter(isSupportedLanguage);
  const corpusLanguages = languages.length > 0 ? languages : (['en'] as Language[]);
  const stats = { version, passages, languages: corpusLanguages, sourceNames: readSourceNames(db, corpusLanguages) };
  statsCache.set(db, stats);
  return stats;
}

/** The languages of the articles in the index (English when it is empty). */
export function corpusLanguages(db: Db): Language[] {
  return corpusStats(db).languages;
}
