import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';

/** A question's translated search queries, cached per corpus version and model. */
export interface TranslationKey {
  /** The question, normalized (see normalizeQuestion). */
  readonly question: string;
  readonly corpusVersion: string;
  readonly model: string;
}

export function getCachedTranslations(db: Db, key: TranslationKey): string[] | null {
  const row = statement(
    db,
    'SELECT queries FROM query_translations WHERE question = ? AND corpus_version = ? AND model = ?',
  )
    .pluck()
    .get(key.question, key.corpusVersion, key.model);
  if (typeof row !== 'string') return null;
  const queries: unknown = JSON.parse(row);
  return Array.isArray(queries) ? queries.filter((q): q is string => typeof q === 'string') : null;
}

export function putCachedTranslations(db: Db, key: TranslationKey, queries: readonly string[]): void {
  statement(
    db,
    `INSERT INTO query_translations (question, corpus_version, model, queries, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET queries = excluded.queries, created_at = excluded.created_at`,
  ).run(key.question, key.corpusVersion, key.model, JSON.stringify(queries), Date.now());
}

/** Forget translations made for other corpus versions (after a reload). */
export function pruneTranslations(db: Db, corpusVersion: string): void {
  statement(db, 'DELETE FROM query_translations WHERE corpus_version != ?').run(corpusVersion);
}
