import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserFacingError } from '../errors.js';

export type Db = Database.Database;

/** How long a writer waits for another connection's lock before SQLite gives up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Open (creating if needed) the SQLite database with the settings every connection needs:
 * WAL so that readers keep answering while a reload writes, NORMAL sync (safe under WAL),
 * foreign keys on, and a busy timeout.
 */
export function openDatabase(path: string, options: { cacheMiB?: number } = {}): Db {
  if (path !== ':memory:' && !path.startsWith('file:')) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new UserFacingError(
        `Cannot create the folder ${dirname(path)} for the database (${codeOf(error)}). Set FEUDBOT_DB_PATH to a file in a folder this user can write to.`,
      );
    }
  }
  let db: Db | undefined;
  try {
    db = new Database(path);
    // The first statement that reads the file: a file that is not a database fails here.
    db.pragma('journal_mode = WAL');
  } catch (error) {
    db?.close();
    throw explainOpenError(path, error);
  }
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Deleted rows are overwritten with zeros, so what a member deletes leaves the file too.
  db.pragma('secure_delete = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Page cache per connection (SQLite's default is 2 MiB). Readers need little, since the OS caches
  // the file; the reload writer gets more, so FTS5 segment merges in a large reload spill less.
  db.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 8)}`);
  return db;
}

/**
 * Run a write that fails at once with SQLITE_BUSY when another connection holds the write
 * lock, instead of blocking the event loop for up to the busy timeout (see WriteGate).
 */
export function withoutBusyWait(db: Db, write: () => void): void {
  db.pragma('busy_timeout = 0');
  try {
    write();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Errors that touch the database file itself, as a sentence naming the file and what to
 * do; anything else is returned unchanged. SQLite's result codes are documented in its
 * "Result and Error Codes" page.
 */
export function explainOpenError(path: string, error: unknown): unknown {
  const code = codeOf(error);
  if (code === 'SQLITE_CANTOPEN') {
    if (isDirectory(path))
      return new UserFacingError(`The database path ${path} is a folder. Set FEUDBOT_DB_PATH to a file path.`);
    return new UserFacingError(
      `Cannot open the database ${path}. Check that its folder exists and that this user may read and write there.`,
    );
  }
  if (code === 'SQLITE_NOTADB')
    return new UserFacingError(
      `${path} is not a feudbot database (not an SQLite file). Move it away, or set FEUDBOT_DB_PATH to another file: feudbot creates a new database there.`,
    );
  if (code.startsWith('SQLITE_CORRUPT'))
    return new UserFacingError(
      `The database ${path} is damaged. Restore it from a backup, or delete it: the index is rebuilt from the corpus folder, but saved answers and votes are lost.`,
    );
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM')
    return new UserFacingError(
      `The database ${path} is read-only for this user. Give the user write access to the file and its folder (SQLite writes ${path}-wal and ${path}-shm beside it).`,
    );
  return error;
}

/** SQLite found the file damaged (a page that is not what it should be) or not a database at all. */
export function isDamage(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
