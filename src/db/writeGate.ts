/**
 * Small writes (answer log, caches, votes, saved answers) on the main connection go through
 * here, so that they never block the event loop:
 * - while a reload in this process holds SQLite's write lock on its own connection, they
 *   are queued and run the moment it ends;
 * - when another process holds the lock (a CLI ingest beside the bot), a write fails at
 *   once instead of waiting out the busy timeout, and is retried later, in order.
 * Reads are never held: WAL serves the last committed snapshot.
 */
export interface WriteGate {
  /** Run the write now, or after the current reload, or once another process lets go of the lock. */
  run(this: void, write: () => void): void;
  /** Hold writes while `task` runs, then flush them in order. */
  hold<T>(task: () => Promise<T>): Promise<T>;
  /** Run every queued write now, waiting for locks as long as the connection's busy timeout (on close). */
  flush(): void;
  readonly held: boolean;
  /** Writes waiting. */
  readonly queued: number;
}

export interface WriteGateOptions {
  /** A write that failed for good (not a busy lock): logged, and dropped. */
  readonly onError: (error: unknown) => void;
  /** Called once when writes start waiting for another process's lock, with the error. */
  readonly onBusy?: (error: unknown) => void;
  /** Run `write` so that a lock held elsewhere fails at once (e.g. busy_timeout 0 around it). */
  readonly withoutWaiting?: (write: () => void) => void;
  /** First retry delay after a busy lock; doubles up to RETRY_MAX_MS. */
  readonly retryMs?: number;
}

const RETRY_MAX_MS = 1_000;
/** Writes kept while waiting; beyond this the oldest is dropped with an error (memory stays bounded). */
const MAX_QUEUED = 10_000;

export function createWriteGate(options: WriteGateOptions): WriteGate {
  const { onError, onBusy, withoutWaiting = (write) => write(), retryMs = 50 } = options;
  let holders = 0;
  const queue: (() => void)[] = [];
  let timer: NodeJS.Timeout | null = null;
  let delay = retryMs;
  let waitingForLock = false;

  /** Try one write; false when another process holds the lock (the write stays queued). */
  const attempt = (write: () => void): boolean => {
    try {
      withoutWaiting(write);
      return true;
    } catch (error) {
      if (isBusy(error)) {
        if (!waitingForLock) onBusy?.(error);
        waitingForLock = true;
        return false;
      }
      onError(error);
      return true;
    }
  };

  const drain = () => {
    timer = null;
    if (holders > 0) return;
    while (queue.length > 0) {
      if (!attempt(queue[0]!)) {
        timer = setTimeout(drain, delay);
        timer.unref();
        delay = Math.min(delay * 2, RETRY_MAX_MS);
        return;
      }
      queue.shift();
    }
    waitingForLock = false;
    delay = retryMs;
  };

  return {
    get held() {
      return holders > 0;
    },
    get queued() {
      return queue.length;
    },
    run(write) {
      if (holders === 0 && queue.length === 0 && attempt(write)) return;
      if (queue.length >= MAX_QUEUED)
        onError(new Error('too many writes waiting for the database; dropped the oldest'));
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push(write);
      if (holders === 0 && timer === null) {
        timer = setTimeout(drain, delay);
        timer.unref();
      }
    },
    async hold(task) {
      holders++;
      try {
        return await task();
      } finally {
        holders--;
        if (holders === 0) drain();
      }
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      for (const write of queue.splice(0)) {
        try {
          write();
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}

// SQLite's SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …), as better-sqlite3 names them.
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
