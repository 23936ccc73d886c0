import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCorpusVersion } from '../../src/corpus/corpusMeta.js';
import { readRegularFile } from '../../src/corpus/readCorpusDir.js';
import { reloadCorpus } from '../../src/corpus/reloadCorpus.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { UserFacingError } from '../../src/errors.js';
import { articleFile, copyOfBundledCorpus, migratedMemoryDb, prose, tempDir, writeArticle } from '../helpers/corpus.js';

const BUNDLED_IDS = [
  'abmedia-altman-interview-musk',
  'hiteching-unraveling-tech-friendship',
  'technewsxpress-schluessel-tech-kampf',
  'theaiwhisperer-konflikt-musk-altman',
  'wynswell-ai-face-off',
];

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const ftsCount = (db: Db, term: string) =>
  (db.prepare('SELECT count(*) AS n FROM passages_fts WHERE passages_fts MATCH ?').get(`"${term}"`) as { n: number }).n;

/** term_df, kept by reloads, must agree with what FTS5 itself counts. */
const dfOutOfStep = (db: Db) =>
  db
    .prepare(
      `SELECT v.term, v.doc, t.df FROM passages_vocab v LEFT JOIN term_df t ON t.term = v.term WHERE t.df IS NOT v.doc
       UNION ALL
       SELECT t.term, NULL, t.df FROM term_df t WHERE t.term NOT IN (SELECT term FROM passages_vocab)`,
    )
    .all();

