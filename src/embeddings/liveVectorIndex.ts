import { getCorpusVersion } from '../corpus/corpusMeta.js';
import type { Db } from '../db/database.js';
import { VectorIndex } from './vectorIndex.js';
import { rowidsOfHashes, rowidsWithVector, vectorsOfRowids } from './vectorStore.js';

/** Vectors read from SQLite between two turns of the event loop while the index is built or synced. */
export const SYNC_SLICE = 2_000;

/**
 * The in-memory vector index of one model, kept in step with the corpus in SQLite. It is
 * used only when it matches the corpus version; otherwise it is brought up to date in the
 * background, in slices, and questions meanwhile are searched by words only: reading every
 * vector (3 s at 100,000 passages) or a large reload's new ones in one go would stall
 * every question, and an index that lags the corpus could attach a removed passage's
 * vector to a rowid SQLite has given to a new one.
 */
export class LiveVectorIndex {
  private index: { version: string | null; vectors: VectorIndex | null } | null = null;
  private syncing: Promise<void> | null = null;
  closed = false;

  constructor(
    private readonly db: Db,
    private readonly model: string,
  ) {}

  /** The index, if it matches the corpus as it is now; otherwise null (and a sync starts). */
  current(): VectorIndex | null {
    if (this.index?.version === getCorpusVersion(this.db)) return this.index.vectors;
    this.syncing ??= this.sync().finally(() => (this.syncing = null));
    return null;
  }

  /** Resolves when the index is current (or closed). */
  async settled(): Promise<void> {
    if (!this.current() && this.syncing) await this.syncing;
  }

  /**
   * Vectors another process stored for the current version (the shard that fills them): read
   * in the difference. Versions are caught by `current` at the next question.
   */
  refresh(): void {
    const { index } = this;
    if (this.syncing || !index || index.version !== getCorpusVersion(this.db)) return;
    if (rowidsWithVector(this.db, this.model).length === (index.vectors?.size ?? 0)) return;
    this.syncing = this.sync().finally(() => (this.syncing = null));
  }

  /** New vectors go straight into an index that is current; one being synced reads them from SQLite anyway. */
  add(rows: readonly { hash: string; vector: Float32Array }[]): void {
    const { index } = this;
    if (!index || index.version !== getCorpusVersion(this.db) || this.syncing) return;
    const vectors = (index.vectors ??= new VectorIndex(rows[0]!.vector.length));
    const byHash = new Map(rows.map((r) => [r.hash, r.vector]));
    for (const { rowid, hash } of rowidsOfHashes(this.db, [...byHash.keys()])) {
      const vector = byHash.get(hash)!;
      if (vector.length === vectors.dim) vectors.add(rowid, vector);
    }
  }

  /**
   * Bring the index to the corpus version, a slice at a time. After a reload only the
   * difference is read: the passages of unchanged articles keep their rowids, so removed
   * ones are dropped and new ones added. A reload that commits meanwhile means another round.
   */
  private async sync(): Promise<void> {
    for (;;) {
      const version = getCorpusVersion(this.db);
      const current = rowidsWithVector(this.db, this.model);
      const vectors = this.index?.vectors ?? null;
      const wanted = new Set(current);
      if (vectors) for (const rowid of vectors.rowidList()) if (!wanted.has(rowid)) vectors.remove(rowid);
      const missing = vectors ? current.filter((rowid) => !vectors.has(rowid)) : current;
      const building = await this.readInSlices(vectors, missing);
      if (this.closed) return;
      const settled = getCorpusVersion(this.db) === version;
      this.index = { version: settled ? version : null, vectors: building };
      if (settled) return;
    }
  }

  private async readInSlices(vectors: VectorIndex | null, rowids: readonly number[]): Promise<VectorIndex | null> {
    let building = vectors;
    for (let start = 0; start < rowids.length && !this.closed; start += SYNC_SLICE) {
      for (const { rowid, vector } of vectorsOfRowids(this.db, this.model, rowids.slice(start, start + SYNC_SLICE))) {
        building ??= new VectorIndex(vector.length);
        if (vector.length === building.dim) building.add(rowid, vector);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return building;
  }
}
