import type { APIMessage } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/botHarness.js';
import type { FakeUser } from '../helpers/fakeDiscord.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function button(message: APIMessage, pattern: RegExp): { id: string; label?: string } {
  for (const row of message.components ?? [])
    for (const c of (row as { components: { custom_id?: string; label?: string }[] }).components)
      if (c.custom_id && pattern.test(c.custom_id)) return { id: c.custom_id, ...(c.label ? { label: c.label } : {}) };
  throw new Error(`no button matching ${pattern}`);
}

const text = (m: APIMessage) => JSON.stringify(m.embeds);

/** Follow up on `answer` as `user`: click, then submit the modal with `question`. */
async function followUp(harness: Harness, user: FakeUser, answer: APIMessage, question: string, locale = 'en-US') {
  const click = harness.discord.click(user, button(answer, /^followUp:/).id, answer, { locale });
  const modal = await harness.discord.waitFor(() => click.modal ?? click.original, 10_000, 'the follow-up modal');
  if (!('custom_id' in modal)) return { refused: modal as APIMessage };
  return {
    submitted: harness.discord.submitModal(user, (modal as { custom_id: string }).custom_id, { question }, answer, {
      locale,
    }),
  };
}

describe('follow-up questions in a thread', () => {
  it('starts a thread on the answer, answers the follow-up there from the right passages, and continues on a mention', async () => {
    h = await startHarness();
    const { member, other } = h.discord.users;
    const answer = await h.answered(h.discord.slash(member, 'ask', { question: 'why did Musk leave OpenAI' }));
    expect(button(answer, /^followUp:/).label).toBe('Follow up');

    const { submitted } = await followUp(h, member, answer, 'and what did Altman say about it?');
    const ack = await h.discord.waitFor(
      () => (submitted!.edits.length > 0 ? submitted!.original : null),
      15_000,
      'ack',
    );
    const [thread] = [...h.discord.threads.values()];
    expect(thread).toMatchObject({
      parentId: h.discord.channelId,
      messageId: answer.id,
      name: 'why did Musk leave OpenAI',
    });
    expect(ack.content).toBe(`Answered in <#${thread!.id}>.`);
    expect(submitted!.callbackFlags & 64).toBe(64);
    const [inThread] = h.discord.channelMessages.get(thread!.id)!;
    // About Altman, and none of the sentences the first answer quoted (issue 22, item 6).
    const quoted = (message: APIMessage) =>
      (message.embeds?.[0]?.description ?? '').split(/ \[\d+\] ?/).filter(Boolean);
    expect(quoted(inThread!).join(' ')).toContain('Altman');
    for (const sentence of quoted(answer)) expect(quoted(inThread!)).not.toContain(sentence);
    expect((inThread as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });

    // In the thread, a mention of the bot continues the conversation.
    h.discord.message(other, thread!.id, `<@${h.discord.applicationId}> und wann war das?`, {
      mentionBot: true,
    });
    const reply = await h.discord.waitFor(() => h!.discord.channelMessages.get(thread!.id)?.[1], 15_000, 'the reply');
    expect(text(reply)).toContain('2018');
    // A message without a mention carries no text for the bot and gets no answer.
    h.discord.message(other, thread!.id, 'thanks!');
    // The Follow up button on the answer in the thread continues it too, in the thread.
    const inThreadFollowUp = await followUp(h, member, inThread!, 'and who took over?');
    const answered = await h.answered(inThreadFollowUp.submitted!);
    expect(inThreadFollowUp.submitted!.callbackFlags & 64).toBe(0);
    expect(answered.embeds[0]?.title).toBe('and who took over?');
    const turns = h.db.prepare('SELECT n, question FROM conversation_turns ORDER BY n').all();
    expect(turns).toEqual([
      { n: 1, question: 'why did Musk leave OpenAI' },
      { n: 2, question: 'and what did Altman say about it?' },
      { n: 3, question: 'und wann war das?' },
      { n: 4, question: 'and who took over?' },
    ]);
    expect(h.discord.channelMessages.get(thread!.id)).toHaveLength(2);
    // Following up on the first answer again continues in the same thread rather than starting one.
    const again = await followUp(h, other, answer, 'and after that?');
    const againAck = await h.discord.waitFor(
      () => (again.submitted!.edits.length > 0 ? again.submitted!.original : null),
      15_000,
    );
    expect(againAck.content).toBe(`Answered in <#${thread!.id}>.`);
    expect(h.discord.threads.size).toBe(1);
    expect(h.discord.channelMessages.get(thread!.id)).toHaveLength(3);
  });

  it('shows German labels to a German member, and continues a private answer privately, without a thread', async () => {
    h = await startHarness();
    const { member } = h.discord.users;
    const answer = await h.answered(
      h.discord.slash(member, 'ask', { question: 'Warum hat Musk OpenAI verlassen?', private: true }, { locale: 'de' }),
    );
    expect(button(answer, /^followUp:/).label).toBe('Nachfragen');
    const { submitted } = await followUp(h, member, answer, 'Und wann war das?', 'de');
    const reply = await h.answered(submitted!);
    expect(submitted!.callbackFlags & 64).toBe(64);
    expect(reply.embeds[0]?.title).toBe('Und wann war das?');
    expect(reply.embeds[0]?.footer?.text).toMatch(/^Aus den Artikeln zitiert/);
    expect(h.discord.threads.size).toBe(0);
  });

  it("says so in the channel when it may not start a thread, and refuses a closed conversation or another member's private one", async () => {
    h = await startHarness({ settings: { followUpHours: 1 } });
    const { member, other } = h.discord.users;
    const answer = await h.answered(h.discord.slash(member, 'ask', { question: 'why did Musk leave OpenAI' }));
    h.discord.fail({ method: 'POST', path: /\/threads$/, status: 403, code: 50013, times: 1 });
    const { submitted } = await followUp(h, member, answer, 'when was that?');
    const said = await h.discord.waitFor(() => (submitted!.edits.length > 0 ? submitted!.original : null), 15_000);
    expect(said.content).toMatch(
      /^I can't start a thread here: I need the Create Public Threads and Send Messages in Threads/,
    );

    // Allowed to start a thread but not to write in it: said the same way.
    h.discord.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 403, code: 50013, times: 1 });
    const mute = await followUp(h, member, answer, 'when was that?');
    const muteSaid = await h.discord.waitFor(
      () => (mute.submitted!.edits.length > 0 ? mute.submitted!.original : null),
      15_000,
    );
    expect(muteSaid.content).toMatch(/^I can't start a thread here/);

    // A conversation nobody continued for longer than FOLLOW_UP_HOURS is closed.
    const second = await followUp(h, member, answer, 'when was that?');
    await h.discord.waitFor(() => second.submitted!.edits.length > 0, 15_000);
    h.db.prepare('UPDATE conversations SET last_active = ?').run(Date.now() - 2 * 3_600_000);
    const closed = await followUp(h, member, answer, 'and then?');
    expect(closed.refused?.content).toMatch(/^This conversation is closed to follow-ups \(nobody asked for 1 hours\)/);

    const mine = await h.answered(h.discord.slash(member, 'ask', { question: 'What is Colossus?', private: true }));
    const crafted = h.discord.click(other, button(mine, /^followUp:/).id, mine);
    expect((await h.discord.waitFor(() => crafted.original, 10_000)).content).toMatch(/only|nur|cannot|not/i);
  });

  it('a mention that fails inside the core is answered in the thread with an error id, as an interaction is', async () => {
    h = await startHarness();
    const { member } = h.discord.users;
    const answer = await h.answered(h.discord.slash(member, 'ask', { question: 'why did Musk leave OpenAI' }));
    const { submitted } = await followUp(h, member, answer, 'and what did Altman say about it?');
    await h.discord.waitFor(() => submitted!.edits.length > 0, 15_000, 'the follow-up');
    const [thread] = [...h.discord.threads.values()];
    // A damaged index: the full-text table is gone, so retrieval throws.
    h.db.exec('ALTER TABLE passages_fts RENAME TO passages_fts_gone');
    try {
      h.discord.message(member, thread!.id, `<@${h.discord.applicationId}> and when was that?`, { mentionBot: true });
      const reply = await h.discord.waitFor(() => h!.discord.channelMessages.get(thread!.id)?.[1], 15_000, 'the reply');
      expect(reply.content).toMatch(/^Sorry, something went wrong\. \(error id `[0-9a-f]{8}`\)$/);
      expect((reply as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    } finally {
      h.db.exec('ALTER TABLE passages_fts_gone RENAME TO passages_fts');
    }
  });
});
