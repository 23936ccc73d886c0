import type { Db } from './database.js';
import { statement } from './statements.js';

/** A value of the `meta` table (settings the application keeps across restarts), or null. */
export function getMeta(db: Db, key: string): string | null {
  const value = statement(db, 'SELECT value FROM meta WHERE key = ?').pluck().get(key);
  return typeof value === 'string' ? value : null;
}

export function setMeta(db: Db, key: string, value: string): void {
  statement(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
