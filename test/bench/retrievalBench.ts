import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { reloadCorpus } from '../../src/corpus/reloadCorpus.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import type { EvalQuestion } from '../../src/evaluation/runEval.js';
import { buildMatchExpression } from '../../src/retrieval/queryTerms.js';
import { searchPassages } from '../../src/retrieval/searchPassages.js';
import { judgeAnswerability } from '../../src/answer/answerability.js';
import { buildExtractiveAnswer } from '../../src/answer/extractiveAnswer.js';
import { stem } from '../../src/text/languages.js';
import { tokenize } from '../../src/text/tokenize.js';
import type { Article } from '../../src/corpus/articleFile.js';
import { generateCorpus } from './generateCorpus.js';
import {
  benchMiniLmRecall,
  benchVectorSearch,
  type MiniLmRecallResult,
  type VectorSearchResult,
} from './vectorBench.js';
import { collectGarbage, percentile, round } from './stats.js';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export interface RetrievalResult {
  passages: number;
  articles: number;
  ingest: { seconds: number; mbPerSecond: number; dbMegabytes: number };
  search: Latency;
  plainFts: Latency;
  /** searchPassages p95 / plain FTS5 p95 (target ≤ 1.0). */
  ratioToPlain: number;
  /** The offline answer from the same retrieval: judged and quoted (retrieval + answering). */
  answer: Latency;
  /** Offline answer p95 / search p95: what deciding and quoting add to a question (issue 22: ≤ 1.10). */
  answerOverSearch: number;
  needleRecallAt5: number;
  miniSearch: { buildSeconds: number; latency: Latency; megabytes: number; recallAt5: number } | null;
  /** Resident memory that serving the questions adds, each measured in a fresh process. */
  memory: { feudbotMb: number; miniSearchMb: number | null };
  vectors: VectorSearchResult;
  /** Needle recall with MiniLM vectors fused in (only at the sizes asked for: it embeds every passage). */
  miniLm: MiniLmRecallResult | null;
}

const ROUNDS = 3;

function latency(samples: number[]): Latency {
  return {
    p50: round(percentile(samples, 50), 3),
    p95: round(percentile(samples, 95), 3),
    p99: round(percentile(samples, 99), 3),
  };
}

/** Time `run` once per question per round, after one warm-up pass; milliseconds per call. */
function timeQueries(questions: readonly EvalQuestion[], run: (q: string) => unknown): number[] {
  for (const q of questions) run(q.q);
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of questions) {
      const t = performance.now();
      run(q.q);
      samples.push(performance.now() - t);
    }
  }
  return samples;
}

/** What `ask` does offline after the search: decide whether the passages answer, then quote them. */
function answerOffline(db: Db, question: string): unknown {
  const retrieval = searchPassages(db, question, { limit: 5 });
  const verdict = judgeAnswerability(question, retrieval, { withModel: false });
  return verdict.answerable ? buildExtractiveAnswer(retrieval.hits, 'en', verdict.focus) : verdict;
}

/** Two ways of handling each question, timed alternately after one warm-up pass of both. */
function timePair(
  questions: readonly EvalQuestion[],
  first: (q: string) => unknown,
  second: (q: string) => unknown,
): [number[], number[]] {
  for (const q of questions) [first, second].forEach((run) => run(q.q));
  const samples: [number[], number[]] = [[], []];
  for (let r = 0; r < ROUNDS; r++)
    for (const q of questions)
      [first, second].forEach((run, i) => {
        const t = performance.now();
        run(q.q);
        samples[i]!.push(performance.now() - t);
      });
  return samples;
}

/** Share of gold questions whose top 5 holds a gold phrase. */
export function recallAt5(questions: readonly EvalQuestion[], top5: (q: string) => string[]): number {
  const gold = questions.filter((q) => q.gold.length > 0);
  const hits = gold.filter((q) => {
    const texts = top5(q.q).map((t) => t.toLowerCase());
    return q.gold.some((g) => texts.some((t) => t.includes(g.toLowerCase())));
  });
  return round(hits.length / gold.length, 3);
}

/**
 * The naive query a developer would write first: every word of the question, stemmed for
 * both languages, quoted, OR-ed, ranked by bm25, top 10. The same table and index.
 */
