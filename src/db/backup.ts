import { existsSync, linkSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserFacingError } from '../errors.js';
import { openDatabase } from './database.js';

/** Pages copied per step; between steps the bot's own queries run. */
const PAGES_PER_STEP = 100;

/**
 * A consistent copy of the live database, made with SQLite's online backup while the bot
 * keeps running: readers and a reload in progress are not stopped, and the copy holds
 * the corpus as it was before or after that reload, never a mix. The copy is written under
 * a temporary name in the target's folder and given the target's name only when complete,
 * so a backup that is killed never leaves a partial file where a backup is expected.
 * `options.onStep` sees each step (for tests that stop a backup halfway).
 */
export async function backupDatabase(
  dbPath: string,
  target: string,
  options: { onStep?: () => void; pagesPerStep?: number } = {},
): Promise<{ pages: number }> {
  if (dbPath === ':memory:') throw new UserFacingError('An in-memory database cannot be backed up.');
  if (!existsSync(dbPath)) throw new UserFacingError(`There is no database at ${dbPath} to back up.`);
  if (existsSync(target)) throw new UserFacingError(`${target} already exists; choose a new file for the backup.`);
  if (!existsSync(dirname(target))) throw new UserFacingError(`The folder ${dirname(target)} does not exist.`);
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}-${Date.now()}`);
  const db = openDatabase(dbPath);
  try {
    const { totalPages } = await db.backup(partial, {
      progress: () => {
        options.onStep?.();
        return options.pagesPerStep ?? PAGES_PER_STEP;
      },
    });
    // A hard link cannot replace an existing file: a backup made meanwhile under the same name is kept.
    try {
      linkSync(partial, target);
    } catch {
      throw new UserFacingError(`${target} already exists; choose a new file for the backup.`);
    }
    return { pages: totalPages };
  } finally {
    db.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}
