import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { BaseInteraction } from 'discord.js';

/**
 * Whether the member who ran the command (or clicked its button) may use moderator commands: Manage Server, or a
 * role listed in MODERATOR_ROLE_IDS. Checked at run time because server admins can make a
 * command visible to anyone in the integration settings.
 */
export function isModerator(
  interaction: Pick<BaseInteraction, 'memberPermissions' | 'member'>,
  moderatorRoleIds: readonly string[],
): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member?.roles;
  if (!roles) return false;
  // An uncached member arrives as raw API data (role ids); a cached one has a role manager.
  const roleIds: readonly string[] = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return roleIds.some((id) => moderatorRoleIds.includes(id));
}

/** Where a button was clicked, and by whom. */
export interface Clicker {
  readonly guildId: string | null;
  readonly channelId: string | null;
  readonly userId: string;
}

/**
 * Whether a member who clicked an answer's button may see that answer: a button id names
 * an answer by number, and a crafted click can name any number. A private answer is its
 * asker's alone; a public one is seen in the channel it was posted in.
 */
export function maySeeAnswer(answer: Clicker & { readonly isPrivate: boolean }, clicker: Clicker): boolean {
  if (answer.isPrivate) return answer.userId === clicker.userId;
  return answer.guildId === clicker.guildId && answer.channelId === clicker.channelId;
}
