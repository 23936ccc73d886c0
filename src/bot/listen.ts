import { type Client, Events, type Message } from 'discord.js';
import { say } from '../i18n/words.js';
import { detectLanguage } from '../text/detectLanguage.js';
import type { BotContext } from './context.js';
import { newErrorId } from './errorId.js';
import { handleHelpMessage } from './handlers/helpChannel.js';
import { handleMention } from './handlers/mention.js';
import { quietly } from './reply.js';
import { routeInteraction } from './router.js';

/** Route interactions and mentions to the handlers; the work in flight, for a graceful stop. */
export function listen(client: Client, context: BotContext): Set<Promise<void>> {
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  client.on(Events.InteractionCreate, (interaction) => track(routeInteraction(interaction, context)));
  client.on(Events.MessageCreate, (message) => {
    const botUserId = client.user?.id;
    if (botUserId) track(routeMessage(message, context, botUserId));
  });
  return pending;
}

/**
 * The one entry for messages, as `routeInteraction` is for interactions: whatever fails is
 * logged with an error id; a member who mentioned the bot is told that id in the thread. A
 * help-channel post nobody addressed to the bot gets nothing: the bot stays out of the way.
 */
async function routeMessage(message: Message, shared: BotContext, botUserId: string): Promise<void> {
  const logger = shared.logger.child({ messageId: message.id, channelId: message.channelId });
  const ctx: BotContext = { ...shared, logger };
  let addressed = false;
  try {
    if (await handleHelpMessage(message, ctx)) return;
    addressed = message.mentions.users.has(botUserId);
    await handleMention(message, ctx, botUserId);
  } catch (error) {
    const errorId = newErrorId();
    const where = { errorId, userId: message.author.id };
    logger.error({ ...where, err: error }, 'message failed');
    if (!addressed || !message.channel.isSendable()) return;
    const content = say('error', detectLanguage(message.content), { id: errorId });
    await message.channel.send(quietly({ content })).catch((replyError: unknown) => {
      logger.warn({ errorId, err: replyError }, 'could not tell the member about the failure');
    });
  }
}
