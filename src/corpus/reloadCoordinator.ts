import type { Db } from '../db/database.js';
import type { WriteGate } from '../db/writeGate.js';
import type { Logger } from '../logger.js';
import { applyCorpusRead, readCorpusForReload, type ReloadReport } from './reloadCorpus.js';

/** Articles written between two turns of the event loop during a reload on its own connection. */
const RELOAD_BATCH = 10;

export interface ReloadCoordinatorDeps {
  readonly db: Db;
  /**
   * A second connection to the same database file, used only by reloads so that they can
   * yield to questions while their transaction is open. Without one (an in-memory
   * database), a reload runs on `db` without yielding.
   */
  readonly writer: Db | undefined;
  readonly corpusDir: string;
  readonly gate: WriteGate;
  readonly logger: Logger;
  /** Runs inside the reload's hold on writes, on the connection that wrote it (cache pruning). */
  readonly afterApply?: (db: Db, report: ReloadReport) => void;
  /** Runs after the reload, once writes flow again (vectors filling in behind it). */
  readonly afterReload?: (report: ReloadReport) => void;
}

export interface ReloadOptions {
  readonly allowEmpty?: boolean;
  /**
   * Changes the folder first, in the reload's turn: no other reload or change runs between
   * it and the read that follows (an article added or removed). When it throws, nothing is reloaded.
   */
  readonly change?: (dir: string) => Promise<void>;
  /** Articles written so far, of all (see applyCorpusRead). */
  readonly onProgress?: (done: number, total: number) => void;
}

export type Reload = (dir?: string, options?: ReloadOptions) => Promise<ReloadReport>;

/**
 * Reloads one at a time (a second waits for the first, whatever its outcome). The folder
 * is read without any lock; small writes are held only while the index is written.
 */
export function createReloadCoordinator(deps: ReloadCoordinatorDeps): Reload {
  const { gate, logger, writer } = deps;
  const conn = writer ?? deps.db;
  let reloads: Promise<unknown> = Promise.resolve();

  return (dir = deps.corpusDir, options = {}) => {
    const run = async () => {
      await options.change?.(dir);
      // Reading the folder holds no lock: saved answers and votes are written meanwhile.
      const read = await readCorpusForReload(conn, dir);
      return gate.hold(async () => {
        const report = await applyCorpusRead(conn, read, {
          yieldEvery: writer ? RELOAD_BATCH : 0,
          allowEmpty: options.allowEmpty,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
        deps.afterApply?.(conn, report);
        return report;
      });
    };
    const next = reloads.then(run, run);
    reloads = next.catch(() => undefined);
    return next.then((report) => {
      logReload(logger, report);
      deps.afterReload?.(report);
      return report;
    });
  };
}

function logReload(logger: Logger, report: ReloadReport): void {
  // Rejected files and warnings need a person's attention, whatever the log level of the caller.
  const level = report.rejected.length > 0 || report.warnings.length > 0 ? 'warn' : 'info';
  const { rejected, warnings, version, ms } = report;
  const counts = {
    added: report.added.length,
    updated: report.updated.length,
    removed: report.removed.length,
    unchanged: report.unchanged.length,
  };
  logger[level]({ ...counts, rejected, warnings, version, ms }, 'corpus reloaded');
}
