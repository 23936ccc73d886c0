import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import {
  type ButtonInteraction,
  DiscordAPIError,
  MessageFlags,
  type ModalSubmitInteraction,
  RESTJSONErrorCodes,
  type ThreadChannel,
} from 'discord.js';
import type { AskResult } from '../../answer/types.js';
import type { Conversation } from '../../answer/conversationActions.js';
import type { ConversationTurn, PostedAnswer } from '../../core.js';
import { say } from '../../i18n/words.js';
import type { BotContext } from '../context.js';
import { askMeasured } from '../askMeasured.js';
import { customId, parseCustomId } from '../customIds.js';
import { answerMessage } from '../format/answerMessage.js';
import { truncate } from '../format/truncate.js';
import { QUESTION_MAX, THREAD_NAME_MAX } from '../limits.js';
import { languageForLocale, uiLanguage } from '../locale.js';
import { privately, quietly } from '../reply.js';
import { whyNotNow } from '../admission.js';
import { answerForClick } from './feedback.js';

/** Threads close to follow-ups after a day without one (Discord's own auto-archive choice of 1 day, too). */
const THREAD_ARCHIVE_MINUTES = 1440;

/** "Follow up" on an answer: the question in a modal, if the conversation is still open. */
export async function openFollowUp(interaction: ButtonInteraction, ctx: BotContext, answerId: number): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  if (!(await answerForClick(interaction, ctx, answerId))) return;
  if (isClosed(ctx.core.conversationOfAnswer(answerId), ctx)) {
    await interaction.reply(privately({ content: say('followUpClosed', ui, { hours: ctx.settings.followUpHours }) }));
    return;
  }
  await interaction.showModal({
    custom_id: customId({ kind: 'followUpAsk', answerId }),
    title: say('followUpTitle', ui),
    components: [
      {
        type: ComponentType.Label,
        label: say('followUpLabel', ui),
        component: {
          type: ComponentType.TextInput,
          custom_id: 'question',
          style: TextInputStyle.Short,
          required: true,
          max_length: QUESTION_MAX,
        },
      },
    ],
  });
}

/**
 * The follow-up question from the modal, answered with the conversation so far: privately
 * for a private answer; in the thread when asked in one; otherwise in a new thread started
 * on the answer, named after the conversation's first question.
 */
