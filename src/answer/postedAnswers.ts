import { randomInt } from 'node:crypto';
import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import type { Answered } from './types.js';
import { parseStoredResult } from './storedResult.js';

// Answers posted to a chat (kept for their "Show quotes" and vote buttons) and the votes on them.
// Chat-neutral: a server, a channel and a user are ids, whatever the chat.

export interface PostedAnswer {
  readonly guildId: string | null;
  readonly channelId: string | null;
  readonly userId: string;
  /** Posted ephemerally: only the asker ever saw it. */
  readonly isPrivate: boolean;
  readonly result: Answered;
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
  statement(
    db,
    `INSERT INTO bot_answers (id, created_at, guild_id, channel_id, user_id, private, question, language, mode, result)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    Date.now(),
    answer.guildId,
    answer.channelId,
    answer.userId,
    answer.isPrivate ? 1 : 0,
    answer.result.question,
    answer.result.language,
    answer.result.mode,
    JSON.stringify(answer.result),
  );
}

interface PostedAnswerRow {
  guild_id: string | null;
  channel_id: string | null;
  user_id: string;
  private: number;
  result: string;
}

export function getAnswer(db: Db, id: number): PostedAnswer | null {
  const row = statement(db, 'SELECT guild_id, channel_id, user_id, private, result FROM bot_answers WHERE id = ?').get(
    id,
  ) as PostedAnswerRow | undefined;
  if (!row) return null;
  // An answer whose stored JSON does not parse is as good as gone: its buttons say so.
  const result = parseStoredResult(row.result);
  // Only answers are posted with buttons; anything else in the column is not one of them.
  if (result?.outcome !== 'answered') return null;
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    userId: row.user_id,
    isPrivate: row.private === 1,
    result,
  };
}

export type Vote = 'up' | 'down';

/** The user's vote on an answer. */
export function currentVote(db: Db, answerId: number, userId: string): Vote | null {
  const vote = statement(db, 'SELECT vote FROM feedback WHERE answer_id = ? AND user_id = ?')
    .pluck()
    .get(answerId, userId);
  return vote === 'up' || vote === 'down' ? vote : null;
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
    statement(db, 'DELETE FROM feedback WHERE answer_id = ? AND user_id = ?').run(answerId, userId);
    return;
  }
  statement(
    db,
    `INSERT INTO feedback (answer_id, user_id, vote, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at,
       reason = NULL, comment = NULL`,
  ).run(answerId, userId, vote, Date.now());
}

/** What a member can say was wrong with an answer they voted down. */
export const FEEDBACK_REASONS = ['wrong', 'not-answered', 'wrong-language', 'sources-bad'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

export function isFeedbackReason(value: string): value is FeedbackReason {
  return (FEEDBACK_REASONS as readonly string[]).includes(value);
}

/** Why the member's 👎 was given; kept only while the vote is down. */
export function setFeedbackReason(
  db: Db,
  answerId: number,
  userId: string,
  reason: FeedbackReason | null,
  comment: string | null,
): void {
  statement(
    db,
    "UPDATE feedback SET reason = ?, comment = ? WHERE answer_id = ? AND user_id = ? AND vote = 'down'",
  ).run(reason, comment, answerId, userId);
}

/** The message a public answer was posted as, for links to it. */
export function setAnswerMessage(db: Db, answerId: number, messageId: string): void {
  statement(db, 'UPDATE bot_answers SET message_id = ? WHERE id = ?').run(messageId, answerId);
}
