import { GatewayIntentBits, type APIMessage } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/botHarness.js';

// Issue 24: the bot answers on its own in help channels, stays quiet when unsure, calls the
// helpers once when asked, and marks a question solved.
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const reply = async (harness: Harness, record: ReturnType<Harness['discord']['slash']>) =>
  (await harness.discord.waitFor(() => record.original, 10_000, 'the reply')).content;

function button(message: APIMessage, label: RegExp): { custom_id: string; label: string } {
  for (const row of message.components ?? [])
    for (const c of (row as { components: { custom_id?: string; label?: string }[] }).components)
      if (c.label && label.test(c.label) && c.custom_id) return { custom_id: c.custom_id, label: c.label };
  throw new Error(`no button ${label}`);
}

async function enableForum(harness: Harness, helpers = true): Promise<void> {
  const { discord } = harness;
  const record = discord.slash(
    discord.users.moderator,
    'autoreply',
    { solved_tag: 'Solved' },
    {
      subcommand: 'on',
      channels: { channel: discord.forumChannelId },
      ...(helpers ? { roles: { helpers: discord.helpersRoleId } } : {}),
    },
  );
  expect(await reply(harness, record)).toMatch(/^I will answer questions in <#\d+> on my own/);
  expect(record.callbackFlags & 64).toBe(64);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

describe('help channels without the Message Content intent', () => {
  it('identifies without the privileged intent, and /autoreply on says what to enable instead of pretending', async () => {
    h = await startHarness();
    expect(h.discord.intents() & GatewayIntentBits.MessageContent).toBe(0);
    const record = h.discord.slash(
      h.discord.users.moderator,
      'autoreply',
      {},
      { subcommand: 'on', channels: { channel: h.discord.forumChannelId } },
    );
    expect(await reply(h, record)).toMatch(/Message Content Intent.*Developer Portal.*DISCORD_MESSAGE_CONTENT=true/s);
    const listed = h.discord.slash(h.discord.users.moderator, 'autoreply', {}, { subcommand: 'list' });
    expect(await reply(h, listed)).toBe('I answer on my own in no channel.');
  });
});

describe('a help forum', () => {
  it('answers a new post once in its thread, with citations and both buttons; stays quiet when unsure or off-topic', async () => {
    h = await startHarness({ settings: { messageContent: true } });
    expect(h.discord.intents() & GatewayIntentBits.MessageContent).toBe(GatewayIntentBits.MessageContent);
    const { discord } = h;
    // Nothing before the forum is enabled.
    const early = discord.forumPost(discord.users.member, 'Donation', 'How much did Musk donate to OpenAI?');
    await settle();
    expect(discord.channelMessages.get(early)).toBeUndefined();

    await enableForum(h);
    const post = discord.forumPost(discord.users.member, 'Donation', 'How much did Musk donate to OpenAI?');
    const [answer] = await discord.waitFor(() => discord.channelMessages.get(post), 15_000, 'the answer');
    const text = JSON.stringify(answer!.embeds);
    expect(text).toMatch(/\[1\]/);
    expect(text).toMatch(/https?:\/\//);
    expect(button(answer!, /human/i).label).toBe('Ask a human');
    expect(button(answer!, /Solved/).label).toBe('Solved');
    expect((answer as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    // A later message in the post is a reply, not a new question; one that mentions the bot continues.
    discord.message(discord.users.other, post, 'How much did Musk donate to OpenAI?');
    discord.message(discord.users.member, post, `<@${discord.applicationId}> and when was that?`, { mentionBot: true });
    const followUp = await discord.waitFor(() => discord.channelMessages.get(post)?.[1], 15_000, 'the follow-up');
    expect(JSON.stringify(followUp.embeds)).toMatch(/2015/);
    for (const question of ['What is the capital of France?', 'when did altman get married']) {
      const quiet = discord.forumPost(discord.users.member, 'x', question);
      await settle();
      expect(discord.channelMessages.get(quiet)).toBeUndefined();
    }
    expect(discord.channelMessages.get(post)).toHaveLength(2);
    // What it left to people is in /insights; what it answered is not.
    const left = h.core.insights({ guildId: discord.guildId, days: 1 }).leftToPeople.map((p) => p.threadId);
    expect(left).toHaveLength(2);
    expect(left).not.toContain(post);
  });

  it('Ask a human mentions the helpers once, only their role allowed; Solved tags the post for its author only', async () => {
    h = await startHarness({ settings: { messageContent: true } });
    const { discord } = h;
    await enableForum(h);
    const post = discord.forumPost(discord.users.member, 'Donation', 'How much did Musk donate to OpenAI?');
    const [answer] = await discord.waitFor(() => discord.channelMessages.get(post), 15_000, 'the answer');

    const stranger = discord.click(discord.users.other, button(answer!, /human/i).custom_id, answer!);
    expect((await discord.waitFor(() => stranger.original, 10_000)).content).toMatch(/Only the member who asked/);
    const asked = discord.click(discord.users.member, button(answer!, /human/i).custom_id, answer!);
    expect((await discord.waitFor(() => asked.original, 10_000)).content).toBe('The helpers have been called.');
    const ping = await discord.waitFor(() => discord.channelMessages.get(post)?.[1], 10_000, 'the ping');
    expect(ping.content).toContain(`<@&${discord.helpersRoleId}>`);
    expect((ping as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
      parse: [],
      roles: [discord.helpersRoleId],
    });
    const again = discord.click(discord.users.member, button(answer!, /human/i).custom_id, answer!);
    expect((await discord.waitFor(() => again.original, 10_000)).content).toMatch(/already called/);
    expect(discord.channelMessages.get(post)).toHaveLength(2);

    const notTheirs = discord.click(discord.users.other, button(answer!, /Solved/).custom_id, answer!);
    expect((await discord.waitFor(() => notTheirs.original, 10_000)).content).toMatch(/Only the member who asked/);
    expect(discord.channelEdits.get(post)).toBeUndefined();
    const solved = discord.click(discord.users.member, button(answer!, /Solved/).custom_id, answer!);
    expect((await discord.waitFor(() => solved.original, 10_000)).content).toBe('Marked as solved.');
    expect(discord.channelEdits.get(post)?.[0]).toMatchObject({ applied_tags: [discord.solvedTagId] });
  });
});

describe('a help text channel', () => {
  it('answers a question in a thread started on it, and leaves chatter, replies and bots alone', async () => {
    h = await startHarness({ settings: { messageContent: true } });
    const { discord } = h;
    const record = discord.slash(
      discord.users.moderator,
      'autoreply',
      {},
      { subcommand: 'on', channels: { channel: discord.otherChannelId } },
    );
    expect(await reply(h, record)).toMatch(/^I will answer questions/);
    for (const text of ['thanks!', 'lol']) discord.message(discord.users.member, discord.otherChannelId, text);
    const question = discord.message(
      discord.users.member,
      discord.otherChannelId,
      'How much did Musk donate to OpenAI?',
    );
    discord.message(discord.users.other, discord.otherChannelId, 'How much did Musk donate to OpenAI?', {
      replyTo: question,
    });
    discord.message(discord.users.other, discord.otherChannelId, 'How much did Musk donate to OpenAI?', { bot: true });
    const [answer] = await discord.waitFor(() => discord.channelMessages.get(question), 15_000, 'the answer');
    expect(discord.threads.get(question)).toMatchObject({ parentId: discord.otherChannelId });
    expect(JSON.stringify(answer!.embeds)).toMatch(/\[1\]/);
    expect(() => button(answer!, /human/i)).toThrow(); // no helpers role set
    await settle();
    expect([...discord.threads.keys()]).toEqual([question]);

    const solved = discord.click(discord.users.member, button(answer!, /Solved/).custom_id, answer!);
    expect((await discord.waitFor(() => solved.original, 10_000)).content).toBe('Marked as solved.');
    expect(discord.reactions).toContain(`${discord.otherChannelId}/${question}/✅`);
    expect(discord.channelEdits.get(question)?.at(-1)).toMatchObject({ archived: true });

    const off = discord.slash(
      discord.users.moderator,
      'autoreply',
      {},
      { subcommand: 'off', channels: { channel: discord.otherChannelId } },
    );
    expect(await reply(h, off)).toMatch(/no longer answer/);
    const after = discord.message(discord.users.member, discord.otherChannelId, 'How much did Musk donate to OpenAI?');
    await settle();
    expect(discord.threads.has(after)).toBe(false);
  });
});

describe('Save as answer', () => {
  it('a moderator saves a helper’s reply; the next /ask cites the Discord message; the helper’s deletion removes it', async () => {
    h = await startHarness({ settings: { messageContent: true } });
    const { discord } = h;
    await enableForum(h);
    const question = 'When will Merge Labs ship its brain interface to patients?';
    const post = discord.forumPost(discord.users.member, 'Merge Labs timeline', question);
    await settle();
    expect(discord.channelMessages.get(post)).toBeUndefined(); // the articles do not answer it: left to people
    const answerText =
      'Merge Labs has said its brain interface will reach the first patients in 2027, after clinical trials.';
    const replyId = discord.message(discord.users.other, post, answerText);
    const link = `https://discord.com/channels/${discord.guildId}/${post}/${replyId}`;
    const before = await h.answered(discord.slash(discord.users.member, 'ask', { question }));
    expect(JSON.stringify(before)).not.toContain(link);

    const denied = discord.messageCommand(discord.users.member, 'Save as answer', {
      id: replyId,
      channelId: post,
      author: discord.users.other,
      content: answerText,
    });
    expect((await discord.waitFor(() => denied.original, 10_000)).content).toMatch(/^Only moderators/);
    const saved = discord.messageCommand(discord.users.moderator, 'Save as answer', {
      id: replyId,
      channelId: post,
      author: discord.users.other,
      content: answerText,
    });
    const preview = await discord.waitFor(() => (saved.edits.length > 0 ? saved.original : null), 10_000, 'preview');
    expect(JSON.stringify(preview.embeds)).toContain('answer by a helper in #help');
    expect(JSON.stringify(preview.embeds)).toContain(link);
    const add = (preview.components ?? [])
      .flatMap((row) => (row as { components: { custom_id?: string; label?: string }[] }).components)
      .find((c) => /^(Add|Save|Confirm)$/.test(c.label ?? ''))!;
    const clicked = discord.click(discord.users.moderator, add.custom_id!, preview);
    await discord.waitFor(() => (clicked.callbackType !== null ? clicked : null), 15_000, 'the add');
    await discord.waitFor(() => (h!.core.sources().articles.length === 6 ? true : null), 15_000, 'the reload');

    const after = await h.answered(discord.slash(discord.users.member, 'ask', { question }));
    expect(JSON.stringify(after.embeds)).toContain(link);

    // The helper deletes their data: their saved answer leaves the articles.
    const privacy = discord.slash(discord.users.other, 'privacy');
    const shown = await discord.waitFor(() => privacy.original, 10_000, 'the privacy notice');
    const deleteId = (shown.components ?? [])
      .flatMap((row) => (row as { components: { custom_id?: string }[] }).components)
      .find((c) => c.custom_id === 'privacyDelete')!.custom_id!;
    discord.click(discord.users.other, deleteId, shown);
    await discord.waitFor(() => (h!.core.sources().articles.length === 5 ? true : null), 15_000, 'the removal');
  });
});
