import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { message } from '../../answer/messages.js';
import type { BotContext } from '../context.js';
import { createEditThrottle } from '../editThrottle.js';
import { answerMessage, type MessagePayload, partialAnswerMessage } from '../format/answerMessage.js';
import { label, languageForLocale, uiLanguage } from '../i18n.js';
import { privately, quietly } from '../reply.js';

/**
 * /ask: check the channel, the user's cooldown and the load, acknowledge at once (Discord
 * allows 3 s), then answer through the core and edit the reply with the embed. A streamed
 * answer shows progress, edited at most once per streamEditIntervalMs.
 */
export async function handleAsk(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  const ui = uiLanguage(interaction.locale);
  const language = languageForLocale(interaction.locale);
  const { settings, state } = ctx;

  if (state.shuttingDown) {
    await interaction.reply(privately({ content: label('shuttingDown', ui) }));
    return;
  }
  if (settings.allowedChannelIds.length > 0 && !settings.allowedChannelIds.includes(interaction.channelId)) {
    const channels = settings.allowedChannelIds.map((id) => `<#${id}>`).join(', ');
    await interaction.reply(privately({ content: label('wrongChannel', ui, { channels }) }));
    return;
  }
  if (state.inFlight >= settings.maxQuestionsInFlight) {
    await interaction.reply(privately({ content: message('busy', ui) }));
    return;
  }
  const turn = ctx.cooldown.take(interaction.user.id);
  if (!turn.ok) {
    // <t:…:R> renders as "in 7 seconds" in the reader's own language and time zone.
    const when = `<t:${Math.ceil(turn.retryAt / 1000)}:R>`;
    await interaction.reply(privately({ content: label('cooldown', ui, { when }) }));
    return;
  }

  state.inFlight++;
  try {
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    await ctx.turns.take();
    const edits = createEditThrottle<MessagePayload>(
      (payload) => interaction.editReply(quietly({ content: '', ...payload })),
      settings.streamEditIntervalMs,
      (error) => ctx.logger.warn({ err: error, interactionId: interaction.id }, 'progress edit failed'),
    );
    const result = await ctx.core.ask(question, {
      ...(language ? { language } : {}),
      onPartial: (text) => edits.partial(partialAnswerMessage(question, text, language ?? ui)),
    });
    const answerId =
      result.answered && result.citations.length > 0
        ? ctx.core.savePostedAnswer({
            guildId: interaction.guildId,
            channelId: interaction.channelId,
            userId: interaction.user.id,
            isPrivate,
            result,
          })
        : null;
    await edits.final(answerMessage(result, answerId, ui));
    ctx.logger.info(
      {
        interactionId: interaction.id,
        userId: interaction.user.id,
        mode: result.mode,
        answered: result.answered,
        answerId,
      },
      'ask answered',
    );
  } finally {
    state.inFlight--;
  }
}
