import type { APIActionRowComponent, APIButtonComponent } from 'discord-api-types/v10';
import type { AskOptions } from '../core.js';
import { type AskResult, confidenceOf } from '../answer/types.js';
import type { BotContext } from './context.js';
import { answerMessage } from './format/answerMessage.js';
import type { MessagePayload } from './format/embeds.js';
import type { Surface } from './metrics.js';
import { quietly } from './reply.js';

/** Who asked, for the answer log, budgets, posted answers and deletion. */
export interface Asker {
  readonly guildId: string | null;
  readonly userId: string;
}

/**
 * Where an answer goes: the member's deferred reply (edited), or a new message in a channel or
 * thread. `send` returns the message's id, or null when the message cannot be linked to (an
 * ephemeral reply).
 */
export interface AnswerTarget {
  readonly channelId: string;
  readonly isPrivate: boolean;
  send(payload: ReturnType<typeof quietly<MessagePayload>>): Promise<string | null>;
}

/**
 * Ask the core for a member, counted in the metrics. A failure inside the core (a damaged
 * index, a bug) is thrown, so that every surface reaches its one error boundary, which logs it
 * with an error id.
 */
export async function askForMember(
  ctx: BotContext,
  surface: Surface,
  question: string,
  options: AskOptions & { asker: Asker },
): Promise<AskResult> {
  const started = performance.now();
  const result = await ctx.core.ask(question, options);
  ctx.metrics?.answered(surface, result, (performance.now() - started) / 1000);
  if (result.outcome === 'failed') throw new Error(`answering failed (${result.failure})`);
  return result;
}

/**
 * The one way an answer reaches Discord, whatever the surface (/ask, a follow-up, a mention,
 * an automatic answer): an answer that cites anything is kept first, so that its buttons
 * (quotes, feedback, follow-up) have an id; the message goes out with mentions disabled; the
 * kept answer is linked to its message for /insights; one log line says what was posted.
 */
export async function postAnswer(
  ctx: BotContext,
  result: AskResult,
  asker: Asker,
  target: AnswerTarget,
  extras: {
    readonly rows?: readonly APIActionRowComponent<APIButtonComponent>[];
    /** Runs once the answer is kept and before it is sent: a conversation's turn, visible to a quick next question. */
    readonly beforeSend?: (answerId: number | null) => void;
  } = {},
): Promise<{ answerId: number | null; messageId: string | null }> {
  const { channelId, isPrivate } = target;
  const answerId =
    result.outcome === 'answered' && result.citations.length > 0
      ? ctx.core.savePostedAnswer({ ...asker, channelId, isPrivate, result })
      : null;
  extras.beforeSend?.(answerId);
  const message = answerMessage(result, answerId);
  const components = [...message.components, ...(extras.rows ?? [])];
  const messageId = await target.send(quietly({ ...message, components }));
  if (answerId !== null && messageId !== null && !isPrivate) ctx.core.answerPosted(answerId, messageId);
  const { outcome } = result;
  ctx.logger.info(
    { ...asker, channelId, outcome, confidence: confidenceOf(result), answerId, messageId },
    'answer posted',
  );
  return { answerId, messageId };
}

/** A target that sends a new message to a channel or thread. */
export function channelTarget(channel: {
  readonly id: string;
  send(payload: ReturnType<typeof quietly<MessagePayload>>): Promise<{ id: string }>;
}): AnswerTarget {
  return { channelId: channel.id, isPrivate: false, send: async (payload) => (await channel.send(payload)).id };
}
