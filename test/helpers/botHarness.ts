import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import type { AddressPolicy } from '../../src/articles/addressPolicy.js';
import { createBot, type Bot } from '../../src/bot/createBot.js';
import { deployCommands } from '../../src/bot/commands/deployCommands.js';
import type { BotSettings } from '../../src/bot/context.js';
import type { FeudCore } from '../../src/core.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { openCore } from '../../src/openCore.js';
import type { ChatModel } from '../../src/llm/chatModel.js';
import { createLimiter } from '../../src/llm/limiter.js';
import { createOpenAiChatModel } from '../../src/llm/openAiChatModel.js';
import { createLogger } from '../../src/logger.js';
import { copyOfBundledCorpus, silentLogger, tempDir } from './corpus.js';
import { type FakeDiscord, type InteractionRecord, startFakeDiscord } from './fakeDiscord.js';
import type { FakeOpenAI } from './fakeOpenAI.js';

export const BOT_TOKEN = 'fake-bot-token.not-real.0123456789';

export interface Harness {
  readonly discord: FakeDiscord;
  readonly bot: Bot;
  readonly core: FeudCore;
  /** A connection of the test's own to the bot's database file, for checking what the bot stored. */
  readonly db: Db;
  readonly corpusDir: string;
  /** What the bot logged (info and up), one object per line. */
  readonly logs: Record<string, unknown>[];
  /** Wait until the interaction's reply reaches its final state (an edit without the progress footer, or a reply). */
  answered(record: InteractionRecord, ms?: number): Promise<APIMessage>;
  close(): Promise<void>;
}

/**
 * The real bot (discord.js Client, the shared core on a temporary SQLite file, a copy of the
 * bundled corpus) logged into a fake Discord on loopback, with commands registered.
 */
export async function startHarness(
  options: {
    settings?: Partial<BotSettings>;
    openai?: FakeOpenAI;
    model?: ChatModel;
    /** The model's deadline: short, so that a hanging fake costs a test little (default 1 s). */
    modelTimeoutMs?: number;
    /** Which addresses article links may reach (default: the bot's own default, public only). */
    fetchPolicy?: AddressPolicy;
    /** Serve /metrics and /healthz (on any free port of 127.0.0.1). */
    metrics?: boolean;
  } = {},
): Promise<Harness> {
  const discord = await startFakeDiscord();
  const corpus = copyOfBundledCorpus();
  const data = tempDir('feudbot-bot-');
  const core = await openCore({
    dbPath: join(data.path, 'feudbot.db'),
    corpusDir: corpus.path,
    logger: silentLogger,
    limiter: createLimiter(4, 1_000),
    ...(options.fetchPolicy ? { fetchPolicy: options.fetchPolicy } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.openai
      ? {
          model: createOpenAiChatModel({
            apiKey: 'sk-test',
            baseURL: options.openai.baseURL,
            model: 'fake-model-1',
            timeoutMs: options.modelTimeoutMs ?? 1_000,
            maxRetries: 0,
          }),
        }
      : {}),
  });
  const logs: Record<string, unknown>[] = [];
  const bot = createBot({
    core,
    logger: createLogger('info', {
      write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>),
    }),
    apiUrl: discord.api,
    rest: { retries: 1, timeout: 5_000 },
    ...(options.metrics ? { metrics: { port: 0, host: '127.0.0.1' } } : {}),
    settings: {
      moderatorRoleIds: [discord.moderatorRoleId],
      allowedChannelIds: [],
      cooldownSeconds: 0,
      maxQuestionsInFlight: 16,
      followUpHours: 24,
      streamEditIntervalMs: 1_200,
      ...options.settings,
    },
  });
  const db = openDatabase(join(data.path, 'feudbot.db'));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await bot.stop(2_000).catch(() => undefined);
    db.close();
    core.close();
    await discord.close();
    corpus.cleanup();
    data.cleanup();
  };
  try {
    await deployCommands({
      token: BOT_TOKEN,
      applicationId: discord.applicationId,
      guildId: discord.guildId,
      apiUrl: discord.api,
    });
    await bot.start(BOT_TOKEN);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    discord,
    bot,
    core,
    db,
    corpusDir: corpus.path,
    logs,
    answered: (record, ms = 15_000) =>
      discord.waitFor(
        () => {
          if (record.callbackType === 4 || record.callbackType === 7) return record.original;
          const last = record.edits.at(-1) as
            { embeds?: { footer?: { text?: string } }[]; content?: string } | undefined;
          if (!last || !record.original) return null;
          const footer = last.embeds?.[0]?.footer?.text ?? '';
          return /Looking through|Ich sehe/.test(footer) ? null : record.original;
        },
        ms,
        `the answer to interaction ${record.id}`,
      ),
    close,
  };
}
