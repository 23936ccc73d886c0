import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/botHarness.js';

const embedOf = (message: APIMessage): APIEmbed => message.embeds[0]!;
const buttonIds = (message: APIMessage): string[] =>
  (message.components ?? []).flatMap((row) => ('components' in row ? row.components : []).map((c) => ('custom_id' in c ? c.custom_id : '')));

describe('the bot against a Discord on loopback', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('registers /ask, /sources and /reload in the guild, localized, with /reload hidden from non-moderators', () => {
    const commands = h.discord.commands.get(h.discord.guildId)!;
    expect(commands.map((c) => c.name)).toEqual(['ask', 'sources', 'reload']);
    expect(commands.find((c) => c.name === 'ask')).toMatchObject({ name_localizations: { de: 'frage' } });
    expect(commands.find((c) => c.name === 'reload')).toMatchObject({ default_member_permissions: '32' });
  });

  it('/ask defers at once, then edits in an embed with the answer and only the cited sources', async () => {
    const record = h.discord.slash(h.discord.users.member, 'ask', { question: 'why did Musk leave OpenAI' });
    const message = await h.answered(record);
    expect(record.callbackType).toBe(5);
    expect(record.callbackAt! - record.sentAt).toBeLessThan(3_000);
    const embed = embedOf(message);
    expect(embed.title).toBe('why did Musk leave OpenAI');
    expect(embed.description).toMatch(/\[1\]/);
    const cited = new Set([...embed.description!.matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
    const sourceLines = embed.fields!.flatMap((f) => f.value.split('\n'));
    expect(sourceLines).toHaveLength(cited.size);
    expect(sourceLines[0]).toMatch(/^\[1\] (\[.+\]\(<https:\/\/.+>\)|.+) — .+ · (EN|DE)$/);
    expect(embed.footer!.text).toMatch(/^Quoted from the articles · corpus [0-9a-f]{12}$/);
    expect(buttonIds(message)).toEqual([expect.stringMatching(/^quotes:\d+$/), expect.stringMatching(/^vote:\d+:up$/), expect.stringMatching(/^vote:\d+:down$/)]);
    for (const edit of record.edits) expect(edit.allowed_mentions).toEqual({ parse: [] });
  });
});
