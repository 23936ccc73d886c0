import { getCachedAnswer, logAnswer, pruneCaches, putCachedAnswer, sqliteOutputModes } from './answer/answerStore.js';
import { judgeAnswerability } from './answer/answerability.js';
import { buildExtractiveAnswer } from './answer/extractiveAnswer.js';
import { message } from './answer/messages.js';
import { normalizeQuestion } from './answer/normalizeQuestion.js';
import type { AskResult } from './answer/types.js';
import type { Config } from './config.js';
import { getCorpusVersion } from './corpus/corpusMeta.js';
import { listSources, type SourcesListing } from './corpus/listSources.js';
import { applyCorpusRead, readCorpusForReload, type ReloadReport } from './corpus/reloadCorpus.js';
import { explainOpenError, openDatabase, withoutBusyWait, type Db } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createWriteGate } from './db/writeGate.js';
import type { Embedder } from './embeddings/embedder.js';
import { createOpenAiEmbedder } from './embeddings/openAiEmbedder.js';
import { createSemanticSearch, type EmbeddingStatus } from './embeddings/semanticSearch.js';
import type { ChatModel, TokenUsage } from './llm/chatModel.js';
import { BusyError, createLimiter, type Limiter } from './llm/limiter.js';
import { answerWithModel, type ModelOutcome } from './llm/modelAnswerer.js';
import { createOpenAiChatModel } from './llm/openAiChatModel.js';
import { translateQuery } from './llm/queryTranslator.js';
import type { Logger } from './logger.js';
import {
  corpusLanguages,
  retrievePassages,
  searchPassages,
  type Retrieval,
  type SearchHit,
  type SearchOptions,
} from './retrieval/searchPassages.js';
import type { FusionMethod } from './retrieval/fuse.js';
import { cleanQuestion } from './retrieval/cleanQuestion.js';
import { detectLanguage } from './text/detectLanguage.js';
import type { Language } from './text/languages.js';

export interface AskOptions {
  /** The language to answer in (e.g. from a Discord locale); by default the question's own. */
  readonly language?: Language;
  /** Called with the answer text so far while a model streams it (for progress in a chat). */
  readonly onPartial?: (text: string) => void;
}

/**
 * What the CLI and the bot both stand on: search, answer, list and reload. It knows
 * nothing of Discord or of the terminal; callers format what it returns.
 */
export interface FeudCore {
  readonly db: Db;
  /** The model's name when answers come from a model, else null. */
  readonly model: string | null;
  search(question: string, options?: SearchOptions): SearchHit[];
  /** Search as `ask` does: with a model, its translations of the question are fused in. */
  retrieve(question: string, options?: { limit?: number }): Promise<SearchHit[]>;
  /** Never rejects: failures of the model fall back to quoting, overload gives a `busy` result. */
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  sources(language?: Language): SourcesListing;
  /**
   * Re-read the corpus folder (default: the configured one) and swap the index atomically.
   * Reloads run one at a time; questions keep being answered from the old corpus meanwhile.
   */
  reload(dir?: string, options?: { allowEmpty?: boolean }): Promise<ReloadReport>;
  /** Run a small write now, or after the reload in progress (see WriteGate). */
  write(fn: () => void): void;
  /** Where the passage vectors stand; null when semantic search is off. */
  embeddings(): EmbeddingStatus | null;
  /** Embed the passages that have no vector yet, and wait for it (the CLI's ingest and eval). */
  fillEmbeddings(): Promise<EmbeddingStatus | null>;
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
  /**
   * A second connection to the same database file, used only by reloads so that they can
   * yield to questions while their transaction is open. Without one (an in-memory
   * database), a reload runs on `db` without yielding.
   */
  readonly writer?: Db;
  /** The embedding model for semantic search; without one, search is by words only. */
  readonly embedder?: Embedder;
  /** Fill in passage vectors in the background after every reload (the bot); the CLI fills when it asks to. */
  readonly embedInBackground?: boolean;
  /** How the rankings are merged (default: weighted sum; see README, "Semantic search"). */
  readonly fusion?: FusionMethod;
}

/** Articles written between two turns of the event loop during a reload on its own connection. */
const RELOAD_BATCH = 10;

