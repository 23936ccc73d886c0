import type { SemanticHit } from '../retrieval/searchPassages.js';

/** Below this many vectors every one is scored exactly; the prefilter would save nothing. */
const EXACT_BELOW = 4_000;
/**
 * Candidates the binary prefilter passes on to exact scoring: at least this many, and at
 * least POOL_SHARE of the index. Sign bits say less when there are fewer dimensions; a
 * 400-candidate pool kept recall@10 at 0.84 for 96 dimensions (test/unit/vectorIndex).
 */
const MIN_POOL = 1_000;
const POOL_SHARE = 0.01;
/** Words (of 32 sign bits) compared in the prefilter's first pass, and how many more candidates than the pool it keeps. */
const SCREEN_WORDS = 4;
const SCREEN_FACTOR = 10;

/**
 * Nearest passages by cosine similarity, in memory, in plain JavaScript.
 *
 * Each unit vector is kept twice, small: its signs as bits (a 384-dimension vector in 48
 * bytes) and its components as int8 with a per-vector scale. A search counts differing
 * bits (Hamming distance by popcount over 32-bit words) in two passes: the first 128 bits
 * of every vector, kept side by side so that the pass reads little memory, narrow the
 * field to a tenth; all the bits of those keep the nearest thousand or 1 %, which are
 * scored against the float query. Measured at 100,000 passages with the bench's stand-in
 * vectors: p50 / p95 7.1 / 10.4 ms, where one pass over every bit, scoring through a
 * method call per vector, took 14.7 / 17.3 ms; recall@50 against exact search unchanged
 * (0.983 on clustered random vectors; 64 bits in the first pass were faster but lost recall).
 * Memory: about 440 bytes a passage.
 */
export class VectorIndex {
  private readonly words: number;
  private readonly screenWords: number;
  private capacity = 0;
  private count = 0;
  private rowids = new Float64Array(0);
  private bits = new Uint32Array(0);
  /** The first SCREEN_WORDS words of each vector's bits again, side by side, so the first pass reads little memory. */
  private screen = new Uint32Array(0);
  private quantized = new Int8Array(0);
  private scales = new Float32Array(0);
  private readonly slotOf = new Map<number, number>();

  constructor(readonly dim: number) {
    this.words = Math.ceil(dim / 32);
    this.screenWords = Math.min(this.words, SCREEN_WORDS);
  }

  get size(): number {
    return this.count;
  }

  has(rowid: number): boolean {
    return this.slotOf.has(rowid);
  }

  /** Every passage in the index. */
  rowidList(): number[] {
    return Array.from(this.rowids.subarray(0, this.count));
  }

  /** Remove a passage; the last slot moves into its place. */
  remove(rowid: number): void {
    const slot = this.slotOf.get(rowid);
    if (slot === undefined) return;
    const last = --this.count;
    this.slotOf.delete(rowid);
    if (slot !== last) {
      const moved = this.rowids[last]!;
      this.rowids[slot] = moved;
      this.slotOf.set(moved, slot);
      this.scales[slot] = this.scales[last]!;
      this.bits.copyWithin(slot * this.words, last * this.words, (last + 1) * this.words);
      this.screen.copyWithin(slot * this.screenWords, last * this.screenWords, (last + 1) * this.screenWords);
      this.quantized.copyWithin(slot * this.dim, last * this.dim, (last + 1) * this.dim);
    }
  }

