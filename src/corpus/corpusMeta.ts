import type { Db } from '../db/database.js';
import { getMeta, setMeta } from '../db/meta.js';

/** The version of the corpus in the index, or null before the first ingest. */
export function getCorpusVersion(db: Db): string | null {
  return getMeta(db, 'corpus_version');
}

export function setCorpusVersion(db: Db, version: string): void {
  setMeta(db, 'corpus_version', version);
}
