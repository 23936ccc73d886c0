import type { PassageRecord } from './passageRecords.js';

/**
 * Share of a passage's score that the next passage of its article inherits. News text
 * tells an event and then its answer in the next paragraph: a response ("In response to
 * Musk's comments, OpenAI defended its decision"), a reason, an outcome, often without
 * repeating the names the question asks about. Small on purpose: the follower comes
 * after the passage it follows and after passages that match the question themselves.
 */
export const FOLLOWER_SHARE = 0.3;
/** The best passages whose followers are considered: the ones an answer is built from. */
export const LEADING_PASSAGES = 5;

/**
 * Give the passage after each of the leading ones at least a share of its score, adding
 * it to the candidates when the question's words did not find it.
 */
export function withFollowers(
  fused: readonly { id: number; score: number }[],
  records: Map<number, PassageRecord>,
  passagesAfter: (leading: readonly PassageRecord[]) => PassageRecord[],
): { id: number; score: number }[] {
  const leading = fused.slice(0, LEADING_PASSAGES).flatMap((e) => records.get(e.id) ?? []);
  const scoreOf = new Map(fused.map((e) => [e.id, e.score]));
  const leadScore = new Map(leading.map((r) => [`${r.articleId}\0${r.ordinal + 1}`, scoreOf.get(r.rowid)!]));
  for (const follower of passagesAfter(leading)) {
    if (!records.has(follower.rowid)) records.set(follower.rowid, follower);
    const inherited = leadScore.get(`${follower.articleId}\0${follower.ordinal}`)! * FOLLOWER_SHARE;
    scoreOf.set(follower.rowid, Math.max(scoreOf.get(follower.rowid) ?? 0, inherited));
  }
  return [...scoreOf.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
