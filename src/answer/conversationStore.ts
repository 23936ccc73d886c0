import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import type { ConversationTurn } from './conversation.js';

/** A conversation as stored: where it happens and its last turns, oldest first. */
export interface Conversation {
  readonly id: number;
  readonly guildId: string | null;
  readonly channelId: string | null;
  readonly threadId: string | null;
  readonly isPrivate: boolean;
  readonly lastActive: number;
  readonly turns: ConversationTurn[];
}

/** Turns kept per conversation: a follow-up is read with the last few only. */
const TURNS_KEPT = 6;

interface ConversationRow {
  id: number;
  guild_id: string | null;
  channel_id: string | null;
  thread_id: string | null;
  private: number;
  last_active: number;
}

function withTurns(db: Db, row: ConversationRow | undefined): Conversation | null {
  if (!row) return null;
  const turns = (
    statement(
      db,
      'SELECT question, standalone, answer, passage_ids FROM conversation_turns WHERE conversation_id = ? ORDER BY n',
    ).all(row.id) as { question: string; standalone: string | null; answer: string; passage_ids: string }[]
  ).map((t) => ({
    question: t.question,
    standalone: t.standalone,
    answer: t.answer,
    passageIds: JSON.parse(t.passage_ids) as string[],
  }));
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    threadId: row.thread_id,
    isPrivate: row.private === 1,
    lastActive: row.last_active,
    turns,
  };
}

const COLUMNS = 'c.id, c.guild_id, c.channel_id, c.thread_id, c.private, c.last_active';

export function conversationOfAnswer(db: Db, answerId: number): Conversation | null {
  const row = statement(
    db,
    `SELECT ${COLUMNS} FROM bot_answers b JOIN conversations c ON c.id = b.conversation_id WHERE b.id = ?`,
  ).get(answerId) as ConversationRow | undefined;
  return withTurns(db, row);
}

export function conversationOfThread(db: Db, threadId: string): Conversation | null {
  const row = statement(db, `SELECT ${COLUMNS} FROM conversations c WHERE c.thread_id = ?`).get(threadId) as
    ConversationRow | undefined;
  return withTurns(db, row);
}

export interface NewConversation {
  readonly guildId: string | null;
  readonly channelId: string | null;
  readonly threadId: string | null;
  readonly userId: string;
  readonly isPrivate: boolean;
}

/** A conversation that grows from a posted answer: that answer is its first turn. */
export function startConversation(
  db: Db,
  start: NewConversation,
  firstAnswerId: number,
  first: ConversationTurn,
): number {
  return db.transaction(() => {
    const now = Date.now();
    const id = Number(
      statement(
        db,
        `INSERT INTO conversations (guild_id, channel_id, thread_id, user_id, private, created_at, last_active)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(start.guildId, start.channelId, start.threadId, start.userId, start.isPrivate ? 1 : 0, now, now)
        .lastInsertRowid,
    );
    statement(db, 'UPDATE bot_answers SET conversation_id = ? WHERE id = ?').run(id, firstAnswerId);
    addTurn(db, id, start.userId, first);
    return id;
  })();
}

/** One more turn; the oldest beyond TURNS_KEPT are dropped. */
export function addTurn(
  db: Db,
  conversationId: number,
  userId: string,
  turn: ConversationTurn,
  answerId?: number,
): void {
  const now = Date.now();
  const n = Number(
    statement(db, 'SELECT coalesce(max(n), 0) + 1 FROM conversation_turns WHERE conversation_id = ?')
      .pluck()
      .get(conversationId),
  );
  statement(
    db,
    `INSERT INTO conversation_turns (conversation_id, n, user_id, question, standalone, answer, passage_ids, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    conversationId,
    n,
    userId,
    turn.question,
    turn.standalone ?? null,
    turn.answer,
    JSON.stringify(turn.passageIds),
    now,
  );
  statement(db, 'DELETE FROM conversation_turns WHERE conversation_id = ? AND n <= ?').run(
    conversationId,
    n - TURNS_KEPT,
  );
  statement(db, 'UPDATE conversations SET last_active = ? WHERE id = ?').run(now, conversationId);
  if (answerId !== undefined)
    statement(db, 'UPDATE bot_answers SET conversation_id = ? WHERE id = ?').run(conversationId, answerId);
}
