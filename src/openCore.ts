import { existsSync } from 'node:fs';
import { privateAddressesToo, publicAddressesOnly, type AddressPolicy } from './articles/addressPolicy.js';
import type { Config } from './config.js';
import { UserFacingError } from './errors.js';
import { createCore, type FeudCore } from './core.js';
import { getCorpusVersion } from './corpus/corpusMeta.js';
import { explainOpenError, openDatabase, withoutBusyWait, type Db } from './db/database.js';
import { isBusy } from './db/writeGate.js';
import type { TokenBudgets } from './llm/tokenBudget.js';
import { migrate } from './db/migrate.js';
import type { Embedder } from './embeddings/embedder.js';
import { createOpenAiEmbedder } from './embeddings/openAiEmbedder.js';
import type { ChatModel } from './llm/chatModel.js';
import { createLimiter, type Limiter } from './llm/limiter.js';
import { createOpenAiChatModel } from './llm/openAiChatModel.js';
import type { Logger } from './logger.js';

export interface OpenCoreOptions {
  readonly dbPath: string;
  readonly corpusDir: string;
  readonly logger: Logger;
  readonly model?: ChatModel;
  readonly limiter?: Limiter;
  readonly embedder?: Embedder;
  readonly embedInBackground?: boolean;
  /** Which addresses article links may lead to (default: public internet only). */
  readonly fetchPolicy?: AddressPolicy;
  /** Days questions, answers and votes are kept (default 90; 0: no question text). */
  readonly retentionDays?: number;
  readonly budgets?: TokenBudgets;
  /** Ingest the corpus folder when the index has none yet (default true; the ingest command does it itself, to report it). */
  readonly ingestOnFirstUse?: boolean;
  /** Delete expired data now (default true; of several shard processes, only the first does). */
  readonly pruneAtStart?: boolean;
}

/**
 * Open the database, apply migrations, and on first use (no corpus yet) ingest the
 * corpus folder, so a fresh clone answers straight away.
 */
export async function openCore(options: OpenCoreOptions): Promise<FeudCore> {
  if (options.dbPath !== ':memory:' && !existsSync(options.dbPath) && !existsSync(options.corpusDir))
    throw new UserFacingError(
      `The corpus folder ${options.corpusDir} does not exist, so there is nothing to answer from. Set CORPUS_DIR (or FEUDBOT_HOME); no database was created.`,
    );
  const db = openDatabase(options.dbPath);
  let writer: Db | undefined;
  try {
    const applied = migrate(db);
    if (applied.length > 0) options.logger.info({ applied }, 'migrations applied');
    writer = options.dbPath === ':memory:' ? undefined : openDatabase(options.dbPath, { cacheMiB: 64 });
    const core = createCore({ ...options, db, writer });
    // Retention is applied at every start, and daily by a bot that keeps running. Another process
    // holding the write lock (a long reload) must not stop a start: the next run prunes.
    try {
      if (options.pruneAtStart !== false) withoutBusyWait(db, () => void core.pruneExpired());
    } catch (error) {
      const cause = isBusy(error) ? { reason: 'another process holds the database' } : { err: error };
      options.logger.warn(cause, 'deleting expired data failed; it is tried again later');
    }
    if (options.ingestOnFirstUse !== false && getCorpusVersion(db) === null) await core.reload();
    // Vectors missing from an earlier run (the endpoint was down, the model changed) fill in behind start-up.
    else if (options.embedInBackground) void core.fillEmbeddings();
    return core;
  } catch (error) {
    writer?.close();
    db.close();
    // A read-only or damaged file shows up in the first write (the migrations): say which file.
    throw explainOpenError(options.dbPath, error);
  }
}

/** The core as the configuration describes it: database, corpus, chat model, embeddings, concurrency. */
export function openCoreFromConfig(
  config: Config,
  logger: Logger,
  options: Pick<OpenCoreOptions, 'embedInBackground' | 'ingestOnFirstUse' | 'pruneAtStart' | 'limiter'> & {
    corpusDir?: string;
  } = {},
): Promise<FeudCore> {
  return openCore({
    dbPath: config.dbPath,
    corpusDir: options.corpusDir ?? config.corpusDir,
    logger,
    model: modelFromConfig(config.openai),
    embedder: embedderFromConfig(config.embeddings),
    limiter: options.limiter ?? createLimiter(config.openai.maxConcurrency, config.openai.maxQueue),
    fetchPolicy: config.articleFetchAllowPrivate ? privateAddressesToo : publicAddressesOnly,
    retentionDays: config.retentionDays,
    budgets: config.openai.budgets,
    ...(options.embedInBackground !== undefined ? { embedInBackground: options.embedInBackground } : {}),
    ...(options.ingestOnFirstUse !== undefined ? { ingestOnFirstUse: options.ingestOnFirstUse } : {}),
    ...(options.pruneAtStart !== undefined ? { pruneAtStart: options.pruneAtStart } : {}),
  });
}

/** The embedding model the configuration asks for, or undefined when search is by words only. */
export function embedderFromConfig(config: Config['embeddings']): Embedder | undefined {
  return config ? createOpenAiEmbedder(config) : undefined;
}

/** The chat model the configuration asks for, or undefined when answers stay extractive. */
export function modelFromConfig(config: Config['openai']): ChatModel | undefined {
  if (!config.enabled) return undefined;
  return createOpenAiChatModel({
    apiKey: config.apiKey,
    baseURL: config.baseURL,
    model: config.model,
    timeoutMs: config.timeoutMs,
  });
}
