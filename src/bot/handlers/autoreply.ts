import { ChannelType } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction, ForumChannel } from 'discord.js';
import { say } from '../../i18n/words.js';
import { AUTOREPLY_OPTIONS } from '../commands/autoreplyCommand.js';
import type { BotContext } from '../context.js';
import { uiLanguage } from '../locale.js';
import { isModerator } from '../permissions.js';
import { privately } from '../reply.js';

/** /autoreply on|off|list, for moderators (checked here, whatever the server's command settings say). */
export async function handleAutoreply(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  const reply = (content: string) => interaction.reply(privately({ content }));
  if (!interaction.inGuild() || !isModerator(interaction, ctx.settings.moderatorRoleIds)) {
    await reply(say('notModerator', ui));
    return;
  }
  const sub = interaction.options.getSubcommand();
  if (sub === AUTOREPLY_OPTIONS.list) {
    const channels = ctx.core.helpChannels(interaction.guildId).map((c) => `<#${c.channelId}>`);
    await reply(
      channels.length > 0 ? say('autoreplyList', ui, { channels: channels.join(', ') }) : say('autoreplyNone', ui),
    );
    return;
  }
  const channel = interaction.options.getChannel(AUTOREPLY_OPTIONS.channel, true);
  if (sub === AUTOREPLY_OPTIONS.off) {
    const was = ctx.core.disableHelpChannel(channel.id);
    await reply(say(was ? 'autoreplyOff' : 'autoreplyWasOff', ui, { channel: channel.id }));
    return;
  }
  // Reading posts needs the privileged Message Content intent: without it, say what to do, change nothing.
  if (!ctx.settings.messageContent) {
    await reply(say('autoreplyNeedsIntent', ui));
    return;
  }
  if (channel.type !== ChannelType.GuildForum && channel.type !== ChannelType.GuildText) {
    await reply(say('autoreplyBadChannel', ui));
    return;
  }
  const helpers = interaction.options.getRole(AUTOREPLY_OPTIONS.helpers);
  const tagName = interaction.options.getString(AUTOREPLY_OPTIONS.solvedTag)?.trim() || null;
  let solvedTagId: string | null = null;
  if (channel.type === ChannelType.GuildForum && tagName) {
    const forum = (await interaction.client.channels.fetch(channel.id)) as ForumChannel | null;
    solvedTagId = forum?.availableTags.find((t) => t.name.toLowerCase() === tagName.toLowerCase())?.id ?? null;
    if (!solvedTagId) {
      await reply(say('autoreplyNoTag', ui, { tag: tagName }));
      return;
    }
  }
  ctx.core.enableHelpChannel(
    {
      channelId: channel.id,
      guildId: interaction.guildId,
      kind: channel.type === ChannelType.GuildForum ? 'forum' : 'text',
      helpersRoleId: helpers?.id ?? null,
      solvedTagId,
    },
    interaction.user.id,
  );
  const extra = helpers ? say('autoreplyHelpers', ui, { role: `<@&${helpers.id}>` }) : '';
  await reply(say('autoreplyOn', ui, { channel: channel.id, extra }));
}
