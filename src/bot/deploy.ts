import { ConfigError, loadConfig } from '../config.js';
import { loadDotEnv } from '../loadDotEnv.js';
import { deployCommands } from './commands/deployCommands.js';
import { missingDiscordSettings } from './discordSettings.js';

// `npm run deploy-commands`: register /ask, /sources and /reload (in DISCORD_GUILD_ID if set, else globally).
async function deploy(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const missing = missingDiscordSettings(config);
  if (missing) throw new ConfigError(missing);
  const { scope, names } = await deployCommands({
    token: config.discord.token!,
    applicationId: config.discord.applicationId!,
    guildId: config.discord.guildId,
    apiUrl: config.discord.apiUrl,
  });
  process.stdout.write(`Registered ${names.map((n) => `/${n}`).join(', ')} in ${scope}.\n`);
  if (!config.discord.guildId) process.stdout.write('Global commands can take up to an hour to appear everywhere.\n');
}

deploy().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
