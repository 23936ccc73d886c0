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
  deleteVectors,
  staleVectorKeys,
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
/** Vectors read from SQLite between two turns of the event loop while the index is built or synced. */
const SYNC_SLICE = 2_000;
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
  let syncing: Promise<void> | null = null;
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
   * The in-memory index, if it matches the corpus as it is now; otherwise null, and it is
   * brought up to date in the background. A question meanwhile is searched by words only:
   * reading every vector (3 s at 100,000 passages) or a large reload's new ones in one go
   * would stall every question, and an index that lags the corpus could attach a removed
   * passage's vector to a rowid SQLite has given to a new one.
   */
  function currentIndex(): VectorIndex | null {
    const version = getCorpusVersion(db);
    if (index?.version === version) return index.vectors;
    syncing ??= syncIndex().finally(() => (syncing = null));
    return null;
  }

  /**
   * Bring the index to the corpus version, in slices with a turn of the event loop between
   * them. After a reload only the difference is read: the passages of unchanged articles
   * keep their rowids, so removed ones are dropped and new ones added.
   */
  async function syncIndex(): Promise<void> {
    for (;;) {
      const version = getCorpusVersion(db);
      const current = rowidsWithVector(db, model);
      const vectors = index?.vectors ?? null;
      const wanted = new Set(current);
      if (vectors) for (const rowid of vectors.rowidList()) if (!wanted.has(rowid)) vectors.remove(rowid);
      const missing = vectors ? current.filter((rowid) => !vectors.has(rowid)) : current;
      let building = vectors;
      for (let start = 0; start < missing.length; start += SYNC_SLICE) {
        for (const { rowid, vector } of vectorsOfRowids(db, model, missing.slice(start, start + SYNC_SLICE))) {
          building ??= new VectorIndex(vector.length);
          if (vector.length === building.dim) building.add(rowid, vector);
        }
        await new Promise((resolve) => setImmediate(resolve));
        if (closed) return;
      }
      // A reload that committed meanwhile means another round; otherwise the index is current.
      if (getCorpusVersion(db) === version) {
        index = { version, vectors: building };
        return;
      }
      index = { version: null, vectors: building };
    }
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
    await pruneInSlices();
    // Leave the in-memory index current, so that a caller who waited for the fill searches with it.
    if (!currentIndex() && syncing) await syncing;
    // A reload during the pass may have added passages: go again until nothing is missing.
    return !closed && hashesWithoutVector(db, model).length > 0 ? fillPass() : status();
  }

  /** New vectors go straight into an index that is current; one being synced reads them from SQLite anyway. */
  function addToIndex(rows: readonly { hash: string; vector: Float32Array }[]): void {
    if (!index || index.version !== getCorpusVersion(db) || syncing) return;
    const vectors = index.vectors ?? new VectorIndex(rows[0]!.vector.length);
    index.vectors = vectors;
    const byHash = new Map(rows.map((r) => [r.hash, r.vector]));
    for (const { rowid, hash } of rowidsOfHashes(db, [...byHash.keys()])) {
      const vector = byHash.get(hash)!;
      if (vector.length === vectors.dim) vectors.add(rowid, vector);
    }
  }

  /** Drop vectors of other models and removed passages, a slice at a time so that questions keep flowing. */
  async function pruneInSlices(): Promise<void> {
    const stale = staleVectorKeys(db, model);
    for (let start = 0; start < stale.length && !closed; start += SYNC_SLICE) {
      const slice = stale.slice(start, start + SYNC_SLICE);
      deps.write(() => deleteVectors(db, slice));
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (stale.length > 0)
      logger.info({ model, pruned: stale.length }, 'dropped vectors of other models or removed passages');
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