  /** Add or replace the vector of a passage (unit length, `dim` components). */
  add(rowid: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`vector of ${vector.length} dimensions in an index of ${this.dim}`);
    let slot = this.slotOf.get(rowid);
    if (slot === undefined) {
      if (this.count === this.capacity) this.grow();
      slot = this.count++;
      this.slotOf.set(rowid, slot);
      this.rowids[slot] = rowid;
    }
    const { dim, words } = this;
    let maxAbs = 0;
    for (let d = 0; d < dim; d++) maxAbs = Math.max(maxAbs, Math.abs(vector[d]!));
    const scale = maxAbs > 0 ? 127 / maxAbs : 1;
    this.scales[slot] = scale;
    this.bits.fill(0, slot * words, (slot + 1) * words);
    for (let d = 0; d < dim; d++) {
      this.quantized[slot * dim + d] = Math.round(vector[d]! * scale);
      if (vector[d]! > 0) this.bits[slot * words + (d >>> 5)]! |= 1 << (d & 31);
    }
    const { screenWords } = this;
    for (let w = 0; w < screenWords; w++) this.screen[slot * screenWords + w] = this.bits[slot * words + w]!;
  }

  /** The k passages nearest to a unit query vector, most similar first. */
  search(query: Float32Array, k: number): SemanticHit[] {
    if (this.count === 0 || query.length !== this.dim) return [];
    const pool =
      this.count < EXACT_BELOW ? null : this.prefilter(query, Math.max(MIN_POOL, this.count * POOL_SHARE, k * 8));
    const size = pool ? pool.length : this.count;
    const similarity = this.similarities(query, pool, size);
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => similarity[b]! - similarity[a]!);
    return order.slice(0, k).map((i) => ({ rowid: this.rowids[pool ? pool[i]! : i]!, similarity: similarity[i]! }));
  }

  /** Cosine of the query with each pooled vector (all when `pool` is null), from the int8 components. */
  private similarities(query: Float32Array, pool: Int32Array | null, size: number): Float64Array {
    const { dim, quantized, scales } = this;
    const q = Float64Array.from(query);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const slot = pool ? pool[i]! : i;
      const offset = slot * dim;
      let sum = 0;
      for (let d = 0; d < dim; d++) sum += q[d]! * quantized[offset + d]!;
      out[i] = sum / scales[slot]!;
    }
    return out;
  }

  /**
   * Slots of the vectors whose sign bits differ least from the query's: at least `size` of
   * them. Two passes: the first words of every vector narrow the field to a tenth (or
   * SCREEN_FACTOR times `size`), whose full distance then decides; counting every bit of
   * every vector was most of a search at 100,000 passages.
   */
  private prefilter(query: Float32Array, size: number): Int32Array {
    const { words, screenWords, count } = this;
    const queryBits = new Uint32Array(words);
    for (let d = 0; d < this.dim; d++) if (query[d]! > 0) queryBits[d >>> 5]! |= 1 << (d & 31);
    if (screenWords === words) return this.nearestSlots(this.bits, words, queryBits, null, size);
    const screened = this.nearestSlots(
      this.screen,
      screenWords,
      queryBits,
      null,
      Math.max(size * SCREEN_FACTOR, count / 10),
    );
    return this.nearestSlots(this.bits, words, queryBits, screened, size);
  }

  /** Of `slots` (or all), those within the smallest distance over the `stride` words of `bits` that admits `size` of them. */
  private nearestSlots(
    bits: Uint32Array,
    stride: number,
    queryBits: Uint32Array,
    slots: Int32Array | null,
    size: number,
  ): Int32Array {
    const n = slots ? slots.length : this.count;
    const distance = new Uint16Array(n);
    const histogram = new Uint32Array(stride * 32 + 1);
    for (let i = 0; i < n; i++) {
      const offset = (slots ? slots[i]! : i) * stride;
      let differing = 0;
      for (let w = 0; w < stride; w++) differing += popcount(bits[offset + w]! ^ queryBits[w]!);
      distance[i] = differing;
      histogram[differing]!++;
    }
    // The smallest distance that admits `size` vectors, found by counting rather than sorting.
    let cut = 0;
    for (let seen = 0; cut < histogram.length - 1 && seen + histogram[cut]! < size; cut++) seen += histogram[cut]!;
    let kept = 0;
    for (let i = 0; i < n; i++) if (distance[i]! <= cut) kept++;
    const out = new Int32Array(kept);
    for (let i = 0, j = 0; i < n; i++) if (distance[i]! <= cut) out[j++] = slots ? slots[i]! : i;
    return out;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    this.rowids = grown(this.rowids, new Float64Array(capacity));
    this.bits = grown(this.bits, new Uint32Array(capacity * this.words));
    this.screen = grown(this.screen, new Uint32Array(capacity * this.screenWords));
    this.quantized = grown(this.quantized, new Int8Array(capacity * this.dim));
    this.scales = grown(this.scales, new Float32Array(capacity));
    this.capacity = capacity;
  }
}

/** `next` with the contents of `old` at its start. */
function grown<T extends { set(values: ArrayLike<number>): void }>(old: ArrayLike<number>, next: T): T {
  next.set(old);
  return next;
}

/** Set bits of a 32-bit word (the classic SWAR count). */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
