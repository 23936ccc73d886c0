import type { Language } from '../text/languages.js';

/**
 * The answer language for a Discord locale ("de", "en-US", …). Other locales give
 * undefined: the question's own language is used then.
 */
export function languageForLocale(locale: string | null | undefined): Language | undefined {
  if (!locale) return undefined;
  if (locale === 'de' || locale.startsWith('de-')) return 'de';
  if (locale.startsWith('en')) return 'en';
  return undefined;
}

/** The language for the bot's own labels: the locale's, else English. */
export function uiLanguage(locale: string | null | undefined): Language {
  return languageForLocale(locale) ?? 'en';
}
