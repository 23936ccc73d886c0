import { startFakeDiscord } from '../helpers/fakeDiscord.js';

// The loopback Discord in a process of its own, driven over IPC by the bot benchmark, so that
// its HTTP server's work does not share the bot's event loop (a real Discord is elsewhere too).

type Command = { type: 'ask'; questions: string[] } | { type: 'report' } | { type: 'close' };

// `--shards N --guilds M`: recommend N shards and put the bot in M servers spread over them.
const arg = (name: string) => Number(process.argv[process.argv.indexOf(name) + 1] ?? 1);
const sharded = process.argv.includes('--shards');
const discord = await startFakeDiscord(sharded ? { shards: arg('--shards'), guilds: arg('--guilds') } : {});
const send = (message: unknown) => process.send?.(message);

let asked: string[] = [];
process.on('message', (command: Command) => {
  if (command.type === 'ask') {
    const users = Object.values(discord.users);
    // Round robin over the members and the servers: a burst spread over every shard.
    const { guildIds } = discord;
    asked = command.questions.map(
      (question, i) =>
        discord.slash(users[i % users.length]!, 'ask', { question }, { guildId: guildIds[i % guildIds.length]! }).id,
    );
    send({ type: 'asked', count: asked.length });
  } else if (command.type === 'report') {
    const records = asked.map((id) => {
      const r = discord.interactions.get(id)!;
      const edits = discord.calls.filter((c) => c.method === 'PATCH' && c.path.includes(r.token)).map((c) => c.at);
      return {
        sentAt: r.sentAt,
        callbackAt: r.callbackAt,
        lastEditAt: edits.at(-1) ?? null,
        finalised: r.edits.length > 0,
      };
    });
    send({
      type: 'report',
      records,
      connectedShards: discord.connectedShards().length,
      guilds: discord.guildIds.length,
    });
  } else if (command.type === 'close') {
    void discord.close().then(() => process.exit(0));
  }
});
send({ type: 'ready', api: discord.api, applicationId: discord.applicationId });
