import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { EvalQuestion } from '../../src/evaluation/runEval.js';
import { BOT_TOKEN } from '../helpers/botHarness.js';
import { copyOfBundledCorpus, PROJECT_ROOT, tempDir } from '../helpers/corpus.js';
import { askAndWait, latencyOf, type Report, request, startFakeDiscordProcess } from './botBench.js';
import type { Latency } from './retrievalBench.js';
import { round } from './stats.js';

export interface ShardRunResult {
  shards: number;
  guilds: number;
  questions: number;
  lost: number;
  ack: Latency;
  /** Questions answered per second, from the first sent to the last final edit. */
  perSecond: number;
}

/**
 * The real bot started as `npm start` with SHARDS=n (a manager and n shard processes, each
 * with its own core on one shared SQLite file), answering by quoting; a loopback Discord in
 * its own process sends `count` /ask at once, spread over `guilds` servers on every shard.
 */
async function runSharded(shards: number, guilds: number, asked: string[]): Promise<ShardRunResult> {
  const { child: discord, ready } = startFakeDiscordProcess(['--shards', String(shards), '--guilds', String(guilds)]);
  const { api, applicationId } = await ready;
  const corpus = copyOfBundledCorpus();
  const home = tempDir('feudbot-shardbench-');
  let manager: ChildProcess | null = null;
  try {
    manager = spawn(join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), [join(PROJECT_ROOT, 'src/bot/main.ts')], {
      cwd: home.path,
      env: {
        PATH: process.env.PATH ?? '',
        SHARDS: String(shards),
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_APPLICATION_ID: applicationId,
        DISCORD_API_URL: api,
        FEUDBOT_HOME: home.path,
        CORPUS_DIR: corpus.path,
        ASK_COOLDOWN_SECONDS: '0',
        MAX_QUESTIONS_IN_FLIGHT: String(asked.length * 2),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let connected = 0; connected < shards;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      connected = (await request<Report>(discord, { type: 'report' }, 'report')).connectedShards ?? 0;
    }
    const report = await askAndWait(discord, asked, (r) => r.finalised);
    const records = report.records;
    const ack = records.filter((r) => r.callbackAt !== null).map((r) => r.callbackAt! - r.sentAt);
    const finals = records.filter((r) => r.lastEditAt !== null);
    const span = Math.max(...finals.map((r) => r.lastEditAt!)) - Math.min(...records.map((r) => r.sentAt));
    return {
      shards,
      guilds,
      questions: asked.length,
      lost: records.filter((r) => !r.finalised).length,
      ack: latencyOf(ack),
      perSecond: round((finals.length / Math.max(1, span)) * 1000, 1),
    };
  } finally {
    if (manager && manager.exitCode === null) {
      const exited = new Promise((resolve) => manager!.once('exit', resolve));
      manager.kill('SIGTERM');
      await exited;
    }
    discord.send({ type: 'close' });
    corpus.cleanup();
    home.cleanup();
  }
}

/** Rounds of each configuration, alternated: on two cores one burst's p95 varies by half from run to run. */
const ROUNDS = 3;

/**
 * The same burst over `guilds` servers answered by one shard process and by two, alternated
 * in one run; each configuration's median round (by acknowledgement p95) is reported.
 */
export async function benchShards(count: number, guilds: number, questions: readonly EvalQuestion[]) {
  const answerable = questions.filter((q) => q.gold.length > 0);
  const asked = Array.from({ length: count }, (_, i) => answerable[i % answerable.length]!.q.slice(0, 300));
  const runs: Record<1 | 2, ShardRunResult[]> = { 1: [], 2: [] };
  for (let round = 0; round < ROUNDS; round++)
    for (const shards of [1, 2] as const) runs[shards].push(await runSharded(shards, guilds, asked));
  const median = (xs: ShardRunResult[]) => [...xs].sort((a, b) => a.ack.p95 - b.ack.p95)[Math.floor(xs.length / 2)]!;
  return { rounds: ROUNDS, one: median(runs[1]), two: median(runs[2]), all: runs };
}
