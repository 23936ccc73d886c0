import type { Reload } from '../corpus/reloadCoordinator.js';
import type { ReloadReport } from '../corpus/reloadCorpus.js';
import { isBusy } from '../db/writeGate.js';
import { UserFacingError } from '../errors.js';

/**
 * Reload with a change to the folder made in the reload's turn. When the folder changed but
 * the index could not take it (another process holds the database), say what happened:
 * the file is there, and the next reload indexes it.
 */
export async function reloadAfterChange(
  reload: Reload,
  corpusDir: string,
  change: (dir: string) => Promise<string>,
): Promise<ReloadReport> {
  let done: string | null = null;
  try {
    return await reload(corpusDir, {
      change: async (dir) => {
        done = await change(dir);
      },
    });
  } catch (error) {
    if (done === null || !isBusy(error)) throw error;
    throw new UserFacingError(
      `${done as string}, but the index was not reloaded: another process (an ingest?) holds the database. The change is indexed at the next reload (npm run ingest, or /reload) once that process is done.`,
    );
  }
}
