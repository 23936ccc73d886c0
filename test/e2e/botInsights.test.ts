import type { APIMessage } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/botHarness.js';
import type { FakeUser } from '../helpers/fakeDiscord.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function buttonId(message: APIMessage, pattern: RegExp): string {
  for (const row of message.components ?? [])
    for (const c of (row as { components: { custom_id?: string }[] }).components)
      if (c.custom_id && pattern.test(c.custom_id)) return c.custom_id;
  throw new Error(`no button matching ${pattern}`);
}

async function ask(harness: Harness, user: FakeUser, question: string): Promise<APIMessage> {
  return harness.answered(harness.discord.slash(user, 'ask', { question }));
}

describe('options from Discord are checked again (issue 21, item 14)', () => {
  it('a forged /insights days:999999 (declared 1–365) is refused privately and runs nothing', async () => {
    h = await startHarness();
    const { moderator, member } = h.discord.users;
    const forged = h.discord.slash(moderator, 'insights', { days: 999_999 });
    const reply = await h.discord.waitFor(() => forged.original, 10_000, 'the refusal');
    expect(reply.content).toMatch(/^That command came with a value it does not accept \(option "days" is above 365\)/);
    expect(forged.callbackFlags & 64).toBe(64);
    expect(forged.edits).toHaveLength(0);
    const long = h.discord.slash(member, 'ask', { question: 'x'.repeat(301) });
    expect((await h.discord.waitFor(() => long.original, 10_000, 'the refusal')).content).toMatch(/is too long/);
    const fine = h.discord.slash(moderator, 'insights', { days: 365 });
    await h.discord.waitFor(() => (fine.edits.length > 0 ? fine.original : null), 15_000, 'insights');
  });
});

describe('feedback and /insights', () => {
  it('a 👎 with a reason reaches /insights with the reason and a link to the answer', async () => {
    h = await startHarness();
    const { member, other, moderator } = h.discord.users;
    const answer = await ask(h, member, 'why did Musk leave OpenAI');
    await ask(h, other, 'What is the capital of France?');
    await ask(h, other, 'what is the capital of france');
    await ask(h, member, 'recommend me a good pizza place in san francisco');

    const down = h.discord.click(member, buttonId(answer, /^vote:\d+:down$/), answer);
    const modal = await h.discord.waitFor(() => down.modal, 10_000, 'the feedback modal');
    expect(JSON.stringify(modal)).toContain('What was wrong?');
    const submitted = h.discord.submitModal(
      member,
      (modal as { custom_id: string }).custom_id,
      { reason: ['sources-bad'], comment: 'The second source is an opinion piece' },
      answer,
    );
    expect((await h.discord.waitFor(() => submitted.original, 10_000)).content).toMatch(/^Thanks, your 👎 is recorded/);
    await h.discord.waitFor(
      () => h!.db.prepare("SELECT 1 FROM feedback WHERE reason = 'sources-bad'").get(),
      5_000,
      'the stored reason',
    );

    const denied = h.discord.slash(member, 'insights');
    expect((await h.discord.waitFor(() => denied.original, 10_000)).content).toMatch(
      /^Only moderators can see insights/,
    );

    const record = h.discord.slash(moderator, 'insights', { days: 7 });
    const report = await h.discord.waitFor(
      () => (record.edits.length > 0 ? record.original : null),
      15_000,
      'insights',
    );
    expect(record.callbackType).toBe(5);
    expect(record.callbackFlags & 64).toBe(64);
    const text = JSON.stringify([report, ...record.followUps]);
    const [summary] = report.embeds;
    expect(summary!.title).toBe('Insights: the last 7 days');
    expect(Object.fromEntries(summary!.fields!.map((f) => [f.name, f.value]))).toMatchObject({
      Asked: '4',
      Answered: '1',
      'Not covered': '3',
      Votes: '👍 0 · 👎 1 (0 % 👍)',
    });
    // The chart travels as a PNG attachment that the embed shows.
    expect(summary!.image?.url).toBe('attachment://answers-per-day.png');
    expect((record.edits.at(-1) as { attachments?: { filename: string }[] }).attachments).toEqual([
      expect.objectContaining({ filename: 'answers-per-day.png' }),
    ]);
    // The same question in two wordings counts once, with both.
    expect(text).toMatch(/\*\*2×\*\* [Ww]hat is the capital of [Ff]rance\?? \(\+1\)/);
    expect(text).toContain('**1×** recommend me a good pizza place in san francisco');
    const link = `https://discord.com/channels/${h.discord.guildId}/${h.discord.channelId}/${answer.id}`;
    expect(text).toContain(`[why did Musk leave OpenAI](${link})`);
    expect(text).toContain('The sources are bad');
    expect(text).toContain('The second source is an opinion piece');
  });
});

