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
export function openDatabase(path: string, options: { cacheMiB?: number } = {}): Db {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Page cache per connection (SQLite's default is 2 MiB). Readers need little, since the OS caches
  // the file; the reload writer gets more, so FTS5 segment merges in a large reload spill less.
  db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 8)}`);
  return db;
}
