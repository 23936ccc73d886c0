import type { Db } from '../db/database.js';
import { cleanQuestion } from './cleanQuestion.js';
import { corpusStats, type CorpusStats } from './corpusStats.js';
import { definitionSubject, introducesSubject } from './definitions.js';
import { fuseRankings, type FusionMethod } from './fuse.js';
import { LEXICAL_CANDIDATES, lexicalSearch, type LexicalHit } from './lexicalSearch.js';
import { namedArticles, preferNamedSources } from './namedSources.js';
import { withFollowers } from './followers.js';
import { passagesAfter, passagesByRowid, passagesOfArticles, type PassageRecord } from './passageRecords.js';
import { preferLanguage } from './preferLanguage.js';
import { buildQueryWords } from './queryTerms.js';
import { highlightSnippet } from './snippet.js';
import { detectLanguage } from '../text/detectLanguage.js';
import type { Language } from '../text/languages.js';

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
  /** How rankings are merged: a weighted sum of scores (default; see README, Quality) or reciprocal rank. */
  readonly fusion?: FusionMethod;
}

/** Most passages one search returns (the CLI's --limit is checked against it too). */
export const MAX_LIMIT = 50;
/** Lexical matches of a definition question's subject searched for an introduction of it. */
const DEFINITION_CANDIDATES = 50;

/**
 * Find the passages that best answer a question, in any corpus language: it ranks and
 * never refuses. Each phrasing of the question (the question itself, cleaned of Discord
 * and Markdown syntax, and any extra ones) is searched by its words; the nearest vectors,
 * when given, are a further ranking; the rankings are fused. Every hit carries its
 * signals (coverage, similarity, ranks) so that the answering step can decide whether
 * the corpus covers the question at all.
 */
export function searchPassages(db: Db, question: string, options: SearchOptions = {}): SearchHit[] {
  return retrievePassages(db, question, options).hits;
}

/** `searchPassages` with the question-level signals that the answerability gate reads. */
export function retrievePassages(db: Db, question: string, options: SearchOptions = {}): Retrieval {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? 5)));
  const stats = corpusStats(db);
  if (stats.passages === 0) return { hits: [], questionWords: 0 };

  const queries = [cleanQuestion(question), ...(options.extraQueries ?? []).map(cleanQuestion)].filter(
    (q) => q.length > 0,
  );
  const results = queries.map((q) => lexicalSearch(db, q, stats, LEXICAL_CANDIDATES));
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
  let fused = fuseRankings(rankings, options.fusion ?? 'weighted');
  fused = withFollowers(fused, records, (leading) => passagesAfter(db, leading));
  fused = preferLanguage(fused, detectLanguage(queries[0] ?? ''), (id) => records.get(id)?.language);

  fused = preferDefinitions(db, queries[0] ?? '', stats, fused, records, lexical[0] ?? []);

  const named = namedArticles(queries[0] ?? '', stats.sourceNames);
  if (named.size > 0) {
    const ofNamed = passagesOfArticles(db, [...named], MAX_LIMIT);
    for (const record of ofNamed) if (!records.has(record.rowid)) records.set(record.rowid, record);
    fused = preferNamedSources(fused, ofNamed, (id) => named.has(records.get(id)?.articleId ?? ''));
  }

  const toHit = hitBuilder(lexical[0] ?? [], semantic, best);
  const hits = fused
    .filter(({ id }) => records.has(id))
    .slice(0, limit)
    .map(({ id, score }) => toHit(records.get(id)!, score));
  return { hits, questionWords: results[0]?.words ?? 0 };
}

/**
 * A question that asks what something is ("what is openai even") is best answered where an
 * article introduces it; such passages, among the subject's best lexical matches, go first.
 */
function preferDefinitions(
  db: Db,
  question: string,
  stats: CorpusStats,
  fused: { id: number; score: number }[],
  records: Map<number, PassageRecord>,
  questionHits: readonly LexicalHit[],
): { id: number; score: number }[] {
  const subject = definitionSubject(question);
  if (!subject) return fused;
  const subjectText = subject.join(' ');
  // The subject is read in the question's language: a German question's subject is German words.
  const language = detectLanguage(question);
  // "what is X" usually has no content word but X's: then the question's own search is the subject's
  // search, and running it again cost a second full search (half of 70-100 ms at 30,000 passages).
  const candidates =
    queryWordsKey(question, language, stats) === queryWordsKey(subjectText, language, stats)
      ? questionHits
      : lexicalSearch(db, subjectText, stats, DEFINITION_CANDIDATES, language).hits;
  // Only passages with every known word of the subject: "Musk's Colossus project" is not defined by "Musk, the CEO".
  const defining = candidates.filter((h) => h.signals.coverage >= 0.999 && introducesSubject(h.passage.text, subject));
  if (defining.length === 0) return fused;
  for (const hit of defining) records.set(hit.passage.rowid, hit.passage);
  const top = fused[0]?.score ?? 1;
  const first = defining.map((h, i) => ({ id: h.passage.rowid, score: top * 2 - i * 1e-6 }));
  const firstIds = new Set(first.map((e) => e.id));
  return [...first, ...fused.filter((e) => !firstIds.has(e.id))];
}

/** The words a text is searched by, with every index term that stands for each: equal keys, equal searches. */
function queryWordsKey(text: string, language: Language, stats: CorpusStats): string {
  return buildQueryWords(text, language, stats.languages)
    .map((w) => `${w.word}:${[...w.alternatives].sort().join('|')}`)
    .join(' ');
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
