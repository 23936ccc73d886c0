import { type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { FEEDBACK_REASONS, isFeedbackReason } from '../../answer/postedAnswers.js';
import type { Vote } from '../../core.js';
import { say } from '../../i18n/words.js';
import type { Language } from '../../text/languages.js';
import type { BotContext } from '../context.js';
import { customId, parseCustomId } from '../customIds.js';
import { uiLanguage } from '../locale.js';
import { maySeeAnswer } from '../permissions.js';
import { privately } from '../reply.js';

/** The optional sentence with a 👎 (our own limit: a reason, not an essay). */
const COMMENT_MAX = 500;

/**
 * The answer a button or modal names, when the member may see it; otherwise a private reply
 * says why and the result is null. A refused click is logged: it takes a crafted one.
 */
export async function answerForClick(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  ctx: BotContext,
  answerId: number,
) {
  const ui = uiLanguage(interaction.locale);
  const answer = ctx.core.postedAnswer(answerId);
  if (!answer) {
    await interaction.reply(privately({ content: say('quotesGone', ui) }));
    return null;
  }
  const clicker = { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id };
  if (!maySeeAnswer(answer, clicker)) {
    ctx.logger.warn(
      { answerId, userId: interaction.user.id, channelId: interaction.channelId },
      'button for an answer the member cannot see',
    );
    await interaction.reply(privately({ content: say('answerNotVisible', ui) }));
    return null;
  }
  return answer;
}

/** 👍 is one click; 👎 is recorded at once and opens "What was wrong?" (closing it keeps the vote). */
export async function vote(interaction: ButtonInteraction, ctx: BotContext, answerId: number, clicked: Vote) {
  const ui = uiLanguage(interaction.locale);
  if (!(await answerForClick(interaction, ctx, answerId))) return;
  const next = ctx.core.vote(answerId, interaction.user.id, clicked);
  ctx.logger.info({ answerId, userId: interaction.user.id, vote: next }, 'feedback');
  if (next === 'down') {
    await interaction.showModal(feedbackModal(answerId, ui));
    return;
  }
  await interaction.reply(privately({ content: say(next === null ? 'voteWithdrawn' : 'voteUp', ui) }));
}

function feedbackModal(answerId: number, ui: Language): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId({ kind: 'feedback', answerId }),
    title: say('feedbackTitle', ui),
    components: [
      {
        type: ComponentType.Label,
        label: say('feedbackReason', ui),
        component: {
          type: ComponentType.StringSelect,
          custom_id: 'reason',
          required: false,
          min_values: 0,
          max_values: 1,
          options: FEEDBACK_REASONS.map((reason) => ({ label: say(`reason.${reason}`, ui), value: reason })),
        },
      },
      {
        type: ComponentType.Label,
        label: say('feedbackComment', ui),
        component: {
          type: ComponentType.TextInput,
          custom_id: 'comment',
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: COMMENT_MAX,
        },
      },
    ],
  };
}

/** The submitted "What was wrong?": stored with the vote, for /insights. */
export async function handleFeedbackModal(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<boolean> {
  const action = parseCustomId(interaction.customId);
  if (action?.kind !== 'feedback') return false;
  if (!(await answerForClick(interaction, ctx, action.answerId))) return true;
  const chosen = interaction.fields.getStringSelectValues('reason')[0] ?? '';
  const reason = isFeedbackReason(chosen) ? chosen : null;
  const comment = interaction.fields.getTextInputValue('comment').trim().slice(0, COMMENT_MAX) || null;
  ctx.core.explainVote(action.answerId, interaction.user.id, reason, comment);
  ctx.logger.info({ answerId: action.answerId, reason, withComment: comment !== null }, 'feedback reason');
  await interaction.reply(privately({ content: say('voteDown', uiLanguage(interaction.locale)) }));
  return true;
}
