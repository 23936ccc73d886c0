import { randomInt } from 'node:crypto';
import type { AskResult } from '../answer/types.js';
import type { Db } from '../db/database.js';

export interface PostedAnswer {
  readonly guildId: string | null;
  readonly channelId: string | null;
  readonly userId: string;
  readonly result: AskResult;
}

/**
 * A new answer id, chosen before the answer is stored: the buttons need it at once, while the
 * write itself may have to wait for a reload (see WriteGate). 48 random bits make a clash
 * vanishingly unlikely, and the primary key would reject one.
 */
export function newAnswerId(): number {
  return randomInt(1, 2 ** 48);
}

/** Keep a posted answer so its buttons can find it later. */
export function saveAnswer(db: Db, id: number, answer: PostedAnswer): void {
  db.prepare(
    `INSERT INTO bot_answers (id, created_at, guild_id, channel_id, user_id, question, language, mode, result)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    Date.now(),
    answer.guildId,
    answer.channelId,
    answer.userId,
    answer.result.question,
    answer.result.language,
    answer.result.mode,
    JSON.stringify(answer.result),
  );
}

export function getAnswer(db: Db, id: number): AskResult | null {
  const row = db.prepare('SELECT result FROM bot_answers WHERE id = ?').pluck().get(id) as string | undefined;
  return row ? (JSON.parse(row) as AskResult) : null;
}

export type Vote = 'up' | 'down';

/** The user's vote on an answer; undefined when the answer is unknown. */
export function currentVote(db: Db, answerId: number, userId: string): Vote | null | undefined {
  if (!db.prepare('SELECT 1 FROM bot_answers WHERE id = ?').get(answerId)) return undefined;
  const vote = db
    .prepare('SELECT vote FROM feedback WHERE answer_id = ? AND user_id = ?')
    .pluck()
    .get(answerId, userId);
  return (vote as Vote | undefined) ?? null;
}

/**
 * One vote per user per answer: a first click records it, the other button changes it,
 * the same button again withdraws it. Returns the vote that will stand (null: withdrawn).
 */
export function nextVote(current: Vote | null, clicked: Vote): Vote | null {
  return current === clicked ? null : clicked;
}

/** Store the user's vote (null deletes it). */
export function setVote(db: Db, answerId: number, userId: string, vote: Vote | null): void {
  if (vote === null) {
    db.prepare('DELETE FROM feedback WHERE answer_id = ? AND user_id = ?').run(answerId, userId);
    return;
  }
  db.prepare(
    `INSERT INTO feedback (answer_id, user_id, vote, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at`,
  ).run(answerId, userId, vote, Date.now());
}
