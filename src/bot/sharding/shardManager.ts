import type { Server } from 'node:http';
import { type Shard, ShardingManager } from 'discord.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { keepStatusFile, statusFilePath } from '../../runtime/statusFile.js';
import { startMetricsServer } from '../metricsServer.js';
import { fetchGatewayInfo } from './gatewayInfo.js';
import { toManager } from './ipcMessages.js';
import { createSharedModelSlots, type SharedModelSlots } from './sharedModelSlots.js';
import { ShardQueries } from './shardQueries.js';

/** Discord lets `max_concurrency` shards identify per 5 s; discord.js's own spacing when that is 1. */
const SPAWN_SPACING_MS = 5_500;
/** Deaths of shard processes within a minute after which the manager gives up (a bad token, a crash at start). */
const DEATHS_BEFORE_GIVING_UP = 5;

/**
 * Run the bot as shard processes under discord.js's ShardingManager: each process runs
 * `entry` for its shard, and they share the one database. This process holds what must be
 * one for the whole bot: the model-call bound, the status file, /metrics and /healthz. A
 * shard process that dies is started again; SIGTERM stops every shard gracefully. Resolves
 * with the exit code when it has stopped.
 */
export async function runShardManager(config: Config, logger: Logger, entry: string): Promise<number> {
  const { discord } = config;
  const token = discord.token!;
  const gateway = await fetchGatewayInfo(token, discord.apiUrl).catch((error: unknown) => {
    if (discord.shards === 'auto') throw error;
    logger.warn({ err: error }, 'could not ask Discord for its identify limits; spacing shard starts');
    return { shards: discord.shards ?? 1, maxConcurrency: 1 };
  });
  const count = discord.shards === 'auto' ? gateway.shards : (discord.shards ?? 1);
  const manager = new ShardingManager(entry, { totalShards: count, token, execArgv: process.execArgv, respawn: true });
  const slots = createSharedModelSlots(config.openai.maxConcurrency, config.openai.maxQueue);
  const queries = new ShardQueries(count, () => manager.shards);
  const status = config.dbPath === ':memory:' ? null : keepStatusFile(statusFilePath(config.dbPath), logger);
  const deaths: number[] = [];
  let giveUp: (code: number) => void = () => undefined;
  const gaveUp = new Promise<number>((resolve) => (giveUp = resolve));
  const updateStatus = () =>
    status?.set(
      [...manager.shards.values()].every((s) => s.ready) && manager.shards.size === count
        ? 'connected'
        : 'reconnecting',
    );

  manager.on('shardCreate', (shard) => {
    watchShard(shard, { slots, queries, logger, onChange: updateStatus });
    shard.on('death', () => {
      deaths.push(Date.now());
      while (deaths[0]! < Date.now() - 60_000) deaths.shift();
      if (deaths.length >= DEATHS_BEFORE_GIVING_UP) {
        logger.error({ deaths: deaths.length }, 'shard processes keep dying; stopping the bot');
        giveUp(1);
      }
    });
  });
  let server: Server | null = null;
  if (discord.metrics)
    server = await startMetricsServer(queries.registry, queries.health, { ...discord.metrics, logger });
  logger.info({ shards: count, maxConcurrency: gateway.maxConcurrency }, 'starting shard processes');
  const spawned = manager.spawn({
    amount: count,
    delay: gateway.maxConcurrency >= count ? 0 : SPAWN_SPACING_MS,
    timeout: 60_000,
  });
  spawned.catch((error: unknown) => {
    logger.error({ err: error }, 'a shard did not start');
    giveUp(1);
  });
  const signalled = new Promise<number>((resolve) => {
    process.once('SIGTERM', () => resolve(0));
    process.once('SIGINT', () => resolve(0));
  });
  const code = await Promise.race([signalled, gaveUp]);
  await stopShards(manager, logger);
  status?.remove();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  return code;
}

/** Route a shard's messages to the shared model bound and the queries, and follow its state. */
function watchShard(
  shard: Shard,
  deps: { slots: SharedModelSlots; queries: ShardQueries; logger: Logger; onChange: () => void },
): void {
  const { slots, queries, logger } = deps;
  let generation = '';
  let started = 0;
  shard.on('spawn', () => {
    const pid = shard.process?.pid;
    generation = `${shard.id}:${pid}`;
    slots.joined(generation);
    if (started++ > 0) queries.restarted(shard.id);
    logger.info({ shard: shard.id, pid }, 'shard process started');
  });
  shard.on('death', () => {
    slots.gone(generation);
    logger.warn({ shard: shard.id, exitCode: shard.process?.exitCode }, 'shard process exited');
    deps.onChange();
  });
  for (const event of ['ready', 'disconnect', 'reconnecting', 'resume'] as const) shard.on(event, deps.onChange);
  shard.on('message', (raw: unknown) => {
    const parsed = toManager.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    const from = generation;
    if (message.feudbot === 'acquire')
      slots.acquire(from, message.id, (granted) => {
        void shard
          .send({ feudbot: granted ? 'granted' : 'busy', id: message.id })
          .catch(() => slots.release(from, message.id));
      });
    else if (message.feudbot === 'release') slots.release(from, message.id);
    else queries.received(message);
  });
}

/** SIGTERM to every shard process (each finishes its questions and logs out), then wait for them. */
async function stopShards(manager: ShardingManager, logger: Logger): Promise<void> {
  manager.respawn = false;
  const exits = [...manager.shards.values()].map((shard) => {
    const child = shard.process;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  });
  await Promise.all(exits);
  logger.info('every shard process has stopped');
}
