import { namedArticles } from './namedSources.js';
import { passagesOfArticles } from './passageRecords.js';
import type { RankingStage } from './rankingStage.js';
import { MAX_LIMIT } from './retrievalParameters.js';

/**
 * A question that names a source ("the wynswell piece") asks about that source: its passages
 * come first, those the question's words found in their fused order, then the rest of them in
 * reading order, then everything else. Scores stay monotone so that "higher is better" holds.
 */
export const namedSourcesStage: RankingStage = {
  name: 'named sources',
  rerank(ranking, { db, question, stats, records }) {
    const named = namedArticles(question, stats.sourceNames);
    if (named.size === 0) return { ranking: [...ranking] };
    const namedPassages = passagesOfArticles(db, [...named], MAX_LIMIT);
    const articleOf = new Map(namedPassages.map((p) => [p.rowid, p.articleId]));
    const isNamed = (id: number) => named.has(records.get(id)?.articleId ?? articleOf.get(id) ?? '');
    const top = ranking[0]?.score ?? 0;
    const found = ranking.filter((e) => isNamed(e.id));
    const foundIds = new Set(found.map((e) => e.id));
    const unfound = namedPassages.filter((p) => !foundIds.has(p.rowid));
    // Above every other passage (whose scores are at most `top`), below the named ones that were found.
    const step = top > 0 ? top / (4 * (unfound.length + 1)) : 1 / (unfound.length + 1);
    return {
      ranking: [
        ...found.map((e) => ({ id: e.id, score: 2 * top + e.score + step })),
        ...unfound.map((p, index) => ({ id: p.rowid, score: top + step * (unfound.length - index) })),
        ...ranking.filter((e) => !isNamed(e.id)),
      ],
      added: namedPassages.filter((p) => !records.has(p.rowid)),
    };
  },
};
