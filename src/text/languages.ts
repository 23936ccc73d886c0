import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemGerman } from '@orama/stemmers/german';

/** The languages feudbot can index and answer in. Adding one means a stemmer, stop words and UI strings. */
export const SUPPORTED_LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export function isSupportedLanguage(value: string): value is Language {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** Human names, for prompts and listings. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'German' };

const STEMMERS: Record<Language, (word: string) => string> = {
  en: stemEnglish,
  de: stemGerman,
};

/**
 * Snowball stem of a lower-cased word, with diacritics folded afterwards so that
 * "Kapazitäten" and "Kapazitaten" meet (the German stemmer already folds umlauts;
 * this also covers accents in names).
 */
export function stem(word: string, language: Language): string {
  const cache = STEM_CACHE[language];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = foldDiacritics(STEMMERS[language](word));
    // Words follow Zipf's law, so a bounded cache catches nearly every lookup while indexing.
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}

const STEM_CACHE_LIMIT = 200_000;
const STEM_CACHE: Record<Language, Map<string, string>> = { en: new Map(), de: new Map() };

export function foldDiacritics(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss');
}
