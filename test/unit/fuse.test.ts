import { describe, expect, it } from 'vitest';
import { fuseRankings } from '../../src/retrieval/fuse.js';

describe('fuseRankings', () => {
  // One list with a strong lead (1), the other with two near-equal hits (3 and 2); 2 is in both.
  const rankings = [
    [
      { id: 1, score: 100 },
      { id: 2, score: 1 },
    ],
    [
      { id: 3, score: 100 },
      { id: 2, score: 50 },
    ],
  ];

  it('by reciprocal rank, puts first what both lists found', () => {
    expect(fuseRankings(rankings, 'rrf').map((e) => e.id)).toEqual([2, 1, 3]);
  });

  it('by weighted sum, lets a strong lead in one list outweigh a weak place in two', () => {
    const fused = fuseRankings(rankings, 'weighted');
    expect(fused.map((e) => e.id)).toEqual([1, 3, 2]);
    expect(fused[0]!.score).toBeCloseTo(0.5);
  });

  it('keeps a single ranking as it is', () => {
    expect(fuseRankings([rankings[0]!], 'rrf')).toEqual(rankings[0]);
  });
});
