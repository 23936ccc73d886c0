import { RETRIEVAL_PARAMETERS } from './retrievalParameters.js';

export type FusionMethod = 'rrf' | 'weighted';

/** One ranked list: ids best first, each with the score its own stage gave it. */
export type Ranking = readonly { readonly id: number; readonly score: number }[];

/**
 * Reciprocal rank fusion: merge several ranked lists of ids into one, scoring each id
 * by the sum of 1 / (k + rank) over the lists it appears in.
 */
export function reciprocalRankFusion<T>(
  lists: readonly (readonly T[])[],
  k: number = RETRIEVAL_PARAMETERS.rrfK,
): Map<T, number> {
  const scores = new Map<T, number>();
  for (const list of lists) {
    list.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return scores;
}

/**
 * Merge rankings into one, best first. A single ranking keeps its own scores. `rrf` uses
 * ranks only, so scores on different scales (BM25-based, cosine) need no calibration;
 * `weighted` sums each list's scores scaled to its best one, so a strong lead in one
 * list counts for more than a rank.
 */
export function fuseRankings(
  rankings: readonly Ranking[],
  method: FusionMethod,
  rrfK: number = RETRIEVAL_PARAMETERS.rrfK,
): { id: number; score: number }[] {
  if (rankings.length === 0) return [];
  if (rankings.length === 1) return [...rankings[0]!];
  const scores =
    method === 'rrf'
      ? reciprocalRankFusion(
          rankings.map((r) => r.map((e) => e.id)),
          rrfK,
        )
      : weightedSum(rankings);
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

function weightedSum(rankings: readonly Ranking[]): Map<number, number> {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    const top = Math.max(...ranking.map((e) => e.score), Number.MIN_VALUE);
    for (const { id, score } of ranking)
      scores.set(id, (scores.get(id) ?? 0) + Math.max(0, score) / top / rankings.length);
  }
  return scores;
}
