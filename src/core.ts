import { boundedQuestion } from './text/questionLength.js';
import { createHelpChannels, type HelpChannelActions } from './help/helpChannels.js';
import type { TokenBudgets } from './llm/tokenBudget.js';
import { isDamage } from './db/database.js';
import { answerQuestion, type AskOptions } from './answer/answerQuestion.js';
import { pruneAnswerCache } from './answer/answerStore.js';
import { createPostedAnswerActions, type PostedAnswerActions } from './answer/postedAnswerActions.js';
import { type ConversationActions, createConversationActions } from './answer/conversationActions.js';
import { createInsightsActions, type InsightsActions } from './insights/insightsActions.js';
import { createPrivacyActions, type PrivacyActions } from './privacy/privacyActions.js';
import { DEFAULT_RETENTION_DAYS } from './privacy/retention.js';
import type { AddressPolicy } from './articles/addressPolicy.js';
import { type ArticleActions, createArticleActions } from './articles/articleActions.js';
import type { ArticleDraft } from './articles/articleDraft.js';
import type { Actor, ArticlePreview } from './articles/corpusEditor.js';
import type { FetchLimits } from './articles/fetchPage.js';
import type { ArticleSource } from './articles/prepareArticle.js';
import { say } from './i18n/words.js';
import type { ConversationTurn } from './answer/conversation.js';
import { retrieveAsAsked } from './answer/followUp.js';
import { createRetriever } from './answer/retriever.js';
import type { AskResult } from './answer/types.js';
import { listSources, type SourcesListing } from './corpus/listSources.js';
import { createReloadCoordinator, type ReloadOptions } from './corpus/reloadCoordinator.js';
import type { ReloadReport } from './corpus/reloadCorpus.js';
import { type Db, withoutBusyWait } from './db/database.js';
import { createWriteGate, type WriteGate } from './db/writeGate.js';
import type { Embedder } from './embeddings/embedder.js';
import { createSemanticSearch, type EmbeddingStatus } from './embeddings/semanticSearch.js';
import type { ChatModel } from './llm/chatModel.js';
import { createLimiter, type Limiter } from './llm/limiter.js';
import { sqliteOutputModes } from './llm/outputModeStore.js';
import { pruneTranslations } from './llm/translationStore.js';
import type { Logger } from './logger.js';
import type { FusionMethod } from './retrieval/fuse.js';
import type { SearchHit } from './retrieval/searchPassages.js';
import { readQuestion } from './answer/question.js';
import type { Language } from './text/languages.js';

export type { FeedbackReason, PostedAnswer, Vote } from './answer/postedAnswers.js';
export type { Actor, ArticleDraft, ArticlePreview, ArticleSource, ConversationTurn };
export type { Conversation } from './answer/conversationActions.js';
export type { AskOptions };

/**
 * What the CLI and the bot both stand on: answer, search, list, reload, and keep the
 * answers a chat posted with their votes. It knows nothing of Discord or of the
 * terminal; callers format what it returns. The database stays inside.
 */
export interface FeudCore
  extends
    ArticleActions,
    PostedAnswerActions,
    ConversationActions,
    PrivacyActions,
    InsightsActions,
    HelpChannelActions {
  /** The model's name when answers come from a model, else null. */
  readonly model: string | null;
  /** Search as `ask` does: with a model, its translations of the question are fused in. */
  retrieve(question: string, options?: { limit?: number; history?: readonly ConversationTurn[] }): Promise<SearchHit[]>;
  /** Never rejects: failures of the model fall back to quoting, overload gives a `busy` result. */
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  sources(language?: Language): SourcesListing;
  /**
   * Re-read the corpus folder (default: the configured one) and swap the index atomically.
   * Reloads run one at a time; questions keep being answered from the old corpus meanwhile.
   */
  reload(dir?: string, options?: Pick<ReloadOptions, 'allowEmpty' | 'onProgress'>): Promise<ReloadReport>;
  /** Run a small write now, or once the database is free (see WriteGate). */
  write(fn: () => void): void;
  /** Where the passage vectors stand; null when semantic search is off. */
  embeddings(): EmbeddingStatus | null;
  /** Embed the passages that have no vector yet, and wait for it (the CLI's ingest and eval). */
  fillEmbeddings(onProgress?: (done: number, total: number) => void): Promise<EmbeddingStatus | null>;
  /** Model calls running and waiting now; null without a model. */
  modelLoad(): { active: number; waiting: number } | null;
  /**
   * Catch up with what another process wrote (a shard's reload, vectors it filled): called
   * every few seconds by each shard's process. Questions see a new corpus version at once anyway.
   */
  catchUp(): void;
  /** Wait (up to `timeoutMs`) for writes held back by another process's lock; resolves to how many still wait. */
  settleWrites(timeoutMs: number, onWaiting?: () => void): Promise<number>;
  close(): void;
}

