import { byScore, type RankingStage } from './rankingStage.js';

/**
 * Of two passages that answer about equally well, the one in the asker's language comes first
 * (`askerLanguageEdge`): the quoted answer then needs no translation note, and the model reads
 * it in the language it answers in.
 */
export const askerLanguageStage: RankingStage = {
  name: 'asker language',
  rerank(ranking, { asked, records, parameters }) {
    const edge = 1 + parameters.askerLanguageEdge;
    return {
      ranking: byScore(
        ranking.map((e) => ({ id: e.id, score: records.get(e.id)?.language === asked ? e.score * edge : e.score })),
      ),
    };
  },
};
