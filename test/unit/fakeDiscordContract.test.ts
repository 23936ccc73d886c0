import { readFileSync } from 'node:fs';
import { GatewayOpcodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeDiscord, startFakeDiscord } from '../helpers/fakeDiscord.js';

// The loopback Discord stands in for Discord in every bot test: these tests pin what it sends
// to the shape of what Discord sends (test/fixtures/discord), so that the bot is not tested
// against a Discord of our own invention.

const recorded = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/discord/${name}`, import.meta.url), 'utf8')) as unknown;

/** Keys Discord's reference marks nullable: a channel outside a category, or with no message yet, has null. */
const NULLABLE = new Set(['parent_id', 'last_message_id']);

/** Where `actual` lacks a key of `expected`, or holds a value of another JSON type. A null in `expected` takes any value. */
function shapeDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (expected === null || (actual === null && NULLABLE.has(path.split('.').at(-1) ?? ''))) return [];
  if (kind(expected) !== kind(actual)) return [`${path}: ${kind(actual)} where Discord sends ${kind(expected)}`];
  if (Array.isArray(expected))
    return expected.length > 0 && (actual as unknown[]).length > 0
      ? shapeDifferences(expected[0], (actual as unknown[])[0], `${path}[0]`)
      : [];
  if (kind(expected) !== 'object') return [];
  return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
    key in (actual as object)
      ? shapeDifferences(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
      : [`${path}.${key}: missing`],
  );
}

let discord: FakeDiscord;
let socket: WebSocket;
const dispatches: { t: string; d: Record<string, unknown> }[] = [];

beforeAll(async () => {
  discord = await startFakeDiscord();
  // A bare gateway client: the fake's own payloads, as a bot would receive them.
  socket = new WebSocket(discord.api.replace(/^http/, 'ws').replace(/\/api$/, ''));
  socket.on('message', (data: Buffer) => {
    const payload = JSON.parse(data.toString()) as { op: GatewayOpcodes; t?: string; d: Record<string, unknown> };
    if (payload.op === GatewayOpcodes.Dispatch && payload.t) dispatches.push({ t: payload.t, d: payload.d });
  });
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: 't', intents: 1, properties: {} } }));
  await discord.ready;
});

afterAll(async () => {
  socket.close();
  await discord.close();
});

describe('the loopback Discord speaks like Discord', () => {
  it('a slash command arrives as Discord sends one, key for key and type for type', async () => {
    discord.slash(discord.users.member, 'ask', { question: 'why did Musk leave OpenAI' });
    const sent = await discord.waitFor(() => dispatches.find((d) => d.t === 'INTERACTION_CREATE'), 5_000);
    expect(shapeDifferences(recorded('interaction-create-slash-command.json'), sent.d)).toEqual([]);
  });

  it('the check finds a key the fake left out or sent with another type', () => {
    const payload = recorded('interaction-create-slash-command.json') as Record<string, unknown>;
    const { entitlements: _gone, ...withoutOne } = payload;
    expect(shapeDifferences(payload, withoutOne)).toEqual(['$.entitlements: missing']);
    expect(shapeDifferences(payload, { ...payload, version: '1' })).toEqual([
      '$.version: string where Discord sends number',
    ]);
  });
});
