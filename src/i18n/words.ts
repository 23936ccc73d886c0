import type { Language } from '../text/languages.js';
import { ARTICLE_WORDS } from './articleWords.js';
import { DATA_WORDS } from './dataWords.js';
import { HELP_WORDS } from './helpWords.js';

/**
 * Every word feudbot itself says to a person (CLI user, Discord member, moderator), in
 * each language it speaks. A key without every language does not compile.
 */
const CORE_WORDS = {
  // Answers (the core, for the CLI and the bot alike).
  notCovered: {
    en: "The articles don't cover that question.",
    de: 'Dazu steht nichts in den Artikeln.',
  },
  quotedNotice: {
    en: 'Quoted from the articles (no language model was used).',
    de: 'Wörtlich aus den Artikeln zitiert (ohne Sprachmodell).',
  },
  budgetNotice: {
    en: 'Quoted from the articles: the daily language-model budget is used up, for you or for this server. It renews at midnight UTC.',
    de: 'Wörtlich aus den Artikeln zitiert: Das tägliche Budget für das Sprachmodell ist aufgebraucht, für dich oder diesen Server. Es erneuert sich um Mitternacht UTC.',
  },
  fallbackNotice: {
    en: 'The language model could not answer just now, so this is quoted from the articles.',
    de: 'Das Sprachmodell konnte gerade nicht antworten, daher wird aus den Artikeln zitiert.',
  },
  emptyQuestion: {
    en: 'Please ask a question, for example: why did Musk leave OpenAI?',
    de: 'Bitte stelle eine Frage, zum Beispiel: Warum hat Musk OpenAI verlassen?',
  },
  busy: {
    en: 'Too many questions at once; please try again in a few seconds.',
    de: 'Gerade kommen zu viele Fragen auf einmal; bitte versuche es in ein paar Sekunden noch einmal.',
  },
  modelAnswered: {
    en: 'Answered by {model} from the articles below.',
    de: 'Beantwortet von {model} anhand der Artikel unten.',
  },
  internalError: {
    en: 'Something went wrong while answering; please try again.',
    de: 'Beim Antworten ist etwas schiefgegangen; bitte versuche es noch einmal.',
  },
  sources: { en: 'Sources', de: 'Quellen' },
  quotedIn: { en: 'quoted in {language}', de: 'auf {language} zitiert' },
  language_en: { en: 'English', de: 'Englisch' },
  language_de: { en: 'German', de: 'Deutsch' },
  sourcesDiffer: {
    en: 'The sources give different amounts: {list}.',
    de: 'Die Quellen nennen unterschiedliche Beträge: {list}.',
  },
  editorialTitle: { en: 'title added by the editors', de: 'Titel von der Redaktion' },
  // The Discord bot's own labels.
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
    en: 'Thanks, your 👎 is recorded. Moderators read what you wrote in /insights.',
    de: 'Danke, dein 👎 ist gespeichert. Moderatoren lesen deine Angaben in /insights.',
  },
  feedbackTitle: { en: 'What was wrong?', de: 'Was war falsch?' },
  feedbackReason: { en: 'What was wrong with the answer?', de: 'Was stimmte mit der Antwort nicht?' },
  feedbackComment: { en: 'Anything else? (optional)', de: 'Sonst noch etwas? (optional)' },
  'reason.wrong': { en: 'The answer is wrong', de: 'Die Antwort ist falsch' },
  'reason.not-answered': { en: 'It did not answer my question', de: 'Meine Frage wurde nicht beantwortet' },
  'reason.wrong-language': { en: 'Wrong language', de: 'Falsche Sprache' },
  'reason.sources-bad': { en: 'The sources are bad', de: 'Die Quellen sind schlecht' },
  voteWithdrawn: { en: 'Your vote is withdrawn.', de: 'Deine Stimme ist zurückgezogen.' },
  sourcesTitle: { en: 'Articles ({count})', de: 'Artikel ({count})' },
  sourcesEmpty: { en: 'There are no articles yet.', de: 'Es gibt noch keine Artikel.' },
  page: { en: 'Page {page} of {pages}', de: 'Seite {page} von {pages}' },
  previous: { en: 'Previous', de: 'Zurück' },
  next: { en: 'Next', de: 'Weiter' },
  passages: { en: '{count} passages', de: '{count} Abschnitte' },
  undated: { en: 'undated', de: 'ohne Datum' },
  badOptions: {
    en: 'That command came with a value it does not accept ({problem}); nothing was done.',
    de: 'Der Befehl kam mit einem Wert, den er nicht annimmt ({problem}); es wurde nichts getan.',
  },
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
  // A moderator's /reload report.
  reloadAdded: { en: 'Added ({count})', de: 'Hinzugefügt ({count})' },
  reloadUpdated: { en: 'Updated ({count})', de: 'Aktualisiert ({count})' },
  reloadRemoved: { en: 'Removed ({count})', de: 'Entfernt ({count})' },
  reloadUnchanged: { en: 'Unchanged', de: 'Unverändert' },
  reloadRejected: { en: 'Rejected ({count})', de: 'Abgelehnt ({count})' },
  reloadKept: { en: 'Kept from before (file now invalid)', de: 'Beibehalten (Datei jetzt ungültig)' },
  reloadSummary: {
    en: '{previous} → **{version}** · {articles} articles, {passages} passages · {ms} ms',
    de: '{previous} → **{version}** · {articles} Artikel, {passages} Abschnitte · {ms} ms',
  },
} as const satisfies Record<string, Record<Language, string>>;

const WORDS = { ...CORE_WORDS, ...ARTICLE_WORDS, ...DATA_WORDS, ...HELP_WORDS };

export type WordKey = keyof typeof WORDS;

/** The words for `key` in `language`, with `{name}` placeholders filled from `values`. */
export function say(key: WordKey, language: Language, values: Record<string, string | number> = {}): string {
  return WORDS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
