import { DEFAULT_RETENTION_DAYS } from './privacy/retention.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { blankAsUnset, describeGot, idList, integer, snowflake, text, url } from './configFields.js';

/**
 * The folder feudbot is installed in (the one holding its package.json), whether it runs
 * from src/ under tsx or from dist/src/ when built, and whatever the current folder is.
 */
export const INSTALL_DIR = findInstallDir(dirname(fileURLToPath(import.meta.url)));

function findInstallDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** A process that discord.js's ShardingManager started for one shard (it sets these). */
export function isShardProcess(env: NodeJS.ProcessEnv): boolean {
  return env.SHARDING_MANAGER === 'true' && env.SHARD_COUNT !== undefined;
}

/** A configuration value that is missing or wrong; the message names the variable and what to put there. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const SHARDS_HINT = 'auto or a whole number of shards between 1 and 1000, e.g. 2';

const schema = z.object({
  FEUDBOT_HOME: z.preprocess(blankAsUnset, z.string().optional()),
  FEUDBOT_DB_PATH: z.preprocess(blankAsUnset, z.string().default('data/feudbot.db')),
  CORPUS_DIR: z.preprocess(blankAsUnset, z.string().optional()),
  LOG_LEVEL: z.preprocess(
    blankAsUnset,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional(),
  ),

  OPENAI_API_KEY: text,
  OPENAI_BASE_URL: url('http://127.0.0.1:11434/v1 for Ollama'),
  OPENAI_MODEL: z.preprocess(blankAsUnset, z.string().default('gpt-4o-mini')),
  OPENAI_TIMEOUT_MS: integer(1_000, 600_000, 'a whole number of milliseconds between 1000 and 600000, e.g. 30000'),
  OPENAI_MAX_CONCURRENCY: integer(1, 64, 'a whole number between 1 and 64, e.g. 4'),
  OPENAI_MAX_QUEUE: integer(0, 10_000, 'a whole number between 0 and 10000, e.g. 32'),

  EMBEDDINGS_MODEL: text,
  EMBEDDINGS_BASE_URL: url('http://127.0.0.1:11434/v1 for Ollama'),
  EMBEDDINGS_API_KEY: text,
  EMBEDDINGS_TIMEOUT_MS: integer(1_000, 600_000, 'a whole number of milliseconds between 1000 and 600000, e.g. 20000'),

  MODEL_DAILY_TOKENS_PER_MEMBER: integer(1, 1_000_000_000, 'a whole number of tokens, e.g. 20000'),
  MODEL_DAILY_TOKENS_PER_SERVER: integer(1, 1_000_000_000, 'a whole number of tokens, e.g. 500000'),
  RETENTION_DAYS: integer(0, 3_650, 'a whole number of days between 0 and 3650, e.g. 90 (0 keeps no question text)'),
  ARTICLE_FETCH_ALLOW_PRIVATE: z.preprocess(
    blankAsUnset,
    z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  ),

  DISCORD_TOKEN: text,
  DISCORD_APPLICATION_ID: z.preprocess(blankAsUnset, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(blankAsUnset, snowflake.optional()),
  DISCORD_API_URL: url('http://127.0.0.1:8080/api'),
  MODERATOR_ROLE_IDS: idList('role'),
  ALLOWED_CHANNEL_IDS: idList('channel'),
  ASK_COOLDOWN_SECONDS: integer(0, 3_600, 'a whole number of seconds between 0 and 3600, e.g. 10'),
  MAX_QUESTIONS_IN_FLIGHT: integer(1, 1_000, 'a whole number between 1 and 1000, e.g. 16'),
  FOLLOW_UP_HOURS: integer(1, 720, 'a whole number of hours between 1 and 720, e.g. 24'),
  DISCORD_MESSAGE_CONTENT: z.preprocess(
    blankAsUnset,
    z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  ),
  METRICS_PORT: integer(1, 65_535, 'a port number between 1 and 65535, e.g. 9464'),
  METRICS_HOST: text,
  SHARDS: z.preprocess(
    blankAsUnset,
    z.union([z.literal('auto'), integer(1, 1_000, SHARDS_HINT)], { error: `must be ${SHARDS_HINT}` }),
  ),
});

/** Everything feudbot reads from the environment, validated and with defaults applied. */
export interface Config {
  readonly dbPath: string;
  readonly corpusDir: string;
  readonly logLevel: string | undefined;
  readonly openai: {
    readonly apiKey: string | undefined;
    readonly baseURL: string | undefined;
    readonly model: string;
    readonly timeoutMs: number;
    readonly maxConcurrency: number;
    readonly maxQueue: number;
    /** True when a key or a base URL is set: answers then come from the model. */
    readonly enabled: boolean;
    /** Model tokens a member, and a server, may spend a day (null: unlimited). */
    readonly budgets: { readonly perMember: number | null; readonly perServer: number | null };
  };
  /** Semantic search; null unless EMBEDDINGS_MODEL is set. The endpoint and key default to the chat ones. */
  readonly embeddings: {
    readonly model: string;
    readonly baseURL: string | undefined;
    readonly apiKey: string | undefined;
    readonly timeoutMs: number;
  } | null;
  /** Days questions, answers and votes are kept; 0 keeps no question text at all. */
  readonly retentionDays: number;
  /** Article links may lead to private and local addresses (a news mirror on the operator's network). */
  readonly articleFetchAllowPrivate: boolean;
  readonly discord: {
    readonly token: string | undefined;
    readonly applicationId: string | undefined;
    readonly guildId: string | undefined;
    readonly apiUrl: string | undefined;
    readonly moderatorRoleIds: readonly string[];
    readonly allowedChannelIds: readonly string[];
    readonly cooldownSeconds: number;
    readonly maxQuestionsInFlight: number;
    /** A conversation without a question for this long takes no more follow-ups. */
    readonly followUpHours: number;
    /** Ask for the privileged Message Content intent (help channels read posts). */
    readonly messageContent: boolean;
    /** Where to serve /metrics and /healthz; null (the default) opens no port. */
    readonly metrics: { readonly port: number; readonly host: string } | null;
    /** Shard processes under a manager: Discord's recommended count, or a number; null runs one process. */
    readonly shards: 'auto' | number | null;
  };
}

