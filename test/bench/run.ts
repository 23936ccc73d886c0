import { cpus } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEvalQuestions } from '../../src/evaluation/runEval.js';
import { BUNDLED_CORPUS, PROJECT_ROOT } from '../helpers/corpus.js';
import { benchBot, type BotLoadResult } from './botBench.js';
import { benchShards, type ShardRunResult } from './shardBench.js';
import { benchInsights, type InsightsResult } from './insightsBench.js';
import { readRealArticles } from './generateCorpus.js';
import { benchReloadUnderLoad, type ReloadUnderLoadResult } from './reloadBench.js';
import { benchRetrieval, type RetrievalResult } from './retrievalBench.js';

// `npm run bench [-- --json] [--sizes 1000,10000] [--reload-articles N] [--bot-questions N] [--no-minisearch]
//  [--minilm-sizes 1000 | --minilm-sizes none] [--shard-questions N] [--shard-guilds N]` (MiniLM embeds every
//  passage at 4–5 a second: keep those sizes small); `--shards` runs the sharded comparison only.
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '1000,10000,100000' },
    'reload-articles': { type: 'string', default: '10000' },
    'bot-questions': { type: 'string', default: '100' },
    'no-minisearch': { type: 'boolean', default: false },
    'minilm-sizes': { type: 'string', default: '1000' },
    'shard-questions': { type: 'string', default: '400' },
    'shard-guilds': { type: 'string', default: '50' },
    shards: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
if (sizes.some((s) => !Number.isInteger(s) || s < 100))
  throw new Error('--sizes takes whole numbers of passages, at least 100 each');

const log = (line: string) => {
  if (!values.json) process.stderr.write(`${line}\n`);
};

const workDir = mkdtempSync(join(tmpdir(), 'feudbot-bench-'));
const questions = readEvalQuestions(join(PROJECT_ROOT, 'test/eval/questions.jsonl'));
const realArticles = readRealArticles(BUNDLED_CORPUS);
const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

if (values.shards) {
  process.stdout.write(`${formatShards(await shardsPart())}\n`);
  process.exit(0);
}

async function shardsPart() {
  log(
    `sharded bot: ${values['shard-questions']} concurrent /ask over ${values['shard-guilds']} servers, 1 then 2 shard processes…`,
  );
  return benchShards(Number(values['shard-questions']), Number(values['shard-guilds']), questions);
}

function formatShards(s: Awaited<ReturnType<typeof benchShards>>): string {
  const line = (r: ShardRunResult) =>
    `${r.shards} shard process${r.shards > 1 ? 'es' : ''}: ${r.questions} /ask over ${r.guilds} servers, ${r.lost} lost; acknowledge p50/p95/p99 ${r.ack.p50} / ${r.ack.p95} / ${r.ack.p99} ms; ${r.perSecond} answers a second`;
  const ratio = Math.round((s.two.ack.p95 / Math.max(1, s.one.ack.p95)) * 100) / 100;
  const p95s = (runs: ShardRunResult[]) => runs.map((r) => r.ack.p95).join(', ');
  return [
    `Sharded bot (quoting, one SQLite file), median of ${s.rounds} alternated rounds by acknowledge p95:`,
    line(s.one),
    line(s.two),
    `acknowledge p95, two / one: ${ratio}× (every round's p95, one: ${p95s(s.all[1])} ms; two: ${p95s(s.all[2])} ms)`,
  ].join('\n');
}