describe('/privacy', () => {
  it('shows a member what is kept, and their deletion leaves no row with their id in any table', async () => {
    h = await startHarness();
    const { member, other } = h.discord.users;
    const answer = await ask(h, member, 'why did Musk leave OpenAI');
    await ask(h, member, 'What is the capital of France?');
    const theirs = await ask(h, other, 'why did Musk leave OpenAI?');
    h.discord.click(member, buttonId(answer, /^vote:\d+:up$/), answer);
    h.discord.click(member, buttonId(theirs, /^vote:\d+:up$/), theirs);
    await h.discord.waitFor(() => h!.db.prepare('SELECT count(*) FROM feedback').pluck().get() === 2, 5_000, 'votes');
    // A conversation the member started, continued by another member: its rows hold the member's id too.
    const click = h.discord.click(member, buttonId(answer, /^followUp:/), answer);
    const modal = await h.discord.waitFor(() => click.modal, 10_000, 'the follow-up modal');
    const asked = h.discord.submitModal(
      member,
      (modal as { custom_id: string }).custom_id,
      { question: 'when was that?' },
      answer,
    );
    await h.discord.waitFor(() => asked.edits.length > 0, 15_000, 'the follow-up');
    const thread = [...h.discord.threads.keys()][0]!;
    h.discord.message(other, thread, `<@${h.discord.applicationId}> and who replaced him?`, { mentionBot: true });
    await h.discord.waitFor(
      () => h!.db.prepare('SELECT count(*) FROM conversation_turns').pluck().get() === 3,
      15_000,
      'turns',
    );

    const record = h.discord.slash(member, 'privacy');
    const shown = await h.discord.waitFor(() => record.original, 10_000, 'the privacy notice');
    expect(record.callbackFlags & 64).toBe(64);
    expect(shown.embeds[0]!.description).toMatch(
      /your questions \(3\), the answers posted to them \(2\) and your votes \(2\)/,
    );
    expect(shown.embeds[0]!.description).toContain('deleted after 90 days');

    const clicked = h.discord.click(member, buttonId(shown, /^privacyDelete$/), shown);
    const done = await h.discord.waitFor(() => (clicked.callbackType === 7 ? clicked.original : null), 10_000);
    expect(done.content).toBe('Deleted: 3 questions, 2 answers and 2 votes. Nothing about you is left.');

    // Every table, every column, read from the schema: a table added later cannot escape this.
    const id = member.user.id;
    const tables = h.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const holding: string[] = [];
    for (const table of tables) {
      if (h.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = ? AND sql LIKE '%VIRTUAL TABLE%'").get(table))
        continue;
      const columns = h.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
      for (const column of columns) {
        const n = h.db
          .prepare(`SELECT count(*) FROM "${table}" WHERE CAST("${column}" AS TEXT) LIKE ?`)
          .pluck()
          .get(`%${id}%`) as number;
        if (n > 0) holding.push(`${table}.${column}`);
      }
    }
    expect(tables.length).toBeGreaterThan(8);
    expect(holding).toEqual([]);
    // The other member's question, answer and vote stay.
    expect(h.db.prepare('SELECT count(*) FROM answer_log WHERE user_id = ?').pluck().get(other.user.id)).toBe(2);
    // The other member's turn in the conversation stays; the conversation no longer names who started it.
    expect(h.db.prepare('SELECT user_id FROM conversation_turns').pluck().all()).toEqual([other.user.id]);
    expect(h.db.prepare('SELECT user_id FROM conversations').pluck().all()).toEqual(['deleted']);
    expect(h.db.prepare('SELECT count(*) FROM feedback').pluck().get()).toBe(0);
  });
});
