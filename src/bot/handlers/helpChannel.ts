import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ChannelType,
  ComponentType,
} from 'discord-api-types/v10';
import type { Message } from 'discord.js';
import type { HelpChannel } from '../../help/helpChannels.js';
import { say } from '../../i18n/words.js';
import { confidenceOf } from '../../answer/types.js';
import { detectLanguage } from '../../text/detectLanguage.js';
import type { Language } from '../../text/languages.js';
import { askForMember, channelTarget, postAnswer } from '../answerForMember.js';
import type { BotContext } from '../context.js';
import { customId } from '../customIds.js';
import { THREAD_NAME_MAX } from '../limits.js';
import { whyNotNow } from '../admission.js';
import { turnOf } from './followUp.js';

/**
 * The least confidence at which the bot answers on its own: where answers on the member dev
 * sets were right at least nine times in ten (docs/quality.md has the figures); below, it
 * leaves the question to people.
 */
export const AUTO_ANSWER_THRESHOLD = 0.7;
/** Automatic answers a channel gets per minute at most; the rest are left alone. */
const PER_CHANNEL_PER_MINUTE = 5;
/** A question, by its form: a question mark, or an interrogative first word, in English or German. */
const QUESTION_FORM =
  /\?\s*$|^(?:who|what|when|where|why|how|which|whose|is|are|was|were|do|does|did|can|could|should|will|would|has|have|wer|was|wann|wo|warum|wieso|weshalb|wie|welche[rsmn]?|ist|sind|war|hat|haben|kann|können|gibt)\b/iu;

/**
 * A message in a help channel: a new forum post, or a question in a text channel, answered
 * in the post's thread (a thread started on the question in a text channel) when the answer
 * is sure enough; otherwise nothing is said. Returns false for a message that is not one.
 */
export async function handleHelpMessage(message: Message, ctx: BotContext): Promise<boolean> {
  if (message.author.bot || message.webhookId || !message.inGuild()) return false;
  const place = helpPlace(message, ctx);
  if (!place) return false;
  const question = message.content
    .replace(/<[@#][!&]?\d+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (place.channel.kind === 'text' && !QUESTION_FORM.test(question)) return true;
  if (!question || !withinRate(ctx, place.channel.channelId)) return true;
  const ui = detectLanguage(question);
  if (whyNotNow({ channelId: place.channel.channelId, userId: message.author.id }, ctx, ui)) return true;
  const claimed = ctx.core.claimHelpPost({
    threadId: place.threadId,
    channelId: place.channel.channelId,
    questionId: message.id,
    askerId: message.author.id,
  });
  if (!claimed) return true;
  ctx.state.inFlight++;
  try {
    const asker = { guildId: message.guildId, userId: message.author.id };
    const result = await askForMember(ctx, 'auto', question, { asker });
    if (result.outcome !== 'answered' || result.confidence < AUTO_ANSWER_THRESHOLD) {
      ctx.logger.info({ channelId: place.channel.channelId, confidence: confidenceOf(result) }, 'left to people');
      return true;
    }
    const thread = message.channel.isThread()
      ? message.channel
      : await message.startThread({ name: question.slice(0, THREAD_NAME_MAX) });
    const buttons = [helpButtons(place.channel, thread.id, result.language)];
    await postAnswer(ctx, result, asker, channelTarget(thread), {
      rows: buttons,
      // The thread is a conversation from here: a later message that mentions the bot continues it.
      beforeSend: (answerId) => {
        if (answerId === null) return;
        const where = { ...asker, channelId: place.channel.channelId, threadId: thread.id, isPrivate: false };
        ctx.core.startConversation(where, answerId, turnOf(result));
      },
    });
    ctx.core.helpPostAnswered(place.threadId);
  } finally {
    ctx.state.inFlight--;
  }
  return true;
}

/** Where a message stands in a help channel: a forum post's starter message, or a message in a text channel. */
function helpPlace(message: Message<true>, ctx: BotContext): { channel: HelpChannel; threadId: string } | null {
  const { channel } = message;
  if (channel.isThread()) {
    // A forum post's first message has the post's (the thread's) id; later messages are replies.
    if (channel.parent?.type !== ChannelType.GuildForum || message.id !== channel.id) return null;
    const forum = ctx.core.helpChannel(channel.parentId ?? '');
    return forum?.kind === 'forum' ? { channel: forum, threadId: channel.id } : null;
  }
  const text = ctx.core.helpChannel(channel.id);
  // A reply to someone is a conversation between members, not a question to the channel.
  if (text?.kind !== 'text' || message.reference) return null;
  // Discord gives a thread started on a message that message's id.
  return { channel: text, threadId: message.id };
}

function withinRate(ctx: BotContext, channelId: string): boolean {
  const now = Date.now();
  const recent = (ctx.helpRate.get(channelId) ?? []).filter((t) => now - t < 60_000);
  if (recent.length >= PER_CHANNEL_PER_MINUTE) {
    ctx.logger.info({ channelId }, 'automatic answers at their limit for this minute; question left to people');
    return false;
  }
  ctx.helpRate.set(channelId, [...recent, now]);
  return true;
}

/** "Ask a human" (when the channel has a helpers role) and "Solved", in the answer's language. */
function helpButtons(
  channel: HelpChannel,
  threadId: string,
  language: Language,
): APIActionRowComponent<APIButtonComponent> {
  const button = (
    kind: 'helpHuman' | 'helpSolved',
    label: string,
    style: ButtonStyle.Primary | ButtonStyle.Success,
  ): APIButtonComponent => ({
    type: ComponentType.Button,
    style,
    label,
    custom_id: customId({ kind, threadId }),
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      ...(channel.helpersRoleId ? [button('helpHuman', say('buttonAskHuman', language), ButtonStyle.Primary)] : []),
      button('helpSolved', say('buttonSolved', language), ButtonStyle.Success),
    ],
  };
}
