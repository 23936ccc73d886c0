import { describe, expect, it } from 'vitest';
import { fetchGatewayInfo } from '../../src/bot/sharding/gatewayInfo.js';
import { BOT_TOKEN } from '../helpers/botHarness.js';
import { startFakeDiscord } from '../helpers/fakeDiscord.js';

// SHARDS=auto: the count is Discord's recommendation from GET /gateway/bot, asked of the configured API.
describe('the shard count Discord recommends', () => {
  it('is read from /gateway/bot with the bot token, with the identifies allowed at once', async () => {
    const discord = await startFakeDiscord({ shards: 3 });
    try {
      expect(await fetchGatewayInfo(BOT_TOKEN, discord.api)).toEqual({ shards: 3, maxConcurrency: 3 });
      const asked = discord.calls.filter((c) => c.path === '/gateway/bot');
      expect(asked).toHaveLength(1);
    } finally {
      await discord.close();
    }
  });
});
