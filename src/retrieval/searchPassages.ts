import type { Db } from '../db/database.js';
import { cleanQuestion } from './cleanQuestion.js';
import { corpusStats } from './corpusStats.js';
import { definitionsStage } from './definitions.js';
import { fuseRankings, type FusionMethod } from './fuse.js';
import { lexicalSearch, type LexicalHit } from './lexicalSearch.js';
import { sourceWordsOf } from './namedSources.js';
import { namedSourcesStage } from './namedSourcesStage.js';
import { followersStage } from './followers.js';
import { passagesByRowid, type PassageRecord } from './passageRecords.js';
import { askerLanguageStage } from './preferLanguage.js';
import type { RankingStage, StageContext } from './rankingStage.js';
import { MAX_LIMIT, RETRIEVAL_PARAMETERS, type RetrievalParameters } from './retrievalParameters.js';
import { highlightSnippet } from './snippet.js';
import { detectLanguage } from '../text/detectLanguage.js';
import type { Language } from '../text/languages.js';
import type { WeightedWord } from './weighWords.js';

export { corpusLanguages } from './corpusStats.js';

/** A passage found for a question, with its article's metadata and the signals that found it. */
export interface SearchHit extends Omit<PassageRecord, 'rowid' | 'terms'> {
  readonly snippet: string;
  /** Relevance, higher is better; comparable within one search only. */
  readonly score: number;
  /** Share (0–1) of the weight of the question's known words that this passage matches (best phrasing). */
  readonly coverage: number;
  /** Cosine similarity of the passage's vector to the question's, when both exist. */
  readonly similarity: number | null;
  /** 1-based rank among the question's own lexical candidates, or null when its words did not find it. */
  readonly lexicalRank: number | null;
  /** 1-based rank among the nearest vectors, or null. */
  readonly semanticRank: number | null;
  /** How many of the question's known words this passage contains (best phrasing). */
  readonly matchedWords: number;
  /** Index terms of the question that the passage contains (for highlighting and extractive answers). */
  readonly matchedTerms: readonly string[];
}

/** The ranked passages, and what the question's own words share with the index. */
export interface Retrieval {
  readonly hits: SearchHit[];
  /** Content words of the (cleaned) question; stop words are not counted. */
  readonly questionWords: number;
  /** Those words as searched, with their document frequencies and weights. */
  readonly queryWords: readonly WeightedWord[];
  /** Passages in the index, against which a word's document frequency is read. */
  readonly passages: number;
  /** Words of the question that name a source ("the wynswell piece"): they choose articles, not answers. */
  readonly sourceWords: readonly string[];
}

/** A passage found by its vector: rowid and cosine similarity, best first. */
export interface SemanticHit {
  readonly rowid: number;
  readonly similarity: number;
}

export interface SearchOptions {
  /** How many passages to return (default 5, at most 50). */
  readonly limit?: number;
  /** More phrasings of the same question (e.g. model-written translations), fused with it. */
  readonly extraQueries?: readonly string[];
  /** The passages nearest to the question's vector, when embeddings are configured. */
  readonly semantic?: readonly SemanticHit[];
  /** How rankings are merged: a weighted sum of scores (default; see docs/quality.md) or reciprocal rank. */
  readonly fusion?: FusionMethod;
  /** The language the question is written in, when the caller has read it already (default: detected). */
  readonly writtenIn?: Language;
  /** Tuning of the lexical candidates, fusion and the ranking stages (default: RETRIEVAL_PARAMETERS). */
  readonly parameters?: Partial<RetrievalParameters>;
}

export { MAX_LIMIT };

/**
 * The stages after fusion, in order: each reads the ranking and returns a new one. A new
 * stage is a `RankingStage` in its own module, added here.
 */
export const RANKING_STAGES: readonly RankingStage[] = [
  followersStage,
  askerLanguageStage,
  definitionsStage,
  namedSourcesStage,
];

/**
 * Find the passages that best answer a question, in any corpus language: it ranks and
 * never refuses. Each phrasing of the question (the question itself, cleaned of Discord
 * and Markdown syntax, and any extra ones) is searched by its words; the nearest vectors,
 * when given, are a further ranking; the rankings are fused, then the ranking stages run.
 * Every hit carries its signals (coverage, similarity, ranks), and the result the
 * question's, so that the answering step can decide whether the corpus covers it at all.
 */
