import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Embedder } from './embedder.js';
import { type LiveVectorIndex, SYNC_SLICE } from './liveVectorIndex.js';
import type { EndpointOutage } from './outage.js';
import {
  brokenVectorKeys,
  deleteVectors,
  embeddingCounts,
  fillMissingTextHashes,
  hashesWithoutVector,
  saveVectors,
  staleVectorKeys,
  textsOfHashes,
} from './vectorStore.js';

/** First wait before a failed backfill is tried again; it doubles up to the maximum. */
const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_MS = 15 * 60_000;

export interface BackfillDeps {
  readonly db: Db;
  readonly embedder: Embedder;
  readonly logger: Logger;
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  readonly write: (write: () => void) => void;
  readonly batchSize: number;
  readonly index: LiveVectorIndex;
  readonly outage: EndpointOutage;
}

export type BackfillState = 'pending' | 'filling' | 'paused' | 'complete';

/**
 * Embeds the passages that have no vector for the model, in batches within the
 * concurrency bound, writing through the write gate, never in a reload's way. One pass
 * runs at a time; a failed pass is retried later (30 s, doubling to 15 min).
 */
export class Backfill {
  state: BackfillState = 'pending';
  closed = false;
  private running: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = RETRY_FIRST_MS;
  private storedChecked = false;

  constructor(private readonly deps: BackfillDeps) {}

  /** Passages embedded so far, of all, as a pass goes (a caller's progress bar). */
  onProgress: ((done: number, total: number) => void) | null = null;

  /** Run a pass (or join the one running); resolves when it is done or paused. */
  run(): Promise<void> {
    if (this.running) return this.running;
    this.state = 'filling';
    this.running = this.pass()
      .then(() => {
        this.retryMs = RETRY_FIRST_MS;
        this.state = 'complete';
      })
      .catch((error: unknown) => {
        this.state = 'paused';
        if (this.closed) return;
        this.deps.outage.failed(error, 'backfill');
        this.scheduleRetry();
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.run(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private async pass(): Promise<void> {
    const { db, embedder, logger } = this.deps;
    const model = embedder.model;
    this.deps.write(() => fillMissingTextHashes(db));
    if (!this.storedChecked) {
      // Once per process: vectors an earlier version stored with Infinity or NaN are embedded again.
      const broken = brokenVectorKeys(db, model);
      if (broken.length > 0) {
        this.deps.write(() => deleteVectors(db, broken));
        logger.warn({ model, broken: broken.length }, 'stored vectors with non-finite values are embedded again');
      }
      this.storedChecked = true;
    }
    const missing = hashesWithoutVector(db, model);
    const total = embeddingCounts(db, model).total;
    let done = total - missing.length;
    for (let start = 0; start < missing.length && !this.closed; start += this.deps.batchSize) {
      const embedded = await this.embedBatch(missing.slice(start, start + this.deps.batchSize));
      done += embedded;
      this.onProgress?.(done, total);
      if (embedded > 0) logger.info({ model, embedded: done, total }, `embedding ${done} of ${total} passages`);
    }
    if (this.closed) return;
    this.deps.outage.recovered();
    await this.pruneInSlices();
    // Leave the in-memory index current, so that a caller who waited for the fill searches with it.
    await this.deps.index.settled();
    // A reload during the pass may have added passages: go again until nothing is missing.
    if (!this.closed && hashesWithoutVector(db, model).length > 0) await this.pass();
  }

  private async embedBatch(hashes: readonly string[]): Promise<number> {
    const { db, embedder } = this.deps;
    const batch = textsOfHashes(db, hashes);
    if (batch.length === 0) return 0;
    const vectors = await this.deps.limit(() => embedder.embed(batch.map((b) => b.text)));
    if (this.closed) return 0;
    const rows = batch.map((b, i) => ({ hash: b.hash, vector: vectors[i]! }));
    this.deps.write(() => saveVectors(db, embedder.model, rows));
    this.deps.index.add(rows);
    return batch.length;
  }

  /** Drop vectors of other models and removed passages, a slice at a time so that questions keep flowing. */
  private async pruneInSlices(): Promise<void> {
    const { db, embedder, logger } = this.deps;
    const stale = staleVectorKeys(db, embedder.model);
    for (let start = 0; start < stale.length && !this.closed; start += SYNC_SLICE) {
      const slice = stale.slice(start, start + SYNC_SLICE);
      this.deps.write(() => deleteVectors(db, slice));
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (stale.length > 0)
      logger.info(
        { model: embedder.model, pruned: stale.length },
        'dropped vectors of other models or removed passages',
      );
  }
}
