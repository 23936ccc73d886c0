import type { APIActionRowComponent, APIButtonComponent } from 'discord-api-types/v10';
import type { AskResult } from '../answer/types.js';
import type { BotContext } from './context.js';
import { answerMessage } from './format/answerMessage.js';
import { quietly } from './reply.js';

/** A channel or thread the bot can send to. */
interface Sendable {
  readonly id: string;
  send(payload: ReturnType<typeof quietly<ReturnType<typeof answerMessage>>>): Promise<{ id: string }>;
}

/**
 * Post an answer as a message in a channel or thread (a mention's reply, an automatic answer):
 * kept for its buttons when it cites anything, sent with mentions disabled, linked to its
 * message. Returns the posted answer's id (null when it has no buttons) and the message's id.
 */
export async function postAnswerToChannel(
  ctx: BotContext,
  channel: Sendable,
  result: AskResult,
  asker: { guildId: string | null; userId: string },
  extraRows: APIActionRowComponent<APIButtonComponent>[] = [],
): Promise<{ answerId: number | null; messageId: string }> {
  const answerId =
    result.answered && result.citations.length > 0
      ? ctx.core.savePostedAnswer({ ...asker, channelId: channel.id, isPrivate: false, result })
      : null;
  const message = answerMessage(result, answerId);
  const sent = await channel.send(quietly({ ...message, components: [...message.components, ...extraRows] }));
  if (answerId !== null) ctx.core.answerPosted(answerId, sent.id);
  return { answerId, messageId: sent.id };
}
