import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { articleFile, prose, writeArticle } from '../helpers/corpus.js';
import { type Harness, startHarness } from '../helpers/botHarness.js';
import { type FakeOpenAI, isTranslationRequest, startFakeOpenAI } from '../helpers/fakeOpenAI.js';
import { structured } from '../helpers/llmCore.js';

const footer = (m: APIMessage) => m.embeds[0]?.footer?.text ?? '';
const description = (m: APIMessage) => m.embeds[0]?.description ?? '';

let h: Harness | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => {
  await h?.close();
  await openai?.close();
  h = undefined;
  openai = undefined;
});

describe('/reload', () => {
  it('lets a moderator reload, reports privately, and the next answer comes from the new corpus', async () => {
    h = await startHarness();
    const before = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What is the Zeppelinfeld treaty?' }),
    );
    expect(description(before)).toBe("The articles don't cover that question.");

    writeArticle(
      h.corpusDir,
      'zeppelin.md',
      articleFile(
        { id: 'zeppelin', title: 'The Zeppelinfeld treaty', language: 'en', publisher: 'Example' },
        `Musk and Altman signed the Zeppelinfeld treaty in a barn. ${prose(50)}`,
      ),
    );
    unlinkSync(join(h.corpusDir, 'wynswell-ai-face-off.md'));
    const record = h.discord.slash(h.discord.users.moderator, 'reload');
    const report = await h.answered(record);
    expect(record.callbackType).toBe(5);
    expect(record.callbackFlags & 64).toBe(64);
    const fields = Object.fromEntries(report.embeds[0]!.fields!.map((f) => [f.name, f.value]));
    expect(fields['Added (1)']).toBe('`zeppelin`');
    expect(fields['Removed (1)']).toBe('`wynswell-ai-face-off`');
    expect(fields.Unchanged).toBe('4');
    const version = /→ \*\*([0-9a-f]{12})\*\*/.exec(report.embeds[0]!.description!)![1]!;

    const after = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What is the Zeppelinfeld treaty?' }),
    );
    expect(description(after)).toContain('Zeppelinfeld treaty');
    expect(footer(after)).toContain(`corpus ${version}`);
  });

  it("reports a reload in the moderator's language, field names included", async () => {
    h = await startHarness();
    unlinkSync(join(h.corpusDir, 'wynswell-ai-face-off.md'));
    const report = await h.answered(h.discord.slash(h.discord.users.moderator, 'reload', {}, { locale: 'de' }));
    const embed = report.embeds[0]!;
    expect(embed.title).toBe('Artikel neu geladen');
    expect(embed.fields!.map((f) => f.name)).toEqual([
      'Hinzugefügt (0)',
      'Aktualisiert (0)',
      'Entfernt (1)',
      'Unverändert',
      'Abgelehnt (0)',
    ]);
    expect(embed.description).toMatch(/· 4 Artikel, \d+ Abschnitte ·/);
  });

  it('refuses a member without Manage Server even though the command reached them, and accepts a moderator role', async () => {
    h = await startHarness();
    const refused = h.discord.slash(h.discord.users.member, 'reload');
    const reply = await h.answered(refused);
    expect(refused.callbackType).toBe(4);
    expect(refused.callbackFlags & 64).toBe(64);
    expect(reply.content).toContain('Only moderators can reload');
    const viaRole = await h.answered(h.discord.slash(h.discord.users.roleModerator, 'reload'));
    expect(viaRole.embeds[0]!.title).toBe('Articles reloaded');
  });

  it('reports a broken file with its reason and keeps answering from the rest', async () => {
    h = await startHarness();
    writeArticle(h.corpusDir, 'broken.md', articleFile({ id: 'broken', title: 'Broken', language: 'fr' }, prose(50)));
    const report = await h.answered(h.discord.slash(h.discord.users.moderator, 'reload'));
    const rejected = report.embeds[0]!.fields!.find((f) => f.name.startsWith('Rejected'))!;
    expect(rejected.name).toBe('Rejected (1)');
    expect(rejected.value).toContain('`broken.md`: unknown language "fr"');
    const answer = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Merge Labs?' }),
    );
    expect(description(answer)).toContain('Merge Labs');
  });

  it('keeps answering questions while a reload runs, and serializes two reloads', async () => {
    h = await startHarness();
    for (let i = 0; i < 600; i++) {
      writeArticle(
        h.corpusDir,
        `bulk-${i}.md`,
        articleFile({ id: `bulk-${i}`, title: `Bulk ${i}`, language: 'en' }, prose(300, `word${i}`)),
      );
    }
    const first = h.discord.slash(h.discord.users.moderator, 'reload');
    const second = h.discord.slash(h.discord.users.roleModerator, 'reload');
    await h.discord.waitFor(() => first.callbackType === 5, 5_000, 'the first reload to be acknowledged');
    const question = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' });
    const answer = await h.answered(question);
    const [r1, r2] = await Promise.all([h.answered(first, 60_000), h.answered(second, 60_000)]);
    expect(description(answer)).toContain('Colossus');
    // The question was answered from the old corpus before the long reload reported.
    const lastEditAt = (token: string) =>
      Math.max(...h!.discord.calls.filter((c) => c.method === 'PATCH' && c.path.includes(token)).map((c) => c.at));
    expect(lastEditAt(question.token)).toBeLessThan(lastEditAt(first.token));
    const addedIn = (m: APIMessage) => m.embeds[0]!.fields!.find((f) => f.name.startsWith('Added'))!.name;
    expect([addedIn(r1), addedIn(r2)].sort()).toEqual(['Added (0)', 'Added (600)']);
  });
});

