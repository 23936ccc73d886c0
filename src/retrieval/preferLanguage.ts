import type { Language } from '../text/languages.js';

/**
 * How much more a passage in the asker's language is worth than one in another language,
 * as a share of its score: enough to win a near tie (two passages holding the same names
 * and words, which is common when articles in two languages tell the same story), far
 * too little to lift a passage that matches fewer of the question's words.
 */
export const ASKER_LANGUAGE_EDGE = 0.05;

/**
 * Re-order fused candidates so that, of two that answer about equally well, the one the
 * asker can read comes first: the extractive answer then quotes it without a translation
 * note, and the model reads it in the language it answers in.
 */
export function preferLanguage(
  fused: readonly { id: number; score: number }[],
  asked: Language,
  languageOf: (id: number) => Language | undefined,
): { id: number; score: number }[] {
  return fused
    .map((e) => ({ id: e.id, score: languageOf(e.id) === asked ? e.score * (1 + ASKER_LANGUAGE_EDGE) : e.score }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}
