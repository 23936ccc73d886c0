import { join } from 'node:path';
import type { Article } from '../../src/corpus/articleFile.js';
import { createCore } from '../../src/core.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import type { EvalQuestion } from '../../src/evaluation/runEval.js';
import { silentLogger } from '../helpers/corpus.js';
import { generateCorpus } from './generateCorpus.js';
import { hashedEmbedder } from './vectorBench.js';
import { nextTurn, percentile, round } from './stats.js';

export interface ReloadUnderLoadResult {
  articles: number;
  passages: number;
  reloadSeconds: number;
  questionsAnswered: number;
  /** The longest time between two questions starting while the reload ran (ms). */
  longestStallMs: number;
  questionP99Ms: number;
  /** The vectors filled in after the reload, while questions (now with vector search) go on. */
  fill: { embedded: number; seconds: number; endpointMs: number; questionsAnswered: number; longestStallMs: number };
}

/** What the stand-in endpoint takes per batch of 32, as a fast local server would. */
const ENDPOINT_MS = 20;

/**
 * A full reload of `articles` articles on the core's writer connection while the main
 * connection answers questions back to back; the longest gap between two questions is the
 * stall a user would feel.
 */
export async function benchReloadUnderLoad(
  articles: number,
  realArticles: readonly Article[],
  questions: readonly EvalQuestion[],
  bundledCorpus: string,
  workDir: string,
): Promise<ReloadUnderLoadResult> {
  const corpus = generateCorpus(join(workDir, 'reload-corpus'), realArticles, articles * 3, {
    paragraphsPerArticle: 3,
    seed: 7,
  });
  const dbPath = join(workDir, 'reload.db');
  const db = openDatabase(dbPath);
  migrate(db);
  const core = createCore({
    db,
    writer: openDatabase(dbPath, { cacheMiB: 64 }),
    corpusDir: bundledCorpus,
    logger: silentLogger,
    embedder: hashedEmbedder('bench-hashed-384', ENDPOINT_MS),
    embedInBackground: true,
  });
  await core.reload();
  await core.fillEmbeddings();

  let done = false;
  const reloadStarted = performance.now();
  const reload = core.reload(corpus.dir).finally(() => (done = true));
  const times: number[] = [];
  let longestStall = 0;
  let lastStart = performance.now();
  for (let i = 0; !done; i++) {
    const start = performance.now();
    longestStall = Math.max(longestStall, start - lastStart);
    lastStart = start;
    await core.retrieve(questions[i % questions.length]!.q, { limit: 5 });
    times.push(performance.now() - start);
    await nextTurn();
  }
  const report = await reload;
  const reloadSeconds = (performance.now() - reloadStarted) / 1000;

  // The reload started the fill in the background; keep asking until it is done.
  const fillStarted = performance.now();
  let filled = false;
  const fill = core.fillEmbeddings().finally(() => (filled = true));
  let fillQuestions = 0;
  let fillStall = 0;
  lastStart = performance.now();
  for (let i = 0; !filled; i++, fillQuestions++) {
    const start = performance.now();
    fillStall = Math.max(fillStall, start - lastStart);
    lastStart = start;
    await core.retrieve(questions[i % questions.length]!.q, { limit: 5 });
    await nextTurn();
  }
  const status = await fill;
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  core.close();
  return {
    articles: corpus.articles,
    passages: report.passages,
    reloadSeconds: round(reloadSeconds),
    questionsAnswered: times.length,
    longestStallMs: round(longestStall, 1),
    questionP99Ms: round(percentile(times, 99), 2),
    fill: {
      embedded: status?.embedded ?? 0,
      seconds: round(fillSeconds),
      endpointMs: ENDPOINT_MS,
      questionsAnswered: fillQuestions,
      longestStallMs: round(fillStall, 1),
    },
  };
}
