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
  return {
    savePostedAnswer(answer) {
      const id = newAnswerId();
      // Under RETENTION_DAYS=0 the answer is kept for its buttons, without the question or its rewrite.
      const { standalone: _standalone, ...withoutRewrite } = answer.result;
      const kept = keepQuestions ? answer : { ...answer, result: { ...withoutRewrite, question: '' } };
      write(() => saveAnswer(db, id, kept));
      return id;
    },
    postedAnswer: (id) => getAnswer(db, id),
    vote(answerId, userId, clicked) {
      const next = nextVote(currentVote(db, answerId, userId), clicked);
      write(() => setVote(db, answerId, userId, next));
      return next;
    },
    explainVote: (answerId, userId, reason, comment) =>
      write(() => setFeedbackReason(db, answerId, userId, reason, comment)),
    answerPosted: (answerId, messageId) => write(() => setAnswerMessage(db, answerId, messageId)),
  };
}
