import type { Db } from '../db/database.js';
import type { Language } from '../text/languages.js';
import type { CorpusStats } from './corpusStats.js';
import type { LexicalHit } from './lexicalSearch.js';
import type { PassageRecord } from './passageRecords.js';
import type { RetrievalParameters } from './retrievalParameters.js';

/** A candidate after fusion: a passage's rowid and its score (higher is better, comparable within one search). */
export interface Ranked {
  readonly id: number;
  readonly score: number;
}

/** What a ranking stage may read of the search it is part of. */
export interface StageContext {
  readonly db: Db;
  /** The question as searched (cleaned of chat syntax), and the language it was asked in. */
  readonly question: string;
  readonly asked: Language;
  readonly stats: CorpusStats;
  /** Every candidate's passage so far, by rowid. */
  readonly records: ReadonlyMap<number, PassageRecord>;
  /** The question's own lexical hits, best first. */
  readonly ownHits: readonly LexicalHit[];
  readonly parameters: RetrievalParameters;
}

/**
 * A stage after fusion: it reads the ranking and returns a new one, best first, whose scores
 * still order it; a passage it brings in that no ranking found comes with its record.
 */
export interface RankingStage {
  /** For logs and tests: what the stage prefers. */
  readonly name: string;
  rerank(ranking: readonly Ranked[], context: StageContext): { ranking: Ranked[]; added?: readonly PassageRecord[] };
}

/** Best first; equal scores in rowid order, so that a search is repeatable. */
export function byScore(ranking: Ranked[]): Ranked[] {
  return ranking.sort((a, b) => b.score - a.score || a.id - b.id);
}
