import { describe, expect, it } from 'vitest';
import { BusyError } from '../../src/llm/limiter.js';
import type { IpcChannel, ToManager } from '../../src/bot/sharding/ipcMessages.js';
import { createRemoteLimiter } from '../../src/bot/sharding/remoteLimiter.js';
import { createSharedModelSlots } from '../../src/bot/sharding/sharedModelSlots.js';

// Issue 25, item 1: the model-call bound holds for the whole bot, not per shard process. Each
// "process" here is a remote limiter whose messages reach the manager's slots as JSON, as they
// would over Node's IPC channel (which serializes them the same way).

function shardProcess(slots: ReturnType<typeof createSharedModelSlots>, generation: string) {
  const handlers: ((message: unknown) => void)[] = [];
  const toShard = (message: unknown) =>
    setImmediate(() => handlers.forEach((h) => h(JSON.parse(JSON.stringify(message)))));
  const channel: IpcChannel<ToManager> = {
    send(raw) {
      const message = JSON.parse(JSON.stringify(raw)) as ToManager;
      if (message.feudbot === 'acquire')
        slots.acquire(generation, message.id, (granted) =>
          toShard({ feudbot: granted ? 'granted' : 'busy', id: message.id }),
        );
      else if (message.feudbot === 'release') slots.release(generation, message.id);
    },
    onMessage: (handler) => handlers.push(handler),
  };
  slots.joined(generation);
  return createRemoteLimiter(channel);
}

/** A task that runs until `finish` is called. */
function held() {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: () => done, finish: () => finish() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the model-call bound across shard processes', () => {
  it('one slot and one queue place for the whole bot: the third call, from either process, is busy', async () => {
    const slots = createSharedModelSlots(1, 1);
    const a = shardProcess(slots, '0:1');
    const b = shardProcess(slots, '1:2');
    const first = held();
    const running = a.run(first.task);
    await tick();
    expect(slots.active).toBe(1);
    const queued = b.run(async () => 'b ran');
    await tick();
    expect(slots.waiting).toBe(1);
    await expect(a.run(async () => 'never')).rejects.toBeInstanceOf(BusyError);
    first.finish();
    await running;
    expect(await queued).toBe('b ran');
    await tick();
    expect([slots.active, slots.waiting]).toEqual([0, 0]);
  });

  it('a process that dies gives back its slot, and a slot granted to a dead process is given back at once', async () => {
    const slots = createSharedModelSlots(1, 4);
    const a = shardProcess(slots, '0:1');
    const b = shardProcess(slots, '1:2');
    void a.run(held().task);
    await tick();
    const waiting = b.run(async () => 'b ran after a died');
    await tick();
    // Process 0 is killed mid-call: its release never comes.
    slots.gone('0:1');
    expect(await waiting).toBe('b ran after a died');
    // Queued for a process that then died: granted, and freed without running anything.
    const c = held();
    void b.run(c.task);
    await tick();
    const dead = shardProcess(slots, '2:3');
    void dead.run(async () => undefined);
    await tick();
    slots.gone('2:3');
    c.finish();
    await tick();
    await tick();
    expect([slots.active, slots.waiting]).toEqual([0, 0]);
  });
});
