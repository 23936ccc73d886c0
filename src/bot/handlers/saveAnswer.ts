import { MessageFlags, type MessageContextMenuCommandInteraction } from 'discord.js';
import type { ArticleDraft } from '../../core.js';
import { say } from '../../i18n/words.js';
import { detectLanguage } from '../../text/detectLanguage.js';
import type { BotContext } from '../context.js';
import { articlePreviewMessage } from '../format/articlePreview.js';
import { uiLanguage } from '../locale.js';
import { isModerator } from '../permissions.js';
import { privately, quietly } from '../reply.js';

/**
 * "Save as answer" on a helper's reply in a help thread (moderators): the same private
 * preview as /article add — the thread's question and the reply, its author, date and link —
 * and on Add the reply is written into the corpus as a community answer, cited with a link to
 * the Discord message. Its author's data deletion removes it. The bot never edits the reply.
 */
export async function handleSaveAnswer(
  interaction: MessageContextMenuCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  if (!interaction.inGuild() || !isModerator(interaction, ctx.settings.moderatorRoleIds)) {
    await interaction.reply(privately({ content: say('notModeratorArticles', ui) }));
    return;
  }
  const reply = interaction.targetMessage;
  const thread = reply.channel;
  if (!thread.isThread() || reply.author.bot || !reply.content.trim() || reply.id === thread.id) {
    await interaction.reply(privately({ content: say('saveAnswerWhere', ui) }));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const starter = await thread.fetchStarterMessage().catch(() => null);
  const question = starter?.content.trim() || thread.name;
  const answer = reply.content.trim();
  const draft: ArticleDraft = {
    title: thread.name.slice(0, 300) || question.slice(0, 300),
    url: reply.url,
    publisher: say('communityPublisher', ui, { channel: thread.parent?.name ?? 'help' }),
    language: detectLanguage(`${question} ${answer}`),
    author: reply.member?.displayName ?? reply.author.username,
    published: reply.createdAt.toISOString().slice(0, 10),
    body: `${question}\n\n${answer}`,
    authorId: reply.author.id,
  };
  const preview = await ctx.core.previewArticle(draft);
  const pending = ctx.drafts.put(preview, { userId: interaction.user.id, guildId: interaction.guildId });
  await interaction.editReply(quietly(articlePreviewMessage(preview, pending.key, pending.expiresAt, ui)));
}
