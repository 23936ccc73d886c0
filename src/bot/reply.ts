import { MessageFlags } from 'discord.js';

/** Never ping anyone: not @everyone, roles or users, whatever an answer or a question contains. */
export const NO_MENTIONS = { parse: [] as [] };

/** Options for a private (ephemeral) reply that pings nobody. */
export function privately<T extends object>(payload: T) {
  return { ...payload, flags: MessageFlags.Ephemeral as const, allowedMentions: NO_MENTIONS };
}

/** Options for a message or edit that pings nobody. */
export function quietly<T extends object>(payload: T) {
  return { ...payload, allowedMentions: NO_MENTIONS };
}
