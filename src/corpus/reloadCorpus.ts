import { createHash } from 'node:crypto';
import type { Db } from '../db/database.js';
import { UserFacingError } from '../errors.js';
import { indexTerms } from '../text/analyze.js';
import { splitIntoPassages } from '../text/chunk.js';
import { textHash } from '../text/textHash.js';
import { contentHash, type Article } from './articleFile.js';
import { type CorpusDirContents, readCorpusDir, type RejectedFile } from './readCorpusDir.js';
import { getCorpusVersion, setCorpusVersion } from './corpusMeta.js';

/** What a reload did, for the CLI and for the moderator who asked for it. */
export interface ReloadReport {
  readonly added: string[];
  readonly updated: string[];
  readonly removed: string[];
  readonly unchanged: string[];
  readonly rejected: RejectedFile[];
  /** Articles kept from before because their file is now rejected. */
  readonly keptFromBefore: string[];
  readonly previousVersion: string | null;
  readonly version: string;
  readonly articles: number;
  readonly passages: number;
  readonly ms: number;
  /** Things a moderator should look at, e.g. a reload that removed most of the corpus. */
  readonly warnings: string[];
}

export interface ReloadOptions {
  /** Called after each article is written, inside the transaction. A throw aborts the whole reload. */
  readonly onArticleIndexed?: (articleId: string) => void | Promise<void>;
  /**
   * Give the event loop a turn after this many written articles (0: never). Only for a
   * connection of its own: other connections keep reading the old corpus meanwhile (WAL),
   * while this one must not be used by anything else until the reload ends.
   */
  readonly yieldEvery?: number;
  /** Allow a reload that leaves no article at all (the operator's explicit `--allow-empty`). */
  readonly allowEmpty?: boolean;
  /** Stop reading the folder when this fires (default: after READ_DEADLINE_MS). */
  readonly signal?: AbortSignal;
}

/** A corpus folder read and validated: the first half of a reload, done outside any lock. */
export interface CorpusRead extends CorpusDirContents {
  readonly dir: string;
  readonly startedAt: number;
}

interface ExistingRow {
  id: string;
  content_hash: string;
  source_file: string;
}

/**
 * Make the index match the corpus folder, atomically.
 *
 * Files are read and validated first, outside any lock. The changes are then written in
 * one IMMEDIATE transaction: readers on other connections (WAL) keep seeing the old
 * corpus until it commits, and a failure or crash midway rolls back to it. Unchanged
 * articles (same content hash) are not touched, so a second reload of the same folder
 * writes nothing. An article whose file has become invalid is kept as it was: a broken
 * edit never removes what was working.
 */
export async function reloadCorpus(db: Db, dir: string, options: ReloadOptions = {}): Promise<ReloadReport> {
  return applyCorpusRead(db, await readCorpusForReload(db, dir, options.signal), options);
}

/** Read and validate the folder; reads the index only (which file holds which id). */
export async function readCorpusForReload(db: Db, dir: string, signal?: AbortSignal): Promise<CorpusRead> {
  const startedAt = performance.now();
  const indexedFiles = new Map(
    (db.prepare('SELECT id, source_file FROM articles').all() as ExistingRow[]).map((r) => [r.id, r.source_file]),
  );
  const contents = await readCorpusDir(dir, { indexedFiles, ...(signal ? { signal } : {}) });
  return { ...contents, dir, startedAt };
}

