import { readdirSync } from 'node:fs';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { articleFile, prose } from '../helpers/corpus.js';
import { type Harness, startHarness } from '../helpers/botHarness.js';
import type { InteractionRecord } from '../helpers/fakeDiscord.js';
import { loopbackPolicy, type PageServer, startPageServer } from '../helpers/pageServer.js';

let site: PageServer;
let h: Harness | undefined;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(() => site.close());
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The custom_ids of a message's buttons, by label. */
function buttons(message: APIMessage): Record<string, { id: string; disabled: boolean }> {
  const out: Record<string, { id: string; disabled: boolean }> = {};
  for (const row of message.components ?? [])
    for (const c of (row as { components: { label?: string; custom_id?: string; disabled?: boolean }[] }).components)
      if (c.label && c.custom_id) out[c.label] = { id: c.custom_id, disabled: c.disabled ?? false };
  return out;
}

/** The message as the bot last left it, once its content matches. */
function settled(harness: Harness, record: InteractionRecord, pattern: RegExp): Promise<APIMessage> {
  return harness.discord.waitFor(
    () => (record.original && pattern.test(record.original.content) ? record.original : null),
    15_000,
    `a message matching ${pattern}`,
  );
}

async function preview(harness: Harness, options: Parameters<Harness['discord']['slash']>[2], extra = {}) {
  const record = harness.discord.slash(harness.discord.users.moderator, 'article', options, {
    subcommand: 'add',
    ...extra,
  });
  const message = await settled(harness, record, /Preview|Vorschau|Nothing was added|Nichts wurde/);
  expect(record.callbackFlags & 64).toBe(64);
  return message;
}

