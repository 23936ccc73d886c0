/**
 * The one seam between feudbot and an embedding model. The OpenAI-compatible
 * implementation is in openAiEmbedder.ts; tests and the eval give others.
 */
export interface Embedder {
  /** The model's name, as configured: vectors are stored under it. */
  readonly model: string;
  /**
   * One unit-length vector per text, in order. Rejects on any failure or malformed reply.
   * `timeoutMs` shortens the configured deadline (a question should not wait as long as a batch).
   */
  embed(texts: readonly string[], options?: { timeoutMs?: number }): Promise<Float32Array[]>;
}

/** The server answered, but not with usable vectors (wrong count, wrong dimension, NaN, zero length). */
export class EmbeddingReplyError extends Error {
  override readonly name = 'EmbeddingReplyError';
}

/**
 * Check raw vectors as a peer sent them and scale each to unit length, so that cosine
 * similarity is a dot product. Every vector must have the same dimension as the first,
 * and as `expectedDim` when given.
 */
export function toUnitVectors(raw: readonly unknown[], count: number, expectedDim?: number): Float32Array[] {
  if (raw.length !== count) throw new EmbeddingReplyError(`${raw.length} vectors for ${count} texts`);
  const dim = expectedDim ?? (Array.isArray(raw[0]) ? raw[0].length : 0);
  if (dim < 2 || dim > 8192) throw new EmbeddingReplyError(`unusable dimension ${dim}`);
  return raw.map((vector, i) => {
    if (!Array.isArray(vector) || vector.length !== dim)
      throw new EmbeddingReplyError(
        `vector ${i} has ${Array.isArray(vector) ? vector.length : 'no'} dimensions, not ${dim}`,
      );
    const out = new Float32Array(dim);
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const x: unknown = vector[d];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new EmbeddingReplyError(`vector ${i} holds a non-number`);
      out[d] = x;
      // Finite as a double but not as the float32 it is stored as (1e39 becomes Infinity).
      if (!Number.isFinite(out[d])) throw new EmbeddingReplyError(`vector ${i} holds a value out of range`);
      norm += out[d]! * out[d]!;
    }
    if (!(norm > 0)) throw new EmbeddingReplyError(`vector ${i} has zero length`);
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dim; d++) out[d]! *= scale;
    return out;
  });
}
