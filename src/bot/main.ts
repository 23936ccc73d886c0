import { ConfigError, loadConfig, type Config } from '../config.js';
import { loadDotEnv } from '../loadDotEnv.js';
import { missingDiscordSettings } from './discordSettings.js';
import { openCoreFromConfig } from '../openCore.js';
import { createLogger, secretsOf } from '../logger.js';
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

  const logger = createLogger(config.logLevel ?? 'info', undefined, secretsOf(config));
  // The bot fills vectors in behind every reload; questions use those that exist meanwhile.
  const core = await openCoreFromConfig(config, logger, { embedInBackground: true });
  const bot = createBot({
    core,
    logger,
    apiUrl: config.discord.apiUrl,
    ...(config.dbPath === ':memory:' ? {} : { statusFile: statusFilePath(config.dbPath) }),
    ...(config.discord.metrics ? { metrics: config.discord.metrics } : {}),
    settings: botSettings(config),
  });

  let stopping = false;
  const shutdown = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
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
