import { z } from 'zod';

/**
 * What the shard manager and its shard processes say to each other over Node's IPC channel,
 * beside discord.js's own messages (which carry no `feudbot` key). Each side checks what it
 * reads: a message that does not fit is ignored.
 */
export const toManager = z.discriminatedUnion('feudbot', [
  /** A model call wants a slot of the bot-wide bound, or gives one back. */
  z.object({ feudbot: z.literal('acquire'), id: z.number().int() }),
  z.object({ feudbot: z.literal('release'), id: z.number().int() }),
  /** The answer to a `query`. */
  z.object({
    feudbot: z.literal('report'),
    id: z.number().int(),
    health: z.object({ ok: z.boolean(), reason: z.string().optional() }),
    pingMs: z.number().nullable(),
    metrics: z.array(z.unknown()),
  }),
]);
export type ToManager = z.infer<typeof toManager>;

export const toShard = z.discriminatedUnion('feudbot', [
  /** A slot is this call's (`granted`), or every slot and queue place is taken (`busy`). */
  z.object({ feudbot: z.literal('granted'), id: z.number().int() }),
  z.object({ feudbot: z.literal('busy'), id: z.number().int() }),
  /** Report health and metrics (for /healthz and /metrics). */
  z.object({ feudbot: z.literal('query'), id: z.number().int() }),
]);
export type ToShard = z.infer<typeof toShard>;

/** One side of the IPC channel: what it sends, and the messages it receives (unchecked). */
export interface IpcChannel<Out> {
  send(message: Out): void;
  onMessage(handler: (message: unknown) => void): void;
}

/** The channel of a process that a ShardingManager started (Node's `process.send`). */
export function parentChannel(): IpcChannel<ToManager> {
  return {
    send(message) {
      // A manager that is gone cannot be told; the process ends with it (see shardProcess.ts).
      if (process.connected) process.send?.(message);
    },
    onMessage(handler) {
      process.on('message', handler);
    },
  };
}
