import { describe, expect, it } from 'vitest';
import { withFollowers } from '../../src/retrieval/followers.js';
import { RETRIEVAL_PARAMETERS } from '../../src/retrieval/retrievalParameters.js';
import type { PassageRecord } from '../../src/retrieval/passageRecords.js';
import { aPassage } from '../helpers/builders.js';

const FOLLOWER_SHARE = RETRIEVAL_PARAMETERS.followerShare;

const passage = (rowid: number, articleId: string, ordinal: number) => aPassage(rowid, articleId, ordinal);

describe('followers', () => {
  // Article a: passages 1, 2, 3 in order; article b: 10, 11.
  const all = [passage(1, 'a', 0), passage(2, 'a', 1), passage(3, 'a', 2), passage(10, 'b', 0), passage(11, 'b', 1)];
  const after = (leading: readonly PassageRecord[]) =>
    all.filter((p) => leading.some((l) => l.articleId === p.articleId && l.ordinal + 1 === p.ordinal));

  it('the passage after a strong match inherits a share of its score, below the passages that match', () => {
    const records = new Map([1, 10].map((id) => [id, all.find((p) => p.rowid === id)!]));
    const { ranking: ranked, added } = withFollowers(
      [
        { id: 1, score: 1 },
        { id: 10, score: 0.5 },
      ],
      records,
      after,
    );
    expect(ranked.map((e) => e.id)).toEqual([1, 10, 2, 11]);
    expect(ranked[2]!.score).toBeCloseTo(FOLLOWER_SHARE);
    // Handed back with their records, so that they can be returned as hits.
    expect(added.map((p) => p.passageId)).toEqual(['a#1', 'b#1']);
  });

  it('a follower that matches better on its own keeps its own score', () => {
    const records = new Map([1, 2].map((id) => [id, all.find((p) => p.rowid === id)!]));
    const { ranking: ranked } = withFollowers(
      [
        { id: 1, score: 1 },
        { id: 2, score: 0.9 },
      ],
      records,
      after,
    );
    expect(ranked).toEqual([
      { id: 1, score: 1 },
      { id: 2, score: 0.9 },
      { id: 3, score: 0.9 * FOLLOWER_SHARE },
    ]);
  });

  it('only the leading passages pass anything on', () => {
    // Five passages of an article "c" (nothing follows them here) lead; passage 10 comes sixth.
    const leading = [0, 1, 2, 3, 4].map((i) => passage(100 + i, 'c', i * 2));
    const records = new Map([...leading, all[3]!].map((p) => [p.rowid, p]));
    const fused = [...leading.map((p, i) => ({ id: p.rowid, score: 1 - i / 10 })), { id: 10, score: 0.1 }];
    expect(withFollowers(fused, records, after).ranking.map((e) => e.id)).toEqual([100, 101, 102, 103, 104, 10]);
    // The same passage among the leading ones passes its share to 11.
    expect(withFollowers([{ id: 10, score: 0.1 }], records, after).ranking.map((e) => e.id)).toEqual([10, 11]);
  });
});
