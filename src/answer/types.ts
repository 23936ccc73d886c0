import type { Language } from '../text/languages.js';
import type { Citation } from '../retrieval/citation.js';
import type { Refusal } from './answerability.js';

export type { Citation };

export type AnswerMode = 'extractive' | 'llm';

/** What every result of `ask` carries, whatever happened. */
interface ResultBase {
  readonly question: string;
  /** A follow-up as it was understood on its own (rewritten, or combined with the question before). */
  readonly standalone?: string;
  /** The language `answer` is written in. */
  readonly language: Language;
  /** What the member is shown: the answer with [n] markers, or the sentence that says why there is none. */
  readonly answer: string;
  readonly corpusVersion: string | null;
}

/** The articles answered the question: quoted, or written by a model from them. */
export interface Answered extends ResultBase {
  readonly outcome: 'answered';
  readonly mode: AnswerMode;
  /** The model that wrote the answer, when mode is "llm". */
  readonly model?: string;
  /** What the [n] markers of `answer` refer to. */
  readonly citations: readonly Citation[];
  /**
   * How sure the answer is (0–1): without a model, how well the quoted passages cover the
   * question's focus and hold what it asks for; with one, also whether the model answered
   * with citations it could verify.
   */
  readonly confidence: number;
  /** Why the answer is quoted although a model is configured (it failed, timed out, a budget…). */
  readonly fallbackReason?: string;
  /** Set when the answer was quoted because the member's or the server's daily model budget is used up. */
  readonly budgetReached?: 'member' | 'server';
  /** True when the answer came from the answer cache, without a model call. */
  readonly cached?: boolean;
}

/** The articles do not cover the question (`answer` says so). */
export interface Refused extends ResultBase {
  readonly outcome: 'refused';
  readonly refusal: Refusal;
  /** Quoting refused it, or the model (named) did. */
  readonly mode: AnswerMode;
  readonly model?: string;
  readonly citations: readonly [];
  readonly cached?: boolean;
}

/** Every model slot and queue place was taken; `answer` asks to try again shortly. */
export interface Busy extends ResultBase {
  readonly outcome: 'busy';
  readonly citations: readonly [];
}

/** Answering failed inside feudbot (`answer` says so): `damaged` when the database file is damaged. */
export interface Failed extends ResultBase {
  readonly outcome: 'failed';
  readonly failure: 'internal' | 'damaged';
  readonly citations: readonly [];
}

/** What `ask` returns, to the CLI (`--json`) and to the bot alike: one of four things that can happen. */
export type AskResult = Answered | Refused | Busy | Failed;

/** An answer or a refusal: what the answer cache and posted answers keep. */
export type Judged = Answered | Refused;

/** The result's confidence: 0 for anything but an answer. */
export function confidenceOf(result: AskResult): number {
  return result.outcome === 'answered' ? result.confidence : 0;
}