export function searchPassages(db: Db, question: string, options: SearchOptions = {}): Retrieval {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? 5)));
  const stats = corpusStats(db);
  if (stats.passages === 0) return { hits: [], questionWords: 0, queryWords: [], passages: 0, sourceWords: [] };

  const queries = [cleanQuestion(question), ...(options.extraQueries ?? []).map(cleanQuestion)].filter(
    (q) => q.length > 0,
  );
  // The asker's language, read once: for the question's own words, near ties and a definition's subject.
  const asked = options.writtenIn ?? detectLanguage(queries[0] ?? '');
  const parameters = { ...RETRIEVAL_PARAMETERS, ...options.parameters };
  const results = queries.map((q, i) =>
    lexicalSearch(db, q, stats, parameters.lexicalCandidates, i === 0 ? asked : undefined),
  );
  const lexical = results.map((r) => r.hits);
  const semantic = options.semantic ?? [];

  const records = new Map<number, PassageRecord>();
  const best = new Map<number, LexicalHit>();
  for (const list of lexical)
    for (const hit of list) {
      records.set(hit.passage.rowid, hit.passage);
      const prev = best.get(hit.passage.rowid);
      if (!prev || hit.signals.coverage > prev.signals.coverage) best.set(hit.passage.rowid, hit);
    }
  const missing = semantic.map((s) => s.rowid).filter((rowid) => !records.has(rowid));
  for (const record of passagesByRowid(db, missing)) records.set(record.rowid, record);

  const rankings = [
    ...lexical.map((list) => list.map((h) => ({ id: h.passage.rowid, score: h.score }))),
    ...(semantic.length > 0 ? [semantic.map((s) => ({ id: s.rowid, score: s.similarity }))] : []),
  ].filter((r) => r.length > 0);
  let fused = fuseRankings(rankings, options.fusion ?? 'weighted', parameters.rrfK);
  const context: StageContext = {
    ...{ db, question: queries[0] ?? '', asked, stats, records, parameters },
    ownHits: lexical[0] ?? [],
  };
  for (const stage of RANKING_STAGES) {
    const { ranking, added = [] } = stage.rerank(fused, context);
    for (const record of added) records.set(record.rowid, record);
    fused = ranking;
  }

  const toHit = hitBuilder(lexical[0] ?? [], semantic, best);
  const hits = fused
    .filter(({ id }) => records.has(id))
    .slice(0, limit)
    .map(({ id, score }) => toHit(records.get(id)!, score));
  return {
    hits,
    questionWords: results[0]?.words ?? 0,
    queryWords: results[0]?.queryWords ?? [],
    passages: stats.passages,
    sourceWords: sourceWordsOf(queries[0] ?? '', stats.sourceNames),
  };
}

/** Turns a fused candidate into a hit with its signals. */
function hitBuilder(
  ownHits: readonly LexicalHit[],
  semantic: readonly SemanticHit[],
  best: ReadonlyMap<number, LexicalHit>,
): (record: PassageRecord, score: number) => SearchHit {
  const ownRank = rankOf(ownHits.map((h) => h.passage.rowid));
  const semanticRank = rankOf(semantic.map((s) => s.rowid));
  const similarity = new Map(semantic.map((s) => [s.rowid, s.similarity]));
  return (record, score) => {
    const { rowid: id, terms, ...passage } = record; // a hit carries neither
    const lexicalHit = best.get(id);
    const matchedTerms = lexicalHit?.signals.matchedTerms ?? [];
    return {
      ...passage,
      // Built for the hits returned only: highlighting every candidate was a fifth of a search.
      snippet: highlightSnippet(passage.text, new Set(matchedTerms), passage.language),
      score: round(score),
      coverage: round(lexicalHit?.signals.coverage ?? 0),
      similarity: similarity.has(id) ? round(similarity.get(id)!) : null,
      lexicalRank: ownRank.get(id) ?? null,
      semanticRank: semanticRank.get(id) ?? null,
      matchedWords: lexicalHit?.signals.matchedWords ?? 0,
      matchedTerms,
    };
  };
}

function rankOf(ids: readonly number[]): Map<number, number> {
  return new Map(ids.map((id, index) => [id, index + 1]));
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
