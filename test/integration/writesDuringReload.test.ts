import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core.js';
import Database from 'better-sqlite3';
import { backupDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { openCore } from '../../src/openCore.js';
import {
  articleFile,
  BUNDLED_CORPUS,
  copyOfBundledCorpus,
  prose,
  silentLogger,
  tempDir,
  writeArticle,
} from '../helpers/corpus.js';
import { answeredResult } from '../helpers/results.js';

/** A core on a database file with a reload connection of its own, as the bot runs it, and a corpus to edit. */
function fileBackedCore() {
  const dir = tempDir();
  const corpus = copyOfBundledCorpus();
  const dbPath = join(dir.path, 'feudbot.db');
  const db = openDatabase(dbPath);
  migrate(db);
  const writer = openDatabase(dbPath);
  const core = createCore({ db, writer, corpusDir: BUNDLED_CORPUS, logger: silentLogger });
  return { dir, corpus, dbPath, db, writer, core };
}

describe('questions during a reload', () => {
  it('are answered from the old corpus while the reload transaction is open, and their writes land after it', async () => {
    const { dir, corpus, db, writer, core } = fileBackedCore();
    try {
      await core.reload();
      for (let i = 0; i < 400; i++) {
        writeArticle(
          corpus.path,
          `bulk-${i}.md`,
          articleFile({ id: `bulk-${i}`, title: `Bulk ${i}`, language: 'en' }, prose(200, `w${i}`)),
        );
      }
      let reloadDone = false;
      const reload = core.reload(corpus.path).then((r) => ((reloadDone = true), r));
      // Wait until the reload holds SQLite's write lock.
      while (!writer.inTransaction) await new Promise((resolve) => setImmediate(resolve));

      const started = performance.now();
      const answer = await core.ask('What is Merge Labs?');
      const waited = performance.now() - started;
      let marker = 0;
      core.write(() => (marker = 1));

      expect(reloadDone).toBe(false);
      expect(writer.inTransaction).toBe(true);
      expect(answer.outcome).toBe('answered');
      expect(answer.citations[0]?.quote).toContain('Merge Labs');
      // Not held up by the lock (SQLite's busy timeout would have been 5 s).
      expect(waited).toBeLessThan(1_000);
      expect(marker).toBe(0);
      const logBefore = db.prepare('SELECT count(*) FROM answer_log').pluck().get();

      const report = await reload;
      expect(report.added).toHaveLength(400);
      expect(marker).toBe(1);
      expect(db.prepare('SELECT count(*) FROM answer_log').pluck().get()).toBe((logBefore as number) + 1);
    } finally {
      core.close();
      corpus.cleanup();
      dir.cleanup();
    }
  });

  it('a fresh answer can be shown and voted on while its row waits for the reload; a second vote withdraws (issue 23, item 3)', async () => {
    const { dir, corpus, writer, core } = fileBackedCore();
    try {
      await core.reload();
      for (let i = 0; i < 400; i++)
        writeArticle(
          corpus.path,
          `bulk-${i}.md`,
          articleFile({ id: `bulk-${i}`, title: `Bulk ${i}`, language: 'en' }, prose(200, `w${i}`)),
        );
      const reload = core.reload(corpus.path);
      while (!writer.inTransaction) await new Promise((resolve) => setImmediate(resolve));
      const result = answeredResult(await core.ask('What is Merge Labs?'));
      const id = core.savePostedAnswer({ guildId: 'g', channelId: 'c', userId: 'u', isPrivate: false, result });
      expect(writer.inTransaction).toBe(true);
      // Show quotes: the answer is there although its row is not written yet.
      expect(core.postedAnswer(id)?.result.citations[0]?.quote).toContain('Merge Labs');
      // 👍 then 👍 again: the second click withdraws the first.
      expect(core.vote(id, 'u', 'up')).toBe('up');
      expect(core.vote(id, 'u', 'up')).toBeNull();
      await reload;
      expect(core.postedAnswer(id)?.result.question).toBe('What is Merge Labs?');
      expect(core.vote(id, 'v', 'down')).toBe('down');
      expect(core.vote(id, 'u', 'down')).toBe('down');
    } finally {
      core.close();
      corpus.cleanup();
      dir.cleanup();
    }
  });

  it('another process holding the write lock neither blocks nor loses the writes (issue 15, item 5)', async () => {
    const dir = tempDir();
    const dbPath = join(dir.path, 'feudbot.db');
    const db = openDatabase(dbPath);
    migrate(db);
    const warnings: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => void warnings.push(line) });
    const core = createCore({ db, corpusDir: BUNDLED_CORPUS, logger });
    // Stands for a CLI ingest in another process: a connection of its own in a write transaction.
    const other = openDatabase(dbPath);
    try {
      await core.reload();
      const logged = () => db.prepare('SELECT count(*) FROM answer_log').pluck().get() as number;
      const before = logged();
      other.exec('BEGIN IMMEDIATE');
      // Before the fix, the answer-log write blocked the event loop for the 5 s busy timeout
      // (so the timer below could not even fire), then failed and was lost.
      setTimeout(() => other.exec('COMMIT'), 300);
      const answer = await core.ask('What is Merge Labs?');
      expect(answer.outcome).toBe('answered');
      expect(other.inTransaction).toBe(true);
      expect(logged()).toBe(before);
      await expect.poll(logged, { timeout: 5_000, interval: 50 }).toBe(before + 1);
      expect(other.inTransaction).toBe(false);
      // A second lock soon after (another shard's write): the writes wait again, the log is not told again.
      other.exec('BEGIN IMMEDIATE');
      setTimeout(() => other.exec('COMMIT'), 300);
      await core.ask('What is Colossus?');
      await expect.poll(logged, { timeout: 5_000, interval: 50 }).toBe(before + 2);
      expect(warnings.filter((line) => line.includes('locked by another process'))).toHaveLength(1);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      core.close();
      dir.cleanup();
    }
  });

  it('a backup taken during a reload is whole and holds the old corpus or the new one (issue 14)', async () => {
    const { dir, corpus, dbPath, writer, core } = fileBackedCore();
    const inBackup = (file: string) => {
      const copy = new Database(file, { readonly: true });
      try {
        return {
          integrity: copy.pragma('integrity_check', { simple: true }),
          articles: copy.prepare('SELECT count(*) FROM articles').pluck().get(),
        };
      } finally {
        copy.close();
      }
    };
    try {
      await core.reload();
      for (let i = 0; i < 300; i++)
        writeArticle(
          corpus.path,
          `bulk-${i}.md`,
          articleFile({ id: `bulk-${i}`, title: `B ${i}`, language: 'en' }, prose(200)),
        );
      const reload = core.reload(corpus.path);
      while (!writer.inTransaction) await new Promise((resolve) => setImmediate(resolve));
      await backupDatabase(dbPath, join(dir.path, 'during.db'));
      await reload;
      await backupDatabase(dbPath, join(dir.path, 'after.db'));
      const during = inBackup(join(dir.path, 'during.db'));
      expect(during.integrity).toBe('ok');
      expect([5, 305]).toContain(during.articles);
      expect(inBackup(join(dir.path, 'after.db'))).toEqual({ integrity: 'ok', articles: 305 });
      await expect(backupDatabase(dbPath, join(dir.path, 'after.db'))).rejects.toThrow(/already exists/);
    } finally {
      core.close();
      corpus.cleanup();
      dir.cleanup();
    }
  });
});

describe('a backup stopped halfway (issue 21, item 6)', () => {
  it('leaves nothing under the target name, and the next backup to that name works', async () => {
    const dir = tempDir();
    const dbPath = join(dir.path, 'feudbot.db');
    const core = await openCore({ dbPath, corpusDir: BUNDLED_CORPUS, logger: silentLogger });
    const target = join(dir.path, 'backup.db');
    try {
      let steps = 0;
      await expect(
        backupDatabase(dbPath, target, {
          pagesPerStep: 5,
          onStep: () => {
            expect(existsSync(target)).toBe(false);
            if (++steps === 3) throw new Error('killed halfway');
          },
        }),
      ).rejects.toThrow('killed halfway');
      expect(readdirSync(dir.path).filter((f) => f.includes('backup'))).toEqual([]);
      await backupDatabase(dbPath, target);
      expect(readdirSync(dir.path).filter((f) => f.includes('backup'))).toEqual(['backup.db']);
      const copy = openDatabase(target);
      expect(copy.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(5);
      copy.close();
    } finally {
      core.close();
      dir.cleanup();
    }
  });
});
