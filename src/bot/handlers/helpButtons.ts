import { ChannelType } from 'discord-api-types/v10';
import { type ButtonInteraction, DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { say } from '../../i18n/words.js';
import type { BotContext } from '../context.js';
import { uiLanguage } from '../locale.js';
import { isModerator } from '../permissions.js';
import { privately, NO_MENTIONS } from '../reply.js';

/**
 * "Ask a human" and "Solved" on an automatic answer. Only the member who asked, or a
 * moderator, may press them; anyone else is told privately. The helpers are pinged at most
 * once per question, with only their role allowed to be mentioned.
 */
export async function handleHelpButton(
  interaction: ButtonInteraction,
  ctx: BotContext,
  kind: 'helpHuman' | 'helpSolved',
  threadId: string,
): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  const post = ctx.core.helpPost(threadId);
  const channel = post ? ctx.core.helpChannel(post.channelId) : null;
  if (!post || !channel) {
    await interaction.reply(privately({ content: say('helpGone', ui) }));
    return;
  }
  if (interaction.user.id !== post.askerId && !isModerator(interaction, ctx.settings.moderatorRoleIds)) {
    await interaction.reply(privately({ content: say('helpNotYours', ui) }));
    return;
  }
  const thread = await interaction.client.channels.fetch(threadId);
  if (!thread?.isThread()) {
    await interaction.reply(privately({ content: say('helpGone', ui) }));
    return;
  }
  if (kind === 'helpHuman') {
    const role = channel.helpersRoleId;
    if (!role || !ctx.core.claimHumanPing(threadId)) {
      await interaction.reply(privately({ content: say('helpersAlreadyCalled', ui) }));
      return;
    }
    // The one mention feudbot ever allows: the helpers role a moderator configured, and only it.
    await thread.send({
      content: say('helpersCalled', ui, { role: `<@&${role}>` }),
      allowedMentions: { ...NO_MENTIONS, roles: [role] },
    });
    await interaction.reply(privately({ content: say('helpersCalledAck', ui) }));
    return;
  }
  try {
    if (thread.parent?.type === ChannelType.GuildForum && channel.solvedTagId) {
      await thread.setAppliedTags([...new Set([...thread.appliedTags, channel.solvedTagId])].slice(0, 5));
    } else {
      const question = await thread.fetchStarterMessage().catch(() => null);
      await question?.react('✅');
      await thread.setArchived(true);
    }
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions) {
      await interaction.reply(privately({ content: say('helpSolvedNoPermission', ui) }));
      return;
    }
    throw error;
  }
  await interaction.reply(privately({ content: say('helpSolvedAck', ui) }));
}
