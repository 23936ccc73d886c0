import { randomBytes } from 'node:crypto';
import { link, open, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeArticleUrl } from '../corpus/articleFile.js';
import { readCorpusDir, type CorpusFile } from '../corpus/readCorpusDir.js';
import type { Reload } from '../corpus/reloadCoordinator.js';
import type { ReloadReport } from '../corpus/reloadCorpus.js';
import { UserFacingError } from '../errors.js';
import { reloadAfterChange } from './reloadAfterChange.js';
import type { Logger } from '../logger.js';
import { splitIntoPassages } from '../text/chunk.js';
import { type ArticleDraft, articleIdFor, checkDraft, renderArticleFile, wordCount } from './articleDraft.js';

/** Who changed the corpus: a Discord member or an operator at the CLI. */
export interface Actor {
  readonly via: 'discord' | 'cli';
  readonly id: string;
  readonly name: string;
}

/** What a moderator sees before anything is written. */
export interface ArticlePreview {
  readonly draft: ArticleDraft;
  /** The id (and file name) it would get now. */
  readonly id: string;
  readonly words: number;
  readonly passages: number;
  readonly firstPassage: string;
  /** The id of an article already in the folder with the same canonical address. */
  readonly duplicateOf: string | null;
}

export interface CorpusChange {
  readonly action: 'add' | 'remove';
  readonly articleId: string;
  readonly title: string;
  readonly url: string | null;
  readonly actor: Actor;
}

export interface CorpusEditorDeps {
  readonly corpusDir: string;
  readonly reload: Reload;
  readonly logger: Logger;
  /** Keeps the change in the history, after the index has taken it. */
  readonly record: (change: CorpusChange) => void;
}

export interface CorpusEditor {
  readonly preview: (draft: ArticleDraft, suggestedId?: string | null) => Promise<ArticlePreview>;
  readonly add: (
    draft: ArticleDraft,
    actor: Actor,
    suggestedId?: string | null,
  ) => Promise<{ id: string; report: ReloadReport }>;
  readonly remove: (id: string, actor: Actor) => Promise<{ id: string; title: string; report: ReloadReport }>;
}

/**
 * Adds and removes article files in the corpus folder, which stays the one source of truth:
 * the file is written (or deleted) in the reload's turn, then the index is reloaded as
 * /reload does. A new file appears whole (written under a hidden name, which readers
 * skip, then linked to its name, which never overwrites) and is checked by the same reader
 * a reload uses before it is written.
 */
export function createCorpusEditor(deps: CorpusEditorDeps): CorpusEditor {
  const { corpusDir, reload, logger } = deps;

  return {
    async preview(draft, suggestedId) {
      const folder = await readFolder(corpusDir);
      const id = chooseId(draft, folder, suggestedId);
      const article = checkDraft(id, draft);
      const passages = splitIntoPassages(article.body, article.language);
      return {
        draft,
        id,
        words: wordCount(article.body),
        passages: passages.length,
        firstPassage: passages[0] ?? '',
        duplicateOf: duplicateOf(draft, folder.articles),
      };
    },

    async add(draft, actor, suggestedId) {
      let id = '';
      const report = await reloadAfterChange(reload, corpusDir, async (dir) => {
        const folder = await readFolder(dir);
        const duplicate = duplicateOf(draft, folder.articles);
        if (duplicate) throw new UserFacingError(`This article is already in the corpus as \`${duplicate}\`.`);
        id = chooseId(draft, folder, suggestedId);
        checkDraft(id, draft);
        await writeNewFile(dir, `${id}.md`, renderArticleFile(id, draft));
        return `Added \`${id}\` to the corpus folder (${id}.md)`;
      });
      const change = { action: 'add' as const, articleId: id, title: draft.title, url: draft.url, actor };
      logger.info({ ...change, version: report.version }, 'article added');
      deps.record(change);
      return { id, report };
    },

    async remove(id, actor) {
      let removed: CorpusFile[] = [];
      const report = await reloadAfterChange(reload, corpusDir, async (dir) => {
        removed = await deleteClaimingFiles(dir, id);
        return `Removed \`${id}\` from the corpus folder (${removed.map((f) => f.file).join(', ')})`;
      });
      const { title, url } = removed[0]!.article;
      const change = { action: 'remove' as const, articleId: id, title, url, actor };
      logger.info({ ...change, files: removed.map((f) => f.file), version: report.version }, 'article removed');
      deps.record(change);
      return { id, title, report };
    },
  };
}

/**
 * Delete every file that claims the id: the one the index took and any duplicate it
 * rejected, which would otherwise take the id at this very reload. Refused for an unknown
 * id and for the last article.
 */
async function deleteClaimingFiles(dir: string, id: string): Promise<CorpusFile[]> {
  const { articles, duplicates } = await readFolder(dir);
  const claiming = [...articles, ...duplicates].filter((a) => a.article.id === id);
  if (claiming.length === 0) throw new UserFacingError(`There is no article \`${id}\` in the corpus folder.`);
  if (articles.every((a) => a.article.id === id))
    throw new UserFacingError('That is the only article; without it the bot would have nothing to answer from.');
  for (const file of claiming) await unlink(join(dir, file.file));
  return claiming;
}

interface Folder {
  readonly articles: CorpusFile[];
  readonly duplicates: CorpusFile[];
  /** Every id and file name in use, valid or not: a new file never takes one. */
  readonly taken: Set<string>;
}

async function readFolder(dir: string): Promise<Folder> {
  const { articles, duplicates } = await readCorpusDir(dir);
  const names = await readdir(dir);
  const taken = new Set([
    ...articles.map((a) => a.article.id),
    ...names.map((n) => n.replace(/\.md$/i, '').toLowerCase()),
  ]);
  return { articles, duplicates, taken };
}

function chooseId(draft: ArticleDraft, folder: Folder, suggestedId: string | null | undefined): string {
  return suggestedId && !folder.taken.has(suggestedId) ? suggestedId : articleIdFor(draft, folder.taken);
}

function duplicateOf(draft: ArticleDraft, articles: readonly CorpusFile[]): string | null {
  const url = draft.url ? normalizeArticleUrl(draft.url) : null;
  if (!url) return null;
  const key = sameArticleKey(url);
  return articles.find((a) => a.article.url && sameArticleKey(a.article.url) === key)?.article.id ?? null;
}

/** Two addresses of one article: the same but for http/https, "www." and a trailing slash. */
function sameArticleKey(url: string): string {
  const u = new URL(url);
  return `${u.hostname.replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`;
}

/** Write a file that appears whole or not at all, and never replaces one that exists. */
async function writeNewFile(dir: string, name: string, text: string): Promise<void> {
  const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UserFacingError(`A file named ${name} appeared in the corpus folder meanwhile; try again.`);
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}
