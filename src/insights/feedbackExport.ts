import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { normalizeQuestion } from '../text/normalizeQuestion.js';

/** One line of an eval file (see `feudbot eval`); `gold` is for a moderator to fill in. */
export interface EvalLine {
  readonly id: string;
  readonly q: string;
  readonly gold: string[];
  readonly kind: 'from-feedback';
}

const DAY_MS = 86_400_000;

/**
 * The questions members voted down or the bot refused, newest first, each wording once:
 * how real questions become regression tests once someone writes down what answers them.
 */
export function feedbackEvalLines(db: Db, days: number, now = Date.now()): EvalLine[] {
  const since = now - days * DAY_MS;
  const questions = statement(
    db,
    `SELECT question FROM (
       SELECT b.question AS question, f.updated_at AS at FROM feedback f JOIN bot_answers b ON b.id = f.answer_id
         WHERE f.vote = 'down' AND f.updated_at >= ?
       UNION ALL
       SELECT question, created_at AS at FROM answer_log WHERE created_at >= ? AND answered = 0 AND refusal IS NOT NULL
     ) WHERE question != '' ORDER BY at DESC`,
  )
    .pluck()
    .all(since, since) as string[];
  const seen = new Set<string>();
  const lines: EvalLine[] = [];
  for (const q of questions) {
    const key = normalizeQuestion(q);
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ id: `feedback-${lines.length + 1}`, q, gold: [], kind: 'from-feedback' });
  }
  return lines;
}
