import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeudCore } from '../../src/core.js';
import { readEvalQuestions, runEval, type EvalReport } from '../../src/evaluation/runEval.js';
import { bundledCore } from '../helpers/corpus.js';

const QUESTIONS = fileURLToPath(new URL('./questions.jsonl', import.meta.url));

// The targets of the offline retrieval (README, "Quality"): they hold on the bundled corpus without a model.
describe('offline eval on the bundled corpus', () => {
  let core: FeudCore;
  let report: EvalReport;
  beforeAll(async () => {
    core = await bundledCore();
    report = await runEval(core, readEvalQuestions(QUESTIONS));
  });
  afterAll(() => core.close());

  it('has at least 40 questions of every kind the README lists', () => {
    const questions = readEvalQuestions(QUESTIONS);
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(questions.map((q) => q.kind))).toEqual(
      new Set(['same-language', 'cross-language', 'typo', 'paraphrase', 'off-topic', 'hostile']),
    );
  });

  it('reaches recall@5 of 0.95 on same-language and 0.80 on cross-language questions', () => {
    expect(report.byKind['same-language']!.recallAt5).toBeGreaterThanOrEqual(0.95);
    expect(report.byKind['cross-language']!.recallAt5).toBeGreaterThanOrEqual(0.8);
  });

  it('refuses every off-topic question and throws for none', () => {
    expect(report.byKind['off-topic']!.refusalAccuracy).toBe(1);
    expect(report.failures.filter((f) => f.problem.startsWith('threw'))).toEqual([]);
  });
});
