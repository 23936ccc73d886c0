import { cleanQuestion } from '../retrieval/cleanQuestion.js';
import { detectLanguage } from '../text/detectLanguage.js';
import type { Language } from '../text/languages.js';

/**
 * One question as the core reads it, decided once and handed to every step: what it says,
 * what is searched (chat syntax removed), the language it is written in, and the language
 * its answer is written in. No step reads these from the text again.
 */
export interface Question {
  /** As asked (or as a follow-up was understood on its own). */
  readonly text: string;
  /** Without mentions, emoji, links and Markdown: what is searched and read for its focus. */
  readonly cleaned: string;
  /** The language it is written in: its own passages win near ties. */
  readonly writtenIn: Language;
  /** The language of the answer and of every label around it: the asker's locale's, else writtenIn. */
  readonly answerIn: Language;
}

/** Read a question once. `answerIn` is the asker's language when known (a Discord locale). */
export function readQuestion(text: string, answerIn?: Language): Question {
  const cleaned = cleanQuestion(text);
  const writtenIn = detectLanguage(cleaned || text);
  return { text, cleaned, writtenIn, answerIn: answerIn ?? writtenIn };
}

/** Another wording of the same question (a follow-up rewritten to stand alone): answered in the same language. */
export function reworded(question: Question, text: string): Question {
  return text === question.text ? question : readQuestion(text, question.answerIn);
}
