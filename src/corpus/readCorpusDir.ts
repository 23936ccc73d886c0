import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { UserFacingError } from '../errors.js';
import { MAX_ARTICLE_BYTES, parseArticleFile, type Article } from './articleFile.js';

export interface CorpusFile {
  readonly file: string;
  readonly article: Article;
}

export interface RejectedFile {
  readonly file: string;
  readonly reason: string;
}

export interface CorpusDirContents {
  readonly articles: CorpusFile[];
  readonly rejected: RejectedFile[];
  /** Valid files rejected because another file holds their id (also listed in `rejected`). */
  readonly duplicates: CorpusFile[];
}

/** Most files a corpus folder may hold; beyond that the folder is probably the wrong one. */
const MAX_FILES = 100_000;

/** How long reading a corpus folder may take before the reload gives up (a hung network drive). */
export const READ_DEADLINE_MS = 120_000;

export interface ReadCorpusOptions {
  /** id → file of the articles already indexed, so that an indexed article keeps its id. */
  readonly indexedFiles?: ReadonlyMap<string, string>;
  /** Give up when this fires (default: when one file takes longer than READ_DEADLINE_MS). */
  readonly signal?: AbortSignal;
}

/**
 * Read and validate every article file (`*.md`) in a corpus folder, in name order. A bad
 * file is listed with its reason and never stops the others. Of two files with one id,
 * the one that already holds that id in the index keeps it, whatever the names;
 * otherwise the later one in name order is rejected. Hidden files and README.md are
 * skipped; subfolders, links that lead out of the folder and anything that is not a
 * regular file (a FIFO, a device) are listed as rejected, never read.
 */
export async function readCorpusDir(dir: string, options: ReadCorpusOptions = {}): Promise<CorpusDirContents> {
  let names: string[];
  let realDir: string;
  try {
    names = (await readdir(dir)).sort();
    realDir = await realpath(dir);
  } catch {
    throw new UserFacingError(`The corpus folder ${dir} cannot be read; check CORPUS_DIR.`);
  }
  if (names.length > MAX_FILES) throw new UserFacingError(`The corpus folder ${dir} has more than ${MAX_FILES} files.`);

  const parsed: CorpusFile[] = [];
  const rejected: RejectedFile[] = [];
  // A read that hangs cannot be cancelled, but the reload stops waiting for it. The deadline is
  // per file, not for the whole folder: a large folder read while questions are answered takes
  // minutes in all (10,000 articles under load outlasted a whole-folder limit of 2 minutes).
  const aborted = options.signal ? whenAborted(options.signal) : null;
  for (const file of names) {
    if (file.startsWith('.') || file.toLowerCase() === 'readme.md') continue;
    if (options.signal?.aborted) throw readTimedOut(dir);
    const stalled = options.signal ? null : stallTimer(READ_DEADLINE_MS);
    const read = await Promise.race([readOneFile(realDir, file), aborted ?? stalled!.promise]).finally(() =>
      stalled?.clear(),
    );
    if (read === ABORTED) throw readTimedOut(dir);
    if ('reason' in read) rejected.push({ file, reason: read.reason });
    else parsed.push({ file, article: read.article });
  }
  const articles = withoutDuplicateIds(parsed, options.indexedFiles ?? new Map(), rejected);
  const duplicates = parsed.filter((f) => !articles.includes(f));
  return { articles, rejected, duplicates };
}

async function readOneFile(realDir: string, file: string): Promise<{ article: Article } | { reason: string }> {
  let path = join(realDir, file);
  try {
    let info = await lstat(path);
    if (info.isSymbolicLink()) {
      const target = await realpath(path).catch(() => null);
      if (target === null) return { reason: 'a link to a file that does not exist' };
      if (!isInside(realDir, target)) return { reason: 'a link that leads outside the corpus folder (not followed)' };
      path = target;
      info = await stat(path);
    }
    if (info.isDirectory()) return { reason: 'a subfolder (articles must be directly in the corpus folder)' };
    if (!info.isFile()) return { reason: 'not a regular file' };
  } catch {
    return { reason: 'cannot be read' };
  }
  if (!file.endsWith('.md')) return { reason: 'not an article file (articles are .md files)' };
  const bytes = await readRegularFile(path, MAX_ARTICLE_BYTES);
  if (typeof bytes === 'string') return { reason: bytes };
  const result = parseArticleFile(bytes);
  return result.ok ? { article: result.article } : { reason: result.reason };
}

// O_NONBLOCK: opening a FIFO that replaced the file since lstat returns at once instead of
// waiting for a writer; O_NOFOLLOW: a link swapped in is refused. Both are POSIX (0 elsewhere).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** A file's bytes, checked on the open file itself; or why it was not read. */
export async function readRegularFile(
  path: string,
  maxBytes: number,
  /** Runs between the size check and the read (tests rewrite the file there). */
  afterStat: () => Promise<void> = async () => undefined,
): Promise<Buffer | string> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch {
    return 'cannot be read';
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return 'not a regular file';
    if (info.size > maxBytes) return `file is larger than ${maxBytes / 1024} KiB`;
    await afterStat();
    // One byte more than allowed: a file that grew since stat is caught too.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return `file is larger than ${maxBytes / 1024} KiB`;
    // A file rewritten while it was read (an editor saving, a copy in progress) may have been
    // read half old, half new, or cut short: it waits for the next reload.
    const after = await handle.stat();
    if (length !== info.size || after.size !== info.size || after.mtimeMs !== info.mtimeMs)
      return 'changed while it was being read; it is read again at the next reload';
    return buffer.subarray(0, length);
  } catch {
    return 'cannot be read';
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

const ABORTED = Symbol('aborted');

function whenAborted(signal: AbortSignal): Promise<typeof ABORTED> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
  });
}

function stallTimer(ms: number): { promise: Promise<typeof ABORTED>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<typeof ABORTED>((resolve) => (timer = setTimeout(() => resolve(ABORTED), ms)));
  return { promise, clear: () => clearTimeout(timer) };
}

function readTimedOut(dir: string): UserFacingError {
  return new UserFacingError(
    `Reading the corpus folder ${dir} took too long (a hung or very slow drive?); nothing was changed.`,
  );
}

function withoutDuplicateIds(
  parsed: readonly CorpusFile[],
  indexedFiles: ReadonlyMap<string, string>,
  rejected: RejectedFile[],
): CorpusFile[] {
  const owner = new Map<string, string>();
  for (const { file, article } of parsed) {
    const indexed = indexedFiles.get(article.id);
    if (!owner.has(article.id) || file === indexed) owner.set(article.id, file);
  }
  return parsed.filter(({ file, article }) => {
    const kept = owner.get(article.id)!;
    if (kept === file) return true;
    rejected.push({ file, reason: `duplicate id "${article.id}" (already used by ${kept})` });
    return false;
  });
}