export interface CoreDeps {
  readonly db: Db;
  readonly corpusDir: string;
  readonly logger: Logger;
  /** The language model; without one, answers are extractive. */
  readonly model?: ChatModel;
  /** Bounds concurrent model calls; defaults to 4 at once and 32 waiting. */
  readonly limiter?: Limiter;
  /** A second connection to the same file, for reloads (see ReloadCoordinatorDeps). */
  readonly writer?: Db;
  /** The embedding model for semantic search; without one, search is by words only. */
  readonly embedder?: Embedder;
  /** Fill in passage vectors in the background after every reload (the bot); the CLI fills when it asks to. */
  readonly embedInBackground?: boolean;
  /** How the rankings are merged (default: weighted sum; see docs/quality.md). */
  readonly fusion?: FusionMethod;
  /** Which addresses article links may lead to (default: public internet only). */
  readonly fetchPolicy?: AddressPolicy;
  /** Days questions, answers and votes are kept (default 90); 0 keeps no question text at all. */
  readonly retentionDays?: number;
  readonly fetchLimits?: FetchLimits;
  /** Daily model-token budgets per member and per server (default: unlimited). */
  readonly budgets?: TokenBudgets;
}

/** The core's parts wired together: every behaviour lives in the modules named here. */
export function createCore(deps: CoreDeps): FeudCore {
  const { db, logger, model, writer } = deps;
  const limiter = deps.limiter ?? createLimiter(4, 32);
  const gate = writeGateFor(db, logger);
  const write = gate.run;
  const semantic = deps.embedder
    ? createSemanticSearch({ db, embedder: deps.embedder, logger, limit: limiter.run, write })
    : null;
  const modes = sqliteOutputModes(db, write);
  const keepQuestions = (deps.retentionDays ?? DEFAULT_RETENTION_DAYS) > 0;
  const shared = { db, logger, model, modes, write, semantic, keepQuestions };
  const retrieve = createRetriever({ ...shared, limit: limiter.run, fusion: deps.fusion });
  const answering = { db, logger, model, limiter, modes, write, retrieve, keepQuestions, budgets: deps.budgets };
  const reload = createReloadCoordinator({
    ...{ db, writer, corpusDir: deps.corpusDir, gate, logger },
    afterApply: (conn, report) => {
      pruneAnswerCache(conn, report.version);
      pruneTranslations(conn, report.version);
    },
    // The lexical index has swapped; vectors fill in behind it and search uses those that exist.
    afterReload: () => void (deps.embedInBackground ? semantic?.fill() : undefined),
  });

  return {
    model: model?.model ?? null,
    // Whoever calls, a question is read only to its length limit.
    retrieve: (question, options) => retrieveAsAsked(answering, boundedQuestion(question), options),
    ask: (question, options) =>
      answerQuestion(answering, boundedQuestion(question), options).catch((error: unknown) =>
        internalError(logger, error, question, options),
      ),
    sources: (language) => listSources(db, language),
    reload,
    ...createArticleActions({ ...deps, reload, logger, write }),
    ...createPostedAnswerActions(db, write, keepQuestions),
    ...createConversationActions(db, write, keepQuestions),
    ...createPrivacyActions(db, logger, deps.retentionDays ?? DEFAULT_RETENTION_DAYS),
    ...createInsightsActions(db),
    ...createHelpChannels(db, write),
    write,
    embeddings: () => semantic?.status() ?? null,
    fillEmbeddings: async (onProgress) => (semantic ? semantic.fill(onProgress) : null),
    catchUp: () => semantic?.catchUp(deps.embedInBackground ?? false),
    settleWrites: (timeoutMs, onWaiting) => gate.settle(timeoutMs, onWaiting),
    modelLoad: () => (model ? { active: limiter.active, waiting: limiter.waiting } : null),
    close() {
      semantic?.close();
      gate.flush();
      writer?.close();
      db.close();
    },
  };
}

/** Shard processes sharing the file meet each other's locks many times a minute under load: said once a minute. */
const LOCK_WARNING_INTERVAL_MS = 60_000;

function writeGateFor(db: Db, logger: Logger): WriteGate {
  let warnedAt = -Infinity;
  return createWriteGate({
    onError: (error) => logger.error({ err: error }, 'deferred write failed'),
    onBusy: () => {
      if (Date.now() - warnedAt < LOCK_WARNING_INTERVAL_MS) return;
      warnedAt = Date.now();
      logger.warn('the database is locked by another process (an ingest, another shard?); writes wait and are retried');
    },
    withoutWaiting: (write) => withoutBusyWait(db, write),
  });
}

/** The last guard of `ask`: retrieval and SQLite do not fail on user input, but a caller never sees a rejection. */
function internalError(logger: Logger, error: unknown, question: string, options: AskOptions | undefined): AskResult {
  logger.error({ err: error }, 'answering failed');
  const language = readQuestion(question, options?.language).answerIn;
  const answer = say('internalError', language);
  const failure = isDamage(error) ? ('damaged' as const) : ('internal' as const);
  return { outcome: 'failed', failure, question, language, answer, citations: [], corpusVersion: null };
}
