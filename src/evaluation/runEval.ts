import { confidenceOf } from '../answer/types.js';
import type { FeudCore } from '../core.js';
import { expectedAnswerType, holdsAnswerType, isCheckable, type AnswerType } from '../text/answerTypes.js';
import type { EvalQuestion } from './evalQuestions.js';
import { calibrate, score, type CalibrationBin, type EvalScores, type Outcome } from './scores.js';

export { readEvalQuestions, type EvalQuestion } from './evalQuestions.js';
export type { CalibrationBin, EvalScores } from './scores.js';

export interface EvalReport {
  readonly k: number;
  readonly overall: EvalScores;
  readonly byKind: Record<string, EvalScores>;
  /** Answers by confidence: how many, and what share of them was right. */
  readonly calibration: readonly CalibrationBin[];
  readonly failures: { id: string; kind: string; q: string; problem: string }[];
}

/**
 * Score retrieval, answers and refusals on a question set. Retrieval: a question with gold
 * phrases is a hit at k when one of the top k passages contains one of them
 * (case-insensitive). Answers: every question is asked; an answer is right when a passage
 * it cites holds a gold phrase, and an answer to a question without gold is wrong; for a
 * question after a date, an amount or a count, whether the answer's text holds one. Never
 * throws for a question: an exception is recorded as a failure.
 */
export async function runEval(
  core: FeudCore,
  questions: readonly EvalQuestion[],
  k = 5,
  onProgress?: (done: number, total: number) => void,
): Promise<EvalReport> {
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    onProgress?.(outcomes.length, questions.length);
    outcomes.push(await evaluate(core, question, k));
  }
  onProgress?.(outcomes.length, questions.length);

  const byKind: Record<string, EvalScores> = {};
  for (const kind of [...new Set(questions.map((q) => q.kind))].sort())
    byKind[kind] = score(
      outcomes.filter((o) => o.question.kind === kind),
      k,
    );
  return { k, overall: score(outcomes, k), byKind, calibration: calibrate(outcomes), failures: failures(outcomes) };
}

async function evaluate(core: FeudCore, question: EvalQuestion, k: number): Promise<Outcome> {
  const expects: AnswerType = question.expects ?? expectedAnswerType(question.q);
  try {
    const hits = await core.retrieve(question.q, { limit: Math.max(k, 5) });
    const gold = question.gold.map((g) => g.toLowerCase());
    const holdsGold = (text: string) => gold.some((g) => text.toLowerCase().includes(g));
    const index = hits.findIndex((h) => holdsGold(h.text));
    const answer = await core.ask(question.q);
    if (answer.outcome === 'failed' || answer.outcome === 'busy')
      throw new Error(`${answer.outcome}: ${answer.answer}`);
    const answered = answer.outcome === 'answered';
    const text = answer.answer.replace(/\[\d+\]/g, '');
    return {
      question,
      rank: index >= 0 ? index + 1 : null,
      answered,
      right: answered && answer.citations.some((c) => holdsGold(c.quote)),
      confidence: confidenceOf(answer),
      typeHeld: answered && isCheckable(expects) ? holdsAnswerType(text, expects) : null,
      error: null,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { question, rank: null, answered: true, right: false, confidence: 0, typeHeld: null, error: message };
  }
}

function failures(outcomes: readonly Outcome[]): EvalReport['failures'] {
  return outcomes.flatMap((o) => {
    const base = { id: o.question.id, kind: o.question.kind, q: o.question.q };
    const answerable = o.question.gold.length > 0;
    if (o.error) return [{ ...base, problem: `threw: ${o.error}` }];
    if (!answerable && o.answered) return [{ ...base, problem: 'answered but should be refused' }];
    if (answerable && (o.rank === null || o.rank > 5)) return [{ ...base, problem: 'no gold passage in the top 5' }];
    if (answerable && !o.answered) return [{ ...base, problem: 'refused but answerable' }];
    if (o.typeHeld === false) return [{ ...base, problem: 'answer lacks what the question asks for' }];
    return [];
  });
}
