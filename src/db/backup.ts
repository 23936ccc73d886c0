import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserFacingError } from '../errors.js';
import { openDatabase } from './database.js';

/**
 * A consistent copy of the live database, made with SQLite's online backup while the bot
 * keeps running: readers and a reload in progress are not stopped, and the copy holds
 * the corpus as it was before or after that reload, never a mix.
 */
export async function backupDatabase(dbPath: string, target: string): Promise<{ pages: number }> {
  if (dbPath === ':memory:') throw new UserFacingError('An in-memory database cannot be backed up.');
  if (!existsSync(dbPath)) throw new UserFacingError(`There is no database at ${dbPath} to back up.`);
  if (existsSync(target)) throw new UserFacingError(`${target} already exists; choose a new file for the backup.`);
  if (!existsSync(dirname(target))) throw new UserFacingError(`The folder ${dirname(target)} does not exist.`);
  const db = openDatabase(dbPath);
  try {
    const { totalPages } = await db.backup(target);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}
