import { type APIGatewayBotInfo, Routes } from 'discord-api-types/v10';
import { REST } from 'discord.js';

/** What Discord says about running this bot: the shards it recommends, and identifies allowed per 5 s. */
export interface GatewayInfo {
  readonly shards: number;
  readonly maxConcurrency: number;
}

/** GET /gateway/bot (Discord's "Get Gateway Bot"), at the configured API (DISCORD_API_URL, else Discord's). */
export async function fetchGatewayInfo(token: string, apiUrl: string | undefined): Promise<GatewayInfo> {
  const rest = new REST({ ...(apiUrl ? { api: apiUrl } : {}), retries: 1, timeout: 15_000 }).setToken(token);
  const info = (await rest.get(Routes.gatewayBot())) as APIGatewayBotInfo;
  return { shards: info.shards, maxConcurrency: info.session_start_limit.max_concurrency };
}
