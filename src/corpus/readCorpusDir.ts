import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
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
}

/** Most files a corpus folder may hold; beyond that the folder is probably the wrong one. */
const MAX_FILES = 100_000;

/**
 * Read and validate every article file (`*.md`) in a corpus folder, in name order. A bad
 * file is listed with its reason and never stops the others. Of two files with one id,
 * the one that already holds that id in the index (`indexedFiles`: id → file) keeps it,
 * whatever the names; otherwise the later one in name order is rejected. Hidden files
 * and README.md are skipped.
 */
export async function readCorpusDir(
  dir: string,
  indexedFiles: ReadonlyMap<string, string> = new Map(),
): Promise<CorpusDirContents> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    throw new UserFacingError(`The corpus folder ${dir} cannot be read; check CORPUS_DIR.`);
  }
  if (names.length > MAX_FILES) throw new UserFacingError(`The corpus folder ${dir} has more than ${MAX_FILES} files.`);

  const parsed: CorpusFile[] = [];
  const rejected: RejectedFile[] = [];
  for (const file of names) {
    if (file.startsWith('.') || file.toLowerCase() === 'readme.md') continue;
    const path = join(dir, file);
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      size = info.size;
    } catch {
      rejected.push({ file, reason: 'cannot be read' });
      continue;
    }
    if (!file.endsWith('.md')) {
      rejected.push({ file, reason: 'not an article file (articles are .md files)' });
      continue;
    }
    if (size > MAX_ARTICLE_BYTES) {
      rejected.push({ file, reason: `file is larger than ${MAX_ARTICLE_BYTES / 1024} KiB` });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      rejected.push({ file, reason: 'cannot be read' });
      continue;
    }
    const result = parseArticleFile(bytes);
    if (!result.ok) {
      rejected.push({ file, reason: result.reason });
      continue;
    }
    parsed.push({ file, article: result.article });
  }
  return { articles: withoutDuplicateIds(parsed, indexedFiles, rejected), rejected };
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
