import type { Language } from '../text/languages.js';

/** The bot's own words, per language. Answers come from the core in the asker's language. */
const LABELS = {
  sourcesMore: { en: 'Sources (continued)', de: 'Quellen (Fortsetzung)' },
  showQuotes: { en: 'Show quotes', de: 'Zitate zeigen' },
  quotedFooter: { en: 'Quoted from the articles', de: 'Aus den Artikeln zitiert' },
  modelFooter: { en: 'Answered by {model} from the articles', de: 'Beantwortet von {model} anhand der Artikel' },
  corpusVersion: { en: 'corpus {version}', de: 'Korpus {version}' },
  thinking: { en: 'Looking through the articles…', de: 'Ich sehe in den Artikeln nach…' },
  cooldown: { en: 'You can ask again {when}.', de: 'Du kannst {when} wieder fragen.' },
  wrongChannel: { en: 'I answer questions in {channels} only.', de: 'Ich beantworte Fragen nur in {channels}.' },
  shuttingDown: {
    en: 'I am restarting; please ask again in a minute.',
    de: 'Ich starte gerade neu; bitte frag in einer Minute noch einmal.',
  },
  error: {
    en: 'Sorry, something went wrong. (error id `{id}`)',
    de: 'Entschuldigung, da ist etwas schiefgegangen. (Fehler-ID `{id}`)',
  },
  quotesTitle: { en: 'Quotes', de: 'Zitate' },
  quotesGone: { en: 'I no longer have that answer.', de: 'Diese Antwort habe ich nicht mehr.' },
  answerNotVisible: {
    en: 'That answer was not posted for you here, so its buttons do not work for you.',
    de: 'Diese Antwort wurde hier nicht für dich gepostet, ihre Schaltflächen funktionieren für dich nicht.',
  },
  voteUp: { en: 'Thanks, your 👍 is recorded.', de: 'Danke, dein 👍 ist gespeichert.' },
  voteDown: {
    en: 'Thanks, your 👎 is recorded. What was wrong? Moderators read the feedback.',
    de: 'Danke, dein 👎 ist gespeichert. Moderatoren lesen das Feedback.',
  },
  voteWithdrawn: { en: 'Your vote is withdrawn.', de: 'Deine Stimme ist zurückgezogen.' },
  sourcesTitle: { en: 'Articles ({count})', de: 'Artikel ({count})' },
  sourcesEmpty: { en: 'There are no articles yet.', de: 'Es gibt noch keine Artikel.' },
  page: { en: 'Page {page} of {pages}', de: 'Seite {page} von {pages}' },
  previous: { en: 'Previous', de: 'Zurück' },
  next: { en: 'Next', de: 'Weiter' },
  passages: { en: '{count} passages', de: '{count} Abschnitte' },
  undated: { en: 'undated', de: 'ohne Datum' },
  notModerator: {
    en: 'Only moderators can reload the articles (Manage Server, or a moderator role).',
    de: 'Nur Moderatoren können die Artikel neu laden (Server verwalten oder eine Moderatorenrolle).',
  },
  reloadTitle: { en: 'Articles reloaded', de: 'Artikel neu geladen' },
  embeddingsField: { en: 'Semantic search ({model})', de: 'Semantische Suche ({model})' },
  embeddingsProgress: {
    en: 'embedding {embedded} of {total} passages',
    de: '{embedded} von {total} Abschnitten eingebettet',
  },
  embeddingsPaused: {
    en: '{embedded} of {total} passages; the endpoint failed ({reason}), retrying later. Search uses words meanwhile.',
    de: '{embedded} von {total} Abschnitten; der Endpunkt ist ausgefallen ({reason}), neuer Versuch später. Bis dahin wird nach Wörtern gesucht.',
  },
  embeddingsComplete: { en: 'all {total} passages embedded', de: 'alle {total} Abschnitte eingebettet' },
  reloadFailed: {
    en: 'The reload failed; the articles stay as they were.',
    de: 'Das Neuladen ist fehlgeschlagen; die Artikel bleiben, wie sie waren.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, language: Language, values: Record<string, string | number> = {}): string {
  return LABELS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

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
