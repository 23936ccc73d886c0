import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type FeudCore } from '../../src/core.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createOpenAiEmbedder } from '../../src/embeddings/openAiEmbedder.js';
import { createOpenAiChatModel } from '../../src/llm/openAiChatModel.js';
import { isTranslationRequest, startFakeOpenAI } from '../helpers/fakeOpenAI.js';
import { createLogger } from '../../src/logger.js';
import { copyOfBundledCorpus, tempDir } from '../helpers/corpus.js';
import { type FakeEmbeddings, startFakeEmbeddings } from '../helpers/fakeEmbeddings.js';

let fake: FakeEmbeddings;
let corpus: { path: string; cleanup: () => void };
let work: { path: string; cleanup: () => void };
let logs: { level: number; msg: string; reason?: string }[];
const opened: FeudCore[] = [];

beforeEach(async () => {
  fake = await startFakeEmbeddings();
  corpus = copyOfBundledCorpus();
  work = tempDir();
  logs = [];
});
afterEach(async () => {
  for (const core of opened.splice(0)) core.close();
  await fake.close();
  corpus.cleanup();
  work.cleanup();
});

function logger() {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as (typeof logs)[0]);
      done();
    },
  });
  return createLogger('info', sink);
}

/** A core on a database file of its own, embedding through the real openai client against the fake. */
function core(options: { model?: string; timeoutMs?: number; background?: boolean; chatURL?: string } = {}): FeudCore {
  const dbPath = join(work.path, 'feudbot.db');
  const db: Db = openDatabase(dbPath);
  migrate(db);
  const instance = createCore({
    db,
    writer: openDatabase(dbPath),
    corpusDir: corpus.path,
    logger: logger(),
    embedder: createOpenAiEmbedder({
      apiKey: 'sk-test-not-real',
      baseURL: fake.baseURL,
      model: options.model ?? 'fake-embed-1',
      timeoutMs: options.timeoutMs ?? 3_000,
      maxRetries: 0,
    }),
    embedInBackground: options.background ?? false,
    ...(options.chatURL
      ? { model: createOpenAiChatModel({ apiKey: 'k', baseURL: options.chatURL, model: 'chat-1', timeoutMs: 3_000 }) }
      : {}),
  });
  opened.push(instance);
  return instance;
}

const embeddedTexts = () => fake.requests.flatMap((r) => r.input);
function countRows(path: string, model: string): number {
  const db = openDatabase(path);
  try {
    return db.prepare('SELECT count(*) FROM passage_vectors WHERE model = ?').pluck().get(model) as number;
  } finally {
    db.close();
  }
}

