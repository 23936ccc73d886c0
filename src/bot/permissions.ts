import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';

/**
 * Whether the member who ran the command may use moderator commands: Manage Server, or a
 * role listed in MODERATOR_ROLE_IDS. Checked at run time because server admins can make a
 * command visible to anyone in the integration settings.
 */
export function isModerator(interaction: ChatInputCommandInteraction, moderatorRoleIds: readonly string[]): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member?.roles;
  if (!roles) return false;
  // An uncached member arrives as raw API data (role ids); a cached one has a role manager.
  const roleIds: readonly string[] = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return roleIds.some((id) => moderatorRoleIds.includes(id));
}
