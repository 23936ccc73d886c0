import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { isSupportedLanguage, type Language } from '../../text/languages.js';
import { SOURCES_OPTIONS } from '../commands/definitions.js';
import type { BotContext } from '../context.js';
import { sourcesMessage } from '../format/sourcesMessage.js';
import { uiLanguage } from '../locale.js';
import { privately, quietly } from '../reply.js';

/** /sources [language]: the first page, privately (a list is reference, not conversation). */
export async function handleSources(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const value = interaction.options.getString(SOURCES_OPTIONS.language);
  const filter: Language | undefined = value && isSupportedLanguage(value) ? value : undefined;
  const ui = uiLanguage(interaction.locale);
  await interaction.reply(privately(sourcesMessage(ctx.core.sources(filter), 1, filter, ui)));
}

/** Previous/next: replace the page in place. */
export async function handleSourcesPage(
  interaction: ButtonInteraction,
  ctx: BotContext,
  page: number,
  filter: Language | undefined,
): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  await interaction.update(quietly(sourcesMessage(ctx.core.sources(filter), page, filter, ui)));
}
