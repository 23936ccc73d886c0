import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/corpus/articleFile.js';
import { createCore, type Actor, type ArticleDraft } from '../../src/core.js';
import { getCorpusVersion } from '../../src/corpus/corpusMeta.js';
import type { Db } from '../../src/db/database.js';
import {
  articleFile,
  copyOfBundledCorpus,
  migratedMemoryDb,
  prose,
  silentLogger,
  type CoreWithDb,
  writeArticle,
} from '../helpers/corpus.js';
import { loopbackPolicy, type PageServer, savedPage, startPageServer } from '../helpers/pageServer.js';

const moderator: Actor = { via: 'discord', id: '123456789012345678', name: 'mod' };
let site: PageServer;
let corpus: { path: string; cleanup: () => void };
let core: CoreWithDb;

beforeAll(async () => {
  site = await startPageServer();
});
afterAll(() => site.close());
beforeEach(async () => {
  corpus = copyOfBundledCorpus();
  const db = migratedMemoryDb();
  core = Object.assign(
    createCore({ db, corpusDir: corpus.path, logger: silentLogger, fetchPolicy: loopbackPolicy() }),
    {
      db,
    },
  );
  await core.reload();
});
afterEach(() => {
  core.close();
  corpus.cleanup();
});

const files = () => readdirSync(corpus.path).sort();
const history = (db: Db) =>
  db.prepare('SELECT action, article_id, actor_via, actor_id FROM corpus_changes ORDER BY id').all();
const draft = (overrides: Partial<ArticleDraft> = {}): ArticleDraft => ({
  title: 'The lab and its money',
  url: 'https://news.example/lab-money',
  publisher: 'News Example',
  language: 'en',
  author: null,
  published: '2025-01-02',
  body: prose(150, 'zeppelin'),
  ...overrides,
});

describe('adding an article', () => {
  it('previews without writing, then writes the file in the corpus format, reloads, and answers from it', async () => {
    const before = files();
    const preview = await core.prepareArticle({ kind: 'link', url: `${site.origin}/en/openai-board-rejects-bid` });
    expect(files()).toEqual(before);
    expect(preview).toMatchObject({ id: 'the-example-ledger-openai-board-rejects-musk-led-97-4', duplicateOf: null });
    expect(preview.passages).toBeGreaterThan(0);
    expect(preview.firstPassage).toMatch(/^The board of OpenAI on Friday/);

    const { id, report } = await core.addArticle(preview.draft, moderator, preview.id);
    expect(report.added).toEqual([id]);
    const written = parseArticleFile(readFileSync(join(corpus.path, `${id}.md`)));
    expect(written.ok && written.article).toMatchObject({ id, title: preview.draft.title, language: 'en' });
    expect(files().filter((f) => f.startsWith('.'))).toEqual([]);

    const answer = await core.ask('what did altman reply when musk offered to buy openai?');
    expect(answer.outcome).toBe('answered');
    expect(answer.citations[0]).toMatchObject({
      url: `${site.origin}/en/openai-board-rejects-bid`,
    });
    expect(core.sources().articles.map((a) => a.id)).toContain(id);
    expect(history(core.db)).toEqual([{ action: 'add', article_id: id, actor_via: 'discord', actor_id: moderator.id }]);
  });

  it('refuses a second article with the same address, naming the first, and changes nothing', async () => {
    const { id } = await core.addArticle(draft(), moderator);
    const version = getCorpusVersion(core.db);
    const again = draft({ url: 'http://www.news.example/lab-money/', title: 'Another headline' });
    expect((await core.previewArticle(again)).duplicateOf).toBe(id);
    await expect(core.addArticle(again, moderator)).rejects.toThrow(`already in the corpus as \`${id}\``);
    expect(getCorpusVersion(core.db)).toBe(version);
    expect(files().filter((f) => f.includes('another'))).toEqual([]);
  });

  it('gives articles with the same publisher and title ids that do not collide, also when added at once', async () => {
    const results = await Promise.all([
      core.addArticle(draft({ url: 'https://news.example/a' }), moderator),
      core.addArticle(draft({ url: 'https://news.example/b' }), moderator),
      core.addArticle(draft({ url: null }), moderator),
    ]);
    const ids = results.map((r) => r.id).sort();
    expect(ids).toEqual([
      'news-example-the-lab-and-its-money',
      'news-example-the-lab-and-its-money-2',
      'news-example-the-lab-and-its-money-3',
    ]);
    expect(core.sources().articles).toHaveLength(8);
  });

  it('refuses a draft a reload would reject, before writing anything', async () => {
    const before = files();
    await expect(core.addArticle(draft({ published: '2025-13-45' }), moderator)).rejects.toThrow(/not a real date/);
    await expect(core.addArticle(draft({ body: '   ' }), moderator)).rejects.toThrow(/empty body/);
    expect(files()).toEqual(before);
  });
});