describe('reloadCorpus', () => {
  let corpus: { path: string; cleanup: () => void };
  let db: Db;
  beforeEach(() => {
    corpus = copyOfBundledCorpus();
    db = migratedMemoryDb();
  });
  afterEach(() => {
    db.close();
    corpus.cleanup();
  });

  it('ingests the bundled corpus: five articles, passages indexed, a version', async () => {
    const report = await reloadCorpus(db, corpus.path);
    expect(report.added.sort()).toEqual(BUNDLED_IDS);
    expect(report.rejected).toEqual([]);
    expect(report.articles).toBe(5);
    expect(report.passages).toBe(count(db, 'passages'));
    expect(report.passages).toBeGreaterThan(30);
    expect(report.version).toMatch(/^[0-9a-f]{12}$/);
    expect(getCorpusVersion(db)).toBe(report.version);
    // The German article is indexed under German stems: "Millionen" -> "million".
    expect(ftsCount(db, 'sutskev')).toBeGreaterThan(0);
    expect(ftsCount(db, 'million')).toBeGreaterThan(0);
  });

  it('re-ingesting an unchanged folder changes nothing and keeps the version', async () => {
    const first = await reloadCorpus(db, corpus.path);
    const rowids = db.prepare('SELECT rowid FROM passages ORDER BY rowid').pluck().all();
    const second = await reloadCorpus(db, corpus.path);
    expect(second.unchanged.sort()).toEqual(BUNDLED_IDS);
    expect([...second.added, ...second.updated, ...second.removed]).toEqual([]);
    expect(second.version).toBe(first.version);
    expect(db.prepare('SELECT rowid FROM passages ORDER BY rowid').pluck().all()).toEqual(rowids);
  });

  it('re-indexes an edited article and reports it as updated with a new version', async () => {
    const first = await reloadCorpus(db, corpus.path);
    const file = join(corpus.path, 'wynswell-ai-face-off.md');
    writeArticle(
      corpus.path,
      'wynswell-ai-face-off.md',
      `${readFileSync(file, 'utf8')}\nA zeppelinfieldword sentence was added.\n`,
    );
    const second = await reloadCorpus(db, corpus.path);
    expect(second.updated).toEqual(['wynswell-ai-face-off']);
    expect(second.unchanged).toHaveLength(4);
    expect(second.version).not.toBe(first.version);
    expect(ftsCount(db, 'zeppelinfieldword')).toBe(1);
    expect(dfOutOfStep(db)).toEqual([]);
  });

  it('removes the article of a deleted file, passages and index entries included', async () => {
    await reloadCorpus(db, corpus.path);
    const before = count(db, 'passages');
    unlinkSync(join(corpus.path, 'wynswell-ai-face-off.md'));
    const report = await reloadCorpus(db, corpus.path);
    expect(report.removed).toEqual(['wynswell-ai-face-off']);
    expect(count(db, 'articles')).toBe(4);
    expect(count(db, 'passages')).toBeLessThan(before);
    expect(ftsCount(db, 'gpt')).toBe(0); // GPT-2 is only in the removed article
    expect(dfOutOfStep(db)).toEqual([]);
  });

  it('rejects bad files with their reasons and ingests the good ones', async () => {
    const good = { title: 'T', language: 'en' };
    writeArticle(corpus.path, 'no-title.md', articleFile({ id: 'no-title', language: 'en' }, prose(50)));
    writeArticle(corpus.path, 'klingon.md', articleFile({ ...good, id: 'klingon', language: 'tlh' }, prose(50)));
    writeArticle(corpus.path, 'empty.md', articleFile({ ...good, id: 'empty' }, '   '));
    writeArticle(corpus.path, 'latin1.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0xff, 0x0a]));
    writeArticle(corpus.path, 'huge.md', articleFile({ ...good, id: 'huge' }, 'x'.repeat(600 * 1024)));
    writeArticle(corpus.path, 'zz-duplicate.md', articleFile({ ...good, id: 'wynswell-ai-face-off' }, prose(50)));
    writeArticle(corpus.path, 'bad-yaml.md', '---\ntitle: [unclosed\n---\nbody\n');
    writeArticle(corpus.path, 'notes.txt', 'not an article');
    writeArticle(corpus.path, 'fine.md', articleFile({ ...good, id: 'fine' }, prose(50)));

    const report = await reloadCorpus(db, corpus.path);
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.file, r.reason]));
    expect(reasons).toEqual({
      'bad-yaml.md': expect.stringContaining('not valid YAML'),
      'empty.md': 'empty body',
      'huge.md': expect.stringContaining('larger than'),
      'klingon.md': expect.stringContaining('unknown language "tlh"'),
      'latin1.md': 'file is not valid UTF-8 text',
      'no-title.md': 'missing title',
      'notes.txt': expect.stringContaining('not an article file'),
      'zz-duplicate.md': expect.stringContaining('duplicate id "wynswell-ai-face-off"'),
    });
    expect(report.added.sort()).toEqual([...BUNDLED_IDS, 'fine'].sort());
  });

  it('keeps the indexed version of an article whose file becomes invalid', async () => {
    await reloadCorpus(db, corpus.path);
    writeArticle(corpus.path, 'wynswell-ai-face-off.md', '---\nid: wynswell-ai-face-off\nlanguage: en\n---\n');
    const report = await reloadCorpus(db, corpus.path);
    expect(report.rejected.map((r) => r.file)).toEqual(['wynswell-ai-face-off.md']);
    expect(report.keptFromBefore).toEqual(['wynswell-ai-face-off']);
    expect(report.removed).toEqual([]);
    expect(ftsCount(db, 'gpt')).toBeGreaterThan(0);
  });

  it('refuses an empty folder instead of deleting the corpus', async () => {
    await reloadCorpus(db, corpus.path);
    const empty = tempDir();
    try {
      await expect(reloadCorpus(db, empty.path)).rejects.toThrow(UserFacingError);
      expect(count(db, 'articles')).toBe(5);
    } finally {
      empty.cleanup();
    }
  });

  it.each([
    ['only a stray text file', { 'notes.txt': 'hello' }],
    ['one broken article', { 'broken.md': '---\ntitle: [unclosed\n---\nbody' }],
    ['files of another kind', { passwd: 'root:x:0:0', hosts: '127.0.0.1 localhost', 'x.conf': 'a=b' }],
  ])('refuses a folder with %s and no valid article, keeping the corpus whole', async (_name, files) => {
    await reloadCorpus(db, corpus.path);
    const other = tempDir();
    try {
      for (const [name, content] of Object.entries(files)) writeArticle(other.path, name, content);
      await expect(reloadCorpus(db, other.path)).rejects.toThrow(/no valid article.*--allow-empty/);
      expect(count(db, 'articles')).toBe(5);
      expect(dfOutOfStep(db)).toEqual([]);
    } finally {
      other.cleanup();
    }
  });

  it('empties the corpus only when asked to explicitly, and warns', async () => {
    await reloadCorpus(db, corpus.path);
    const other = tempDir();
    try {
      writeArticle(other.path, 'notes.txt', 'hello');
      const report = await reloadCorpus(db, other.path, { allowEmpty: true });
      expect(report.removed.sort()).toEqual(BUNDLED_IDS);
      expect(report.articles).toBe(0);
      expect(report.warnings).toEqual([expect.stringContaining('removed 5 of 5 articles')]);
    } finally {
      other.cleanup();
    }
  });

  it('says so when a reload removes more than half of the articles', async () => {
    await reloadCorpus(db, corpus.path);
    for (const id of BUNDLED_IDS.slice(0, 3)) unlinkSync(join(corpus.path, `${id}.md`));
    const report = await reloadCorpus(db, corpus.path);
    expect(report.removed).toHaveLength(3);
    expect(report.warnings).toEqual([expect.stringContaining('removed 3 of 5 articles')]);
    unlinkSync(join(corpus.path, `${BUNDLED_IDS[3]}.md`));
    expect((await reloadCorpus(db, corpus.path)).warnings).toEqual([]); // 1 of 2 is not more than half
  });

  it('a new file with an indexed id is rejected, whatever its name, and the indexed article keeps its id', async () => {
    await reloadCorpus(db, corpus.path);
    const original = readFileSync(join(corpus.path, 'wynswell-ai-face-off.md'), 'utf8');
    // "dup-id.md" sorts before the original file; before the fix it took the id over.
    writeArticle(corpus.path, 'dup-id.md', original.replace(/^title: .*$/m, 'title: "An impostor"'));
    const report = await reloadCorpus(db, corpus.path);
    expect(report.updated).toEqual([]);
    expect(report.rejected).toEqual([
      { file: 'dup-id.md', reason: 'duplicate id "wynswell-ai-face-off" (already used by wynswell-ai-face-off.md)' },
    ]);
    expect(db.prepare("SELECT title, source_file FROM articles WHERE id = 'wynswell-ai-face-off'").get()).toEqual({
      title: expect.not.stringContaining('impostor'),
      source_file: 'wynswell-ai-face-off.md',
    });
  });

  it('reports subfolders, FIFOs and links out of the folder, and reads none of them (issue 15, items 7 and 15)', async () => {
    const outside = tempDir();
    try {
      const article = (id: string) => articleFile({ id, title: `Title ${id}`, language: 'en' }, prose(60));
      writeArticle(outside.path, 'secret.md', article('outside-secret'));
      symlinkSync(join(outside.path, 'secret.md'), join(corpus.path, 'escape.md'));
      mkdirSync(join(corpus.path, 'drafts'));
      writeArticle(join(corpus.path, 'drafts'), 'draft.md', article('a-draft'));
      // A link that stays inside the folder is followed.
      symlinkSync(join(corpus.path, 'drafts', 'draft.md'), join(corpus.path, 'linked-draft.md'));
      execFileSync('mkfifo', [join(corpus.path, 'pipe.md')]);
      const report = await reloadCorpus(db, corpus.path);
      expect(report.rejected).toEqual([
        { file: 'drafts', reason: 'a subfolder (articles must be directly in the corpus folder)' },
        { file: 'escape.md', reason: 'a link that leads outside the corpus folder (not followed)' },
        { file: 'pipe.md', reason: 'not a regular file' },
      ]);
      expect(report.added.sort()).toEqual(['a-draft', ...BUNDLED_IDS]);
      expect(db.prepare("SELECT count(*) FROM articles WHERE id = 'outside-secret'").pluck().get()).toBe(0);
    } finally {
      outside.cleanup();
    }
  });

  it('checks the opened file itself: a FIFO swapped in after the check is refused at once, not waited on', async () => {
    const fifo = join(corpus.path, 'swapped.md');
    execFileSync('mkfifo', [fifo]);
    // Before the fix, opening a FIFO for reading waited for a writer forever, holding the reload.
    expect(await readRegularFile(fifo, 1024)).toBe('not a regular file');
    expect(await readRegularFile(join(corpus.path, 'wynswell-ai-face-off.md'), 100)).toBe(
      'file is larger than 0.09765625 KiB',
    );
  });

  it('gives up reading a folder past its deadline and changes nothing', async () => {
    await reloadCorpus(db, corpus.path);
    const version = getCorpusVersion(db);
    unlinkSync(join(corpus.path, 'wynswell-ai-face-off.md'));
    await expect(reloadCorpus(db, corpus.path, { signal: AbortSignal.abort() })).rejects.toThrow(
      /took too long.*nothing was changed/,
    );
    expect(getCorpusVersion(db)).toBe(version);
    expect(count(db, 'articles')).toBe(5);
  });

  it('indexes every word of a long paragraph without sentence ends', async () => {
    const words = Array.from({ length: 2_005 }, (_, i) => `word${i}`);
    writeArticle(
      corpus.path,
      'unpunctuated.md',
      articleFile({ id: 'unpunctuated', title: 'T', language: 'en' }, [...words, 'zzyzxfinal'].join(' ')),
    );
    await reloadCorpus(db, corpus.path);
    // Before the fix the passage held all 2,006 words and only its first 8,000 characters were indexed.
    expect(ftsCount(db, 'zzyzxfin')).toBe(1); // the stem of "zzyzxfinal"
    expect(
      db.prepare("SELECT max(length(text)) FROM passages WHERE article_id = 'unpunctuated'").pluck().get(),
    ).toBeLessThanOrEqual(3_000);
  });

  it('says which folder cannot be read', async () => {
    await expect(reloadCorpus(db, join(corpus.path, 'missing'))).rejects.toThrow(
      /corpus folder .*missing cannot be read/,
    );
  });
});

