import {
  type APIApplicationCommandChannelOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

/** The names of /autoreply's subcommands and options. */
export const AUTOREPLY_OPTIONS = {
  on: 'on',
  off: 'off',
  list: 'list',
  channel: 'channel',
  helpers: 'helpers',
  solvedTag: 'solved_tag',
} as const;

const channelOption = (description: string, de: string): APIApplicationCommandChannelOption => ({
  type: ApplicationCommandOptionType.Channel,
  name: AUTOREPLY_OPTIONS.channel,
  name_localizations: { de: 'kanal' },
  description,
  description_localizations: { de },
  required: true,
  channel_types: [ChannelType.GuildForum, ChannelType.GuildText],
});

/** /autoreply on|off|list: where the bot answers questions on its own (moderators; checked again when it runs). */
export const autoreplyCommand = {
  name: 'autoreply' as const,
  name_localizations: { de: 'autoantwort' },
  description: 'Moderators: let the bot answer questions on its own in a forum or a text channel.',
  description_localizations: { de: 'Moderatoren: Den Bot in einem Forum oder Textkanal selbst antworten lassen.' },
  type: ApplicationCommandType.ChatInput,
  contexts: [InteractionContextType.Guild],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: AUTOREPLY_OPTIONS.on,
      name_localizations: { de: 'an' },
      description: 'Answer new questions in this channel when sure enough; stay quiet otherwise.',
      description_localizations: { de: 'Neue Fragen in diesem Kanal beantworten, wenn sicher genug; sonst schweigen.' },
      options: [
        channelOption('A forum or a text channel.', 'Ein Forum oder ein Textkanal.'),
        {
          type: ApplicationCommandOptionType.Role,
          name: AUTOREPLY_OPTIONS.helpers,
          name_localizations: { de: 'helfer' },
          description: 'The role "Ask a human" calls (optional).',
          description_localizations: { de: 'Die Rolle, die „Einen Menschen fragen“ ruft (optional).' },
        },
        {
          type: ApplicationCommandOptionType.String,
          name: AUTOREPLY_OPTIONS.solvedTag,
          name_localizations: { de: 'geloest_tag' },
          description: 'In a forum: the tag "Solved" applies (optional).',
          description_localizations: { de: 'In einem Forum: der Tag, den „Gelöst“ setzt (optional).' },
          max_length: 20,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: AUTOREPLY_OPTIONS.off,
      name_localizations: { de: 'aus' },
      description: 'Stop answering on its own in this channel.',
      description_localizations: { de: 'In diesem Kanal nicht mehr selbst antworten.' },
      options: [channelOption('The channel.', 'Der Kanal.')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: AUTOREPLY_OPTIONS.list,
      name_localizations: { de: 'liste' },
      description: 'The channels where the bot answers on its own.',
      description_localizations: { de: 'Die Kanäle, in denen der Bot selbst antwortet.' },
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The message context-menu command on a helper's reply: save it as a community answer (moderators). */
export const saveAnswerCommand = {
  name: 'Save as answer' as const,
  name_localizations: { de: 'Als Antwort speichern' },
  type: ApplicationCommandType.Message,
  contexts: [InteractionContextType.Guild],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
} satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;
