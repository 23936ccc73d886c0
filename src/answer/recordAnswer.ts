import type { Db } from '../db/database.js';
import type { TokenUsage } from '../llm/chatModel.js';
import type { Logger } from '../logger.js';
import { type Asker, logAnswer } from './answerStore.js';
import type { AskResult } from './types.js';

/** What logging an answer needs of the answering deps. */
export interface RecordDeps {
  readonly db: Db;
  readonly logger: Logger;
  readonly write: (fn: () => void) => void;
  readonly keepQuestions: boolean;
}

/** Log the answer (a row in answer_log, and a line in the log) and hand it back. */
export function recordAnswer(
  deps: RecordDeps,
  result: AskResult,
  usage: TokenUsage | null,
  started: number,
  asker: Asker | null,
): AskResult {
  const ms = performance.now() - started;
  const cached = result.cached ?? false;
  const entry = {
    question: deps.keepQuestions ? result.question : null,
    standalone: deps.keepQuestions ? (result.standalone ?? null) : null,
    asker: deps.keepQuestions || !asker ? asker : { guildId: asker.guildId, userId: null },
    refusal: result.answered ? null : (result.refusal ?? null),
    language: result.language,
    mode: result.mode,
    model: result.model ?? null,
    answered: result.answered,
    cached,
    usage,
    ms,
    fallbackReason: result.fallbackReason ?? null,
    confidence: result.answered ? (result.confidence ?? null) : null,
  };
  deps.write(() => logAnswer(deps.db, entry));
  const { mode, answered, fallbackReason } = result;
  deps.logger.info({ mode, answered, cached, ms: Math.round(ms), usage, fallbackReason }, 'answered');
  return result;
}
