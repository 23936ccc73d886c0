import { join } from 'node:path';
import type { Article } from '../../src/corpus/articleFile.js';
import { createCore, type FeudCore } from '../../src/core.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import type { EvalQuestion } from '../../src/evaluation/runEval.js';
import { silentLogger } from '../helpers/corpus.js';
import { generateCorpus } from './generateCorpus.js';
import { hashedEmbedder } from './vectorBench.js';
import { nextTurn, percentile, round } from './stats.js';

/** Questions asked back to back while something runs in the background. */
export interface QuestionFlow {
  questionsAnswered: number;
  /** The longest the event loop spent on other work between one question ending and the next starting (ms). */
  longestStallMs: number;
  /** The slowest question, from its start to its end (with any background work that ran while it awaited). */
  slowestQuestionMs: number;
  /** The longest time between two questions starting: the slowest question and the stall after it together. */
  longestBetweenStartsMs: number;
}

export interface ReloadUnderLoadResult extends QuestionFlow {
  articles: number;
  passages: number;
  reloadSeconds: number;
  questionP99Ms: number;
  /** The vectors filled in after the reload, while questions (now with vector search) go on. */
  fill: QuestionFlow & { embedded: number; seconds: number; endpointMs: number };
  /** Every question once more with nothing in the background, on the same index: what the questions cost alone. */
  alone: { slowestQuestionMs: number; questionP99Ms: number };
}

/** What the stand-in endpoint takes per batch of 32, as a fast local server would. */
const ENDPOINT_MS = 20;

/**
 * A full reload of `articles` articles on the core's writer connection while the main
 * connection answers questions back to back, then the vectors filling in behind it. The
 * stall is the longest the process spent on that background work between one question
 * ending and the next starting; the slowest question is reported apart, beside the
 * slowest of the same questions asked again with nothing in the background: a search
 * over 30,000 passages takes its own time whatever else runs.
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
  const during = await askUntil(core, questions, () => done);
  const report = await reload;
  const reloadSeconds = (performance.now() - reloadStarted) / 1000;

  // The reload started the fill in the background; keep asking until it is done.
  const fillStarted = performance.now();
  let filled = false;
  const fill = core.fillEmbeddings().finally(() => (filled = true));
  const filling = await askUntil(core, questions, () => filled);
  const status = await fill;
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  let asked = 0;
  const alone = await askUntil(core, questions, () => asked++ >= questions.length);
  core.close();
  return {
    articles: corpus.articles,
    passages: report.passages,
    reloadSeconds: round(reloadSeconds),
    ...flow(during),
    questionP99Ms: round(percentile(during.times, 99), 2),
    fill: {
      embedded: status?.embedded ?? 0,
      seconds: round(fillSeconds),
      endpointMs: ENDPOINT_MS,
      ...flow(filling),
    },
    alone: {
      slowestQuestionMs: round(largest(alone.times), 1),
      questionP99Ms: round(percentile(alone.times, 99), 2),
    },
  };
}

interface Asked {
  times: number[];
  gaps: number[];
  betweenStarts: number[];
}

/** Ask the questions back to back, a turn of the event loop apart, until `stop` says so. */
async function askUntil(core: FeudCore, questions: readonly EvalQuestion[], stop: () => boolean): Promise<Asked> {
  const asked: Asked = { times: [], gaps: [], betweenStarts: [] };
  let lastStart = performance.now();
  let lastEnd = lastStart;
  for (let i = 0; !stop(); i++) {
    const start = performance.now();
    asked.gaps.push(start - lastEnd);
    asked.betweenStarts.push(start - lastStart);
    lastStart = start;
    await core.retrieve(questions[i % questions.length]!.q, { limit: 5 });
    lastEnd = performance.now();
    asked.times.push(lastEnd - start);
    await nextTurn();
  }
  return asked;
}

function flow(asked: Asked): QuestionFlow {
  return {
    questionsAnswered: asked.times.length,
    longestStallMs: round(largest(asked.gaps), 1),
    slowestQuestionMs: round(largest(asked.times), 1),
    longestBetweenStartsMs: round(largest(asked.betweenStarts), 1),
  };
}

/** The largest sample, without spreading tens of thousands of them into Math.max's arguments. */
function largest(samples: readonly number[]): number {
  return samples.reduce((max, x) => Math.max(max, x), 0);
}
