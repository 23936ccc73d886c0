import { BusyError, createLimiter } from '../../llm/limiter.js';

/**
 * The manager's side of the bot-wide model bound: one limiter for every shard process. A slot
 * is held from `acquire` to `release`; a process that dies gives back what it held, and a
 * slot granted to a process that is gone by then is given back at once.
 */
export function createSharedModelSlots(concurrency: number, maxQueue: number) {
  const limiter = createLimiter(concurrency, maxQueue);
  /** The release of each held slot, by process generation and call id. */
  const held = new Map<string, () => void>();
  const alive = new Set<string>();

  return {
    get active() {
      return limiter.active;
    },
    get waiting() {
      return limiter.waiting;
    },
    /** A shard process started (or restarted: a new generation). */
    joined(generation: string): void {
      alive.add(generation);
    },
    acquire(generation: string, id: number, reply: (granted: boolean) => void): void {
      const key = `${generation}:${id}`;
      limiter
        .run(
          () =>
            new Promise<void>((release) => {
              if (!alive.has(generation)) return release();
              held.set(key, release);
              reply(true);
            }),
        )
        .catch((error: unknown) => {
          if (error instanceof BusyError && alive.has(generation)) reply(false);
        });
    },
    release(generation: string, id: number): void {
      const key = `${generation}:${id}`;
      held.get(key)?.();
      held.delete(key);
    },
    /** The process exited: every slot it held is free again. */
    gone(generation: string): void {
      alive.delete(generation);
      for (const [key, release] of held)
        if (key.startsWith(`${generation}:`)) {
          held.delete(key);
          release();
        }
    },
  };
}

export type SharedModelSlots = ReturnType<typeof createSharedModelSlots>;