/**
 * Read and validate the configuration once, at start-up. Paths never depend on the folder
 * it is started from: the database and relative paths are under FEUDBOT_HOME when it is
 * set, else under the installation folder; the corpus defaults to the bundled one.
 * Throws a ConfigError whose message says which variable is wrong and what to use.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, installDir = INSTALL_DIR): Config {
  // In a shard's process discord.js sets SHARDS to the shard's own id: not this setting.
  const parsed = schema.safeParse(isShardProcess(env) ? { ...env, SHARDS: undefined } : env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration');
      return `${name} ${issue.message}${describeGot(env[name])}.`;
    });
    throw new ConfigError(`Configuration error:\n  ${lines.join('\n  ')}\nSee .env.example for every setting.`);
  }
  const e = parsed.data;
  const home = e.FEUDBOT_HOME ? resolve(installDir, e.FEUDBOT_HOME) : installDir;
  return {
    dbPath: e.FEUDBOT_DB_PATH === ':memory:' ? ':memory:' : resolve(home, e.FEUDBOT_DB_PATH),
    corpusDir: e.CORPUS_DIR === undefined ? join(installDir, 'corpus') : resolve(home, e.CORPUS_DIR),
    logLevel: e.LOG_LEVEL,
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS ?? 30_000,
      maxConcurrency: e.OPENAI_MAX_CONCURRENCY ?? 4,
      maxQueue: e.OPENAI_MAX_QUEUE ?? 32,
      enabled: Boolean(e.OPENAI_API_KEY || e.OPENAI_BASE_URL),
      budgets: {
        perMember: e.MODEL_DAILY_TOKENS_PER_MEMBER ?? null,
        perServer: e.MODEL_DAILY_TOKENS_PER_SERVER ?? null,
      },
    },
    embeddings: e.EMBEDDINGS_MODEL
      ? {
          model: e.EMBEDDINGS_MODEL,
          baseURL: e.EMBEDDINGS_BASE_URL ?? e.OPENAI_BASE_URL,
          apiKey: e.EMBEDDINGS_API_KEY ?? e.OPENAI_API_KEY,
          timeoutMs: e.EMBEDDINGS_TIMEOUT_MS ?? 20_000,
        }
      : null,
    retentionDays: e.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS,
    articleFetchAllowPrivate: e.ARTICLE_FETCH_ALLOW_PRIVATE === 'true',
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      apiUrl: e.DISCORD_API_URL,
      moderatorRoleIds: e.MODERATOR_ROLE_IDS,
      allowedChannelIds: e.ALLOWED_CHANNEL_IDS,
      cooldownSeconds: e.ASK_COOLDOWN_SECONDS ?? 10,
      maxQuestionsInFlight: e.MAX_QUESTIONS_IN_FLIGHT ?? 16,
      followUpHours: e.FOLLOW_UP_HOURS ?? 24,
      messageContent: e.DISCORD_MESSAGE_CONTENT === 'true',
      metrics: e.METRICS_PORT ? { port: e.METRICS_PORT, host: e.METRICS_HOST ?? '127.0.0.1' } : null,
      shards: e.SHARDS ?? null,
    },
  };
}
