/**
 * Small writes (answer log, caches, votes) made on the main connection wait here while a
 * reload holds SQLite's write lock on its own connection. Writing straight away would block
 * the event loop on the busy timeout, stalling every question until the reload commits;
 * queued, they run the moment it ends. Reads are never held: WAL serves the old snapshot.
 */
export interface WriteGate {
  /** Run the write now, or after the current reload. */
  run(this: void, write: () => void): void;
  /** Hold writes while `task` runs, then flush them in order. */
  hold<T>(task: () => Promise<T>): Promise<T>;
  readonly held: boolean;
}

export function createWriteGate(onError: (error: unknown) => void): WriteGate {
  let holders = 0;
  const queue: (() => void)[] = [];
  const safely = (write: () => void) => {
    try {
      write();
    } catch (error) {
      onError(error);
    }
  };
  return {
    get held() {
      return holders > 0;
    },
    run(write) {
      if (holders > 0) queue.push(write);
      else safely(write);
    },
    async hold(task) {
      holders++;
      try {
        return await task();
      } finally {
        holders--;
        if (holders === 0) queue.splice(0).forEach(safely);
      }
    },
  };
}
