import type { Language } from '../text/languages.js';

/** What /article says to moderators (see words.ts). */
export const ARTICLE_WORDS = {
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
