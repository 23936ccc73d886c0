import type { Language } from '../text/languages.js';
import type { Citation } from '../retrieval/citation.js';
import type { Refusal } from './answerability.js';

export type { Citation };

export type AnswerMode = 'extractive' | 'llm';

/** What `ask` returns, to the CLI (`--json`) and to the bot alike. */
export interface AskResult {
  readonly question: string;
  /** A follow-up as it was understood on its own (rewritten, or combined with the question before). */
  readonly standalone?: string;
  /** False when the articles do not cover the question; `answer` then says so. */
  readonly answered: boolean;
  /** Why an unanswered question was refused (absent when answered, busy or failed). */
  readonly refusal?: Refusal;
  readonly mode: AnswerMode;
  /** The model that wrote the answer, when mode is "llm". */
  readonly model?: string;
  /** The language the answer is written in. */
  readonly language: Language;
  /** The answer, with [n] markers that refer to `citations`. */
  readonly answer: string;
  readonly citations: readonly Citation[];
  readonly corpusVersion: string | null;
  /** Why the answer is extractive although a model is configured (it failed, timed out…). */
  readonly fallbackReason?: string;
  /** True when every model slot and queue place was taken; `answer` asks to try again shortly. */
  readonly busy?: boolean;
  /**
   * Set when answering failed inside feudbot (`answer` then says so): `damaged` when the
   * database file is damaged, `internal` for anything else.
   */
  readonly failed?: 'internal' | 'damaged';
  /** Set when the answer was quoted because the member's or the server's daily model budget is used up. */
  readonly budgetReached?: 'member' | 'server';
  /** True when the answer came from the answer cache, without a model call. */
  readonly cached?: boolean;
  /**
   * How sure the answer is (0–1): without a model, how well the quoted passages cover the
   * question's focus and hold what it asks for; with one, also whether the model answered
   * with citations it could verify. 0 for a refusal.
   */
  readonly confidence?: number;
}
