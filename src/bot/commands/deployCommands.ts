import { REST } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { COMMANDS } from './definitions.js';
import { saveAnswerCommand } from './autoreplyCommand.js';

export interface DeployTarget {
  readonly token: string;
  readonly applicationId: string;
  /** Register in this server only (instant, for testing); otherwise globally. */
  readonly guildId?: string | undefined;
  /** Another API base (a proxy, or a loopback fake in tests). */
  readonly apiUrl?: string | undefined;
}

/**
 * Replace the application's commands with COMMANDS (a bulk overwrite, so a removed command
 * disappears too). Returns the names Discord confirmed and where they went.
 */
export async function deployCommands(target: DeployTarget): Promise<{ scope: string; names: string[] }> {
  const rest = new REST({ version: '10', ...(target.apiUrl ? { api: target.apiUrl } : {}) }).setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const registered = (await rest.put(route, { body: [...COMMANDS, saveAnswerCommand] })) as { name: string }[];
  return {
    scope: target.guildId ? `server ${target.guildId}` : 'all servers (global)',
    names: registered.map((c) => c.name),
  };
}
