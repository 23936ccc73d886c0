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
  sources: { en: 'Sources', de: 'Quellen' },
  editorialTitle: { en: 'title added by the editors', de: 'Titel von der Redaktion' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, language: Language): string {
  return MESSAGES[key][language];
}