try {
  log(`feudbot bench on ${machine.cores} cores (${machine.cpu}), Node ${machine.node}`);
  const retrieval: Record<string, RetrievalResult> = {};
  for (const size of sizes) {
    log(`retrieval at ${size} passages…`);
    const withMiniLm = values['minilm-sizes'].split(',').map(Number).includes(size);
    retrieval[size] = await benchRetrieval(
      size,
      realArticles,
      questions,
      workDir,
      !values['no-minisearch'],
      withMiniLm,
    );
  }
  log(`reload of ${values['reload-articles']} articles under load…`);
  const reload: ReloadUnderLoadResult = await benchReloadUnderLoad(
    Number(values['reload-articles']),
    realArticles,
    questions,
    BUNDLED_CORPUS,
    workDir,
  );
  log(`bot: ${values['bot-questions']} concurrent /ask…`);
  const bot: BotLoadResult = await benchBot(Number(values['bot-questions']), questions);
  const shards = await shardsPart();
  log('insights over 100,000 logged questions…');
  const insights: InsightsResult = benchInsights(100_000, workDir);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  const result = { machine, retrieval, reload, bot, shards, insights, peakRssMb };
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`${formatTable(result)}\n${formatShards(shards)}\n`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

function formatTable(r: {
  machine: typeof machine;
  retrieval: Record<string, RetrievalResult>;
  reload: ReloadUnderLoadResult;
  bot: BotLoadResult;
  insights: InsightsResult;
  peakRssMb: number;
}): string {
  const rows: string[][] = [['', ...Object.keys(r.retrieval).map((s) => `${Number(s).toLocaleString('en')} passages`)]];
  const add = (name: string, f: (x: RetrievalResult) => string) =>
    rows.push([name, ...Object.values(r.retrieval).map(f)]);
  add('passages / articles', (x) => `${x.passages} / ${x.articles}`);
  add('ingest s (MB/s)', (x) => `${x.ingest.seconds} (${x.ingest.mbPerSecond})`);
  add('database MB', (x) => `${x.ingest.dbMegabytes}`);
  add('searchPassages p50/p95/p99 ms', (x) => `${x.search.p50} / ${x.search.p95} / ${x.search.p99}`);
  add('plain FTS5 OR p50/p95/p99 ms', (x) => `${x.plainFts.p50} / ${x.plainFts.p95} / ${x.plainFts.p99}`);
  add('ratio p95 search / plain', (x) => `${x.ratioToPlain}`);
  add('offline answer p50/p95/p99 ms', (x) => `${x.answer.p50} / ${x.answer.p95} / ${x.answer.p99}`);
  add('ratio p95 answer / search', (x) => `${x.answerOverSearch}`);
  add('MiniSearch build s', (x) => (x.miniSearch ? `${x.miniSearch.buildSeconds}` : '-'));
  add('MiniSearch p50/p95 ms', (x) =>
    x.miniSearch ? `${x.miniSearch.latency.p50} / ${x.miniSearch.latency.p95}` : '-',
  );
  add('MiniSearch heap MB (in run)', (x) => (x.miniSearch ? `${x.miniSearch.megabytes}` : '-'));
  add('serving memory MB: ours / MiniSearch', (x) => `${x.memory.feudbotMb} / ${x.memory.miniSearchMb ?? '-'}`);
  add('MiniSearch memory / ours', (x) =>
    x.memory.miniSearchMb !== null
      ? `${Math.round((x.memory.miniSearchMb / Math.max(1, x.memory.feudbotMb)) * 10) / 10}×`
      : '-',
  );
  add('MiniSearch p95 / search p95', (x) =>
    x.miniSearch ? `${Math.round((x.miniSearch.latency.p95 / x.search.p95) * 10) / 10}×` : '-',
  );
  add('needle recall@5 (ours / MiniSearch)', (x) => `${x.needleRecallAt5} / ${x.miniSearch?.recallAt5 ?? '-'}`);
  add('vectors: index build ms (once)', (x) => `${x.vectors.indexBuildMs}`);
  add('vector search p50/p95 ms (ours)', (x) => `${x.vectors.vectorSearch.p50} / ${x.vectors.vectorSearch.p95}`);
  add('vector search p50/p95 ms (sqlite-vec)', (x) => `${x.vectors.sqliteVec.p50} / ${x.vectors.sqliteVec.p95}`);
  add('search p95 ms: words / words+vectors', (x) => `${x.vectors.lexical.p95} / ${x.vectors.hybrid.p95}`);
  add('vector search adds at p95 ms', (x) => `${x.vectors.addedP95Ms}`);
  add('needle recall@5 with MiniLM (words / fused)', (x) =>
    x.miniLm ? `${x.miniLm.lexicalRecallAt5} / ${x.miniLm.hybridRecallAt5} (${x.miniLm.embedSeconds} s to embed)` : '-',
  );
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const table = rows
    .map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '))
    .join('\n');
  return [
    `Machine: ${r.machine.cores} cores, ${r.machine.cpu}, Node ${r.machine.node}, ${r.machine.platform}`,
    '',
    table,
    '',
    `Reload under load: ${r.reload.articles} articles (${r.reload.passages} passages) in ${r.reload.reloadSeconds} s; ${r.reload.questionsAnswered} questions answered meanwhile; longest stall ${r.reload.longestStallMs} ms (slowest question ${r.reload.slowestQuestionMs} ms, both together ${r.reload.longestBetweenStartsMs} ms); question p99 ${r.reload.questionP99Ms} ms`,
    `Vectors filled in behind it: ${r.reload.fill.embedded} passages in ${r.reload.fill.seconds} s (stand-in endpoint, ${r.reload.fill.endpointMs} ms a batch); ${r.reload.fill.questionsAnswered} questions meanwhile; longest stall ${r.reload.fill.longestStallMs} ms (slowest question ${r.reload.fill.slowestQuestionMs} ms, both together ${r.reload.fill.longestBetweenStartsMs} ms)`,
    `The same questions on the new index with nothing in the background: slowest ${r.reload.alone.slowestQuestionMs} ms, p99 ${r.reload.alone.questionP99Ms} ms`,
    `Bot: ${r.bot.questions} concurrent /ask, ${r.bot.lost} lost; acknowledge p50/p95/p99 ${r.bot.ack.p50} / ${r.bot.ack.p95} / ${r.bot.ack.p99} ms; final edit p50/p95/p99 ${r.bot.final.p50} / ${r.bot.final.p95} / ${r.bot.final.p99} ms; a bare discord.js client that only defers: acknowledge p50/p95/p99 ${r.bot.bareDiscordJsAck.p50} / ${r.bot.bareDiscordJsAck.p95} / ${r.bot.bareDiscordJsAck.p99} ms`,
    `Insights: ${r.insights.rows.toLocaleString('en')} logged questions; one server's last 30 days in ${r.insights.queryMs} ms, chart ${r.insights.chartMs} ms (${r.insights.shareOfWindow} of the 3 s window; /insights defers first anyway)`,
    `Peak RSS: ${r.peakRssMb} MB`,
  ].join('\n');
}
