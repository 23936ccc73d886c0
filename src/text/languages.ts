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
  return foldDiacritics(STEMMERS[language](word));
}

export function foldDiacritics(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss');
}
