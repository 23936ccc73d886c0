import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { detectLanguage } from '../text/detectLanguage.js';
import type { CorpusStats } from './corpusStats.js';
import { lexicalScore, lexicalScorer, type LexicalSignals } from './lexicalScore.js';
import { PASSAGE_COLUMNS, toPassageRecord, type PassageRecord } from './passageRecords.js';
import { buildMatchExpression, buildQueryWords } from './queryTerms.js';
import { weighWords, type WeightedWord } from './weighWords.js';
import { RETRIEVAL_PARAMETERS } from './retrievalParameters.js';

/** A passage found by its words, scored against one phrasing of the question. */
export interface LexicalHit {
  readonly passage: PassageRecord;
  readonly score: number;
  readonly signals: LexicalSignals;
}

/**
 * The passages that share words with one phrasing of the question, best first. This
 * ranks and never refuses: a passage that shares a single known word is a candidate,
 * and whether the corpus answers the question is decided later, over every signal.
 * Any input is safe: the text is reduced to quoted terms before it reaches MATCH.
 */
export function lexicalSearch(
  db: Db,
  text: string,
  stats: CorpusStats,
  candidates: number,
  language = detectLanguage(text),
): LexicalResult {
  const words = weighWords(db, buildQueryWords(text, language, stats.languages), stats);
  const known = words.filter((w) => w.weight > 0);
  const rows = known.length > 0 ? candidateRows(db, known, stats, candidates) : [];
  const best = -Math.min(...rows.map((r) => r.rank));
  const score = lexicalScorer(words);
  const hits = rows
    .map(({ passage, rank }) => {
      const signals = score(passage.terms);
      return { passage, signals, score: lexicalScore(-rank / best, signals) };
    })
    .sort((a, b) => b.score - a.score);
  return { hits, words: words.length, queryWords: words };
}

/** The passages one phrasing found, and how many content words it has. */
export interface LexicalResult {
  readonly hits: LexicalHit[];
  /** Content words of the phrasing (stop words left out). */
  readonly words: number;
  /** Those words, with what the index knows of each. */
  readonly queryWords: readonly WeightedWord[];
}

/**
 * BM25 candidates. Very common words would make FTS5 rank most of the index for little
 * gain, so the rarer words are searched and ranked; when they find fewer passages than
 * wanted, passages with the common words fill the list, so that a question whose only rare
 * word is a stray one ("make", "names") still reaches the passages about its common ones
 * (the people it names). The fill is not ranked by FTS5 (that would score every passage
 * naming Musk); it takes the first matches, which the coverage and proximity scoring then
 * orders. It matters on small corpora; on large ones the rare words find enough.
 */
function candidateRows(
  db: Db,
  known: readonly WeightedWord[],
  stats: CorpusStats,
  wanted: number,
): { passage: PassageRecord; rank: number }[] {
  const limit = Math.max(wanted, RETRIEVAL_PARAMETERS.lexicalCandidates);
  const isRare = (w: WeightedWord) => w.df <= stats.passages * RETRIEVAL_PARAMETERS.commonWordShare;
  const rare = known.filter(isRare);
  if (rare.length === 0) return fetchCandidates(db, known, limit, true);
  const first = fetchCandidates(db, rare, limit, true);
  const common = known.filter((w) => !isRare(w));
  // Filled up to the full candidate count, whatever the caller's limit: a fill sized by the limit
  // made the top five depend on how many results were asked for (a German question found its
  // English answer third when fifty were asked, not at all when five were).
  if (first.length >= wanted || common.length === 0) return first;
  const seen = new Set(first.map((r) => r.passage.rowid));
  const fill = fetchCandidates(db, common, wanted, false).filter((r) => !seen.has(r.passage.rowid));
  return [...first, ...fill.slice(0, wanted - first.length)];
}

function fetchCandidates(
  db: Db,
  words: readonly WeightedWord[],
  limit: number,
  ranked: boolean,
): { passage: PassageRecord; rank: number }[] {
  const match = buildMatchExpression(words.flatMap((w) => w.alternatives));
  if (!match) return [];
  return statement(
    db,
    `SELECT ${PASSAGE_COLUMNS}, hits.rank
       FROM (SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? ${ranked ? 'ORDER BY rank' : ''} LIMIT ?) AS hits
       JOIN passages p ON p.rowid = hits.rowid
       JOIN articles a ON a.id = p.article_id
       ORDER BY hits.rank`,
  )
    .all(match, limit)
    .map((row) => ({ passage: toPassageRecord(row), rank: (row as { rank: number }).rank }));
}
