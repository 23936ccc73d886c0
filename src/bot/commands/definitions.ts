import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { QUESTION_MAX } from '../limits.js';
import { autoreplyCommand } from './autoreplyCommand.js';

/** The names of /ask's options, for the definition and the handler alike. */
export const ASK_OPTIONS = { question: 'question', private: 'private' } as const;
/** The name of /sources's option. */
export const SOURCES_OPTIONS = { language: 'language' } as const;

/** /ask question:<text> [private:<boolean>] */
export const askCommand = {
  name: 'ask' as const,
  name_localizations: { de: 'frage' },
  description: 'Ask about the Musk–Altman feud; the answer cites the news articles.',
  description_localizations: { de: 'Frag zum Streit zwischen Musk und Altman; die Antwort nennt die Artikel.' },
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: ASK_OPTIONS.question,
      name_localizations: { de: 'frage' },
      description: 'Your question, e.g. why did Musk leave OpenAI?',
      description_localizations: { de: 'Deine Frage, z. B. Warum hat Musk OpenAI verlassen?' },
      required: true,
      min_length: 1,
      max_length: QUESTION_MAX,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: ASK_OPTIONS.private,
      name_localizations: { de: 'privat' },
      description: 'Only you see the answer.',
      description_localizations: { de: 'Nur du siehst die Antwort.' },
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** /sources [language] */
export const sourcesCommand = {
  name: 'sources' as const,
  name_localizations: { de: 'quellen' },
  description: 'List the articles the answers come from.',
  description_localizations: { de: 'Zeigt die Artikel, aus denen die Antworten stammen.' },
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: SOURCES_OPTIONS.language,
      name_localizations: { de: 'sprache' },
      description: 'Only articles in this language.',
      description_localizations: { de: 'Nur Artikel in dieser Sprache.' },
      choices: [
        { name: 'English', name_localizations: { de: 'Englisch' }, value: 'en' },
        { name: 'German', name_localizations: { de: 'Deutsch' }, value: 'de' },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * /reload: moderators only. Hidden from members without Manage Server by default; server
 * admins can change who sees it, so the handler checks again at run time.
 */
export const reloadCommand = {
  name: 'reload' as const,
  name_localizations: { de: 'neu-laden' },
  description: 'Moderators: re-read the article folder without restarting the bot.',
  description_localizations: { de: 'Moderatoren: den Artikelordner neu einlesen, ohne den Bot neu zu starten.' },
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The names of /article's subcommands and options, for the definition and the handler alike. */
export const ARTICLE_OPTIONS = { add: 'add', remove: 'remove', url: 'url', file: 'file', id: 'id' } as const;

/**
 * /article add url:<link> | file:<upload>, /article remove id:<id>: moderators only, hidden
 * like /reload and checked again at run time.
 */
export const articleCommand = {
  name: 'article' as const,
  name_localizations: { de: 'artikel' },
  description: 'Moderators: add an article from a link or a file, or remove one.',
  description_localizations: { de: 'Moderatoren: einen Artikel per Link oder Datei hinzufügen oder einen entfernen.' },
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: ARTICLE_OPTIONS.add,
      name_localizations: { de: 'hinzufuegen' },
      description: 'Add a news article from a link or an uploaded file; you see a preview first.',
      description_localizations: { de: 'Einen Artikel per Link oder Datei hinzufügen; zuerst kommt eine Vorschau.' },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: ARTICLE_OPTIONS.url,
          name_localizations: { de: 'link' },
          description: "The article's web address (http or https).",
          description_localizations: { de: 'Die Webadresse des Artikels (http oder https).' },
          max_length: 2000,
        },
        {
          type: ApplicationCommandOptionType.Attachment,
          name: ARTICLE_OPTIONS.file,
          name_localizations: { de: 'datei' },
          description: 'A saved web page, a Markdown article file or plain text (at most 512 KiB).',
          description_localizations: {
            de: 'Eine gespeicherte Webseite, eine Markdown-Artikeldatei oder Text (höchstens 512 KiB).',
          },
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: ARTICLE_OPTIONS.remove,
      name_localizations: { de: 'entfernen' },
      description: 'Remove an article from the corpus (after a confirmation).',
      description_localizations: { de: 'Einen Artikel aus dem Korpus entfernen (nach einer Rückfrage).' },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: ARTICLE_OPTIONS.id,
          description: "The article's id; start typing its title.",
          description_localizations: { de: 'Die ID des Artikels; tippe den Anfang des Titels.' },
          required: true,
          autocomplete: true,
          max_length: 80,
        },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** /privacy: what is kept about the member, and a button to delete it. */
export const privacyCommand = {
  name: 'privacy' as const,
  name_localizations: { de: 'datenschutz' },
  description: 'What the bot keeps about you and for how long; delete it.',
  description_localizations: { de: 'Was der Bot über dich speichert und wie lange; lösch es.' },
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The name of /insights's option. */
export const INSIGHTS_OPTIONS = { days: 'days' } as const;

/** /insights [days]: moderators only, hidden like /reload and checked again at run time. */
export const insightsCommand = {
  name: 'insights' as const,
  name_localizations: { de: 'einblicke' },
  description: 'Moderators: what members asked, what was not covered, what was voted down.',
  description_localizations: { de: 'Moderatoren: was gefragt wurde, was fehlte, was schlecht bewertet wurde.' },
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: INSIGHTS_OPTIONS.days,
      name_localizations: { de: 'tage' },
      description: 'How many days back (default 30).',
      description_localizations: { de: 'Wie viele Tage zurück (Standard 30).' },
      min_value: 1,
      max_value: 365,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Every command the bot registers, in one explicit list. */
export const COMMANDS = [
  askCommand,
  sourcesCommand,
  reloadCommand,
  articleCommand,
  insightsCommand,
  privacyCommand,
  autoreplyCommand,
] as const;

/** The name of a command the bot registers: the router must handle each (the compiler checks). */
export type CommandName = (typeof COMMANDS)[number]['name'];

export function isCommandName(name: string): name is CommandName {
  return COMMANDS.some((c) => c.name === name);
}
