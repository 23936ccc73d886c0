import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { UserFacingError } from '../../errors.js';
import type { BotContext } from '../context.js';
import { reloadMessage } from '../format/reloadMessage.js';
import { truncate } from '../format/truncate.js';
import { MESSAGE_CONTENT_MAX } from '../limits.js';
import { say } from '../../i18n/words.js';
import { uiLanguage } from '../locale.js';
import { isModerator } from '../permissions.js';
import { privately, quietly } from '../reply.js';

/**
 * /reload: moderators only, checked here whatever Discord showed. Re-reads the corpus
 * folder (the core serializes reloads and keeps answering meanwhile) and reports privately.
 */
export async function handleReload(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  const who = { userId: interaction.user.id, username: interaction.user.username, guildId: interaction.guildId };
  if (!isModerator(interaction, ctx.settings.moderatorRoleIds)) {
    ctx.logger.warn(who, 'reload refused: not a moderator');
    await interaction.reply(privately({ content: say('notModerator', ui) }));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    const report = await ctx.core.reload();
    ctx.metrics?.reloaded(report.ms / 1000);
    ctx.logger.info({ ...who, version: report.version, rejected: report.rejected.length }, 'reload by moderator');
    await interaction.editReply(quietly(reloadMessage(report, ui, ctx.core.embeddings())));
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    ctx.logger.warn({ ...who, reason: error.message }, 'reload refused');
    await interaction.editReply(
      quietly({ content: truncate(`${say('reloadFailed', ui)}\n${error.message}`, MESSAGE_CONTENT_MAX) }),
    );
  }
}
