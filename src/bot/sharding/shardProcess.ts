import type { FeudCore } from '../../core.js';
import type { Bot } from '../createBot.js';
import { type IpcChannel, type ToManager, toShard } from './ipcMessages.js';

/** How often a shard's process looks for what another process wrote (a reload, vectors). */
const CATCH_UP_MS = 1_000;

/** Which shard this process runs, as discord.js's ShardingManager told it (SHARDS, SHARD_COUNT). */
export function shardOfProcess(env: NodeJS.ProcessEnv = process.env): { id: number; count: number } | null {
  if (env.SHARDING_MANAGER !== 'true' || env.SHARD_COUNT === undefined) return null;
  return { id: Number(env.SHARDS), count: Number(env.SHARD_COUNT) };
}

/**
 * A shard process's side of the manager: it answers the manager's queries with its health,
 * its gateway ping and its metrics, and catches up with the other processes' writes. Returns
 * the function that stops the catching up.
 */
export function serveManager(channel: IpcChannel<ToManager>, bot: Bot, core: FeudCore): () => void {
  channel.onMessage((raw) => {
    const parsed = toShard.safeParse(raw);
    if (!parsed.success || parsed.data.feudbot !== 'query') return;
    const { id } = parsed.data;
    const pingMs = bot.client.isReady() ? bot.client.ws.ping : null;
    void (bot.context.metrics?.registry.getMetricsAsJSON() ?? Promise.resolve([])).then((metrics) =>
      channel.send({ feudbot: 'report', id, health: bot.health(), pingMs, metrics }),
    );
  });
  const timer = setInterval(() => core.catchUp(), CATCH_UP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
