import type { Db } from '../db/database.js';
import type { ConversationTurn } from './conversation.js';
import {
  addTurn,
  type Conversation,
  conversationOfAnswer,
  conversationOfThread,
  type NewConversation,
  startConversation,
} from './conversationStore.js';

export type { Conversation, NewConversation };

/** Conversations a chat keeps (threads in Discord): their turns survive a restart. */
export interface ConversationActions {
  conversationOfAnswer(answerId: number): Conversation | null;
  conversationOfThread(threadId: string): Conversation | null;
  /** A conversation grown from a posted answer, which is its first turn; returns its id. */
  startConversation(start: NewConversation, firstAnswerId: number, first: ConversationTurn): number;
  /** One more turn; `answerId` is the posted answer whose Follow up button continues it. */
  addConversationTurn(conversationId: number, userId: string, turn: ConversationTurn, answerId?: number): void;
}

export function createConversationActions(
  db: Db,
  write: (fn: () => void) => void,
  keepQuestions: boolean,
): ConversationActions {
  // Under RETENTION_DAYS=0 no question and no member id is stored; a conversation then
  // remembers only its passages, and nobody in particular asked ('' stands for "not kept").
  const kept = (turn: ConversationTurn): ConversationTurn =>
    keepQuestions ? turn : { question: '', standalone: null, answer: '', passageIds: turn.passageIds };
  const asker = (userId: string) => (keepQuestions ? userId : '');
  return {
    conversationOfAnswer: (answerId) => conversationOfAnswer(db, answerId),
    conversationOfThread: (threadId) => conversationOfThread(db, threadId),
    // Written at once, not queued: the caller needs the id now.
    startConversation: (start, firstAnswerId, first) =>
      startConversation(db, { ...start, userId: asker(start.userId) }, firstAnswerId, kept(first)),
    addConversationTurn: (conversationId, userId, turn, answerId) =>
      write(() => addTurn(db, conversationId, asker(userId), kept(turn), answerId)),
  };
}
