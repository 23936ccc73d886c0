import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/botHarness.js';

const embedOf = (message: APIMessage): APIEmbed => message.embeds[0]!;
const buttonIds = (message: APIMessage): string[] =>
  (message.components ?? []).flatMap((row) =>
    ('components' in row ? row.components : []).map((c) => ('custom_id' in c ? c.custom_id : '')),
  );

describe('the bot against a Discord on loopback', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("registers every command in the guild, localized, the moderators' hidden from members", () => {
    const commands = h.discord.commands.get(h.discord.guildId)!;
    expect(commands.map((c) => c.name)).toEqual([
      'ask',
      'sources',
      'reload',
      'article',
      'insights',
      'privacy',
      'autoreply',
      'Save as answer',
    ]);
    expect(commands.find((c) => c.name === 'Save as answer')).toMatchObject({
      type: 3,
      default_member_permissions: '32',
    });
    expect(commands.find((c) => c.name === 'autoreply')).toMatchObject({
      default_member_permissions: '32',
      name_localizations: { de: 'autoantwort' },
    });
    expect(commands.find((c) => c.name === 'insights')).toMatchObject({ default_member_permissions: '32' });
    expect(commands.find((c) => c.name === 'privacy')).not.toHaveProperty('default_member_permissions');
    expect(commands.find((c) => c.name === 'ask')).toMatchObject({ name_localizations: { de: 'frage' } });
    expect(commands.find((c) => c.name === 'reload')).toMatchObject({ default_member_permissions: '32' });
    expect(commands.find((c) => c.name === 'article')).toMatchObject({
      default_member_permissions: '32',
      name_localizations: { de: 'artikel' },
      options: [{ name: 'add', name_localizations: { de: 'hinzufuegen' } }, { name: 'remove' }],
    });
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
    // Each cited number stands in exactly one source line; each article is listed once.
    const listed = sourceLines.flatMap((line) => /^\[([\d, ]+)\]/.exec(line)![1]!.split(', '));
    expect(listed.sort()).toEqual([...cited].sort());
    expect(new Set(sourceLines.map((l) => l.replace(/^\[[\d, ]+\] /, ''))).size).toBe(sourceLines.length);
    expect(sourceLines[0]).toMatch(/^\[1(, \d+)*\] (\[.+\]\(<https:\/\/.+>\)|.+) — .+ · (EN|DE)$/);
    expect(embed.footer!.text).toMatch(/^Quoted from the articles · corpus [0-9a-f]{12}$/);
    expect(buttonIds(message)).toEqual([
      expect.stringMatching(/^quotes:\d+$/),
      expect.stringMatching(/^vote:\d+:up$/),
      expect.stringMatching(/^vote:\d+:down$/),
      expect.stringMatching(/^followUp:\d+$/),
    ]);
    for (const edit of record.edits) expect(edit.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('answers, buttons and listings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses briefly, in the asker language, when the articles do not cover the question', async () => {
    const en = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What is the capital of France?' }),
    );
    expect(embedOf(en).description).toBe("The articles don't cover that question.");
    expect(embedOf(en).fields).toBeUndefined();
    expect(buttonIds(en)).toEqual([]);
  });

  it('answers a German user in German, with German labels', async () => {
    const record = h.discord.slash(
      h.discord.users.member,
      'ask',
      { question: 'Wie viele wöchentliche Nutzer hat ChatGPT?' },
      { locale: 'de' },
    );
    const message = await h.answered(record);
    const embed = embedOf(message);
    expect(embed.fields![0]!.name).toBe('Quellen');
    expect(embed.footer!.text).toMatch(/^Aus den Artikeln zitiert · Korpus /);
    expect(embed.description).toContain('700 Millionen');
    const refusal = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What is the capital of France?' }, { locale: 'de' }),
    );
    expect(embedOf(refusal).description).toBe('Dazu steht nichts in den Artikeln.');
  });

  it('answers a German question from a French client in one language: German text, labels and buttons (issue 23, item 1)', async () => {
    const message = await h.answered(
      h.discord.slash(
        h.discord.users.member,
        'ask',
        { question: 'Wie viele wöchentliche Nutzer hat ChatGPT?' },
        { locale: 'fr' },
      ),
    );
    const embed = embedOf(message);
    expect(embed.fields![0]!.name).toBe('Quellen');
    expect(embed.footer!.text).toMatch(/^Aus den Artikeln zitiert/);
    const labels = JSON.stringify(message.components);
    expect(labels).toContain('Zitate');
    expect(labels).not.toMatch(/Show quotes|Follow up/);
  });

  it('an /ask that fails inside the core gets the same error id as every other failure (issue 23, item 5)', async () => {
    // A damaged index: the full-text table is gone, so retrieval throws.
    h.db.exec('ALTER TABLE passages_fts RENAME TO passages_fts_gone');
    try {
      const record = h.discord.slash(h.discord.users.member, 'ask', { question: 'why did Musk leave OpenAI' });
      const message = await h.discord.waitFor(
        () =>
          record.edits.some((e) => typeof e.content === 'string' && e.content.includes('error id'))
            ? record.original
            : null,
        10_000,
        'the apology',
      );
      expect(message.content).toMatch(/^Sorry, something went wrong\. \(error id `[0-9a-f]{8}`\)$/);
      expect(message.embeds).toEqual([]);
      // The log line with the stack carries the same id, and the interaction's (a child logger per interaction).
      const errorId = /`([0-9a-f]{8})`/.exec(message.content)![1];
      expect(h.logs.find((l) => l.msg === 'interaction failed')).toMatchObject({ errorId, interactionId: record.id });
    } finally {
      h.db.exec('ALTER TABLE passages_fts_gone RENAME TO passages_fts');
    }
  });

  it('"Show quotes" replies privately with the exact text of each cited passage', async () => {
    const message = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What did Sutskever write in his email?' }),
    );
    const quotesId = buttonIds(message)[0]!;
    const click = h.discord.click(h.discord.users.other, quotesId, message);
    const reply = await h.answered(click);
    expect(click.callbackType).toBe(4);
    expect(click.callbackFlags & 64).toBe(64);
    const answerId = Number(quotesId.split(':')[1]);
    const stored = h.db.prepare('SELECT result FROM bot_answers WHERE id = ?').pluck().get(answerId) as string;
    const citations = (JSON.parse(stored) as { citations: { quote: string }[] }).citations;
    expect(reply.embeds.map((e) => e.description)).toEqual(citations.map((c) => c.quote));
    expect(reply.embeds[0]!.description).toContain('E-Mail von Ilya Sutskever');
  });

  it('buttons work only for members who can see the answer (issue 15, item 14)', async () => {
    const mine = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Merge Labs?', private: true }),
    );
    const [quotes, up] = buttonIds(mine);
    const answerId = Number(quotes!.split(':')[1]);
    // Another member crafts clicks naming the private answer's id: refused, nothing stored.
    for (const id of [quotes!, up!]) {
      const forged = await h.answered(h.discord.click(h.discord.users.other, id, mine));
      expect(forged.content).toContain('not posted for you');
      expect(forged.embeds).toEqual([]);
    }
    expect(h.db.prepare('SELECT count(*) FROM feedback WHERE answer_id = ?').pluck().get(answerId)).toBe(0);
    // The asker may.
    const own = await h.answered(h.discord.click(h.discord.users.member, quotes!, mine));
    expect(own.embeds.length).toBeGreaterThan(0);

    // A public answer's buttons, clicked as if from another channel, are refused too.
    const open = await h.answered(h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' }));
    const elsewhere = { ...open, channel_id: h.discord.otherChannelId };
    const moved = await h.answered(h.discord.click(h.discord.users.other, buttonIds(open)[0]!, elsewhere));
    expect(moved.content).toContain('not posted for you');
  });

  it('stores one vote per user per answer; the same button again withdraws it', async () => {
    const message = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Merge Labs?' }),
    );
    const [, up, down] = buttonIds(message);
    const answerId = Number(up!.split(':')[1]);
    const votes = () =>
      h.db.prepare('SELECT user_id, vote FROM feedback WHERE answer_id = ? ORDER BY user_id').all(answerId);
    const member = h.discord.users.member.user.id;
    const other = h.discord.users.other.user.id;

    const first = h.discord.click(h.discord.users.member, up!, message);
    expect((await h.answered(first)).content).toContain('👍');
    // 👎 is recorded at once and opens "What was wrong?".
    const otherDown = h.discord.click(h.discord.users.other, down!, message);
    await h.discord.waitFor(() => otherDown.modal, 10_000, 'the feedback modal');
    // The vote is written just after the reply (a reply must come within 3 s; a write may wait).
    await expect.poll(votes).toEqual(
      expect.arrayContaining([
        { user_id: member, vote: 'up' },
        { user_id: other, vote: 'down' },
      ]),
    );

    const changed = h.discord.click(h.discord.users.member, down!, message);
    await h.discord.waitFor(() => changed.modal, 10_000, 'the feedback modal');
    await expect.poll(votes).toContainEqual({ user_id: member, vote: 'down' });
    const withdraw = h.discord.click(h.discord.users.member, down!, message);
    expect((await h.answered(withdraw)).content).toContain('withdrawn');
    await expect.poll(votes).toEqual([{ user_id: other, vote: 'down' }]);
  });

  it('turns away an unknown button with a private apology and an error id', async () => {
    const message = await h.answered(h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' }));
    const click = h.discord.click(h.discord.users.member, 'frobnicate:1', message);
    const reply = await h.answered(click);
    expect(click.callbackFlags & 64).toBe(64);
    expect(reply.content).toMatch(/^Sorry, something went wrong\. \(error id `[0-9a-f]{8}`\)$/);
  });

  it('answers privately when asked to', async () => {
    const record = h.discord.slash(h.discord.users.member, 'ask', {
      question: 'What is Longshot Space?',
      private: true,
    });
    await h.answered(record);
    expect(record.callbackType).toBe(5);
    expect(record.callbackFlags & 64).toBe(64);
  });

  it('pings nobody, whatever the question or answer holds', async () => {
    const question =
      '@everyone @here <@&' +
      h.discord.moderatorRoleId +
      '> <@' +
      h.discord.users.other.user.id +
      '> why did Musk leave OpenAI';
    const record = h.discord.slash(h.discord.users.member, 'ask', { question });
    const message = await h.answered(record);
    expect(embedOf(message).title).toContain('@everyone');
    const bodies = h.discord.calls.filter((c) => c.path.includes(record.token)).map((c) => c.body);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      const mentions =
        (body as { allowed_mentions?: unknown; data?: { allowed_mentions?: unknown } }).allowed_mentions ??
        (body as { data?: { allowed_mentions?: unknown } }).data?.allowed_mentions;
      if ((body as { type?: number }).type === 5) continue; // a deferral carries no content
      expect(mentions).toEqual({ parse: [] });
    }
  });
});

