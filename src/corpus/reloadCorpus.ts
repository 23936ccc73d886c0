import type { Db } from '../db/database.js';
import { UserFacingError } from '../errors.js';
import { contentHash } from './articleFile.js';
import { type IndexedArticle, indexedArticles, IndexWriter } from './indexStore.js';
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
  /** Called as articles are written: how many of the folder's articles are done (for a progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stop reading the folder when this fires (default: when one file takes longer than READ_DEADLINE_MS). */
  readonly signal?: AbortSignal;
}

/** A corpus folder read and validated: the first half of a reload, done outside any lock. */
export interface CorpusRead extends CorpusDirContents {
  readonly dir: string;
  readonly startedAt: number;
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
  const indexedFiles = new Map([...indexedArticles(db).values()].map((a) => [a.id, a.sourceFile]));
  const contents = await readCorpusDir(dir, { indexedFiles, ...(signal ? { signal } : {}) });
  return { ...contents, dir, startedAt };
}

/** Write what was read into the index, in one transaction (the second half of a reload). */
export async function applyCorpusRead(db: Db, read: CorpusRead, options: ReloadOptions = {}): Promise<ReloadReport> {
  // A hand-made IMMEDIATE transaction rather than db.transaction(): it may span awaits (yieldEvery).
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await writeChanges(db, read, options);
    db.exec('COMMIT');
    return { ...result, rejected: read.rejected, ms: Math.round(performance.now() - read.startedAt) };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

async function writeChanges(db: Db, read: CorpusRead, options: ReloadOptions) {
  const previousVersion = getCorpusVersion(db);
  const existing = indexedArticles(db);
  const plan = planRemovals(existing, read, options);
  const writer = new IndexWriter(db);
  const report = { added: [] as string[], updated: [] as string[], removed: [] as string[], unchanged: [] as string[] };
  for (const id of plan.removing) {
    writer.remove(id);
    report.removed.push(id);
  }
  let written = 0;
  let done = 0;
  for (const { file, article } of read.articles) {
    options.onProgress?.(done++, read.articles.length);
    const before = existing.get(article.id);
    if (before?.contentHash === contentHash(article)) {
      if (before.sourceFile !== file) writer.moveFile(article.id, file);
      report.unchanged.push(article.id);
      continue;
    }
    if (before) writer.remove(article.id);
    writer.add(article, file);
    (before ? report.updated : report.added).push(article.id);
    await options.onArticleIndexed?.(article.id);
    if (options.yieldEvery && ++written % options.yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  options.onProgress?.(read.articles.length, read.articles.length);
  const { version, ...counts } = writer.finish();
  setCorpusVersion(db, version);
  const { keptFromBefore, warnings } = plan;
  return { ...report, keptFromBefore, previousVersion, version, ...counts, warnings };
}

/**
 * Which indexed articles go: those whose file is gone, not those whose file is now
 * rejected (kept as they were). Refuses to leave no article at all unless asked to.
 */
function planRemovals(existing: ReadonlyMap<string, IndexedArticle>, read: CorpusRead, options: ReloadOptions) {
  const incoming = new Set(read.articles.map((a) => a.article.id));
  const rejectedFiles = new Set(read.rejected.map((r) => r.file));
  const gone = [...existing.values()].filter((a) => !incoming.has(a.id));
  const keptFromBefore = gone.filter((a) => rejectedFiles.has(a.sourceFile)).map((a) => a.id);
  const removing = gone.filter((a) => !rejectedFiles.has(a.sourceFile)).map((a) => a.id);
  if (existing.size > 0 && removing.length === existing.size && incoming.size === 0 && !options.allowEmpty) {
    // A folder with no valid article (an empty one, /etc, one broken file) is far more often a
    // wrong CORPUS_DIR than a wish to delete everything.
    throw new UserFacingError(
      `The corpus folder ${read.dir} has no valid article (${read.rejected.length} other file(s)); the current corpus of ${existing.size} article(s) is kept. To empty the corpus on purpose, reload with --allow-empty.`,
    );
  }
  const warnings =
    removing.length > existing.size / 2
      ? [`This reload removed ${removing.length} of ${existing.size} articles. If that was not intended, check the corpus folder.`]
      : [];
  return { keptFromBefore, removing, warnings };
}
