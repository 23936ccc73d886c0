import type { Db } from '../db/database.js';
import {
  currentVote,
  type FeedbackReason,
  getAnswer,
  newAnswerId,
  nextVote,
  type PostedAnswer,
  saveAnswer,
  setAnswerMessage,
  setFeedbackReason,
  setVote,
  type Vote,
} from './postedAnswers.js';

/** The answers a chat posted, kept for their buttons, and the votes and reasons members give them. */
export interface PostedAnswerActions {
  /** Keep an answer posted to a chat, for its buttons; returns its id at once (the write may wait). */
  savePostedAnswer(answer: PostedAnswer): number;
  postedAnswer(id: number): PostedAnswer | null;
  /** One vote per user per answer: the other vote changes it, the same again withdraws it. Returns what stands. */
  vote(answerId: number, userId: string, clicked: Vote): Vote | null;
  /** What was wrong with an answer the member voted down. */
  explainVote(answerId: number, userId: string, reason: FeedbackReason | null, comment: string | null): void;
  /** The message a public answer became, for links to it. */
  answerPosted(answerId: number, messageId: string): void;
}

export function createPostedAnswerActions(
  db: Db,
  write: (fn: () => void) => void,
  keepQuestions: boolean,
): PostedAnswerActions {
  // Writes may wait (a reload holds them): until a row is written, what it will hold is read
  // from here, so a fresh answer's buttons work and a second click sees the first.
  const unwritten = new Unwritten<number, PostedAnswer>();
  const unwrittenVotes = new Unwritten<string, Vote | null>();
  return {
    savePostedAnswer(answer) {
      const id = newAnswerId();
      // Under RETENTION_DAYS=0 the answer is kept for its buttons, without the question or its rewrite.
      const { standalone: _standalone, ...withoutRewrite } = answer.result;
      const kept = keepQuestions ? answer : { ...answer, result: { ...withoutRewrite, question: '' } };
      unwritten.set(id, kept);
      write(() => {
        saveAnswer(db, id, kept);
        unwritten.written(id, kept);
      });
      return id;
    },
    postedAnswer: (id) => (unwritten.has(id) ? unwritten.get(id)! : getAnswer(db, id)),
    vote(answerId, userId, clicked) {
      const key = `${answerId}:${userId}`;
      const current = unwrittenVotes.has(key) ? unwrittenVotes.get(key)! : currentVote(db, answerId, userId);
      const next = nextVote(current, clicked);
      unwrittenVotes.set(key, next);
      write(() => {
        setVote(db, answerId, userId, next);
        unwrittenVotes.written(key, next);
      });
      return next;
    },
    explainVote: (answerId, userId, reason, comment) =>
      write(() => setFeedbackReason(db, answerId, userId, reason, comment)),
    answerPosted: (answerId, messageId) => write(() => setAnswerMessage(db, answerId, messageId)),
  };
}

/** Values whose writes are still queued, by key; bounded, the oldest forgotten first. */
class Unwritten<K, V> {
  private static readonly MAX = 10_000;
  private readonly values = new Map<K, V>();

  has(key: K): boolean {
    return this.values.has(key);
  }

  get(key: K): V | undefined {
    return this.values.get(key);
  }

  set(key: K, value: V): void {
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > Unwritten.MAX) this.values.delete(this.values.keys().next().value!);
  }

  /** The write of `value` landed: forget it, unless a newer value is waiting. */
  written(key: K, value: V): void {
    if (this.values.get(key) === value) this.values.delete(key);
  }
}