describe('limits and failures', () => {
  it('makes a user wait between questions and says when to ask again', async () => {
    h = await startHarness({ settings: { cooldownSeconds: 10 } });
    await h.answered(h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Merge Labs?' }));
    const limited = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' });
    const reply = await h.answered(limited);
    expect(limited.callbackType).toBe(4);
    expect(limited.callbackFlags & 64).toBe(64);
    expect(reply.content).toMatch(/^You can ask again <t:\d+:R>\.$/);
    // Another user is not limited.
    const other = h.discord.slash(h.discord.users.other, 'ask', { question: 'What is Colossus?' });
    await h.answered(other);
    expect(other.callbackType).toBe(5);
  });

  it('turns away questions beyond the in-flight bound, privately', async () => {
    openai = await startFakeOpenAI(() => ({ kind: 'hang' }));
    h = await startHarness({ openai, settings: { maxQuestionsInFlight: 1 } });
    const first = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' });
    await h.discord.waitFor(() => first.callbackType === 5, 5_000, 'the first question to be deferred');
    const second = h.discord.slash(h.discord.users.other, 'ask', { question: 'What is Merge Labs?' });
    const reply = await h.answered(second);
    expect(second.callbackFlags & 64).toBe(64);
    expect(reply.content).toBe('Too many questions at once; please try again in a few seconds.');
    // The first still gets its (quoted) answer once the model times out.
    expect(description(await h.answered(first, 20_000))).toContain('Colossus');
  });

  it('answers only in the allowed channels when they are set', async () => {
    h = await startHarness({ settings: { allowedChannelIds: ['123456789012345678'] } });
    const record = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' });
    const reply = await h.answered(record);
    expect(reply.content).toBe('I answer questions in <#123456789012345678> only.');
  });

  it('shows the quoted answer when the language model fails', async () => {
    openai = await startFakeOpenAI(() => ({ kind: 'error', status: 500, message: 'model on fire' }));
    h = await startHarness({ openai });
    const message = await h.answered(
      h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Merge Labs?' }),
    );
    expect(description(message)).toContain('Merge Labs');
    expect(description(message)).toContain(
      '*The language model could not answer just now, so this is quoted from the articles.*',
    );
    expect(footer(message)).toMatch(/^Quoted from the articles/);
  });

  it('streams a model answer with edits at least 1.2 s apart, then the verified answer with the model in the footer', async () => {
    const json = structured(
      'Merge Labs is a start-up that works on connecting the human brain and the computer, competing with Neuralink [1].',
      [1],
    );
    openai = await startFakeOpenAI((request) =>
      isTranslationRequest(request)
        ? { kind: 'error', status: 400, message: 'no translation in this test' }
        : { kind: 'stream', pieces: json.match(/.{1,6}/gs)!, delayMs: 100 },
    );
    h = await startHarness({ openai, modelTimeoutMs: 10_000 });
    const record = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Merge Labs?' });
    const message = await h.answered(record, 30_000);
    expect(footer(message)).toMatch(/^Answered by fake-model-1 from the articles · corpus /);
    expect(description(message)).toBe(
      'Merge Labs is a start-up that works on connecting the human brain and the computer, competing with Neuralink [1].',
    );
    const edits = h.discord.calls.filter((c) => c.method === 'PATCH' && c.path.includes(record.token));
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(1_150);
  });

  it('retries an edit that Discord rate-limits (429), and the answer arrives', async () => {
    h = await startHarness();
    h.discord.fail({ method: 'PATCH', path: /\/messages\/@original$/, status: 429, times: 1, retryAfterSeconds: 0.3 });
    const record = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' });
    const message = await h.answered(record);
    expect(description(message)).toContain('Colossus');
    const patches = h.discord.calls.filter((c) => c.method === 'PATCH' && c.path.includes(record.token));
    expect(patches).toHaveLength(2);
    expect(patches[1]!.at - patches[0]!.at).toBeGreaterThanOrEqual(250);
  });

  it('abandons an edit when Discord asks for an hour of waiting, and frees the slot of the question (issue 15, item 13)', async () => {
    const harness = (h = await startHarness({ settings: { maxQuestionsInFlight: 1 } }));
    h.discord.fail({ method: 'PATCH', path: /\/messages\/@original$/, status: 429, times: 1, retryAfterSeconds: 3600 });
    const stuck = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' });
    const edits = () => harness.discord.calls.filter((c) => c.method === 'PATCH' && c.path.includes(stuck.token));
    await h.discord.waitFor(() => edits().length > 0, 15_000, 'the edit');
    // Settled without waiting out the hour, and not retried.
    await expect.poll(() => harness.bot.context.state.inFlight, { timeout: 15_000 }).toBe(0);
    expect(edits()).toHaveLength(1);
    // With one slot, a waiting edit would have turned this one away as "busy".
    const next = await h.answered(h.discord.slash(h.discord.users.other, 'ask', { question: 'What is Merge Labs?' }));
    expect(description(next)).toContain('Merge Labs');
  });

  it('survives a Discord 500 on the edit: logged, no crash, the next question works', async () => {
    h = await startHarness();
    // The harness allows one REST retry, so two 500s make an edit fail for good: four fail both the answer
    // and the apology that would replace it.
    h.discord.fail({ method: 'PATCH', path: /\/messages\/@original$/, status: 500, times: 4 });
    const failed = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' });
    // The apology then goes out as a private follow-up.
    await h.discord.waitFor(() => failed.followUps[0], 15_000, 'the apology');
    expect(failed.followUps[0]!.content).toMatch(/error id `[0-9a-f]{8}`/);
    expect(failed.followUps[0]!.flags! & 64).toBe(64);
    const next = await h.answered(h.discord.slash(h.discord.users.other, 'ask', { question: 'What is Merge Labs?' }));
    expect(description(next)).toContain('Merge Labs');
  });

  it('stops taking questions on shutdown and finishes the one in flight', async () => {
    openai = await startFakeOpenAI((request) =>
      isTranslationRequest(request)
        ? { kind: 'error', status: 400, message: 'no translation' }
        : { kind: 'stream', pieces: structured('Colossus is a data centre [1].', [1]).match(/.{1,4}/gs)!, delayMs: 40 },
    );
    h = await startHarness({ openai, modelTimeoutMs: 5_000 });
    const inFlight = h.discord.slash(h.discord.users.member, 'ask', { question: 'What is Colossus?' });
    await h.discord.waitFor(() => inFlight.callbackType === 5, 5_000);
    const stopping = h.bot.stop(10_000);
    expect(h.bot.context.state.shuttingDown).toBe(true);
    const late = h.discord.slash(h.discord.users.other, 'ask', { question: 'What is Merge Labs?' });
    const lateReply = await h.answered(late);
    expect(lateReply.content).toContain('restarting');
    await stopping;
    expect(description(inFlight.original!)).toBe('Colossus is a data centre [1].');
  });
});
