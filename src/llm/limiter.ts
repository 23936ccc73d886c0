import { UserFacingError } from '../errors.js';

/** Every slot and every queue place is taken: the caller should try again shortly. */
export class BusyError extends UserFacingError {}

export interface Limiter {
  run<T>(this: void, task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

/**
 * At most `concurrency` tasks at once; up to `maxQueue` more wait their turn in order;
 * beyond that `run` rejects at once with BusyError instead of piling up work.
 */
export function createLimiter(concurrency: number, maxQueue: number): Limiter {
  let active = 0;
  const queue: (() => void)[] = [];

  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      active++;
      next();
    }
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < concurrency) {
        active++;
      } else if (queue.length < maxQueue) {
        await new Promise<void>((resolve) => queue.push(resolve));
      } else {
        throw new BusyError('Too many questions at once; please try again shortly.');
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
