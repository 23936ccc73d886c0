import { ConfigError, loadConfig, type Config } from '../config.js';
import { loadDotEnv } from '../loadDotEnv.js';
import { missingDiscordSettings } from './discordSettings.js';
import { openCoreFromConfig } from '../openCore.js';
import { createLogger, type Logger, secretsOf } from '../logger.js';
import { fileURLToPath } from 'node:url';
import { parentChannel } from './sharding/ipcMessages.js';
import { createRemoteLimiter } from './sharding/remoteLimiter.js';
import { runShardManager } from './sharding/shardManager.js';
import { serveManager, shardOfProcess } from './sharding/shardProcess.js';
import { createBot } from './createBot.js';
import type { BotSettings } from './context.js';
import { statusFilePath } from '../runtime/statusFile.js';

/** Milliseconds between two edits of a streamed answer: Discord rate-limits message edits. */
const STREAM_EDIT_INTERVAL_MS = 1_200;

async function main(): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const missing = missingDiscordSettings(config);
  if (missing) {
    process.stderr.write(`${missing}\nSee README.md, "Running the Discord bot".\n`);
    process.exit(1);
  }

  const shard = shardOfProcess();
  const root = createLogger(config.logLevel ?? 'info', undefined, secretsOf(config));
  if (!shard && config.discord.shards !== null) process.exit(await runManager(config, root));
  await runBot(config, shard ? root.child({ shard: shard.id }) : root, shard);
}

/** SHARDS is set: this process manages the shard processes (each runs this file again). */
async function runManager(config: Config, logger: Logger): Promise<number> {
  if (config.dbPath === ':memory:') {
    process.stderr.write(
      'SHARDS needs a database file that every shard process shares; FEUDBOT_DB_PATH is :memory:.\n',
    );
    return 1;
  }
  // Migrations and a first ingest run here, once, before any shard process opens the file.
  (await openCoreFromConfig(config, logger)).close();
  const code = await runShardManager(config, logger, fileURLToPath(import.meta.url));
  logger.info('stopped');
  logger.flush();
  return code;
}

/**
 * The bot in this process: alone, or as one shard of several. Of several, the first shard's
 * process alone deletes expired data and fills vectors, and model calls take their slot from
 * the manager, so that the bound holds for the whole bot.
 */
async function runBot(config: Config, logger: Logger, shard: { id: number } | null): Promise<void> {
  const leads = shard === null || shard.id === 0;
  const manager = shard ? parentChannel() : null;
  // The bot fills vectors in behind every reload; questions use those that exist meanwhile.
  const core = await openCoreFromConfig(config, logger, {
    embedInBackground: leads,
    pruneAtStart: leads,
    ...(manager ? { ingestOnFirstUse: false, limiter: createRemoteLimiter(manager) } : {}),
  });
  const alone = shard === null && config.dbPath !== ':memory:';
  const bot = createBot({
    core,
    logger,
    apiUrl: config.discord.apiUrl,
    prunes: leads,
    ...(alone ? { statusFile: statusFilePath(config.dbPath) } : {}),
    ...(config.discord.metrics && !shard ? { metrics: config.discord.metrics } : {}),
    settings: botSettings(config),
  });
  const stopServing = manager ? serveManager(manager, bot, core) : () => undefined;

  let stopping = false;
  const shutdown = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    stopServing();
    logger.info({ signal }, 'shutting down');
    bot
      .stop()
      .catch((error: unknown) => logger.error({ err: error }, 'error while stopping the bot'))
      .finally(() => {
        core.close();
        logger.info('stopped');
        logger.flush();
        process.exit(exitCode);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A shard process does not outlive its manager.
  if (manager) process.on('disconnect', () => shutdown('shard manager gone'));
  // A supervisor restarts a process that fails; exiting 0 here would leave the bot down in silence.
  void bot.lost.then(() => shutdown('gateway closed by Discord', 1));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  logger.info({ model: core.model ?? 'none (quoting the articles)', corpus: config.corpusDir }, 'starting');
  await bot.start(config.discord.token!);
}

function botSettings(config: Config): BotSettings {
  const { discord } = config;
  return {
    moderatorRoleIds: discord.moderatorRoleIds,
    allowedChannelIds: discord.allowedChannelIds,
    cooldownSeconds: discord.cooldownSeconds,
    maxQuestionsInFlight: discord.maxQuestionsInFlight,
    followUpHours: discord.followUpHours,
    messageContent: discord.messageContent,
    streamEditIntervalMs: STREAM_EDIT_INTERVAL_MS,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`feudbot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
