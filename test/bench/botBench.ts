import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { createBot } from '../../src/bot/createBot.js';
import { openCore } from '../../src/openCore.js';
import type { EvalQuestion } from '../../src/evaluation/runEval.js';
import type { ChatModel } from '../../src/llm/chatModel.js';
import { createLimiter } from '../../src/llm/limiter.js';
import { copyOfBundledCorpus, silentLogger, tempDir } from '../helpers/corpus.js';
import { BOT_TOKEN } from '../helpers/botHarness.js';
import { percentile, round } from './stats.js';
import type { Latency } from './retrievalBench.js';

export interface BotLoadResult {
  questions: number;
  lost: number;
  ack: Latency;
  final: Latency;
  /** The floor: a bare discord.js client that only defers each interaction, measured the same way. */
  bareDiscordJsAck: Latency;
}

/** A model that answers at once, citing the first passage: the bot's own cost, without a model's. */
export const instantModel: ChatModel = {
  model: 'instant-fake',
  chat: (request) =>
    Promise.resolve({
      content: request.jsonSchema
        ? JSON.stringify(
            request.jsonSchema.name === 'feudbot_queries'
              ? { queries: [] }
              : { answered: true, answer: 'An instant answer [1].', citations: [1] },
          )
        : 'An instant answer [1].',
      finishReason: 'stop',
      refusal: null,
      usage: null,
    }),
};

export interface Report {
  connectedShards?: number;
  records: { sentAt: number; callbackAt: number | null; lastEditAt: number | null; finalised: boolean }[];
}

export const latencyOf = (xs: number[]): Latency => ({
  p50: round(percentile(xs, 50), 1),
  p95: round(percentile(xs, 95), 1),
  p99: round(percentile(xs, 99), 1),
});

export function startFakeDiscordProcess(args: string[] = []): {
  child: ChildProcess;
  ready: Promise<{ api: string; applicationId: string }>;
} {
  const script = fileURLToPath(new URL('./fakeDiscordProcess.ts', import.meta.url));
  const child = fork(script, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return { child, ready: request<{ api: string; applicationId: string }>(child, null, 'ready') };
}

/** Send the questions at once and collect the fake's timings once every one is final (or a minute passes). */
export async function askAndWait(
  child: ChildProcess,
  questions: string[],
  done: (r: Report['records'][number]) => boolean,
): Promise<Report> {
  await request(child, { type: 'ask', questions }, 'asked');
  const deadline = Date.now() + 60_000;
  let report: Report;
  do {
    await new Promise((resolve) => setTimeout(resolve, 100));
    report = await request<Report>(child, { type: 'report' }, 'report');
  } while (!report.records.every(done) && Date.now() < deadline);
  return report;
}

/** The same burst answered by a discord.js client that does nothing but defer: what discord.js itself costs. */
async function bareDiscordJsAck(count: number): Promise<Latency> {
  const { child, ready } = startFakeDiscordProcess();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: (await ready).api, globalRequestsPerSecond: 500 },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.deferReply().catch(() => undefined);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      client.once(Events.ClientReady, () => resolve());
      client.login(BOT_TOKEN).catch(reject);
    });
    const report = await askAndWait(
      child,
      Array.from({ length: count }, () => 'q'),
      (r) => r.callbackAt !== null,
    );
    return latencyOf(report.records.filter((r) => r.callbackAt !== null).map((r) => r.callbackAt! - r.sentAt));
  } finally {
    await client.destroy();
    child.send({ type: 'close' });
  }
}

export function request<T>(child: ChildProcess, message: unknown, replyType: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== replyType) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    if (message) child.send(message);
  });
}

/**
 * `count` /ask interactions sent at once, by a loopback Discord running in its own process, to
 * the real bot (shared core on a temporary SQLite file, an instant model); time from sending
 * each to its acknowledgement and to its final edit, and how many never got one.
 */
export async function benchBot(count: number, questions: readonly EvalQuestion[]): Promise<BotLoadResult> {
  const bareAck = await bareDiscordJsAck(count);
  const { child, ready } = startFakeDiscordProcess();
  const corpus = copyOfBundledCorpus();
  const data = tempDir('feudbot-botbench-');
  const core = await openCore({
    dbPath: join(data.path, 'feudbot.db'),
    corpusDir: corpus.path,
    logger: silentLogger,
    model: instantModel,
    limiter: createLimiter(8, count * 2),
  });
  const bot = createBot({
    core,
    logger: silentLogger,
    settings: {
      moderatorRoleIds: [],
      allowedChannelIds: [],
      cooldownSeconds: 0,
      maxQuestionsInFlight: count * 2,
      followUpHours: 24,
      streamEditIntervalMs: 1_200,
    },
    rest: { retries: 1, timeout: 15_000 },
    apiUrl: (await ready).api,
  });
  try {
    await bot.start(BOT_TOKEN);
    const answerable = questions.filter((q) => q.gold.length > 0);
    const asked = Array.from({ length: count }, (_, i) => answerable[i % answerable.length]!.q.slice(0, 300));
    const report = await askAndWait(child, asked, (r) => r.finalised);
    const ack = report.records.filter((r) => r.callbackAt !== null).map((r) => r.callbackAt! - r.sentAt);
    const final = report.records.filter((r) => r.lastEditAt !== null).map((r) => r.lastEditAt! - r.sentAt);
    return {
      questions: count,
      lost: report.records.filter((r) => !r.finalised).length,
      ack: latencyOf(ack),
      final: latencyOf(final),
      bareDiscordJsAck: bareAck,
    };
  } finally {
    await bot.stop(2_000).catch(() => undefined);
    core.close();
    child.send({ type: 'close' });
    corpus.cleanup();
    data.cleanup();
  }
}
