import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { ASK_OPTIONS } from '../commands/definitions.js';
import type { BotContext } from '../context.js';
import { whyNotNow } from '../admission.js';
import { askForMember, postAnswer } from '../answerForMember.js';
import { createEditThrottle } from '../editThrottle.js';
import { partialAnswerMessage } from '../format/answerMessage.js';
import { type MessagePayload } from '../format/embeds.js';
import { languageForLocale, uiLanguage } from '../locale.js';
import { privately, quietly } from '../reply.js';
import type { Language } from '../../text/languages.js';

/**
 * /ask: check the channel, the user's cooldown and the load, acknowledge at once (Discord
 * allows 3 s), then answer through the core and edit the reply with the embed. A streamed
 * answer shows progress, edited at most once per streamEditIntervalMs.
 */
export async function handleAsk(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  const refusal = whyNotNow({ channelId: interaction.channelId, userId: interaction.user.id }, ctx, ui);
  if (refusal) {
    await interaction.reply(privately({ content: refusal }));
    return;
  }
  ctx.state.inFlight++;
  try {
    await answer(interaction, ctx, ui);
  } finally {
    ctx.state.inFlight--;
  }
}

async function answer(interaction: ChatInputCommandInteraction, ctx: BotContext, ui: Language): Promise<void> {
  const question = interaction.options.getString(ASK_OPTIONS.question, true);
  const isPrivate = interaction.options.getBoolean(ASK_OPTIONS.private) ?? false;
  const language = languageForLocale(interaction.locale);
  const deferred = await interaction.deferReply({
    ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}),
    withResponse: true,
  });
  ctx.metrics?.acknowledged((Date.now() - interaction.createdTimestamp) / 1000);
  await ctx.turns.take();
  const edits = createEditThrottle<MessagePayload>(
    (payload) => interaction.editReply(quietly({ content: '', ...payload })),
    ctx.settings.streamEditIntervalMs,
    (error) => ctx.logger.warn({ err: error }, 'progress edit failed'),
  );
  const asker = { guildId: interaction.guildId, userId: interaction.user.id };
  const result = await askForMember(ctx, 'ask', question, {
    ...(language ? { language } : {}),
    asker,
    onPartial: (text) => edits.partial(partialAnswerMessage(question, text, language ?? ui)),
  });
  await postAnswer(ctx, result, asker, {
    channelId: interaction.channelId,
    isPrivate,
    // The deferral's response names the message the answer becomes: /insights links to it.
    send: async (payload) => {
      await edits.final(payload);
      return deferred.resource?.message?.id ?? null;
    },
  });
}
