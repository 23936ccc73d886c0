import { say } from '../i18n/words.js';
import type { Language } from '../text/languages.js';
import type { BotContext } from './context.js';

/**
 * The one admission of every question, whatever brought it (/ask, a follow-up, a mention, a
 * help channel): the bot is not shutting down, the channel is allowed, a slot is free and the
 * member's cooldown has passed.
 */
/** Why this question cannot be taken now, or null. A thread counts as its parent channel. */
export function whyNotNow(asker: { channelId: string; userId: string }, ctx: BotContext, ui: Language): string | null {
  const { settings, state } = ctx;
  if (state.shuttingDown) return say('shuttingDown', ui);
  if (settings.allowedChannelIds.length > 0 && !settings.allowedChannelIds.includes(asker.channelId)) {
    const channels = settings.allowedChannelIds.map((id) => `<#${id}>`).join(', ');
    return say('wrongChannel', ui, { channels });
  }
  if (state.inFlight >= settings.maxQuestionsInFlight) return say('busy', ui);
  const turn = ctx.cooldown.take(asker.userId);
  // <t:…:R> renders as "in 7 seconds" in the reader's own language and time zone.
  if (!turn.ok) return say('cooldown', ui, { when: `<t:${Math.ceil(turn.retryAt / 1000)}:R>` });
  return null;
}
