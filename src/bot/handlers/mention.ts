import type { Message } from 'discord.js';
import { detectLanguage } from '../../text/detectLanguage.js';
import { say } from '../../i18n/words.js';
import type { BotContext } from '../context.js';
import { askForMember, channelTarget, postAnswer } from '../answerForMember.js';
import { quietly } from '../reply.js';
import { whyNotNow } from '../admission.js';
import { isClosed, turnOf } from './followUp.js';

/**
 * A message that mentions the bot in a conversation's thread continues the conversation.
 * Discord fills in `content` for messages that mention the app even without the privileged
 * Message Content intent (its gateway docs), so the bot needs only GuildMessages. Threads the
 * bot did not start, and messages without a mention, are left alone.
 */
export async function handleMention(message: Message, ctx: BotContext, botUserId: string): Promise<void> {
  if (message.author.bot || !message.inGuild() || !message.channel.isThread()) return;
  if (!message.mentions.users.has(botUserId)) return;
  const conversation = ctx.core.conversationOfThread(message.channelId);
  if (!conversation || conversation.isPrivate) return;
  const question = message.content
    .replace(/<@!?\d+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // No member locale comes with a message: the question's own language, else the server's.
  const ui = question ? detectLanguage(question) : message.guild.preferredLocale.startsWith('de') ? 'de' : 'en';
  const refusal = !question
    ? say('followUpEmpty', ui)
    : isClosed(conversation, ctx)
      ? say('followUpClosed', ui, { hours: ctx.settings.followUpHours })
      : whyNotNow({ channelId: message.channel.parentId ?? '', userId: message.author.id }, ctx, ui);
  // Sent to the thread, not as a reply: a reply references a message, which needs Read Message
  // History, a permission the bot otherwise does not ask for.
  if (refusal) {
    await message.channel.send(quietly({ content: refusal }));
    return;
  }
  ctx.state.inFlight++;
  try {
    await message.channel.sendTyping().catch(() => undefined);
    const asker = { guildId: message.guildId, userId: message.author.id };
    const result = await askForMember(ctx, 'mention', question, { history: conversation.turns, asker });
    await postAnswer(ctx, result, asker, channelTarget(message.channel), {
      beforeSend: (answerId) => {
        if (result.outcome === 'answered')
          ctx.core.addConversationTurn(conversation.id, asker.userId, turnOf(result), answerId ?? undefined);
      },
    });
  } finally {
    ctx.state.inFlight--;
  }
}
