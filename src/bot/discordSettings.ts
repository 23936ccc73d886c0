import type { Config } from '../config.js';

/** The sentence that says where to get a missing Discord credential, or null when both are set. */
export function missingDiscordSettings(config: Config): string | null {
  const missing: string[] = [];
  if (!config.discord.token) {
    missing.push(
      'DISCORD_TOKEN is not set: in the Discord Developer Portal (https://discord.com/developers/applications) open your application, go to Bot, press "Reset Token" and put the token in .env as DISCORD_TOKEN=…',
    );
  }
  if (!config.discord.applicationId) {
    missing.push(
      'DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information page of the same application into .env.',
    );
  }
  return missing.length > 0 ? missing.join('\n') : null;
}
