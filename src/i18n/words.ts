import type { Language } from '../text/languages.js';

/**
 * Every word feudbot itself says to a person (CLI user, Discord member, moderator), in
 * each language it speaks. A key without every language does not compile.
 */
const WORDS = {
  // Answers (the core, for the CLI and the bot alike).
  notCovered: {
    en: "The articles don't cover that question.",
    de: 'Dazu steht nichts in den Artikeln.',
  },
  quotedNotice: {
    en: 'Quoted from the articles (no language model was used).',
    de: 'Wörtlich aus den Artikeln zitiert (ohne Sprachmodell).',
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
  // /article: moderators add and remove articles.
  notModeratorArticles: {
    en: 'Only moderators can add or remove articles (Manage Server, or a moderator role).',
    de: 'Nur Moderatoren können Artikel hinzufügen oder entfernen (Server verwalten oder eine Moderatorenrolle).',
  },
  articleNeedsOne: {
    en: 'Give either a link (url) or a file, one of the two.',
    de: 'Gib entweder einen Link oder eine Datei an, eins von beiden.',
  },
  articleReadFailed: {
    en: 'Nothing was added: {reason}',
    de: 'Nichts wurde hinzugefügt: {reason}',
  },
  articlePreviewNote: {
    en: 'Preview: nothing is stored until you press **Add**. It expires <t:{at}:R>.',
    de: 'Vorschau: Gespeichert wird erst mit **Hinzufügen**. Sie läuft <t:{at}:R> ab.',
  },
  articleDuplicate: {
    en: '⚠ Already in the corpus as `{id}`; an article cannot be added twice.',
    de: '⚠ Schon als `{id}` im Korpus; ein Artikel kann nicht zweimal hinzugefügt werden.',
  },
  fieldPublisher: { en: 'Publisher', de: 'Herausgeber' },
  fieldLanguage: { en: 'Language', de: 'Sprache' },
  fieldPublished: { en: 'Published', de: 'Erschienen' },
  fieldAuthor: { en: 'Author', de: 'Autor' },
  fieldTitle: { en: 'Title', de: 'Titel' },
  fieldIndexed: { en: 'What will be indexed', de: 'Was in den Index kommt' },
  fieldIndexedValue: {
    en: '`{file}`: {words} words in {passages} passages',
    de: '`{file}`: {words} Wörter in {passages} Abschnitten',
  },
  unknown: { en: 'unknown', de: 'unbekannt' },
  buttonAdd: { en: 'Add', de: 'Hinzufügen' },
  buttonEdit: { en: 'Correct fields', de: 'Felder korrigieren' },
  buttonCancel: { en: 'Cancel', de: 'Abbrechen' },
  buttonRemove: { en: 'Remove', de: 'Entfernen' },
  buttonKeep: { en: 'Keep', de: 'Behalten' },
  modalTitle: { en: "Correct the article's fields", de: 'Felder des Artikels korrigieren' },
  modalLanguage: { en: 'Language (en or de)', de: 'Sprache (en oder de)' },
  modalPublished: { en: 'Published (YYYY-MM-DD, or empty)', de: 'Erschienen (JJJJ-MM-TT oder leer)' },
  articleFieldsInvalid: { en: 'Not changed: {reason}', de: 'Nicht geändert: {reason}' },
  articleExpired: {
    en: 'This preview has expired; nothing was stored. Run /article add again.',
    de: 'Diese Vorschau ist abgelaufen; nichts wurde gespeichert. Führe /artikel hinzufuegen erneut aus.',
  },
  articleCancelled: { en: 'Cancelled; nothing was stored.', de: 'Abgebrochen; nichts wurde gespeichert.' },
  articleAdding: { en: 'Adding the article and reloading…', de: 'Der Artikel wird hinzugefügt und neu geladen…' },
  articleAdded: {
    en: 'Added `{id}`. Members can ask about it now.',
    de: '`{id}` hinzugefügt. Mitglieder können jetzt danach fragen.',
  },
  articleRemoveConfirm: {
    en: 'Remove **{title}** (`{id}`)? Its file is deleted from the corpus folder and the index reloaded.',
    de: '**{title}** (`{id}`) entfernen? Die Datei wird aus dem Artikelordner gelöscht und der Index neu geladen.',
  },
  articleNotFound: {
    en: 'There is no article `{id}`; /sources lists them.',
    de: 'Es gibt keinen Artikel `{id}`; /quellen listet sie auf.',
  },
  articleRemoving: { en: 'Removing the article and reloading…', de: 'Der Artikel wird entfernt und neu geladen…' },
  articleRemoved: { en: 'Removed `{id}` ({title}).', de: '`{id}` ({title}) entfernt.' },
  articleRemoveFailed: { en: 'Nothing was removed: {reason}', de: 'Nichts wurde entfernt: {reason}' },
  articleKept: { en: 'Kept; nothing was removed.', de: 'Behalten; nichts wurde entfernt.' },
} as const satisfies Record<string, Record<Language, string>>;

export type WordKey = keyof typeof WORDS;

/** The words for `key` in `language`, with `{name}` placeholders filled from `values`. */
export function say(key: WordKey, language: Language, values: Record<string, string | number> = {}): string {
  return WORDS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