export function plainFtsQuery(db: Db): (question: string) => number[] {
  const statement = db
    .prepare('SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts) LIMIT 10')
    .pluck();
  return (question) => {
    const terms = tokenize(question).flatMap((t) => [stem(t.word, 'en'), stem(t.word, 'de')]);
    const match = buildMatchExpression(terms);
    return match ? (statement.all(match) as number[]) : [];
  };
}

function probeMemory(engine: 'feudbot' | 'minisearch', dbPath: string): Promise<number> {
  const script = fileURLToPath(new URL('./memoryProbe.ts', import.meta.url));
  const questions = fileURLToPath(new URL('../eval/questions.jsonl', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(script, [engine, dbPath, questions], { execArgv: ['--import', 'tsx', '--expose-gc'] });
    child.once('message', (m: { megabytes: number }) => resolve(m.megabytes));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`memory probe exited with ${code}`)));
  });
}

export async function benchRetrieval(
  size: number,
  realArticles: readonly Article[],
  questions: readonly EvalQuestion[],
  workDir: string,
  withMiniSearch: boolean,
  withMiniLm: boolean,
): Promise<RetrievalResult> {
  const corpus = generateCorpus(join(workDir, `corpus-${size}`), realArticles, size);
  const dbPath = join(workDir, `bench-${size}.db`);
  // Ingest as a reload does, on a connection with the writer's cache.
  const writer = openDatabase(dbPath, { cacheMiB: 64 });
  migrate(writer);

  const started = performance.now();
  await reloadCorpus(writer, corpus.dir);
  const seconds = (performance.now() - started) / 1000;
  writer.pragma('wal_checkpoint(TRUNCATE)');
  writer.close();
  // Questions are answered on a reader connection, as in the bot.
  const db = openDatabase(dbPath);
  const dbMegabytes = statSync(dbPath).size / 1e6;
  const passages = (db.prepare('SELECT count(*) FROM passages').pluck().get() as number) ?? 0;

  // Side by side, question by question: the page cache and the statement caches serve both alike.
  const [search, answer] = timePair(
    questions,
    (q) => searchPassages(db, q, { limit: 5 }).hits,
    (q) => answerOffline(db, q),
  );
  const plain = plainFtsQuery(db);
  const plainSamples = timeQueries(questions, plain);
  const needleRecallAt5 = recallAt5(questions, (q) => searchPassages(db, q, { limit: 5 }).hits.map((h) => h.text));

  let miniSearch: RetrievalResult['miniSearch'] = null;
  if (withMiniSearch) {
    const rows = db.prepare('SELECT rowid AS id, text FROM passages').all() as { id: number; text: string }[];
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const t = performance.now();
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
    index.addAll(rows);
    const buildSeconds = (performance.now() - t) / 1000;
    collectGarbage();
    const megabytes = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    const textById = new Map(rows.map((r) => [r.id, r.text]));
    const miniLatency = timeQueries(questions, (q) => index.search(q).slice(0, 10));
    const recall = recallAt5(questions, (q) =>
      index
        .search(q)
        .slice(0, 5)
        .map((r) => textById.get(r.id as number) ?? ''),
    );
    miniSearch = {
      buildSeconds: round(buildSeconds),
      latency: latency(miniLatency),
      megabytes: round(megabytes, 1),
      recallAt5: recall,
    };
  }
  const vectors = await benchVectorSearch(db, questions);
  const miniLm = withMiniLm ? await benchMiniLmRecall(db, questions, recallAt5) : null;
  db.close();
  const memory = {
    feudbotMb: round(await probeMemory('feudbot', dbPath), 1),
    miniSearchMb: withMiniSearch ? round(await probeMemory('minisearch', dbPath), 1) : null,
  };

  const result: RetrievalResult = {
    passages,
    articles: corpus.articles,
    ingest: {
      seconds: round(seconds),
      mbPerSecond: round(corpus.textBytes / 1e6 / seconds),
      dbMegabytes: round(dbMegabytes, 1),
    },
    search: latency(search),
    plainFts: latency(plainSamples),
    ratioToPlain: round(percentile(search, 95) / percentile(plainSamples, 95)),
    answer: latency(answer),
    answerOverSearch: round(percentile(answer, 95) / percentile(search, 95)),
    needleRecallAt5,
    miniSearch,
    memory,
    vectors,
    miniLm,
  };
  return result;
}
