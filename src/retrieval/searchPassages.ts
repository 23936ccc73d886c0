import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.js';
import { getCorpusVersion } from '../corpus/corpusMeta.js';
import { detectLanguage } from '../text/detectLanguage.js';
import { isSupportedLanguage, type Language } from '../text/languages.js';
import { reciprocalRankFusion } from './fuse.js';
import { glossaryStems } from './glossary.js';
import { buildMatchExpression, buildQueryWords, expandStem, type QueryWord } from './queryTerms.js';
import { highlightSnippet } from './snippet.js';
import { allowedEdits, editDistanceWithin } from './typos.js';

/** A passage found for a question, with its article's metadata. */
export interface SearchHit {
  readonly articleId: string;
  readonly title: string;
  readonly editorialTitle: boolean;
  readonly url: string | null;
  readonly publisher: string | null;
  readonly language: Language;
  readonly published: string | null;
  readonly passageId: string;
  readonly ordinal: number;
  readonly text: string;
  readonly snippet: string;
  /** Relevance, higher is better; comparable within one search only. */
  readonly score: number;
  /** Share (0–1) of the question's weight that this passage matches. */
  readonly coverage: number;
  /** Index terms of the question that the passage contains (for highlighting and extractive answers). */
  readonly matchedTerms: readonly string[];
}

export interface SearchOptions {
  /** How many passages to return (default 5, at most 50). */
  readonly limit?: number;
  /** More phrasings of the same question (e.g. model-written translations), fused by reciprocal rank. */
  readonly extraQueries?: readonly string[];
}

/**
 * The relevance floor: the least share of a question's weight (its words' idf) that a
 * passage must match. Below it the corpus is taken not to cover the question.
 */
export const MIN_COVERAGE = 0.45;
/** A word found in more than this share of passages is left out of the MATCH (it still counts for coverage). */
const COMMON_WORD_SHARE = 0.3;
const MAX_LIMIT = 50;
/** BM25 candidates re-scored per query: enough that a passage with all the words close together is among them. */
const CANDIDATES = 100;
/** Index terms apart that still count as "together". */
const PROXIMITY_WINDOW = 3;
/** Weight of a word the question misspelt, relative to one it spelt right. */
const TYPO_WEIGHT = 0.8;

interface CandidateRow {
  rowid: number;
  id: string;
  article_id: string;
  ordinal: number;
  text: string;
  terms: string;
  rank: number;
  title: string;
  editorial_title: number;
  url: string | null;
  publisher: string | null;
  language: string;
  published: string | null;
}

interface WeightedWord extends QueryWord {
  readonly idf: number;
  readonly df: number;
  readonly weight: number;
}

interface CorpusStats {
  readonly version: string | null;
  readonly passages: number;
  readonly languages: Language[];
}

const statsCache = new WeakMap<Db, CorpusStats>();

function corpusStats(db: Db): CorpusStats {
  const version = getCorpusVersion(db);
  const cached = statsCache.get(db);
  if (cached && cached.version === version) return cached;
  const passages = (db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number }).n;
  const languages = (
    db.prepare('SELECT DISTINCT language FROM articles ORDER BY language').all() as { language: string }[]
  )
    .map((r) => r.language)
    .filter(isSupportedLanguage);
  const stats = { version, passages, languages: languages.length > 0 ? languages : (['en'] as Language[]) };
  statsCache.set(db, stats);
  return stats;
}

/** The languages of the articles in the index (English when it is empty). */
export function corpusLanguages(db: Db): Language[] {
  return corpusStats(db).languages;
}

/**
 * Find the passages that best answer a question, in any corpus language.
 *
 * The question's words become index terms in every corpus language (plus glossary
 * translations), weighted by rarity. FTS5 ranks candidates by BM25; each candidate is
 * then scored by how much of the question's weight it covers, and those under the
 * relevance floor are dropped, so an off-topic question returns nothing. Any input is
 * safe: the text is reduced to quoted terms before it reaches MATCH.
 */
export function searchPassages(db: Db, question: string, options: SearchOptions = {}): SearchHit[] {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? 5)));
  const stats = corpusStats(db);
  if (stats.passages === 0) return [];

  const queries = [question, ...(options.extraQueries ?? [])].filter((q) => q.trim().length > 0);
  const ranked: SearchHit[][] = queries.map((q) => searchOneQuery(db, q, stats, limit * 4));
  if (ranked.length <= 1) return (ranked[0] ?? []).slice(0, limit).map(withSnippet);

  const byId = new Map<string, SearchHit>();
  for (const list of ranked) {
    for (const hit of list) {
      const prev = byId.get(hit.passageId);
      if (!prev || hit.coverage > prev.coverage) byId.set(hit.passageId, hit);
    }
  }
  const fused = reciprocalRankFusion(ranked.map((list) => list.map((h) => h.passageId)));
  return [...fused.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id, score]) => withSnippet({ ...byId.get(id)!, score }));
}