describe('/article add', () => {
  it('adds an article by link in three interactions, and the next /ask answers from it with its link', async () => {
    h = await startHarness({ fetchPolicy: loopbackPolicy() });
    const shown = await preview(h, { url: `${site.origin}/en/openai-board-rejects-bid` });
    const embed = shown.embeds[0]!;
    expect(embed.title).toBe('OpenAI board rejects Musk-led $97.4 billion bid');
    expect(embed.url).toBe(`${site.origin}/en/openai-board-rejects-bid`);
    expect(Object.fromEntries(embed.fields!.map((f) => [f.name, f.value]))).toMatchObject({
      Publisher: 'The Example Ledger',
      Language: 'English',
      Published: '2025-02-14',
      Author: 'Dana Whitfield',
      'What will be indexed': expect.stringMatching(
        /^`the-example-ledger-openai-board-rejects-musk-led-97-4\.md`: 265 words in \d+ passages$/,
      ),
    });
    expect(embed.description).toMatch(/^>>> The board of OpenAI on Friday/);
    const files = readdirSync(h.corpusDir);

    const add = h.discord.click(h.discord.users.moderator, buttons(shown).Add!.id, shown);
    const done = await settled(h, add, /^Added `/);
    expect(done.content).toBe(
      'Added `the-example-ledger-openai-board-rejects-musk-led-97-4`. Members can ask about it now.',
    );
    expect(done.components).toEqual([]);
    expect(readdirSync(h.corpusDir)).toHaveLength(files.length + 1);

    const answer = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', {
        question: 'what did altman say when musk offered to buy openai',
      }),
    );
    const text = JSON.stringify(answer.embeds);
    expect(text).toContain(`${site.origin}/en/openai-board-rejects-bid`);
    expect(h.db.prepare('SELECT action, actor_via, actor_id FROM corpus_changes').all()).toEqual([
      { action: 'add', actor_via: 'discord', actor_id: h.discord.users.moderator.user.id },
    ]);
  });

  it('lets the moderator correct a field in a modal before adding; a bad value changes nothing', async () => {
    h = await startHarness({ fetchPolicy: loopbackPolicy() });
    const shown = await preview(h, { url: `${site.origin}/de/kurier` }, { locale: 'de' });
    expect(Object.keys(buttons(shown))).toEqual(['Hinzufügen', 'Felder korrigieren', 'Abbrechen']);
    const edit = h.discord.click(h.discord.users.moderator, buttons(shown)['Felder korrigieren']!.id, shown, {
      locale: 'de',
    });
    await h.discord.waitFor(() => edit.modal, 10_000, 'the modal');
    expect(JSON.stringify(edit.modal)).toContain('"value":"Beispiel-Kurier"');
    const fields = {
      title: 'Altman über Musk',
      publisher: 'Kurier',
      language: 'de',
      published: '2025-02-11',
      author: 'Redaktion',
    };

    const bad = h.discord.submitModal(
      h.discord.users.moderator,
      (edit.modal as { custom_id: string }).custom_id,
      { ...fields, published: '2025-02-30' },
      shown,
      { locale: 'de' },
    );
    const refused = await h.discord.waitFor(() => bad.original, 10_000, 'the refusal');
    expect(refused.content).toMatch(/^Nicht geändert: .*not a real date/);

    const good = h.discord.submitModal(
      h.discord.users.moderator,
      (edit.modal as { custom_id: string }).custom_id,
      fields,
      shown,
      { locale: 'de' },
    );
    const updated = await settled(h, good, /Vorschau/);
    expect(good.callbackType).toBe(7);
    expect(updated.embeds[0]!.title).toBe('Altman über Musk');
    const add = h.discord.click(h.discord.users.moderator, buttons(updated).Hinzufügen!.id, updated, { locale: 'de' });
    expect((await settled(h, add, /^`.*hinzugefügt/)).content).toBe(
      '`kurier-altman-ueber-musk` hinzugefügt. Mitglieder können jetzt danach fragen.',
    );
    expect(h.core.sources().articles.find((a) => a.id === 'kurier-altman-ueber-musk')).toMatchObject({
      publisher: 'Kurier',
      author: 'Redaktion',
    });
  });

  it('stores nothing on Cancel, and an Add after it finds the preview gone', async () => {
    h = await startHarness({ fetchPolicy: loopbackPolicy() });
    const files = readdirSync(h.corpusDir);
    const shown = await preview(h, { url: `${site.origin}/de/prozess` });
    const cancel = h.discord.click(h.discord.users.moderator, buttons(shown).Cancel!.id, shown);
    expect((await settled(h, cancel, /Cancelled/)).content).toBe('Cancelled; nothing was stored.');
    const late = h.discord.click(h.discord.users.moderator, buttons(shown).Add!.id, shown);
    expect((await settled(h, late, /expired/)).content).toMatch(/^This preview has expired; nothing was stored/);
    expect(readdirSync(h.corpusDir)).toEqual(files);
  });

  it('reads an uploaded article file, and refuses a binary upload, a bad link and a private address, saying why', async () => {
    // The bot's own default policy: public addresses only. The fake's file server is on loopback,
    // so uploads are let through for 127.0.0.1 alone, as the tests' policy does.
    h = await startHarness({ fetchPolicy: loopbackPolicy() });
    const file = h.discord.upload(
      'treaty.md',
      Buffer.from(
        articleFile(
          { id: 'zeppelin-treaty', title: 'The Zeppelinfeld treaty', language: 'en' },
          `Musk and Altman signed the Zeppelinfeld treaty. ${prose(120)}`,
        ),
      ),
      'text/markdown',
    );
    const shown = await preview(h, {}, { attachments: { file } });
    expect(shown.embeds[0]!.title).toBe('The Zeppelinfeld treaty');
    const add = h.discord.click(h.discord.users.moderator, buttons(shown).Add!.id, shown);
    expect((await settled(h, add, /^Added/)).content).toMatch(/^Added `zeppelin-treaty`/);

    const png = h.discord.upload('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'image/png');
    expect((await preview(h, {}, { attachments: { file: png } })).content).toBe(
      'Nothing was added: The file is not text (it looks like a binary file).',
    );
    expect((await preview(h, { url: 'javascript:alert(1)' })).content).toMatch(
      /^Nothing was added: Only http and https/,
    );
    expect((await preview(h, { url: `${site.origin}/to-private` })).content).toMatch(
      /^Nothing was added: The address leads to 10\.0\.0\.1/,
    );
    const both = h.discord.slash(
      h.discord.users.moderator,
      'article',
      { url: `${site.origin}/de/prozess` },
      { subcommand: 'add', attachments: { file } },
    );
    expect((await h.discord.waitFor(() => both.original, 10_000)).content).toBe(
      'Give either a link (url) or a file, one of the two.',
    );
    expect(h.core.sources().articles).toHaveLength(6);
  });

  it('refuses members who are not moderators, also when they craft a click on a preview', async () => {
    h = await startHarness({ fetchPolicy: loopbackPolicy() });
    const record = h.discord.slash(
      h.discord.users.member,
      'article',
      { url: `${site.origin}/de/prozess` },
      { subcommand: 'add' },
    );
    expect((await h.discord.waitFor(() => record.original, 10_000)).content).toMatch(
      /^Only moderators can add or remove articles/,
    );
    const shown = await preview(h, { url: `${site.origin}/de/prozess` });
    const crafted = h.discord.click(h.discord.users.member, buttons(shown).Add!.id, shown);
    expect((await h.discord.waitFor(() => crafted.original, 10_000)).content).toMatch(/^Only moderators/);
    expect(h.core.sources().articles).toHaveLength(5);
  });
});

