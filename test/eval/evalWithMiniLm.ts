/**
 * Dense retrieval measured with a real model: the eval run three ways on one index (words
 * only; words and MiniLM vectors fused by reciprocal rank; fused by a weighted sum), with
 * MiniLM behind a loopback embeddings server and the real openai client in between.
 *
 *   npm run eval:minilm -- --questions FILE [--questions FILE …] [--json]
 *
 * MiniLM is English-only: its figures for English questions are the ones that measure
 * dense retrieval; German and cross-language rows show what a monolingual model does there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatEval } from '../../src/cli/formatText.js';
import { createCore } from '../../src/core.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createOpenAiEmbedder } from '../../src/embeddings/openAiEmbedder.js';
import { readEvalQuestions, runEval } from '../../src/evaluation/runEval.js';
import { createLogger } from '../../src/logger.js';
import type { FusionMethod } from '../../src/retrieval/fuse.js';
import { BUNDLED_CORPUS } from '../helpers/corpus.js';
import { startMiniLmServer } from '../helpers/miniLmServer.js';

const { values } = parseArgs({ options: { questions: { type: 'string', multiple: true }, json: { type: 'boolean' } } });
if (!values.questions?.length) {
  process.stderr.write('usage: npm run eval:minilm -- --questions FILE [--questions FILE …] [--json]\n');
  process.exit(2);
}

const server = await startMiniLmServer();
const work = mkdtempSync(join(tmpdir(), 'feudbot-minilm-'));
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
try {
  const dbPath = join(work, 'eval.db');
  const db = openDatabase(dbPath);
  migrate(db);
  const embedder = createOpenAiEmbedder({
    apiKey: undefined,
    baseURL: server.baseURL,
    model: server.model,
    timeoutMs: 600_000,
  });
  const core = (fusion: FusionMethod, withVectors: boolean) =>
    createCore({ db, corpusDir: BUNDLED_CORPUS, logger, fusion, ...(withVectors ? { embedder } : {}) });

  const filling = core('rrf', true);
  await filling.reload();
  const started = performance.now();
  const status = await filling.fillEmbeddings();
  const fillSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`embedded ${status?.embedded} passages with ${server.model} in ${fillSeconds.toFixed(1)} s\n`);

  const runs = [
    ['words only', core('rrf', false)],
    ['words + MiniLM, reciprocal rank fusion', core('rrf', true)],
    ['words + MiniLM, weighted sum', core('weighted', true)],
  ] as const;
  const results: Record<string, unknown> = {};
  for (const file of values.questions) {
    const questions = readEvalQuestions(file);
    for (const [name, c] of runs) {
      const report = await runEval(c, questions);
      results[`${file} · ${name}`] = report;
      if (!values.json) process.stdout.write(`\n## ${file} · ${name}\n${formatEval({ ...report, failures: [] })}\n`);
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  db.close();
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