/** Write what was read into the index, in one transaction (the second half of a reload). */
export async function applyCorpusRead(db: Db, read: CorpusRead, options: ReloadOptions = {}): Promise<ReloadReport> {
  const { articles, rejected, dir, startedAt: started } = read;
  const rejectedFiles = new Set(rejected.map((r) => r.file));

  const insertArticle = db.prepare(
    `INSERT INTO articles (id, title, editorial_title, url, publisher, language, author, published, source_file, content_hash, body)
     VALUES (@id, @title, @editorialTitle, @url, @publisher, @language, @author, @published, @sourceFile, @hash, @body)`,
  );
  const deleteArticle = db.prepare('DELETE FROM articles WHERE id = ?');
  const passageTerms = db.prepare('SELECT terms FROM passages WHERE article_id = ?').pluck();
  const applyDf = db.prepare(
    'INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df',
  );
  // Changes to term_df are summed here and written once per term at the end of the reload.
  const dfDelta = new Map<string, number>();
  const countTerms = (terms: readonly string[], sign: 1 | -1) => {
    for (const term of new Set(terms)) if (term) dfDelta.set(term, (dfDelta.get(term) ?? 0) + sign);
  };
  const removeArticle = (id: string) => {
    for (const terms of passageTerms.all(id) as string[]) countTerms(terms.split(' '), -1);
    deleteArticle.run(id);
  };
  const updateSourceFile = db.prepare('UPDATE articles SET source_file = ? WHERE id = ?');
  const insertPassage = db.prepare(
    'INSERT INTO passages (id, article_id, ordinal, text, terms, text_hash) VALUES (?, ?, ?, ?, ?, ?)',
  );

  // A hand-made IMMEDIATE transaction rather than db.transaction(): it may span awaits (yieldEvery).
  const write = async () => {
    const previousVersion = getCorpusVersion(db);
    const existing = new Map(
      (db.prepare('SELECT id, content_hash, source_file FROM articles').all() as ExistingRow[]).map((r) => [r.id, r]),
    );
    const incoming = new Map(articles.map((a) => [a.article.id, a]));
    const keptFromBefore = [...existing.values()]
      .filter((row) => !incoming.has(row.id) && rejectedFiles.has(row.source_file))
      .map((row) => row.id);
    const removing = [...existing.keys()].filter((id) => !incoming.has(id) && !keptFromBefore.includes(id));
    if (existing.size > 0 && removing.length === existing.size && incoming.size === 0 && !options.allowEmpty) {
      // A folder with no valid article (an empty one, /etc, one broken file) is far more often a
      // wrong CORPUS_DIR than a wish to delete everything.
      throw new UserFacingError(
        `The corpus folder ${dir} has no valid article (${rejected.length} other file(s)); the current corpus of ${existing.size} article(s) is kept. To empty the corpus on purpose, reload with --allow-empty.`,
      );
    }
    const warnings =
      removing.length > existing.size / 2
        ? [`This reload removed ${removing.length} of ${existing.size} articles. If that was not intended, check the corpus folder.`]
        : [];

    let written = 0;
    const report = { added: [] as string[], updated: [] as string[], removed: [] as string[], unchanged: [] as string[] };
    for (const row of existing.values()) {
      if (incoming.has(row.id) || keptFromBefore.includes(row.id)) continue;
      removeArticle(row.id);
      report.removed.push(row.id);
    }
    for (const { file, article } of articles) {
      const hash = contentHash(article);
      const before = existing.get(article.id);
      if (before && before.content_hash === hash) {
        if (before.source_file !== file) updateSourceFile.run(file, article.id);
        report.unchanged.push(article.id);
        continue;
      }
      if (before) removeArticle(article.id);
      writeArticle(article, file, hash);
      (before ? report.updated : report.added).push(article.id);
      await options.onArticleIndexed?.(article.id);
      written++;
      if (options.yieldEvery && written % options.yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
    }

    for (const [term, delta] of dfDelta) if (delta !== 0) applyDf.run(term, delta);
    db.prepare('DELETE FROM term_df WHERE df <= 0').run();

    const version = computeVersion(db);
    setCorpusVersion(db, version);
    const counts = db
      .prepare('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM passages) AS passages')
      .get() as { articles: number; passages: number };
    return { ...report, keptFromBefore, previousVersion, version, ...counts, warnings };
  };

  function writeArticle(article: Article, file: string, hash: string): void {
    insertArticle.run({
      ...article,
      editorialTitle: article.editorialTitle ? 1 : 0,
      sourceFile: file,
      hash,
    });
    splitIntoPassages(article.body, article.language).forEach((text, ordinal) => {
      const terms = indexTerms(text, article.language);
      insertPassage.run(`${article.id}#${ordinal + 1}`, article.id, ordinal + 1, text, terms.join(' '), textHash(text));
      countTerms(terms, 1);
    });
  }

  db.exec('BEGIN IMMEDIATE');
  let result: Awaited<ReturnType<typeof write>>;
  try {
    result = await write();
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  return { ...result, rejected, ms: Math.round(performance.now() - started) };
}

/** The corpus version: a short hash of every article's id and content hash, so equal corpora share it. */
function computeVersion(db: Db): string {
  const hash = createHash('sha256');
  for (const row of db.prepare('SELECT id, content_hash FROM articles ORDER BY id').iterate() as Iterable<{
    id: string;
    content_hash: string;
  }>) {
    hash.update(`${row.id}\0${row.content_hash}\n`);
  }
  return hash.digest('hex').slice(0, 12);
}
