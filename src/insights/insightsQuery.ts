import type { FeedbackReason } from '../answer/postedAnswers.js';
import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { groupQuestions, type QuestionGroup } from './groupQuestions.js';

const DAY_MS = 86_400_000;
/** The refused questions grouped for the report: the most recent ones are enough to see what is missing. */
const UNCOVERED_SAMPLE = 2_000;
const DOWNVOTED_MAX = 50;
/**
 * Answers below this confidence are listed for moderators: answered, but likely not what
 * was asked (on the dev sets, about half of the answers under it were right; docs/quality.md).
 */
export const UNSURE_BELOW = 0.5;

export interface InsightsRequest {
  /** One server's questions, or every question (null: the operator's report). */
  readonly guildId: string | null;
  readonly days: number;
  readonly now?: number;
}

export interface DayCounts {
  /** YYYY-MM-DD (UTC) */
  readonly day: string;
  readonly answered: number;
  readonly fallback: number;
  readonly refused: number;
  /** Model tokens spent that day (answers; translations and rewrites are not counted). */
  readonly tokens: number;
}

export interface DownvotedAnswer {
  readonly answerId: number;
  readonly question: string;
  readonly reason: FeedbackReason | null;
  readonly comment: string | null;
  readonly at: number;
  /** Where the answer was posted; null for a private answer, which has no link. */
  readonly message: { guildId: string; channelId: string; messageId: string } | null;
}

export interface Insights {
  readonly days: number;
  readonly since: number;
  /** Asked, answered (by a model or by quoting), refused, answered by quoting because the model failed. */
  readonly totals: { asked: number; answered: number; refused: number; fallback: number; budgetReached: number };
  readonly votes: { up: number; down: number };
  readonly perDay: DayCounts[];
  /** What the articles did not cover, the same question in different words counted once. */
  readonly uncovered: QuestionGroup[];
  /** Questions answered with a confidence under UNSURE_BELOW, grouped the same way. */
  readonly unsure: QuestionGroup[];
  readonly downvoted: DownvotedAnswer[];
  /** Posts in help channels the bot did not answer on its own (not sure enough): left to people, newest first. */
  readonly leftToPeople: { guildId: string; threadId: string; at: number }[];
}

/**
 * The numbers /insights and `feudbot report` show, from the answer log, the posted answers
 * and the votes. Every query filters by server (when given) and time on an index.
 */
export function queryInsights(db: Db, request: InsightsRequest): Insights {
  const now = request.now ?? Date.now();
  const since = now - request.days * DAY_MS;
  const { guildId } = request;
  // Two shapes of each query, so that each uses its own index (an OR of both would use neither).
  const scope = guildId === null ? 'created_at >= ?' : 'guild_id = ? AND created_at >= ?';
  const args = guildId === null ? [since] : [guildId, since];
  const totals = statement(
    db,
    `SELECT count(*) AS asked, coalesce(sum(answered), 0) AS answered,
       coalesce(sum(answered = 0 AND refusal IS NOT NULL), 0) AS refused,
       coalesce(sum(fallback_reason IS NOT NULL), 0) AS fallback,
       coalesce(sum(fallback_reason LIKE 'daily token budget%'), 0) AS budgetReached
     FROM answer_log WHERE ${scope}`,
  ).get(...args) as Insights['totals'];
  const perDay = (
    statement(
      db,
      `SELECT created_at / ${DAY_MS} AS day, sum(answered = 1 AND fallback_reason IS NULL) AS answered,
         sum(fallback_reason IS NOT NULL) AS fallback, sum(answered = 0 AND refusal IS NOT NULL) AS refused,
         coalesce(sum(prompt_tokens + completion_tokens), 0) AS tokens
       FROM answer_log WHERE ${scope} GROUP BY day ORDER BY day`,
    ).all(...args) as (Omit<DayCounts, 'day'> & { day: number })[]
  ).map((row) => ({ ...row, day: new Date(row.day * DAY_MS).toISOString().slice(0, 10) }));
  const refusedQuestions = statement(
    db,
    `SELECT question FROM answer_log WHERE ${scope} AND answered = 0 AND refusal IS NOT NULL AND question != ''
     ORDER BY created_at DESC LIMIT ${UNCOVERED_SAMPLE}`,
  )
    .pluck()
    .all(...args) as string[];
  const unsureQuestions = statement(
    db,
    `SELECT question FROM answer_log WHERE ${scope} AND answered = 1 AND confidence IS NOT NULL
       AND confidence < ${UNSURE_BELOW} AND question != '' ORDER BY created_at DESC LIMIT ${UNCOVERED_SAMPLE}`,
  )
    .pluck()
    .all(...args) as string[];
  return {
    days: request.days,
    since,
    totals,
    votes: votes(db, guildId, since),
    perDay,
    uncovered: groupQuestions(refusedQuestions),
    unsure: groupQuestions(unsureQuestions),
    downvoted: downvoted(db, guildId, since),
    leftToPeople: leftToPeople(db, guildId, since),
  };
}

function votes(db: Db, guildId: string | null, since: number): Insights['votes'] {
  const rows = statement(
    db,
    `SELECT f.vote AS vote, count(*) AS n FROM feedback f JOIN bot_answers b ON b.id = f.answer_id
     WHERE f.updated_at >= ? AND (b.guild_id = ? OR ? IS NULL) GROUP BY f.vote`,
  ).all(since, guildId, guildId) as { vote: string; n: number }[];
  return { up: rows.find((r) => r.vote === 'up')?.n ?? 0, down: rows.find((r) => r.vote === 'down')?.n ?? 0 };
}

interface DownvotedRow {
  id: number;
  question: string;
  guild_id: string | null;
  channel_id: string | null;
  message_id: string | null;
  private: number;
  reason: FeedbackReason | null;
  comment: string | null;
  updated_at: number;
}

function downvoted(db: Db, guildId: string | null, since: number): DownvotedAnswer[] {
  const rows = statement(
    db,
    `SELECT b.id, b.question, b.guild_id, b.channel_id, b.message_id, b.private, f.reason, f.comment, f.updated_at
     FROM feedback f JOIN bot_answers b ON b.id = f.answer_id
     WHERE f.vote = 'down' AND f.updated_at >= ? AND (b.guild_id = ? OR ? IS NULL)
     ORDER BY f.updated_at DESC LIMIT ${DOWNVOTED_MAX}`,
  ).all(since, guildId, guildId) as DownvotedRow[];
  return rows.map((r) => ({
    answerId: r.id,
    question: r.question,
    reason: r.reason,
    comment: r.comment,
    at: r.updated_at,
    message:
      r.private === 0 && r.guild_id && r.channel_id && r.message_id
        ? { guildId: r.guild_id, channelId: r.channel_id, messageId: r.message_id }
        : null,
  }));
}

function leftToPeople(db: Db, guildId: string | null, since: number): Insights['leftToPeople'] {
  const rows = statement(
    db,
    `SELECT c.guild_id AS guildId, p.thread_id AS threadId, p.created_at AS at
     FROM help_posts p JOIN help_channels c ON c.channel_id = p.channel_id
     WHERE p.answered = 0 AND p.created_at >= ? AND (c.guild_id = ? OR ? IS NULL)
     ORDER BY p.created_at DESC LIMIT ${DOWNVOTED_MAX}`,
  ).all(since, guildId, guildId) as Insights['leftToPeople'];
  return rows;
}
