import { join } from 'node:path';
import type { Article } from '../../src/corpus/articleFile.js';
import { createCore } from '../../src/core.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import type { EvalQuestion } from '../../src/evaluation/runEval.js';
import { silentLogger } from '../helpers/corpus.js';
import { generateCorpus } from './generateCorpus.js';
import { nextTurn, percentile, round } from './stats.js';

export interface ReloadUnderLoadResult {
  articles: number;
  passages: number;
  reloadSeconds: number;
  questionsAnswered: number;
  /** The longest time between two questions starting while the reload ran (ms). */
  longestStallMs: number;
  questionP99Ms: number;
}

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
  });
  await core.reload();

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
    core.search(questions[i % questions.length]!.q);
    times.push(performance.now() - start);
    await nextTurn();
  }
  const report = await reload;
  const reloadSeconds = (performance.now() - reloadStarted) / 1000;
  core.close();
  return {
    articles: corpus.articles,
    passages: report.passages,
    reloadSeconds: round(reloadSeconds),
    questionsAnswered: times.length,
    longestStallMs: round(longestStall, 1),
    questionP99Ms: round(percentile(times, 99), 2),
  };
}
