import { BusyError, type Limiter } from '../../llm/limiter.js';
import type { IpcChannel, ToManager } from './ipcMessages.js';
import { toShard } from './ipcMessages.js';

/**
 * The model-call bound of a shard process, held by the manager for the whole bot: a call
 * asks the manager for a slot, waits in its queue, or is told every place is taken, and gives
 * the slot back when it ends. `active` and `waiting` count this process's calls only.
 */
export function createRemoteLimiter(channel: IpcChannel<ToManager>): Limiter {
  let nextId = 1;
  let active = 0;
  const waiting = new Map<number, { grant: () => void; refuse: (error: Error) => void }>();
  channel.onMessage((raw) => {
    const parsed = toShard.safeParse(raw);
    if (!parsed.success || parsed.data.feudbot === 'query') return;
    const { id, feudbot } = parsed.data;
    const caller = waiting.get(id);
    if (!caller) return;
    waiting.delete(id);
    if (feudbot === 'granted') caller.grant();
    else caller.refuse(new BusyError('Too many questions at once; please try again shortly.'));
  });

  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.size;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      const id = nextId++;
      await new Promise<void>((grant, refuse) => {
        waiting.set(id, { grant, refuse });
        channel.send({ feudbot: 'acquire', id });
      });
      active++;
      try {
        return await task();
      } finally {
        active--;
        channel.send({ feudbot: 'release', id });
      }
    },
  };
}
