import { countStopwords } from './stopwords.js';
import type { Language } from './languages.js';
import { tokenize } from './tokenize.js';

// Letters only German uses among our languages.
const GERMAN_LETTERS = /[äöüß]/i;
// Short question words that decide very short questions ("Wer ist Musk?").
const GERMAN_CUES = new Set([
  'wer',
  'wie',
  'was',
  'warum',
  'wieso',
  'weshalb',
  'wann',
  'wo',
  'welche',
  'welcher',
  'ist',
  'hat',
  'und',
  'der',
  'die',
  'das',
  'den',
  'dem',
  'nicht',
  'mit',
  'über',
]);
const ENGLISH_CUES = new Set([
  'who',
  'what',
  'why',
  'when',
  'where',
  'which',
  'how',
  'is',
  'did',
  'does',
  'the',
  'and',
  'of',
  'with',
  'about',
]);

/**
 * Guess whether a question is English or German from its function words and letters.
 * A question with no evidence either way is taken as English, the bot's default.
 */
export function detectLanguage(text: string): Language {
  const words = tokenize(text).map((t) => t.word);
  let german = countStopwords(words, 'de') + words.filter((w) => GERMAN_CUES.has(w)).length;
  const english = countStopwords(words, 'en') + words.filter((w) => ENGLISH_CUES.has(w)).length;
  if (GERMAN_LETTERS.test(text)) german += 2;
  // Words spelled the same in both ("in", "so", "was") count for both and cancel out.
  return german > english ? 'de' : 'en';
}
