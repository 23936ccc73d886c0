import type { Db } from '../db/database.js';
import { feedbackEvalLines, type EvalLine } from './feedbackExport.js';
import { type Insights, type InsightsRequest, queryInsights } from './insightsQuery.js';

/** What moderators and operators learn from what members asked. */
export interface InsightsActions {
  insights(request: InsightsRequest): Insights;
  /** The 👎 and refused questions as eval lines, for a moderator to fill in the gold phrases. */
  feedbackForEval(days: number): EvalLine[];
}

export function createInsightsActions(db: Db): InsightsActions {
  return {
    insights: (request) => queryInsights(db, request),
    feedbackForEval: (days) => feedbackEvalLines(db, days),
  };
}
