import { type Client, Events } from 'discord.js';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import { handleHelpMessage } from './handlers/helpChannel.js';
import { handleMention } from './handlers/mention.js';
import { routeInteraction } from './router.js';

/** Route interactions and mentions to the handlers; the work in flight, for a graceful stop. */
export function listen(client: Client, context: BotContext, logger: Logger): Set<Promise<void>> {
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  client.on(Events.InteractionCreate, (interaction) => track(routeInteraction(interaction, context)));
  client.on(Events.MessageCreate, (message) => {
    const botUserId = client.user?.id;
    if (!botUserId) return;
    const work = async () => {
      if (!(await handleHelpMessage(message, context))) await handleMention(message, context, botUserId);
    };
    track(
      work().catch((error: unknown) =>
        logger.error({ err: error, messageId: message.id, channelId: message.channelId }, 'message failed'),
      ),
    );
  });
  return pending;
}
