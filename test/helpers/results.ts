import type { Answered, AskResult } from '../../src/answer/types.js';

/** The result as an answer, or a test failure that says what happened instead. */
export function answeredResult(result: AskResult): Answered {
  if (result.outcome !== 'answered') throw new Error(`expected an answer, got ${result.outcome}: ${result.answer}`);
  return result;
}
