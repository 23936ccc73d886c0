import { getCorpusVersion } from '../corpus/corpusMeta.js';
import type { Db } from '../db/database.js';
import { describeError } from '../llm/describeError.js';
import type { Logger } from '../logger.js';
import type { SemanticHit } from '../retrieval/searchPassages.js';
import type { Embedder } from './embedder.js';
import { VectorIndex } from './vectorIndex.js';
import {
  embeddingCounts,
  fillMissingTextHashes,
  hashesWithoutVector,
  passageVectors,
  pruneVectors,
  rowidsOfHashes,
  rowidsWithVector,
  saveVectors,
  vectorsOfRowids,
  textsOfHashes,
} from './vectorStore.js';

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
  fill(): Promise<EmbeddingStatus>;
  status(): EmbeddingStatus;
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

/** After a failed question embedding, questions go lexical-only this long before the endpoint is tried again. */
const OUTAGE_PAUSE_MS = 60_000;
/** First wait before a failed backfill is tried again; it doubles up to the maximum. */
const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_MS = 15 * 60_000;
const QUESTION_CACHE = 500;
/** Longest a question waits for its own vector; past it, it is answered by words. */
const QUESTION_DEADLINE_MS = 5_000;

/**
 * Semantic retrieval over an embeddings endpoint. Vectors are stored per passage text and
 * model, filled in behind reloads (never in their way), and searched in memory. Anything
 * the endpoint does wrong (down, slow, junk) makes search lexical-only for a while and is
 * logged once per outage, not once per question.
 */
export function createSemanticSearch(deps: SemanticSearchDeps): SemanticSearch {
  const { db, embedder, logger } = deps;
  const model = embedder.model;
  const batchSize = deps.batchSize ?? 32;
  const questionVectors = new Map<string, Float32Array>();
  let index: { version: string | null; vectors: VectorIndex | null } | null = null;
  let questionsPausedUntil = 0;
  let outageLogged = false;
  let running: Promise<EmbeddingStatus> | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = RETRY_FIRST_MS;
  let state: EmbeddingStatus['state'] = 'pending';
  let lastError: string | undefined;
  let closed = false;

  function status(): EmbeddingStatus {
    if (closed) return { model, embedded: 0, total: 0, state: 'paused' };
    const counts = embeddingCounts(db, model);
    const current = state === 'filling' ? 'filling' : counts.embedded >= counts.total ? 'complete' : state;
    return { model, ...counts, state: current, ...(lastError && current !== 'complete' ? { lastError } : {}) };
  }

  /**
   * The in-memory index for the corpus as it is now. Built from SQLite once; after a reload
   * only reconciled: a reload leaves the passages of unchanged articles (and their rowids)
   * alone, so the removed ones are dropped and only new ones are read, and a question after a
   * large reload does not wait for every vector to be read again.
   */
  function currentIndex(): VectorIndex | null {
    const version = getCorpusVersion(db);
    if (index?.version === version) return index.vectors;
    let vectors = index?.vectors ?? null;
    if (!vectors) {
      for (const { rowid, vector } of passageVectors(db, model)) {
        vectors ??= new VectorIndex(vector.length);
        if (vector.length === vectors.dim) vectors.add(rowid, vector);
      }
    } else {
      const current = new Set(rowidsWithVector(db, model));
      for (const rowid of vectors.rowidList()) if (!current.has(rowid)) vectors.remove(rowid);
      const added = [...current].filter((rowid) => !vectors!.has(rowid));
      for (const { rowid, vector } of vectorsOfRowids(db, model, added))
        if (vector.length === vectors.dim) vectors.add(rowid, vector);
    }
    index = { version, vectors };
    return vectors;
  }

  function reportOutage(error: unknown, during: string): void {
    lastError = describeError(error);
    if (outageLogged) return;
    outageLogged = true;
    logger.warn(
      { model, during, reason: lastError },
      'embeddings endpoint failed; searching by words only until it recovers',
    );
  }

  function reportRecovery(): void {
    if (outageLogged) logger.info({ model }, 'embeddings endpoint answers again');
    outageLogged = false;
    lastError = undefined;
  }

  async function embedQuestion(question: string): Promise<Float32Array | null> {
    const cached = questionVectors.get(question);
    if (cached) return cached;
    if (Date.now() < questionsPausedUntil) return null;
    try {
      const [vector] = await deps.limit(() => embedder.embed([question], { timeoutMs: QUESTION_DEADLINE_MS }));
      reportRecovery();
      if (questionVectors.size >= QUESTION_CACHE) questionVectors.delete(questionVectors.keys().next().value!);
      questionVectors.set(question, vector!);
      return vector!;
    } catch (error) {
      questionsPausedUntil = Date.now() + OUTAGE_PAUSE_MS;
      reportOutage(error, 'question');
      return null;
    }
  }

  async function fillPass(): Promise<EmbeddingStatus> {
    deps.write(() => fillMissingTextHashes(db));
    const missing = hashesWithoutVector(db, model);
    const total = embeddingCounts(db, model).total;
    let done = total - missing.length;
    for (let start = 0; start < missing.length; start += batchSize) {
      if (closed) return status();
      const batch = textsOfHashes(db, missing.slice(start, start + batchSize));
      if (batch.length === 0) continue;
      const vectors = await deps.limit(() => embedder.embed(batch.map((b) => b.text)));
      if (closed) return status();
      const rows = batch.map((b, i) => ({ hash: b.hash, vector: vectors[i]! }));
      deps.write(() => saveVectors(db, model, rows));
      addToIndex(rows);
      done += batch.length;
      logger.info({ model, embedded: done, total }, `embedding ${done} of ${total} passages`);
    }
    reportRecovery();
    deps.write(() => {
      const pruned = pruneVectors(db, model);
      if (pruned > 0) logger.info({ model, pruned }, 'dropped vectors of other models or removed passages');
    });
    // A reload during the pass may have added passages: go again until nothing is missing.
    return !closed && hashesWithoutVector(db, model).length > 0 ? fillPass() : status();
  }

  function addToIndex(rows: readonly { hash: string; vector: Float32Array }[]): void {
    const vectors = currentIndex() ?? new VectorIndex(rows[0]!.vector.length);
    if (index) index.vectors = vectors;
    const byHash = new Map(rows.map((r) => [r.hash, r.vector]));
    for (const { rowid, hash } of rowidsOfHashes(db, [...byHash.keys()])) {
      const vector = byHash.get(hash)!;
      if (vector.length === vectors.dim) vectors.add(rowid, vector);
    }
  }

  function scheduleRetry(): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void fill(), retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  function fill(): Promise<EmbeddingStatus> {
    if (running) return running;
    state = 'filling';
    running = fillPass()
      .then(() => {
        retryMs = RETRY_FIRST_MS;
        state = 'complete';
        return status();
      })
      .catch((error: unknown) => {
        state = 'paused';
        if (closed) return status();
        reportOutage(error, 'backfill');
        scheduleRetry();
        return status();
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    async nearest(question, k) {
      try {
        const vector = await embedQuestion(question);
        return vector ? (currentIndex()?.search(vector, k) ?? []) : [];
      } catch (error) {
        // The index is in-process and the vectors were checked when stored; still, never fail a question for them.
        logger.error({ err: error }, 'semantic search failed; searching by words only');
        return [];
      }
    },
    fill,
    status,
    close() {
      closed = true;
      clearTimeout(retryTimer);
    },
  };
}
