import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { FeudCore } from '../core.js';
import { UserFacingError } from '../errors.js';

const questionSchema = z.object({
  id: z.string().min(1),
  q: z.string(),
  gold: z.array(z.string()),
  kind: z.string().min(1),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

/** Read an eval file: one JSON object per line, `{"id", "q", "gold": [phrases], "kind"}`. */
export function readEvalQuestions(path: string): EvalQuestion[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserFacingError(`Cannot read the questions file ${path}.`);
  }
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new UserFacingError(`${path}:${number} is not valid JSON.`);
      }
      const parsed = questionSchema.safeParse(json);
      if (!parsed.success) {
        throw new UserFacingError(
          `${path}:${number} needs {"id", "q", "gold": [...], "kind"}: ${parsed.error.issues[0]?.message}`,
        );
      }
      return parsed.data;
    });
}

export interface EvalScores {
  readonly questions: number;
  readonly recallAt1: number | null;
  readonly recallAt5: number | null;
  readonly recallAtK: number | null;
  readonly mrr: number | null;
  /** Share of no-gold questions that `ask` left unanswered. */
  readonly refusalAccuracy: number | null;
  /** Share of all the questions that `ask` answered: with gold, higher is better; without, lower. */
  readonly answeredShare: number | null;
}

export interface EvalReport {
  readonly k: number;
  readonly overall: EvalScores;
  readonly byKind: Record<string, EvalScores>;
  readonly failures: { id: string; kind: string; q: string; problem: string }[];
}

interface Outcome {
  readonly question: EvalQuestion;
  /** 1-based rank of the first passage holding a gold phrase, or null. */
  readonly rank: number | null;
  readonly answered: boolean;
  readonly error: string | null;
}

/**
 * Score retrieval and refusals on a question set. A question with gold phrases is a hit at
 * k when one of the top k passages contains one of them (case-insensitive); a question
 * with no gold must come back unanswered from `ask`. Never throws for a question: an
 * exception is recorded as a failure.
 */
export async function runEval(core: FeudCore, questions: readonly EvalQuestion[], k = 5): Promise<EvalReport> {
  const outcomes: Outcome[] = [];
  for (const question of questions) {
    try {
      const hits = await core.retrieve(question.q, { limit: Math.max(k, 5) });
      const gold = question.gold.map((g) => g.toLowerCase());
      const index = hits.findIndex((h) => gold.some((g) => h.text.toLowerCase().includes(g)));
      // Every question is asked, so that the gate's trade-off shows: answerable ones refused, off-topic ones answered.
      const answer = await core.ask(question.q);
      outcomes.push({ question, rank: index >= 0 ? index + 1 : null, answered: answer.answered, error: null });
    } catch (error) {
      outcomes.push({
        question,
        rank: null,
        answered: true,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  const byKind: Record<string, EvalScores> = {};
  for (const kind of [...new Set(questions.map((q) => q.kind))].sort()) {
    byKind[kind] = score(
      outcomes.filter((o) => o.question.kind === kind),
      k,
    );
  }
  const failures = outcomes.flatMap((o) => {
    const base = { id: o.question.id, kind: o.question.kind, q: o.question.q };
    if (o.error) return [{ ...base, problem: `threw: ${o.error}` }];
    if (o.question.gold.length === 0 && o.answered) return [{ ...base, problem: 'answered but should be refused' }];
    if (o.question.gold.length > 0 && (o.rank === null || o.rank > 5))
      return [{ ...base, problem: 'no gold passage in the top 5' }];
    if (o.question.gold.length > 0 && !o.answered) return [{ ...base, problem: 'refused but answerable' }];
    return [];
  });
  return { k, overall: score(outcomes, k), byKind, failures };
}

function score(outcomes: readonly Outcome[], k: number): EvalScores {
  const withGold = outcomes.filter((o) => o.question.gold.length > 0);
  const noGold = outcomes.filter((o) => o.question.gold.length === 0);
  const share = (list: readonly Outcome[], pass: (o: Outcome) => boolean): number | null =>
    list.length === 0 ? null : round(list.filter(pass).length / list.length);
  const hitAt = (n: number) => (o: Outcome) => o.rank !== null && o.rank <= n;
  return {
    questions: outcomes.length,
    recallAt1: share(withGold, hitAt(1)),
    recallAt5: share(withGold, hitAt(5)),
    recallAtK: share(withGold, hitAt(k)),
    mrr:
      withGold.length === 0
        ? null
        : round(withGold.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / withGold.length),
    refusalAccuracy: share(noGold, (o) => !o.answered && o.error === null),
    answeredShare: share(outcomes, (o) => o.answered && o.error === null),
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