export async function handleFollowUpModal(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<boolean> {
  const action = parseCustomId(interaction.customId);
  if (action?.kind !== 'followUpAsk') return false;
  const ui = uiLanguage(interaction.locale);
  const posted = await answerForClick(interaction, ctx, action.answerId);
  if (!posted) return true;
  const conversation = ctx.core.conversationOfAnswer(action.answerId);
  const channel = interaction.channel;
  const inThread = channel?.isThread() ?? false;
  const parentId = (inThread ? (channel as ThreadChannel).parentId : interaction.channelId) ?? '';
  const refusal = isClosed(conversation, ctx)
    ? say('followUpClosed', ui, { hours: ctx.settings.followUpHours })
    : whyNotNow({ channelId: parentId, userId: interaction.user.id }, ctx, ui);
  if (refusal) {
    await interaction.reply(privately({ content: refusal }));
    return true;
  }
  const question = interaction.fields.getTextInputValue('question').trim();
  ctx.state.inFlight++;
  try {
    if (posted.isPrivate || inThread) {
      await interaction.deferReply(posted.isPrivate ? { flags: MessageFlags.Ephemeral } : {});
      const turn = await answerTurn(ctx, interaction, question, posted, action.answerId, conversation, null);
      const response = await interaction.editReply(quietly(answerMessage(turn.result, turn.answerId)));
      if (turn.answerId !== null && !posted.isPrivate) ctx.core.answerPosted(turn.answerId, response.id);
      return true;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    // Clicked on the first answer again after its thread exists: the conversation goes on there.
    const thread =
      (conversation?.threadId ? await existingThread(interaction, conversation.threadId) : null) ??
      (await startThread(interaction, posted.result.question));
    if (!thread) {
      await interaction.editReply(quietly({ content: say('followUpNoThread', ui) }));
      return true;
    }
    const turn = await answerTurn(ctx, interaction, question, posted, action.answerId, conversation, thread.id);
    const sent = await thread.send(quietly(answerMessage(turn.result, turn.answerId))).catch((error: unknown) => {
      if (isMissingPermission(error)) return null;
      throw error;
    });
    if (!sent) {
      await interaction.editReply(quietly({ content: say('followUpNoThread', ui) }));
      return true;
    }
    if (turn.answerId !== null) ctx.core.answerPosted(turn.answerId, sent.id);
    await interaction.editReply(quietly({ content: say('followUpInThread', ui, { thread: thread.id }) }));
  } finally {
    ctx.state.inFlight--;
  }
  return true;
}

async function existingThread(interaction: ModalSubmitInteraction, threadId: string): Promise<ThreadChannel | null> {
  const channel = await interaction.client.channels.fetch(threadId).catch(() => null);
  return channel?.isThread() ? channel : null;
}

/** A thread on the answer's message, or null when the bot lacks the permission to start one. */
async function startThread(interaction: ModalSubmitInteraction, firstQuestion: string): Promise<ThreadChannel | null> {
  try {
    return (
      (await interaction.message?.startThread({
        // Discord's limit on a channel name is 100 characters (channel resource reference).
        name: truncate(firstQuestion.replace(/\s+/g, ' ').trim() || '…', THREAD_NAME_MAX),
        autoArchiveDuration: THREAD_ARCHIVE_MINUTES,
      })) ?? null
    );
  } catch (error) {
    if (isMissingPermission(error)) return null;
    throw error;
  }
}

/**
 * Ask with the conversation's turns (or, for the first follow-up, the answer it follows),
 * keep the new answer for its buttons and the turn for the next follow-up.
 */
async function answerTurn(
  ctx: BotContext,
  interaction: ModalSubmitInteraction,
  question: string,
  posted: PostedAnswer,
  answerId: number,
  conversation: Conversation | null,
  threadId: string | null,
): Promise<{ result: AskResult; answerId: number | null }> {
  const userId = interaction.user.id;
  const first = turnOf(posted.result);
  const language = languageForLocale(interaction.locale);
  const result = await askMeasured(ctx, 'follow_up', question, {
    history: conversation?.turns ?? [first],
    asker: { guildId: interaction.guildId, userId },
    ...(language ? { language } : {}),
  });
  const conversationId =
    conversation?.id ??
    ctx.core.startConversation(
      { guildId: interaction.guildId, channelId: posted.channelId, threadId, userId, isPrivate: posted.isPrivate },
      answerId,
      first,
    );
  const channelId = threadId ?? interaction.channelId;
  const newAnswerId =
    result.answered && result.citations.length > 0
      ? ctx.core.savePostedAnswer({
          guildId: interaction.guildId,
          channelId,
          userId,
          isPrivate: posted.isPrivate,
          result,
        })
      : null;
  if (result.answered)
    ctx.core.addConversationTurn(conversationId, userId, { ...turnOf(result), question }, newAnswerId ?? undefined);
  return { result, answerId: newAnswerId };
}

export function turnOf(result: AskResult): ConversationTurn {
  return {
    question: result.question,
    standalone: result.standalone ?? null,
    answer: result.answer,
    passageIds: result.citations.map((c) => c.passageId),
  };
}

function isMissingPermission(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions;
}

/** Closed to follow-ups: nobody asked for FOLLOW_UP_HOURS. */
export function isClosed(conversation: Conversation | null, ctx: BotContext): boolean {
  return conversation !== null && Date.now() - conversation.lastActive > ctx.settings.followUpHours * 3_600_000;
}
