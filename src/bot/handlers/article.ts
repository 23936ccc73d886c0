import { type AutocompleteInteraction, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { ArticleSource } from '../../core.js';
import { UserFacingError } from '../../errors.js';
import { say } from '../../i18n/words.js';
import { ARTICLE_OPTIONS } from '../commands/definitions.js';
import type { BotContext } from '../context.js';
import { articlePreviewMessage, removeConfirmMessage } from '../format/articlePreview.js';
import { truncate } from '../format/truncate.js';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX, MESSAGE_CONTENT_MAX } from '../limits.js';
import { uiLanguage } from '../locale.js';
import { isModerator } from '../permissions.js';
import { privately, quietly } from '../reply.js';

/**
 * /article add | remove: moderators only, checked here whatever Discord showed. Add reads
 * the link or file and shows a private preview; nothing is written until its Add button.
 */
export async function handleArticle(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  if (!isModerator(interaction, ctx.settings.moderatorRoleIds)) {
    ctx.logger.warn({ userId: interaction.user.id, guildId: interaction.guildId }, 'article refused: not a moderator');
    await interaction.reply(privately({ content: say('notModeratorArticles', ui) }));
    return;
  }
  if (interaction.options.getSubcommand(true) === ARTICLE_OPTIONS.remove) {
    const id = interaction.options.getString(ARTICLE_OPTIONS.id, true).trim();
    const article = ctx.core.sources().articles.find((a) => a.id === id);
    await interaction.reply(
      privately(
        article ? removeConfirmMessage(article, ui) : { content: say('articleNotFound', ui, { id: truncate(id, 80) }) },
      ),
    );
    return;
  }
  const source = sourceOf(interaction);
  if (!source) {
    await interaction.reply(privately({ content: say('articleNeedsOne', ui) }));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    const preview = await ctx.core.prepareArticle(source);
    const pending = ctx.drafts.put(preview, { userId: interaction.user.id, guildId: interaction.guildId });
    await interaction.editReply(quietly(articlePreviewMessage(preview, pending.key, pending.expiresAt, ui)));
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    ctx.logger.info({ userId: interaction.user.id, source: source.kind, reason: error.message }, 'article not read');
    const content = truncate(say('articleReadFailed', ui, { reason: error.message }), MESSAGE_CONTENT_MAX);
    await interaction.editReply(quietly({ content }));
  }
}

/** A link or an uploaded file: exactly one of the two. */
function sourceOf(interaction: ChatInputCommandInteraction): ArticleSource | null {
  const url = interaction.options.getString(ARTICLE_OPTIONS.url)?.trim();
  const file = interaction.options.getAttachment(ARTICLE_OPTIONS.file);
  if (url && !file) return { kind: 'link', url };
  if (file && !url)
    return { kind: 'attachment', name: file.name, url: file.url, size: file.size, type: file.contentType };
  return null;
}

/** The article ids /article remove offers as the moderator types: matched on id or title. */
export async function handleArticleAutocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase().trim();
  const choices = ctx.core
    .sources()
    .articles.filter((a) => a.id.includes(typed) || a.title.toLowerCase().includes(typed))
    .slice(0, AUTOCOMPLETE_CHOICES_MAX)
    .map((a) => ({ name: truncate(`${a.title} · ${a.id}`, CHOICE_NAME_MAX), value: a.id }));
  await interaction.respond(choices);
}