describe('/sources', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const { articleFile, prose, writeArticle } = await import('../helpers/corpus.js');
    for (let i = 1; i <= 8; i++) {
      writeArticle(
        h.corpusDir,
        `extra-${i}.md`,
        articleFile({ id: `extra-${i}`, title: `Extra article ${i}`, language: 'en', publisher: 'Example' }, prose(60)),
      );
    }
    await h.core.reload();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists articles privately in pages of 10, with previous and next buttons', async () => {
    const record = h.discord.slash(h.discord.users.member, 'sources');
    const page1 = await h.answered(record);
    expect(record.callbackFlags & 64).toBe(64);
    const embed = embedOf(page1);
    expect(embed.title).toBe('Articles (13)');
    expect(embed.footer!.text).toMatch(/^Page 1 of 2 · corpus /);
    expect(embed.description!.split('\n\n')).toHaveLength(10);
    expect(embed.description).toContain(
      '[Elon Musk and Sam Altman: The Unraveling of a Tech Friendship](<https://hiteching.com/',
    );
    expect(embed.description).toMatch(/hiteching\.com · EN · undated · \d+ passages/);
    expect(buttonIds(page1)).toEqual(['sources:0:all', 'sources:2:all']);

    const next = h.discord.click(h.discord.users.member, 'sources:2:all', page1);
    const page2 = await h.answered(next);
    expect(next.callbackType).toBe(7);
    expect(embedOf(page2).footer!.text).toMatch(/^Page 2 of 2/);
    expect(embedOf(page2).description!.split('\n\n')).toHaveLength(3);
  });

  it('filters by language', async () => {
    const message = await h.answered(h.discord.slash(h.discord.users.member, 'sources', { language: 'de' }));
    expect(embedOf(message).title).toBe('Articles (2)');
    expect(buttonIds(message)).toEqual([]);
  });
});
