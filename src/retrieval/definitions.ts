import { isStopword } from '../text/stopwords.js';
import { words } from '../text/tokenize.js';

// "what is X", "who's X", "whats X", "was ist X", "wer sind X": a question that asks what
// something is. Its best answer is usually where an article introduces X.
const DEFINITION_QUESTION =
  /^(?:(?:what|who)(?:'s|’s|s|\s+(?:is|are|was|were))|(?:was|wer)\s+(?:ist|sind|war|waren))\s+(.+)$/iu;

/** The words of what a definition question asks about, or null for any other question. */
export function definitionSubject(question: string): string[] | null {
  const match = DEFINITION_QUESTION.exec(question.trim().replace(/[?!.]+$/u, ''));
  if (!match) return null;
  const subject = words(match[1]!).filter((w) => w.length >= 3 && !isStopword(w, 'en') && !isStopword(w, 'de'));
  return subject.length > 0 && subject.length <= 4 ? subject : null;
}

/**
 * Whether a passage introduces the subject the way news text does: an apposition
 * ("OpenAI, a research organization", "Glydways , ein Netzwerk") or a copula
 * ("Colossus is a data centre", "X ist ein …").
 */
export function introducesSubject(text: string, subject: readonly string[]): boolean {
  return subject.some((word) => {
    const w = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(
      // After a comma, German der/die/das usually opens a relative clause ("OpenAI, das …"), not an apposition.
      `(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])(?:\\s*,\\s*(?:a|an|the|ein|eine|einer)|\\s+(?:is|ist|was|war)\\s+(?:a|an|the|ein|eine|der|die|das))\\s`,
      'iu',
    ).test(text);
  });
}
