import { startFakeDiscord } from '../helpers/fakeDiscord.js';

// The loopback Discord in a process of its own, driven over IPC by the bot benchmark, so that
// its HTTP server's work does not share the bot's event loop (a real Discord is elsewhere too).

type Command = { type: 'ask'; questions: string[] } | { type: 'report' } | { type: 'close' };

const discord = await startFakeDiscord();
const send = (message: unknown) => process.send?.(message);

let asked: string[] = [];
process.on('message', (command: Command) => {
  if (command.type === 'ask') {
    const users = Object.values(discord.users);
    asked = command.questions.map((question, i) => discord.slash(users[i % users.length]!, 'ask', { question }).id);
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
    send({ type: 'report', records });
  } else if (command.type === 'close') {
    void discord.close().then(() => process.exit(0));
  }
});
send({ type: 'ready', api: discord.api });