function withSnippet(hit: SearchHit): SearchHit {
  return { ...hit, snippet: highlightSnippet(hit.text, new Set(hit.matchedTerms), hit.language) };
}

function searchOneQuery(db: Db, text: string, stats: CorpusStats, candidates: number): SearchHit[] {
  const words = weighWords(db, buildQueryWords(text, detectLanguage(text), stats.languages), stats);
  const totalWeight = words.reduce((sum, w) => sum + w.weight, 0);
  if (words.length === 0 || totalWeight === 0) return [];

  // Very common words would make FTS5 walk most of the index for little gain; rarer words find the passages.
  const rare = words.filter((w) => w.df > 0 && w.df <= stats.passages * COMMON_WORD_SHARE);
  const searched = rare.length > 0 ? rare : words.filter((w) => w.df > 0);
  const match = buildMatchExpression(searched.flatMap((w) => w.alternatives));
  if (!match) return [];

  const rows = statement(
    db,
    `SELECT p.rowid, p.id, p.article_id, p.ordinal, p.text, p.terms, hits.rank,
              a.title, a.editorial_title, a.url, a.publisher, a.language, a.published
       FROM (SELECT rowid, rank FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?) AS hits
       JOIN passages p ON p.rowid = hits.rowid
       JOIN articles a ON a.id = p.article_id
       ORDER BY hits.rank`,
  ).all(match, Math.max(candidates, CANDIDATES)) as CandidateRow[];

  const best = rows.length > 0 ? -Math.min(...rows.map((r) => r.rank)) : 1;
  const wordOf = new Map<string, number>();
  words.forEach((w, index) => w.alternatives.forEach((a) => wordOf.set(a, index)));
  const hits: SearchHit[] = [];
  for (const row of rows) {
    const sequence = row.terms.split(' ');
    const terms = new Set(sequence);
    const matched = words.filter((w) => w.alternatives.some((a) => terms.has(a)));
    const coverage = matched.reduce((sum, w) => sum + w.weight, 0) / totalWeight;
    if (coverage < MIN_COVERAGE) continue;
    const matchedTerms = matched.flatMap((w) => w.alternatives.filter((a) => terms.has(a)));
    // BM25 orders by term frequency and length; coverage rewards passages that match more of the
    // question; proximity rewards its words standing together, as they do in text about the
    // question and seldom in text that merely shares its vocabulary.
    const score = (-row.rank / best) * 0.3 + coverage * 0.5 + proximity(sequence, wordOf, words.length) * 0.2;
    hits.push({
      articleId: row.article_id,
      title: row.title,
      editorialTitle: row.editorial_title === 1,
      url: row.url,
      publisher: row.publisher,
      language: isSupportedLanguage(row.language) ? row.language : 'en',
      published: row.published,
      passageId: row.id,
      ordinal: row.ordinal,
      text: row.text,
      snippet: '', // filled in by withSnippet for the hits returned only: highlighting every candidate was a fifth of a search
      score: Math.round(score * 1000) / 1000,
      coverage: Math.round(coverage * 1000) / 1000,
      matchedTerms,
    });
  }
  return hits.sort((a, b) => b.score - a.score);
}

/**
 * Share (0–1) of the question's words that stand within PROXIMITY_WINDOW index terms of
 * another of its words in the passage (stop words are not indexed, so they do not count).
 */
function proximity(sequence: readonly string[], wordOf: ReadonlyMap<string, number>, wordCount: number): number {
  if (wordCount < 2) return 0;
  const near = new Set<number>();
  const recent: { word: number; at: number }[] = [];
  sequence.forEach((term, at) => {
    const word = wordOf.get(term);
    if (word === undefined) return;
    while (recent.length > 0 && at - recent[0]!.at > PROXIMITY_WINDOW) recent.shift();
    for (const other of recent) {
      if (other.word !== word) {
        near.add(word);
        near.add(other.word);
      }
    }
    recent.push({ word, at });
  });
  return near.size / wordCount;
}