describe('uploaded files', () => {
  const upload = (name: string, bytes: Buffer | string) =>
    core.prepareArticle({ kind: 'file', upload: { name, bytes: Buffer.from(bytes) } });

  it('reads a corpus-format file with its id, plain text with its first line as title, and a saved page', async () => {
    const md = articleFile({ id: 'my-article', title: 'Mine', language: 'en', url: 'https://x.example/1' }, prose(120));
    expect(await upload('my-article.md', md)).toMatchObject({ id: 'my-article', draft: { title: 'Mine' } });
    const text = `# Ein Überblick\n\n${'Die beiden Gründer streiten seit Jahren über die Kontrolle des Labors und das Geld. '.repeat(10)}`;
    expect((await upload('notes.txt', text)).draft).toMatchObject({
      title: 'Ein Überblick',
      language: 'de',
      url: null,
    });
    expect((await upload('page.html', savedPage('de-magazine.html'))).draft.publisher).toBe('Beispiel-Rundschau');
  });

  it('refuses binary, oversized, empty, short and invalid files, saying why', async () => {
    await expect(upload('photo.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]))).rejects.toThrow(/not text/);
    await expect(upload('big.txt', 'a'.repeat(600 * 1024))).rejects.toThrow(/larger than 512 KiB/);
    await expect(upload('empty.txt', '')).rejects.toThrow(/empty/);
    await expect(upload('short.txt', 'Title\n\nToo short.')).rejects.toThrow(/too little text/);
    await expect(upload('bad.md', '---\nid: x\ntitle: [\n---\nbody')).rejects.toThrow(/not a valid article file/);
    await expect(upload('latin1.txt', Buffer.from('Titel\n\nÜber', 'latin1'))).rejects.toThrow(/not UTF-8/);
  });
});

describe('removing an article', () => {
  it('deletes the file the index took and a newer duplicate that claims the same id (issue 21, item 11)', async () => {
    const indexed = core.sources().articles[0]!.id;
    const original = readdirSync(corpus.path).find((f) =>
      readFileSync(join(corpus.path, f), 'utf8').includes(`id: ${indexed}`),
    )!;
    // Named to sort after the original, as a later upload would be: the reload rejects it as a duplicate.
    writeArticle(
      corpus.path,
      `zz-${original}`,
      readFileSync(join(corpus.path, original), 'utf8').replace(/\n\n/, '\n\nA newer copy.\n\n'),
    );
    await core.reload();
    expect(core.sources().articles.map((a) => a.id)).toContain(indexed);
    await core.removeArticle(indexed, moderator);
    expect(files()).not.toContain(original);
    expect(files()).not.toContain(`0-${original}`);
    expect(core.sources().articles.map((a) => a.id)).not.toContain(indexed);
  });

  it('deletes its file and reloads; an unknown id or the last article is refused', async () => {
    const { id } = await core.addArticle(draft(), moderator);
    const removed = await core.removeArticle(id, { via: 'cli', id: 'ops', name: 'ops' });
    expect(removed).toMatchObject({ id, title: 'The lab and its money' });
    expect(removed.report.removed).toEqual([id]);
    expect(existsSync(join(corpus.path, `${id}.md`))).toBe(false);
    expect(history(core.db).map((r) => (r as { action: string }).action)).toEqual(['add', 'remove']);
    await expect(core.removeArticle('no-such-article', moderator)).rejects.toThrow(/no article `no-such-article`/);

    for (const other of core.sources().articles.slice(1)) await core.removeArticle(other.id, moderator);
    const last = core.sources().articles[0]!.id;
    await expect(core.removeArticle(last, moderator)).rejects.toThrow(/only article/);
    expect(core.sources().articles.map((a) => a.id)).toEqual([last]);
  });
});
