import { passagesAfter, type PassageRecord } from './passageRecords.js';
import { byScore, type Ranked, type RankingStage } from './rankingStage.js';
import { RETRIEVAL_PARAMETERS, type RetrievalParameters } from './retrievalParameters.js';

/**
 * The passage after each of the leading ones inherits a share of its score (`followerShare`),
 * and joins the candidates when the question's words did not find it: news text gives an
 * event's response, reason or outcome in the next paragraph.
 */
export const followersStage: RankingStage = {
  name: 'followers',
  rerank: (ranking, { db, records, parameters }) =>
    withFollowers(ranking, records, (leading) => passagesAfter(db, leading), parameters),
};

/** The followers stage over any source of the passages that follow the leading ones. */
export function withFollowers(
  ranking: readonly Ranked[],
  records: ReadonlyMap<number, PassageRecord>,
  following: (leading: readonly PassageRecord[]) => PassageRecord[],
  parameters: Pick<RetrievalParameters, 'leadingPassages' | 'followerShare'> = RETRIEVAL_PARAMETERS,
): { ranking: Ranked[]; added: PassageRecord[] } {
  const leading = ranking.slice(0, parameters.leadingPassages).flatMap((e) => records.get(e.id) ?? []);
  const scoreOf = new Map(ranking.map((e) => [e.id, e.score]));
  const leadScore = new Map(leading.map((r) => [`${r.articleId}\0${r.ordinal + 1}`, scoreOf.get(r.rowid)!]));
  const followers = following(leading);
  for (const follower of followers) {
    const inherited = leadScore.get(`${follower.articleId}\0${follower.ordinal}`)! * parameters.followerShare;
    scoreOf.set(follower.rowid, Math.max(scoreOf.get(follower.rowid) ?? 0, inherited));
  }
  const added = followers.filter((f) => !records.has(f.rowid));
  return { ranking: byScore([...scoreOf].map(([id, score]) => ({ id, score }))), added };
}
