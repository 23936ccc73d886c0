import type { EvalQuestion } from './evalQuestions.js';

/** What one question of an eval set came to. */
export interface Outcome {
  readonly question: EvalQuestion;
  /** 1-based rank of the first passage holding a gold phrase, or null. */
  readonly rank: number | null;
  readonly answered: boolean;
  /** Answered, citing a passage that holds a gold phrase. */
  readonly right: boolean;
  readonly confidence: number;
  /** For an answered question after a date, an amount or a count: whether the answer holds one. */
  readonly typeHeld: boolean | null;
  readonly error: string | null;
}

export interface EvalScores {
  readonly questions: number;
  readonly recallAt1: number | null;
  readonly recallAt5: number | null;
  readonly recallAtK: number | null;
  readonly mrr: number | null;
  readonly answered: number;
  readonly refused: number;
  /** Answered and right (a cited passage holds a gold phrase). */
  readonly right: number;
  /** Share of no-gold questions that `ask` left unanswered. */
  readonly refusalAccuracy: number | null;
  /** Share of all the questions that `ask` answered: with gold, higher is better; without, lower. */
  readonly answeredShare: number | null;
  /** Answered questions after a date, an amount or a count, and how many of those answers hold one. */
  readonly typeAsked: number;
  readonly typeHeld: number;
}

/** Answers whose confidence is in [from, to): how many, how many right. */
export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly answers: number;
  readonly right: number;
}

const BIN_EDGES = [0, 0.3, 0.5, 0.7, 0.9, 1.0001];

export function score(outcomes: readonly Outcome[], k: number): EvalScores {
  const withGold = outcomes.filter((o) => o.question.gold.length > 0);
  const noGold = outcomes.filter((o) => o.question.gold.length === 0);
  const share = (list: readonly Outcome[], pass: (o: Outcome) => boolean): number | null =>
    list.length === 0 ? null : round(list.filter(pass).length / list.length);
  const count = (pass: (o: Outcome) => boolean) => outcomes.filter(pass).length;
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
    answered: count((o) => o.answered && o.error === null),
    refused: count((o) => !o.answered && o.error === null),
    right: count((o) => o.right),
    refusalAccuracy: share(noGold, (o) => !o.answered && o.error === null),
    answeredShare: share(outcomes, (o) => o.answered && o.error === null),
    typeAsked: count((o) => o.typeHeld !== null),
    typeHeld: count((o) => o.typeHeld === true),
  };
}

/** The answers, binned by confidence, with how many in each bin were right. */
export function calibrate(outcomes: readonly Outcome[]): CalibrationBin[] {
  const answered = outcomes.filter((o) => o.answered && o.error === null);
  return BIN_EDGES.slice(0, -1).map((from, i) => {
    const to = BIN_EDGES[i + 1]!;
    const inBin = answered.filter((o) => o.confidence >= from && o.confidence < to);
    return { from, to: Math.min(1, to), answers: inBin.length, right: inBin.filter((o) => o.right).length };
  });
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