/**
 * Give each query word its document frequency and inverse document frequency, and let a
 * misspelt word (no alternative in the index) borrow the nearest known term: one in the
 * index, or one the glossary knows (with the glossary's translations of it).
 */
function weighWords(db: Db, words: QueryWord[], stats: CorpusStats): WeightedWord[] {
  const df = documentFrequencies(db, [...new Set(words.flatMap((w) => w.alternatives))]);
  const dfOf = (alternatives: readonly string[]) =>
    Math.max(0, ...alternatives.map((a) => df.get(a) ?? lookupDf(db, a)));
  return words.map((word) => {
    let alternatives = word.alternatives;
    let weight = 1;
    let wordDf = dfOf(alternatives);
    // Only a word the glossary does not know can be a typo; its own stems are what it misspells.
    if (wordDf === 0 && !/^\p{N}+$/u.test(word.word) && word.alternatives.length <= stats.languages.length) {
      const corrected = nearestKnownTerm(db, word.word, word.alternatives, stats);
      if (corrected) {
        const expanded = expandStem(corrected.term, corrected.language, stats.languages);
        const correctedDf = dfOf(expanded);
        if (correctedDf > 0) {
          alternatives = [...alternatives, ...expanded];
          wordDf = correctedDf;
          weight = TYPO_WEIGHT;
        }
      }
    }
    const idf = Math.log(1 + (stats.passages - wordDf + 0.5) / (wordDf + 0.5));
    return { ...word, alternatives, df: wordDf, idf, weight: idf * weight };
  });
}

function documentFrequencies(db: Db, terms: readonly string[]): Map<string, number> {
  const out = new Map<string, number>(terms.map((t) => [t, 0]));
  if (terms.length === 0) return out;
  const rows = statement(db, 'SELECT term, df FROM term_df WHERE term IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(terms),
  ) as { term: string; df: number }[];
  for (const row of rows) out.set(row.term, row.df);
  return out;
}

function lookupDf(db: Db, term: string): number {
  return (statement(db, 'SELECT df FROM term_df WHERE term = ?').pluck().get(term) as number | undefined) ?? 0;
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, prepared once per connection. */
function statement(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map<string, Statement>()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

/** The known term closest to one of the alternatives, within a number of edits that grows with the word's length. */
function nearestKnownTerm(
  db: Db,
  word: string,
  alternatives: readonly string[],
  stats: CorpusStats,
): { term: string; language: Language } | null {
  const key = `${stats.version}\0${word}`;
  if (typoCache.has(key)) return typoCache.get(key)!;
  const found = findNearestKnownTerm(db, word, alternatives, stats.languages);
  if (typoCache.size >= 10_000) typoCache.clear();
  typoCache.set(key, found);
  return found;
}

/** Corrections found, per corpus version and word: questions repeat, and the look-up scans the vocabulary. */
const typoCache = new Map<string, { term: string; language: Language } | null>();

function findNearestKnownTerm(
  db: Db,
  word: string,
  alternatives: readonly string[],
  languages: readonly Language[],
): { term: string; language: Language } | null {
  const scan = statement(db, 'SELECT term, df AS doc FROM term_df WHERE term >= ? AND term < ? LIMIT 2000');
  let best: { term: string; language: Language; distance: number; df: number } | null = null;
  const consider = (alternative: string, term: string, language: Language, df: number, max: number) => {
    const distance = editDistanceWithin(alternative, term, max);
    if (distance === null) return;
    if (!best || distance < best.distance || (distance === best.distance && df > best.df))
      best = { term, language, distance, df };
  };
  for (const alternative of alternatives) {
    const max = Math.min(allowedEdits(word.length), alternative.length - 2);
    if (max <= 0) continue;
    // Typos rarely hit the first two letters; scanning only the terms that start with them keeps
    // the look-up to a few hundred terms even on a large index.
    const prefix = alternative.slice(0, 2);
    const next = prefix.slice(0, 1) + String.fromCodePoint(prefix.codePointAt(1)! + 1);
    for (const row of scan.iterate(prefix, next) as Iterable<{ term: string; doc: number }>) {
      consider(alternative, row.term, languages[0] ?? 'en', row.doc, max);
    }
    for (const language of languages) {
      for (const term of glossaryStems(language))
        if (term.startsWith(prefix)) consider(alternative, term, language, 0, max);
    }
  }
  const found = best as { term: string; language: Language } | null;
  return found ? { term: found.term, language: found.language } : null;
}
