import type { Db } from '../db/database.js';
import type { TokenUsage } from '../llm/chatModel.js';
import type { Logger } from '../logger.js';
import { type Asker, logAnswer } from './answerStore.js';
import type { Busy, Judged } from './types.js';

/** What logging an answer needs of the answering deps. */
export interface RecordDeps {
  readonly db: Db;
  readonly logger: Logger;
  readonly write: (fn: () => void) => void;
  readonly keepQuestions: boolean;
}

/**
 * Log the answer (a row in answer_log, and a line in the log) and hand it back. A question
 * turned away because the model was busy is logged too: asked, neither answered nor refused.
 */
export function recordAnswer<R extends Judged | Busy>(
  deps: RecordDeps,
  result: R,
  usage: TokenUsage | null,
  started: number,
  asker: Asker | null,
): R {
  const ms = performance.now() - started;
  const told: Judged | Busy = result;
  const answered = told.outcome === 'answered' ? told : null;
  // Only a question for a model can find every slot taken.
  const judged = told.outcome === 'busy' ? null : told;
  const cached = judged?.cached ?? false;
  const entry = {
    question: deps.keepQuestions ? result.question : null,
    standalone: deps.keepQuestions ? (result.standalone ?? null) : null,
    asker: deps.keepQuestions || !asker ? asker : { guildId: asker.guildId, userId: null },
    refusal: told.outcome === 'refused' ? told.refusal : null,
    language: result.language,
    mode: judged?.mode ?? 'llm',
    model: judged?.model ?? null,
    answered: answered !== null,
    cached,
    usage,
    ms,
    fallbackReason: answered?.fallbackReason ?? null,
    confidence: answered?.confidence ?? null,
  };
  deps.write(() => logAnswer(deps.db, entry));
  const { outcome } = result;
  const { mode, fallbackReason } = entry;
  deps.logger.info({ outcome, mode, cached, ms: Math.round(ms), usage, fallbackReason }, 'answered');
  return result;
}
