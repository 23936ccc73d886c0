import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** How long a writer waits for another connection's lock before SQLite gives up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Open (creating if needed) the SQLite database with the settings every connection needs:
 * WAL so that readers keep answering while a reload writes, NORMAL sync (safe under WAL),
 * foreign keys on, and a busy timeout.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 64 MiB of page cache (the default is 2 MiB): FTS5 segment merges during a large reload spill less.
  db.pragma('cache_size = -65536');
  return db;
}
