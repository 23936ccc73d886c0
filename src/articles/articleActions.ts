import type { ReloadReport } from '../corpus/reloadCorpus.js';
import { readCorpusDir } from '../corpus/readCorpusDir.js';
import type { Reload } from '../corpus/reloadCoordinator.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { type AddressPolicy, publicAddressesOnly } from './addressPolicy.js';
import type { ArticleDraft } from './articleDraft.js';
import { recordCorpusChange } from './changeLog.js';
import { type Actor, type ArticlePreview, createCorpusEditor } from './corpusEditor.js';
import type { FetchLimits } from './fetchPage.js';
import { type ArticleSource, prepareArticle } from './prepareArticle.js';

/** What the core offers for changing the corpus one article at a time (the bot's /article, the CLI's add and remove). */
export interface ArticleActions {
  /** Fetch or read an article and show what adding it would do; nothing is written. */
  prepareArticle(source: ArticleSource): Promise<ArticlePreview>;
  /** The preview of a corrected draft (a moderator's edits), checked as a corpus file is. */
  previewArticle(draft: ArticleDraft, id?: string | null): Promise<ArticlePreview>;
  /** Write the article into the corpus folder and reload; refused when its address is there already. */
  addArticle(draft: ArticleDraft, actor: Actor, id?: string | null): Promise<{ id: string; report: ReloadReport }>;
  /** Delete the article's file from the corpus folder and reload. */
  removeArticle(id: string, actor: Actor): Promise<{ id: string; title: string; report: ReloadReport }>;
  /** Remove every saved answer a member wrote (their data deletion); returns the ids removed. */
  removeAnswersBy(userId: string): Promise<string[]>;
}

export interface ArticleActionsDeps {
  readonly db: Db;
  readonly corpusDir: string;
  readonly reload: Reload;
  readonly logger: Logger;
  readonly write: (fn: () => void) => void;
  readonly fetchPolicy?: AddressPolicy | undefined;
  readonly fetchLimits?: FetchLimits | undefined;
}

export function createArticleActions(deps: ArticleActionsDeps): ArticleActions {
  const { db, write } = deps;
  const editor = createCorpusEditor({
    corpusDir: deps.corpusDir,
    reload: deps.reload,
    logger: deps.logger,
    record: (change) => write(() => recordCorpusChange(db, change)),
  });
  const fetching = {
    policy: deps.fetchPolicy ?? publicAddressesOnly,
    ...(deps.fetchLimits ? { limits: deps.fetchLimits } : {}),
  };
  return {
    prepareArticle: async (source) => {
      const prepared = await prepareArticle(source, fetching);
      return editor.preview(prepared.draft, prepared.id);
    },
    previewArticle: editor.preview,
    addArticle: editor.add,
    removeArticle: editor.remove,
    async removeAnswersBy(userId) {
      const { articles } = await readCorpusDir(deps.corpusDir);
      const theirs = articles.filter((a) => a.article.authorId === userId).map((a) => a.article.id);
      // Recorded without the member's id: the deletion is theirs, and it removes their traces.
      for (const id of theirs) await editor.remove(id, { via: 'discord', id: 'deleted', name: 'data deletion' });
      return theirs;
    },
  };
}
