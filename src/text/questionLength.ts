/**
 * The longest question feudbot reads, in characters: far above what anyone asks (Discord's
 * /ask option takes 300), small enough that nothing done with a question costs more than a
 * moment. The CLI refuses longer input; the core cuts what reaches it.
 */
export const MAX_QUESTION_CHARS = 1_000;

/** A question cut to MAX_QUESTION_CHARS (whole code points). */
export function boundedQuestion(text: string): string {
  return text.length <= MAX_QUESTION_CHARS
    ? text
    : [...text.slice(0, MAX_QUESTION_CHARS + 1)].slice(0, MAX_QUESTION_CHARS).join('');
}
