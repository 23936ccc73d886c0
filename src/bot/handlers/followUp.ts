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
import { type AnswerTarget, askForMember, postAnswer } from '../answerForMember.js';
import { UserFacingError } from '../../errors.js';
import type { Language } from '../../text/languages.js';
import { customId, parseCustomId } from '../customIds.js';
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
    const place = await followUpPlace(interaction, posted, conversation, ui);
    const asker = { guildId: interaction.guildId, userId: interaction.user.id };
    const first = turnOf(posted.result);
    const language = languageForLocale(interaction.locale);
    const result = await askForMember(ctx, 'follow_up', question, {
      history: conversation?.turns ?? [first],
      asker,
      ...(language ? { language } : {}),
    });
    const conversationId =
      conversation?.id ??
      ctx.core.startConversation(
        { ...asker, channelId: posted.channelId, threadId: place.threadId, isPrivate: posted.isPrivate },
        action.answerId,
        first,
      );
    await postAnswer(ctx, result, asker, place.target, {
      beforeSend: (answerId) => {
        if (result.outcome === 'answered')
          ctx.core.addConversationTurn(
            conversationId,
            asker.userId,
            { ...turnOf(result), question },
            answerId ?? undefined,
          );
      },
    });
    if (place.movedTo)
      await interaction.editReply(quietly({ content: say('followUpInThread', ui, { thread: place.movedTo }) }));
  } finally {
    ctx.state.inFlight--;
  }
  return true;
}

/**
 * Where a follow-up is answered, acknowledged at once: in place (the deferred reply) for a
 * private answer or inside a thread; otherwise in the answer's thread, started on the first
 * follow-up, with a private note pointing there.
 */
async function followUpPlace(
  interaction: ModalSubmitInteraction,
  posted: PostedAnswer,
  conversation: Conversation | null,
  ui: Language,
): Promise<{ target: AnswerTarget; threadId: string | null; movedTo: string | null }> {
  const { isPrivate } = posted;
  if (isPrivate || interaction.channel?.isThread()) {
    await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
    const send = async (payload: Parameters<AnswerTarget['send']>[0]) => {
      const response = await interaction.editReply(payload);
      return isPrivate ? null : response.id;
    };
    // A thread the bot did not start stays the members': mentions there are not a conversation.
    return { target: { channelId: interaction.channelId ?? '', isPrivate, send }, threadId: null, movedTo: null };
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  // Clicked on the first answer again after its thread exists: the conversation goes on there.
  const thread =
    (conversation?.threadId ? await existingThread(interaction, conversation.threadId) : null) ??
    (await startThread(interaction, posted.result.question));
  if (!thread) throw new UserFacingError(say('followUpNoThread', ui));
  const send = async (payload: Parameters<AnswerTarget['send']>[0]) => {
    try {
      return (await thread.send(payload)).id;
    } catch (error) {
      throw isMissingPermission(error) ? new UserFacingError(say('followUpNoThread', ui)) : error;
    }
  };
  return { target: { channelId: thread.id, isPrivate: false, send }, threadId: thread.id, movedTo: thread.id };
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
