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
  /**
   * Wait, without blocking, until every queued write is done or `timeoutMs` has passed;
   * `onWaiting` is called once if writes are still waiting after the first retry. Resolves
   * to the number of writes still queued.
   */
  settle(timeoutMs: number, onWaiting?: () => void): Promise<number>;
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
  return new QueuedWrites(options);
}

class QueuedWrites implements WriteGate {
  private holders = 0;
  private readonly queue: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private delay: number;
  private waitingForLock = false;
  private readonly firstDelay: number;
  private readonly withoutWaiting: (write: () => void) => void;

  constructor(private readonly options: WriteGateOptions) {
    this.firstDelay = this.delay = options.retryMs ?? 50;
    this.withoutWaiting = options.withoutWaiting ?? ((write) => write());
  }

  // Arrow properties: callers pass `gate.run` around on its own.
  readonly run = (write: () => void): void => {
    if (this.holders === 0 && this.queue.length === 0 && this.attempt(write)) return;
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
      this.options.onError(new Error('too many writes waiting for the database; dropped the oldest'));
    }
    this.queue.push(write);
    if (this.holders === 0) this.schedule();
  };

  async hold<T>(task: () => Promise<T>): Promise<T> {
    this.holders++;
    try {
      return await task();
    } finally {
      this.holders--;
      if (this.holders === 0) this.drain();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const write of this.queue.splice(0)) {
      try {
        write();
      } catch (error) {
        this.options.onError(error);
      }
    }
  }

  async settle(timeoutMs: number, onWaiting?: () => void): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let told = false;
    while (this.queue.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.delay, Math.max(1, deadline - Date.now()))));
      this.drain();
      if (this.queue.length > 0 && !told) {
        told = true;
        onWaiting?.();
      }
    }
    return this.queue.length;
  }

  /** Try one write; false when another process holds the lock (the write stays queued). */
  private attempt(write: () => void): boolean {
    try {
      this.withoutWaiting(write);
      return true;
    } catch (error) {
      if (!isBusy(error)) {
        this.options.onError(error);
        return true;
      }
      if (!this.waitingForLock) this.options.onBusy?.(error);
      this.waitingForLock = true;
      return false;
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.drain(), this.delay);
    this.timer.unref();
  }

  private readonly drain = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.holders > 0) return;
    while (this.queue.length > 0) {
      if (!this.attempt(this.queue[0]!)) {
        this.delay = Math.min(this.delay * 2, RETRY_MAX_MS);
        this.schedule();
        return;
      }
      this.queue.shift();
    }
    this.waitingForLock = false;
    this.delay = this.firstDelay;
  };
}

// SQLite's SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …), as better-sqlite3 names them.
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