describe('semantic search through an embeddings endpoint', () => {
  it('fills a vector for every passage after a reload, in batches, and reports it', async () => {
    const c = core();
    const report = await c.reload();
    expect(c.embeddings()).toMatchObject({ model: 'fake-embed-1', embedded: 0, state: 'pending' });
    const status = await c.fillEmbeddings();
    expect(status).toMatchObject({ embedded: report.passages, total: report.passages, state: 'complete' });
    expect(embeddedTexts()).toHaveLength(report.passages);
    expect(Math.max(...fake.requests.map((r) => r.input.length))).toBeLessThanOrEqual(32);
    expect(logs.some((l) => l.msg === `embedding ${report.passages} of ${report.passages} passages`)).toBe(true);
    expect(countRows(join(work.path, 'feudbot.db'), 'fake-embed-1')).toBe(report.passages);
  });

  it('a reload never waits for vectors; they fill in behind it, and only for changed passages', async () => {
    fake.behave(() => ({ kind: 'hang' }));
    const c = core({ background: true, timeoutMs: 60_000 });
    const report = await c.reload();
    expect(report.articles).toBe(5);
    expect(c.embeddings()?.state).toBe('filling');
    // The question's own vector has a 5 s deadline, whatever a batch may take; then words answer.
    const started = performance.now();
    expect((await c.ask('Why did Musk leave OpenAI?')).outcome).toBe('answered');
    expect(performance.now() - started).toBeLessThan(7_000);
    c.close();
    opened.splice(opened.indexOf(c), 1);

    fake.behave(() => ({ kind: 'vectors' }));
    const again = core();
    await again.fillEmbeddings();
    const before = embeddedTexts().length;
    const file = join(corpus.path, 'wynswell-ai-face-off.md');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}\nA new closing paragraph about the feud and its lessons for everyone.\n`,
    );
    await again.reload();
    await again.fillEmbeddings();
    const newly = embeddedTexts().slice(before);
    expect(newly.length).toBeGreaterThan(0);
    expect(newly.length).toBeLessThan(5);
    expect(newly.some((t) => t.includes('A new closing paragraph'))).toBe(true);
  });

  it('finds a passage by meaning when no word is shared', async () => {
    const c = core();
    await c.reload();
    const target = 'Colossus soll das leistungsstärkste';
    const passage = (await c.retrieve('Colossus leistungsstärkste', { limit: 1 }))[0]!;
    expect(passage.text).toContain(target);
    fake.alias('zzqx blorvat wibble?', passage.text);
    expect(await c.ask('zzqx blorvat wibble?')).toMatchObject({ outcome: 'refused', refusal: 'off-topic' }); // no vectors yet
    await c.fillEmbeddings();
    const [hit] = await c.retrieve('zzqx blorvat wibble?', { limit: 5 });
    expect(hit).toMatchObject({ passageId: passage.passageId, lexicalRank: null, semanticRank: 1 });
    expect(hit!.similarity).toBeGreaterThan(0.99);
    // Offline there is no word to quote from: refused, but no longer as off-topic (a model would be asked).
    expect(await c.ask('zzqx blorvat wibble?')).toMatchObject({ outcome: 'refused', refusal: 'weak-match' });
  });

  it.each([
    ['500s', { kind: 'error', status: 500 } as const, /HTTP 500/],
    ['a wrong dimension', { kind: 'wrongDimension' } as const, /dimensions/],
    ['NaN', { kind: 'nan' } as const, /non-number/],
    ['too few vectors', { kind: 'tooFew' } as const, /vectors for/],
    ['1e39 in every component (issue 21, item 9)', { kind: 'huge', value: 1e39 } as const, /out of range/],
    ['1e200 in every component', { kind: 'huge', value: 1e200 } as const, /out of range/],
  ])(
    'an endpoint that returns %s: answers by words, logged once, nothing stored, retried later',
    async (_n, behaviour, reason) => {
      const c = core();
      await c.reload();
      await c.fillEmbeddings(); // good vectors first, so that the question's vector is what fails below
      fake.behave(() => behaviour);
      const file = join(corpus.path, 'wynswell-ai-face-off.md');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\nOne more paragraph that needs a vector of its own now.\n`);
      await c.reload();
      const status = await c.fillEmbeddings();
      expect(status).toMatchObject({ state: 'paused', lastError: expect.stringMatching(reason) });
      for (const q of ['Why did Musk leave OpenAI?', 'What is Merge Labs?', 'Who funded OpenAI?']) {
        const result = await c.ask(q);
        expect(result.outcome, q).toBe('answered');
      }
      const warnings = logs.filter((l) => l.msg.startsWith('embeddings endpoint failed'));
      expect(warnings).toHaveLength(1);
      fake.behave(() => ({ kind: 'vectors' }));
      expect(await c.fillEmbeddings()).toMatchObject({ state: 'complete' });
      expect(logs.some((l) => l.msg === 'embeddings endpoint answers again')).toBe(true);
    },
  );

  it('re-embeds vectors an earlier version stored with Infinity or NaN, and never searches with them', async () => {
    const c = core();
    await c.reload();
    await c.fillEmbeddings();
    const db = openDatabase(join(work.path, 'feudbot.db'));
    const dim = db.prepare('SELECT dim FROM passage_vectors LIMIT 1').pluck().get() as number;
    const blob = Buffer.from(new Float32Array(dim).fill(Infinity).buffer);
    db.prepare('UPDATE passage_vectors SET vector = ?').run(blob);
    c.close();
    const again = core();
    expect(await again.fillEmbeddings()).toMatchObject({ state: 'complete' });
    const vectors = db.prepare('SELECT vector FROM passage_vectors').pluck().all() as Buffer[];
    db.close();
    expect(vectors.length).toBeGreaterThan(0);
    for (const v of vectors) expect(v.equals(blob)).toBe(false);
    expect(logs.some((l) => l.msg.startsWith('stored vectors with non-finite values'))).toBe(true);
  });

  it('an endpoint that hangs costs a question at most the embeddings deadline, then words answer', async () => {
    const c = core({ timeoutMs: 1_000 });
    await c.reload();
    fake.behave(() => ({ kind: 'hang' }));
    const started = performance.now();
    const result = await c.ask('Why did Musk leave OpenAI?');
    expect(result.outcome).toBe('answered');
    expect(performance.now() - started).toBeLessThan(2_500);
    // The outage is remembered: the next question does not wait again.
    const next = performance.now();
    await c.ask('What is Merge Labs?');
    expect(performance.now() - next).toBeLessThan(500);
  });

  it('a changed model re-embeds everything, and the old model’s vectors are dropped', async () => {
    const first = core({ model: 'model-a' });
    const report = await first.reload();
    await first.fillEmbeddings();
    first.close();
    opened.splice(opened.indexOf(first), 1);

    const second = core({ model: 'model-b' });
    expect(second.embeddings()).toMatchObject({ model: 'model-b', embedded: 0, total: report.passages });
    expect(await second.fillEmbeddings()).toMatchObject({ embedded: report.passages, state: 'complete' });
    expect(fake.requests.filter((r) => r.model === 'model-b').flatMap((r) => r.input)).toHaveLength(report.passages);
    expect(countRows(join(work.path, 'feudbot.db'), 'model-a')).toBe(0);
  });

  it('with a model, a question close in meaning reaches the model; one with nothing in common does not', async () => {
    const chat = await startFakeOpenAI((request) =>
      isTranslationRequest(request)
        ? { kind: 'error', status: 400, message: 'no translations here' }
        : {
            kind: 'completion',
            content: JSON.stringify({ answered: true, answer: 'Colossus is big [1].', citations: [1] }),
          },
    );
    try {
      const c = core({ chatURL: chat.baseURL });
      await c.reload();
      const passage = (await c.retrieve('Colossus leistungsstärkste', { limit: 1 }))[0]!;
      fake.alias('zzqx blorvat wibble?', passage.text);
      await c.fillEmbeddings();
      const answers = () => chat.requests.filter((r) => !isTranslationRequest(r)).length;
      expect(await c.ask('zzqx blorvat wibble?')).toMatchObject({ mode: 'llm', outcome: 'answered' });
      expect(answers()).toBe(1);
      // The fake's passage vectors are word counts, never negative: this one points away from all of them.
      fake.alias('qwxz plimf drobble?', new Array<number>(64).fill(-1));
      expect(await c.ask('qwxz plimf drobble?')).toMatchObject({ outcome: 'refused', refusal: 'off-topic' });
      expect(answers()).toBe(1);
    } finally {
      await chat.close();
    }
  });
});