/** Passages handed to the answerer. */
const PASSAGES_PER_ANSWER = 5;
/** Nearest vectors fused with the lexical candidates. */
const SEMANTIC_CANDIDATES = 50;

export function createCore({
  db,
  corpusDir,
  logger,
  model,
  limiter = createLimiter(4, 32),
  writer,
  embedder,
  embedInBackground = false,
  fusion,
}: CoreDeps): FeudCore {
  const gate = createWriteGate({
    onError: (error) => logger.error({ err: error }, 'deferred write failed'),
    onBusy: () => logger.warn('the database is locked by another process (an ingest?); writes wait and are retried'),
    withoutWaiting: (write) => withoutBusyWait(db, write),
  });
  const semantic = embedder
    ? createSemanticSearch({ db, embedder, logger, limit: limiter.run, write: gate.run })
    : null;
  const modes = sqliteOutputModes(db, gate.run);
  let reloads: Promise<unknown> = Promise.resolve();

  async function retrieve(question: string, limit: number): Promise<Retrieval> {
    const [extraQueries, nearest] = await Promise.all([
      translations(question),
      semantic ? semantic.nearest(cleanQuestion(question), Math.max(SEMANTIC_CANDIDATES, limit * 4)) : [],
    ]);
    return retrievePassages(db, question, { limit, extraQueries, semantic: nearest, fusion });
  }

  /** The model's search queries for the question in each corpus language; none without a model, or when it is busy. */
  async function translations(question: string): Promise<string[]> {
    const corpusVersion = getCorpusVersion(db);
    if (!model || !corpusVersion || !question.trim()) return [];
    // limit: translation calls count against OPENAI_MAX_CONCURRENCY like answers do.
    const deps = { db, model, logger, modes, write: gate.run, limit: limiter.run };
    return translateQuery(deps, question, corpusLanguages(db), corpusVersion);
  }

  async function ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    const started = performance.now();
    const language = options.language ?? detectLanguage(question);
    const corpusVersion = getCorpusVersion(db);
    const base = { question, mode: 'extractive' as const, language, corpusVersion };
    if (!question.trim())
      return { ...base, answered: false, answer: message('emptyQuestion', language), citations: [] };

    const key =
      model && corpusVersion
        ? { question: normalizeQuestion(question), language, corpusVersion, model: model.model }
        : null;
    const cached = key ? getCachedAnswer(db, key) : null;
    if (cached) {
      record({ ...cached, question, cached: true }, null);
      return { ...cached, question, cached: true };
    }

    const retrieval = await retrieve(question, PASSAGES_PER_ANSWER);
    const hits = retrieval.hits;
    const verdict = judgeAnswerability(retrieval, { withModel: model !== undefined });
    if (!verdict.answerable) {
      const refused = { ...base, answered: false, refusal: verdict.refusal, answer: message('notCovered', language) };
      const result = { ...refused, citations: [] };
      record(result, null);
      return result;
    }
    if (!model) {
      const result = { ...base, answered: true, ...buildExtractiveAnswer(hits, language) };
      record(result, null);
      return result;
    }

    let outcome: ModelOutcome;
    try {
      outcome = await limiter.run(() =>
        answerWithModel({ model, logger, modes }, question, hits, language, options.onPartial),
      );
    } catch (error) {
      if (!(error instanceof BusyError)) throw error;
      logger.warn({ active: limiter.active, waiting: limiter.waiting }, 'model busy; question turned away');
      return { ...base, answered: false, busy: true, answer: message('busy', language), citations: [] };
    }

    let result: AskResult;
    if (!outcome.ok) {
      logger.warn({ reason: outcome.reason, model: model.model }, 'model answer failed; quoting the articles instead');
      result = { ...base, answered: true, ...buildExtractiveAnswer(hits, language), fallbackReason: outcome.reason };
    } else if (!outcome.answered) {
      result = {
        ...base,
        mode: 'llm',
        model: model.model,
        answered: false,
        refusal: 'not-covered',
        answer: message('notCovered', language),
        citations: [],
      };
    } else {
      result = {
        ...base,
        mode: 'llm',
        model: model.model,
        answered: true,
        answer: outcome.answer,
        citations: outcome.citations,
      };
    }
    // Fallbacks are not cached: the model may well answer the next time.
    if (key && result.mode === 'llm') gate.run(() => putCachedAnswer(db, key, result));
    record(result, outcome.usage);
    return result;

    function record(r: AskResult, usage: TokenUsage | null): void {
      const ms = performance.now() - started;
      const entry = {
        question,
        language,
        mode: r.mode,
        model: r.model ?? null,
        answered: r.answered,
        cached: r.cached ?? false,
        usage,
        ms,
        fallbackReason: r.fallbackReason ?? null,
      };
      gate.run(() => logAnswer(db, entry));
      logger.info(
        {
          mode: r.mode,
          answered: r.answered,
          cached: r.cached ?? false,
          ms: Math.round(ms),
          usage,
          fallbackReason: r.fallbackReason,
        },
        'answered',
      );
    }
  }

  return {
    db,
    model: model?.model ?? null,
    search: (question, options) => searchPassages(db, question, options),
    retrieve: async (question, options) => (await retrieve(question, options?.limit ?? 5)).hits,

    async ask(question, options) {
      try {
        return await ask(question, options);
      } catch (error) {
        // Retrieval and SQLite do not fail on user input; this is the last guard so a caller never sees a rejection.
        logger.error({ err: error }, 'answering failed');
        const language = options?.language ?? detectLanguage(question);
        return {
          question,
          answered: false,
          mode: 'extractive',
          language,
          answer: message('internalError', language),
          citations: [],
          corpusVersion: null,
        };
      }
    },

    sources: (language) => listSources(db, language),

    reload(dir = corpusDir, options = {}) {
      const run = async () => {
        // Reading the folder holds no lock: saved answers and votes are written meanwhile.
        const read = await readCorpusForReload(writer ?? db, dir);
        return gate.hold(async () => {
          const report = await applyCorpusRead(writer ?? db, read, {
            yieldEvery: writer ? RELOAD_BATCH : 0,
            allowEmpty: options.allowEmpty,
          });
          pruneCaches(writer ?? db, report.version);
          return report;
        });
      };
      // One reload at a time: a second waits for the first, whatever its outcome.
      const next = reloads.then(run, run);
      reloads = next.catch(() => undefined);
      return next.then((report) => {
        logReload(report);
        // The lexical index has swapped; vectors fill in behind it and search uses those that exist.
        if (embedInBackground) void semantic?.fill();
        return report;
      });
    },

    write: gate.run,

    embeddings: () => semantic?.status() ?? null,

    fillEmbeddings: async () => (semantic ? semantic.fill() : null),

    close() {
      semantic?.close();
      gate.flush();
      writer?.close();
      db.close();
    },
  };

  function logReload(report: ReloadReport): void {
    // Rejected files and warnings need a person's attention, whatever the log level of the caller.
    const level = report.rejected.length > 0 || report.warnings.length > 0 ? 'warn' : 'info';
    logger[level](
      {
        added: report.added.length,
        updated: report.updated.length,
        removed: report.removed.length,
        unchanged: report.unchanged.length,
        rejected: report.rejected,
        warnings: report.warnings,
        version: report.version,
        ms: report.ms,
      },
      'corpus reloaded',
    );
  }
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

/**
 * Open the database, apply migrations, and on first use (no corpus yet) ingest the
 * corpus folder, so a fresh clone answers straight away.
 */
export async function openCore(options: {
  dbPath: string;
  corpusDir: string;
  logger: Logger;
  model?: ChatModel;
  limiter?: Limiter;
  embedder?: Embedder;
  embedInBackground?: boolean;
  /** Ingest the corpus folder when the index has none yet (default true; the ingest command does it itself, to report it). */
  ingestOnFirstUse?: boolean;
}): Promise<FeudCore> {
  const db = openDatabase(options.dbPath);
  let writer: Db | undefined;
  try {
    const applied = migrate(db);
    if (applied.length > 0) options.logger.info({ applied }, 'migrations applied');
    writer = options.dbPath === ':memory:' ? undefined : openDatabase(options.dbPath, { cacheMiB: 64 });
    const core = createCore({ ...options, db, writer });
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