describe('/article remove', () => {
  it('completes ids from titles, asks for confirmation, then removes the file and reloads', async () => {
    h = await startHarness();
    const typed = h.discord.autocomplete(h.discord.users.moderator, 'article', {
      subcommand: 'remove',
      option: 'id',
      value: 'friendship',
    });
    const choices = await h.discord.waitFor(() => typed.choices, 10_000, 'choices');
    expect(choices).toEqual([
      {
        name: 'Elon Musk and Sam Altman: The Unraveling of a Tech Friendship · hiteching-unraveling-tech-friendship',
        value: 'hiteching-unraveling-tech-friendship',
      },
    ]);

    const keep = await settled(
      h,
      h.discord.slash(h.discord.users.moderator, 'article', { id: 'wynswell-ai-face-off' }, { subcommand: 'remove' }),
      /Remove/,
    );
    const kept = h.discord.click(h.discord.users.moderator, buttons(keep).Keep!.id, keep);
    expect((await settled(h, kept, /Kept/)).content).toBe('Kept; nothing was removed.');
    expect(h.core.sources().articles).toHaveLength(5);

    const ask = await settled(
      h,
      h.discord.slash(
        h.discord.users.roleModerator,
        'article',
        { id: 'wynswell-ai-face-off' },
        { subcommand: 'remove' },
      ),
      /Remove/,
    );
    expect(ask.content).toMatch(/^Remove \*\*The AI Face-Off: Elon Musk vs OpenAI\*\* \(`wynswell-ai-face-off`\)\?/);
    const remove = h.discord.click(h.discord.users.roleModerator, buttons(ask).Remove!.id, ask);
    const done = await settled(h, remove, /^Removed/);
    expect(done.content).toMatch(/^Removed `wynswell-ai-face-off`/);
    expect(JSON.stringify(done.embeds)).toContain('Removed (1)');
    expect(h.core.sources().articles.map((a) => a.id)).not.toContain('wynswell-ai-face-off');

    const missing = await settled(
      h,
      h.discord.slash(h.discord.users.moderator, 'article', { id: 'nope' }, { subcommand: 'remove' }),
      /There is no/,
    );
    expect(missing.content).toBe('There is no article `nope`; /sources lists them.');
  });
});
