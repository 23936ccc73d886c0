import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFile, copyOfBundledCorpus, PROJECT_ROOT, tempDir, writeArticle } from '../helpers/corpus.js';
import { type FakeDiscord, type InteractionRecord, shardOfGuild, startFakeDiscord } from '../helpers/fakeDiscord.js';

// Issue 25, item 1: SHARDS=2 runs two shard processes under discord.js's ShardingManager,
// against a loopback Discord that recommends two shards and gives each its own server.

/** A port nothing listens on now, for METRICS_PORT. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(
  read: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  ms: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const answerText = (m: APIMessage | null) => JSON.stringify(m?.embeds ?? m?.content ?? '');

let discord: FakeDiscord;
let manager: ChildProcess;
let output = '';
let metricsUrl = '';
const corpus = copyOfBundledCorpus();
const home = tempDir();

/** Pids of the shard processes, from the manager's log lines, latest per shard. */
function shardPids(): Map<number, number> {
  const pids = new Map<number, number>();
  for (const line of output.split('\n')) {
    if (!line.includes('shard process started')) continue;
    const entry = JSON.parse(line) as { shard: number; pid: number };
    pids.set(entry.shard, entry.pid);
  }
  return pids;
}

async function ask(guildId: string, question: string): Promise<InteractionRecord> {
  const record = discord.slash(discord.users.member, 'ask', { question }, { guildId });
  await until(() => record.original?.embeds?.length, 20_000, `the answer to "${question}"`);
  return record;
}

const get = async (path: string) => {
  const response = await fetch(`${metricsUrl}${path}`);
  return { status: response.status, text: await response.text() };
};

/** /healthz once it answers 503, within 10 s. */
const unhealthy = () =>
  until(
    async () => {
      const health = await get('/healthz');
      return health.status === 503 ? health : null;
    },
    10_000,
    '/healthz to turn 503',
  );

beforeAll(async () => {
  discord = await startFakeDiscord({ shards: 2 });
  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}`;
  manager = spawn(join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), [join(PROJECT_ROOT, 'src/bot/main.ts')], {
    cwd: home.path,
    env: {
      PATH: process.env.PATH ?? '',
      SHARDS: '2',
      DISCORD_TOKEN: 'fake-token.for-loopback.0123456789',
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.api,
      FEUDBOT_HOME: home.path,
      CORPUS_DIR: corpus.path,
      ASK_COOLDOWN_SECONDS: '0',
      METRICS_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  manager.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  manager.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until(() => discord.connectedShards().length === 2, 60_000, 'both shards to identify');
}, 90_000);

afterAll(async () => {
  if (manager.exitCode === null) manager.kill('SIGKILL');
  await discord.close();
  corpus.cleanup();
  home.cleanup();
});

describe('two shard processes under one manager', () => {
  it('each shard answers the questions of its own server', async () => {
    expect(discord.guildIds).toHaveLength(2);
    for (const guildId of discord.guildIds) {
      const record = await ask(guildId, 'What is Merge Labs?');
      expect(answerText(record.original)).toContain('Merge Labs');
    }
    expect(shardPids().size).toBe(2);
  }, 60_000);

  it("a /reload answered by one shard is seen by the other shard's next question", async () => {
    const body =
      'The Quokka Accord was signed in Perth in 2031 by both founders. It ended the feud over the sandwich patent.';
    writeArticle(
      corpus.path,
      'quokka.md',
      articleFile({ id: 'quokka', title: 'The Quokka Accord', language: 'en' }, body),
    );
    const [first, second] = discord.guildIds;
    const reload = discord.slash(discord.users.moderator, 'reload', {}, { guildId: first });
    await until(() => reload.edits.length > 0, 30_000, 'the reload');
    const reloadedAt = Date.now();
    const answer = await ask(second!, 'What is the Quokka Accord?');
    // Asked the moment the reload was answered, and answered from the new corpus within a second.
    expect(Date.now() - reloadedAt).toBeLessThan(1_000);
    expect(answerText(answer.original)).toContain('Perth');
  }, 60_000);

  it('/metrics adds up both shards, /healthz is 200, and the bound of model calls is one for the whole bot', async () => {
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    for (const line of metrics.text.split('\n').filter((l) => l && !l.startsWith('#')))
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? -?[0-9.e+-]+|NaN|[+-]Inf$/);
    // Three questions answered by quoting so far: two on one shard, one on the other.
    const answered = /^feudbot_questions_total\{surface="ask",outcome="answered",mode="extractive"\} (\d+)$/m.exec(
      metrics.text,
    );
    expect(Number(answered?.[1])).toBe(3);
    expect(metrics.text).toMatch(/^feudbot_shard_up\{shard="0"\} 1$/m);
    expect(metrics.text).toMatch(/^feudbot_shard_up\{shard="1"\} 1$/m);
    expect(await get('/healthz')).toEqual({ status: 200, text: 'ok\n' });
  }, 30_000);

  it('a killed shard process is started again while the other keeps answering', async () => {
    const [first, second] = discord.guildIds;
    const before = shardPids();
    process.kill(before.get(1)!, 'SIGKILL');
    const down = await unhealthy();
    expect(down.text).toMatch(/shard 1/);
    // The other shard answers meanwhile.
    const shardOfFirst = shardOfGuild(first!, 2);
    const alive = shardOfFirst === 0 ? first! : second!;
    expect(answerText((await ask(alive, 'Who funded OpenAI?')).original)).not.toBe('""');
    await until(
      () => shardPids().get(1) !== before.get(1) && discord.connectedShards().length === 2,
      60_000,
      'the restart',
    );
    await until(async () => (await get('/healthz')).status === 200, 30_000, '/healthz to recover');
    const restarted = shardOfFirst === 1 ? first! : second!;
    expect(answerText((await ask(restarted, 'What is Merge Labs?')).original)).toContain('Merge Labs');
    expect((await get('/metrics')).text).toMatch(/^feudbot_shard_restarts_total\{shard="1"\} 1$/m);
  }, 120_000);

  it("/healthz turns 503 with the reason when the shards' gateway is lost", async () => {
    discord.dropGateway();
    const lost = await unhealthy();
    expect(lost.text).toMatch(/gateway is not connected/);
    discord.restoreGateway();
    await until(async () => (await get('/healthz')).status === 200, 60_000, '/healthz to recover');
  }, 90_000);

  it('SIGTERM to the manager stops every shard process gracefully, exit 0', async () => {
    const pids = [...shardPids().values()];
    const exited = new Promise<number | null>((resolve) => manager.once('exit', (code) => resolve(code)));
    manager.kill('SIGTERM');
    expect(await exited).toBe(0);
    const running = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(running).toEqual([]);
    expect(output).toMatch(/every shard process has stopped/);
  }, 60_000);
});
