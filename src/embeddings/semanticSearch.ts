import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { SemanticHit } from '../retrieval/searchPassages.js';
import { Backfill } from './backfill.js';
import type { Embedder } from './embedder.js';
import { LiveVectorIndex } from './liveVectorIndex.js';
import { EndpointOutage } from './outage.js';
import { QuestionVectors } from './questionVectors.js';
import { embeddingCounts } from './vectorStore.js';

/** Where the passage vectors stand, for logs, `/reload` and the CLI. */
export interface EmbeddingStatus {
  readonly model: string;
  /** Distinct passage texts with a vector, of all in the index. */
  readonly embedded: number;
  readonly total: number;
  /**
   * pending: no pass has run yet; filling: a pass is running; paused: the endpoint failed
   * and a pass is scheduled; complete: nothing is missing.
   */
  readonly state: 'pending' | 'filling' | 'paused' | 'complete';
  readonly lastError?: string;
}

export interface SemanticSearch {
  /** The passages nearest to the question; empty (never a rejection) when anything fails. */
  nearest(question: string, k: number): Promise<SemanticHit[]>;
  /** Embed every passage that has no vector yet; resolves when done or paused. One pass runs at a time. */
  fill(onProgress?: (done: number, total: number) => void): Promise<EmbeddingStatus>;
  status(): EmbeddingStatus;
  /**
   * Catch up with another process's writes: vectors it stored join the in-memory index; with
   * `fill`, passages a reload elsewhere added get their vectors here.
   */
  catchUp(fill: boolean): void;
  /** Stop scheduled retries (on shutdown). */
  close(): void;
}

export interface SemanticSearchDeps {
  readonly db: Db;
  readonly embedder: Embedder;
  readonly logger: Logger;
  /** Bounds concurrent calls to the endpoint (shared with the chat model's calls). */
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** Runs a write now or after the reload in progress. */
  readonly write: (write: () => void) => void;
  /** Passages per embeddings request. */
  readonly batchSize?: number;
}

/**
 * Semantic retrieval over an embeddings endpoint. Vectors are stored per passage text and
 * model, filled in behind reloads (never in their way), and searched in memory. Anything
 * the endpoint does wrong (down, slow, junk) makes search lexical-only for a while and is
 * logged once per outage, not once per question.
 */
export function createSemanticSearch(deps: SemanticSearchDeps): SemanticSearch {
  const { db, embedder, logger } = deps;
  const model = embedder.model;
  const outage = new EndpointOutage(logger, model);
  const questions = new QuestionVectors(embedder, deps.limit, outage);
  const index = new LiveVectorIndex(db, model);
  const backfill = new Backfill({ ...deps, batchSize: deps.batchSize ?? 32, index, outage });

  function status(): EmbeddingStatus {
    if (backfill.closed) return { model, embedded: 0, total: 0, state: 'paused' };
    const counts = embeddingCounts(db, model);
    const { state } = backfill;
    const current = state === 'filling' ? 'filling' : counts.embedded >= counts.total ? 'complete' : state;
    const lastError = current !== 'complete' ? outage.lastError : undefined;
    return { model, ...counts, state: current, ...(lastError ? { lastError } : {}) };
  }

  return {
    async nearest(question, k) {
      try {
        const vector = await questions.vectorOf(question);
        return vector ? (index.current()?.search(vector, k) ?? []) : [];
      } catch (error) {
        // The index is in-process and the vectors were checked when stored; still, never fail a question for them.
        logger.error({ err: error }, 'semantic search failed; searching by words only');
        return [];
      }
    },
    fill: (onProgress) => {
      backfill.onProgress = onProgress ?? null;
      return backfill.run().then(status);
    },
    status,
    catchUp(fill) {
      index.refresh();
      if (!fill || backfill.closed || backfill.state !== 'complete') return;
      const counts = embeddingCounts(db, model);
      if (counts.embedded < counts.total) void backfill.run();
    },
    close() {
      backfill.close();
      index.closed = true;
    },
  };
}
