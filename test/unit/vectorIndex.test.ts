import { describe, expect, it } from 'vitest';
import { VectorIndex } from '../../src/embeddings/vectorIndex.js';

/** A seeded generator, so that the test is the same every run. */
function random(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5;
}

/** Unit vectors around a few topics, as real embeddings cluster. */
function vectors(count: number, dim: number, seed = 1): Float32Array[] {
  const next = random(seed);
  const topics = Array.from({ length: 40 }, () => Float32Array.from({ length: dim }, next));
  return Array.from({ length: count }, (_, i) => unit(topics[i % 40]!.map((x) => x + next() * 0.8)));
}

function unit(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('VectorIndex', () => {
  // int8 components and, above 4,000 vectors, a binary prefilter make the search approximate: near-ties
  // may swap and a neighbour may be missed. What it must keep is recall, and similarities close to exact.
  it.each([
    [500, 96],
    [6_000, 96],
  ])('finds the nearest neighbours among %i vectors of %i dimensions with recall@10 of at least 0.95', (n, dim) => {
    const all = vectors(n, dim);
    const index = new VectorIndex(dim);
    all.forEach((v, i) => index.add(i + 1, v));
    expect(index.size).toBe(n);
    let recalled = 0;
    const queries = vectors(20, dim, 99);
    for (const query of queries) {
      const exact = all
        .map((v, i) => ({ rowid: i + 1, similarity: dot(query, v) }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, 10);
      const found = index.search(query, 10);
      const wanted = new Set(exact.map((h) => h.rowid));
      recalled += found.filter((h) => wanted.has(h.rowid)).length;
      for (const h of found) expect(Math.abs(h.similarity - dot(query, all[h.rowid - 1]!))).toBeLessThan(0.01);
    }
    const recall = recalled / (queries.length * 10);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('replaces a passage’s vector instead of adding a second one, and ignores a query of another dimension', () => {
    const [a, b] = vectors(2, 32);
    const index = new VectorIndex(32);
    index.add(7, a!);
    index.add(7, b!);
    expect(index.size).toBe(1);
    expect(index.search(b!, 1)[0]).toMatchObject({ rowid: 7 });
    expect(index.search(b!, 1)[0]!.similarity).toBeCloseTo(1, 2);
    expect(index.search(new Float32Array(16), 1)).toEqual([]);
    expect(() => index.add(8, new Float32Array(16))).toThrow(/dimensions/);
  });

  it('removes a passage and keeps the others findable (the last slot moves into the gap)', () => {
    const all = vectors(50, 32, 5);
    const index = new VectorIndex(32);
    all.forEach((v, i) => index.add(i + 1, v));
    index.remove(10);
    index.remove(50);
    index.remove(999);
    expect(index.size).toBe(48);
    expect(index.has(10)).toBe(false);
    expect(index.rowidList().sort((a, b) => a - b)).toEqual(
      [...Array(50).keys()].map((i) => i + 1).filter((r) => r !== 10 && r !== 50),
    );
    for (const rowid of [1, 9, 11, 49]) expect(index.search(all[rowid - 1]!, 1)[0]).toMatchObject({ rowid });
    expect(index.search(all[9]!, 48).some((h) => h.rowid === 10)).toBe(false);
  });

  it('keeps finding vectors that moved into removed slots when the first pass narrows the field', () => {
    // Above 10,000 vectors the prefilter's first pass reads a copy of each vector's first bits: it must move too.
    const dim = 96;
    const all = vectors(12_000, dim, 7);
    const index = new VectorIndex(dim);
    all.forEach((v, i) => index.add(i + 1, v));
    for (let rowid = 1; rowid <= 2_000; rowid++) index.remove(rowid);
    // The last 2,000 vectors now sit in the first 2,000 slots.
    for (const rowid of [10_001, 11_000, 12_000]) expect(index.search(all[rowid - 1]!, 1)[0]).toMatchObject({ rowid });
    expect(index.search(all[0]!, 50).every((h) => h.rowid > 2_000)).toBe(true);
  });
});
