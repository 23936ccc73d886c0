import type { Language } from '../text/languages.js';

/** Every sentence feudbot itself says to a user, in each language it answers in. */
export const MESSAGES = {
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
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** A message in the given language, with `{name}` placeholders filled from `values`. */
export function message(key: MessageKey, language: Language, values: Record<string, string> = {}): string {
  return MESSAGES[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