describe('a reload that fails midway', () => {
  it('leaves the old index whole, and a reader on another connection never sees a mix', async () => {
    const dir = tempDir();
    const corpus = copyOfBundledCorpus();
    const writer = openDatabase(join(dir.path, 'feudbot.db'));
    migrate(writer);
    const reader = openDatabase(join(dir.path, 'feudbot.db'));
    try {
      const first = await reloadCorpus(writer, corpus.path);
      const snapshot = () => ({
        articles: reader.prepare('SELECT id, content_hash FROM articles ORDER BY id').all(),
        passages: count(reader, 'passages'),
        fts: ftsCount(reader, 'musk'),
        version: getCorpusVersion(reader),
      });
      const before = snapshot();

      // Change two articles and remove one; crash after the first article is written.
      for (const name of ['wynswell-ai-face-off.md', 'abmedia-altman-interview-musk.md']) {
        const file = join(corpus.path, name);
        writeArticle(corpus.path, name, `${readFileSync(file, 'utf8')}\nMusk said something new here.\n`);
      }
      rmSync(join(corpus.path, 'hiteching-unraveling-tech-friendship.md'));
      const seenDuringReload: unknown[] = [];
      await expect(
        reloadCorpus(writer, corpus.path, {
          yieldEvery: 1,
          onArticleIndexed: () => {
            seenDuringReload.push(snapshot());
            throw new Error('disk on fire');
          },
        }),
      ).rejects.toThrow('disk on fire');

      expect(seenDuringReload).toEqual([before]);
      expect(snapshot()).toEqual(before);
      expect(getCorpusVersion(writer)).toBe(first.version);
      // The writer works again afterwards, and the next reload applies everything.
      const after = await reloadCorpus(writer, corpus.path);
      expect(after.updated.sort()).toEqual(['abmedia-altman-interview-musk', 'wynswell-ai-face-off']);
      expect(after.removed).toEqual(['hiteching-unraveling-tech-friendship']);
    } finally {
      reader.close();
      writer.close();
      corpus.cleanup();
      dir.cleanup();
    }
  });
});

describe('a file rewritten while it is read (issue 21, item 12)', () => {
  it('is refused for this reload, never indexed cut short', async () => {
    const dir = tempDir();
    const path = join(dir.path, 'rewritten.md');
    const paragraph = 'Musk and Altman argue about OpenAI governance today, again and again.\n\n';
    try {
      writeFileSync(path, paragraph.repeat(5_000));
      // Rewritten as an editor does, after its size was read: cut to nothing, then the first part written again.
      const read = await readRegularFile(path, 1024 * 1024, async () => {
        await writeFile(path, '');
        await appendFile(path, paragraph.repeat(1_309));
      });
      expect(read).toBe('changed while it was being read; it is read again at the next reload');
      // Left alone, the same file is read whole.
      expect(((await readRegularFile(path, 1024 * 1024)) as Buffer).length).toBe(paragraph.length * 1_309);
    } finally {
      dir.cleanup();
    }
  });
});
