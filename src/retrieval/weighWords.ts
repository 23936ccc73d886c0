import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { everydayRank, everydayWeight } from '../text/everydayWords.js';
import { foldDiacritics, stem, type Language } from '../text/languages.js';
import type { CorpusStats } from './corpusStats.js';
import { glossaryStems } from './glossary.js';
import { expandStem, type QueryWord } from './queryTerms.js';
import { allowedEdits, editDistanceWithin } from './typos.js';
import { RETRIEVAL_PARAMETERS } from './retrievalParameters.js';

/** A query word with what the index knows of it. */
export interface WeightedWord extends QueryWord {
  /** Passages holding any alternative; 0 for a word the corpus has never seen. */
  readonly df: number;
  readonly idf: number;
  /** idf, lowered for a word found only through a correction or a part of it, and for an everyday word. */
  readonly weight: number;
  /** How the word reached the index: as typed, as a corrected typo, or through parts of a compound. */
  readonly via: 'exact' | 'typo' | 'parts' | 'unknown';
}

const { typoWeight: TYPO_WEIGHT, partsWeight: PARTS_WEIGHT, minPart: MIN_PART } = RETRIEVAL_PARAMETERS;
const { minWordForParts: MIN_WORD_FOR_PARTS, maxQueryWords: MAX_QUERY_WORDS } = RETRIEVAL_PARAMETERS;

/**
 * Give each query word its document frequency and idf. A word with no alternative in the
 * index gets one more chance: the nearest known term within a few edits (a typo), or else
 * the longest known terms written inside it (a compound or a derived form, common in
 * German: "Finanzchef", "verfeindet"). A word still unknown keeps df 0; callers leave it
 * out of every share, so words the corpus never saw ("lol", "nah") cost a question nothing.
 * Last, words people use every day weigh less than their rarity in the corpus alone says.
 */
export function weighWords(db: Db, words: readonly QueryWord[], stats: CorpusStats): WeightedWord[] {
  let known = 0;
  return weighByCorpus(db, words, stats)
    .filter((w) => w.via === 'unknown' || ++known <= MAX_QUERY_WORDS)
    .map((w) => ({ ...w, weight: w.weight * everydayWeight(w.word) }));
}

function weighByCorpus(db: Db, words: readonly QueryWord[], stats: CorpusStats): WeightedWord[] {
  const df = documentFrequencies(db, [...new Set(words.flatMap((w) => w.alternatives))]);
  const dfOf = (alternatives: readonly string[]) =>
    Math.max(0, ...alternatives.map((a) => df.get(a) ?? lookupDf(db, a)));
  const idfOf = (n: number) => Math.log(1 + (stats.passages - n + 0.5) / (n + 0.5));

  return words.map((word): WeightedWord => {
    const wordDf = dfOf(word.alternatives);
    if (wordDf > 0) return { ...word, df: wordDf, idf: idfOf(wordDf), weight: idfOf(wordDf), via: 'exact' };
    // A number is not misspelt, and a word the glossary knows is a real word, just not in these articles.
    if (/^\p{N}+$/u.test(word.word) || word.inGlossary) return { ...word, df: 0, idf: 0, weight: 0, via: 'unknown' };

    const corrected = plausibleCorrection(word.word, nearestKnownTerm(db, word.word, word.alternatives, stats), stats);
    if (corrected) {
      // The corrected term may be a stem of any corpus language: expand it in each, so a corrected
      // English word keeps its German translations and the other way round.
      const expanded = [...new Set(stats.languages.flatMap((l) => expandStem(corrected, l, stats.languages)))];
      const correctedDf = dfOf(expanded);
      if (correctedDf > 0) {
        const alternatives = [...new Set([...word.alternatives, ...expanded])];
        const idf = idfOf(correctedDf);
        return { ...word, alternatives, df: correctedDf, idf, weight: idf * TYPO_WEIGHT, via: 'typo' };
      }
    }
    const parts = knownParts(db, word.word);
    if (parts.length > 0) {
      const partsDf = dfOf(parts);
      const idf = idfOf(partsDf);
      return {
        ...word,
        alternatives: [...word.alternatives, ...parts],
        df: partsDf,
        idf,
        weight: idf * PARTS_WEIGHT,
        via: 'parts',
      };
    }
    return { ...word, df: 0, idf: 0, weight: 0, via: 'unknown' };
  });
}

/**
 * A correction, unless the word is an everyday word and the correction is another word:
 * "stimmt" (agrees) is not a typo of "stammt" (comes from), while "firmen" may stand for
 * the index's "firma", a form the stemmer did not bring together.
 */
function plausibleCorrection(word: string, corrected: string | null, stats: CorpusStats): string | null {
  if (!corrected || everydayRank(word) === null) return corrected;
  return stats.languages.some((language) => corrected.startsWith(stem(word, language))) ? corrected : null;
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

/**
 * The longest index terms written inside an unknown word, without overlapping (at most
 * two): the parts of a compound or the root of a derived word. One query over every
 * substring of the word, which is short (a question word, at most a few dozen letters).
 */
function knownParts(db: Db, word: string): string[] {
  const folded = foldDiacritics(word);
  if (folded.length < MIN_WORD_FOR_PARTS || folded.length > 40) return [];
  const substrings = new Set<string>();
  for (let start = 0; start < folded.length; start++)
    for (let end = start + MIN_PART; end <= folded.length; end++)
      if (end - start < folded.length) substrings.add(folded.slice(start, end));
  const known = documentFrequencies(db, [...substrings]);
  const candidates = [...known.entries()].filter(([, n]) => n > 0).map(([term]) => term);
  candidates.sort((a, b) => b.length - a.length);
  const chosen: { term: string; at: number }[] = [];
  for (const term of candidates) {
    const at = folded.indexOf(term);
    if (chosen.some((c) => at < c.at + c.term.length && c.at < at + term.length)) continue;
    chosen.push({ term, at });
    if (chosen.length === 2) break;
  }
  return chosen.map((c) => c.term);
}

/**
 * Corrections found, per connection (so per core), corpus version and word: questions repeat,
 * and the look-up scans the vocabulary. Gone with the connection.
 */
const typoCaches = new WeakMap<Db, Map<string, string | null>>();

/** The known term closest to one of the alternatives, within a number of edits that grows with the word's length. */
function nearestKnownTerm(db: Db, word: string, alternatives: readonly string[], stats: CorpusStats): string | null {
  const key = `${stats.version}\0${word}`;
  let typoCache = typoCaches.get(db);
  if (!typoCache) typoCaches.set(db, (typoCache = new Map<string, string | null>()));
  if (typoCache.has(key)) return typoCache.get(key)!;
  const found = findNearestKnownTerm(db, word, alternatives, stats.languages);
  if (typoCache.size >= 10_000) typoCache.clear();
  typoCache.set(key, found);
  return found;
}

function findNearestKnownTerm(
  db: Db,
  word: string,
  alternatives: readonly string[],
  languages: readonly Language[],
): string | null {
  const scan = statement(db, 'SELECT term, df AS doc FROM term_df WHERE term >= ? AND term < ? LIMIT 2000');
  let best: { term: string; distance: number; df: number } | null = null;
  const consider = (alternative: string, term: string, df: number, max: number) => {
    const distance = editDistanceWithin(alternative, term, max);
    if (distance === null) return;
    if (!best || distance < best.distance || (distance === best.distance && df > best.df))
      best = { term, distance, df };
  };
  for (const alternative of alternatives) {
    const max = Math.min(allowedEdits(word.length), alternative.length - 2);
    if (max <= 0) continue;
    // Typos rarely hit the first two letters; scanning only the terms that start with them keeps
    // the look-up to a few hundred terms even on a large index.
    const prefix = alternative.slice(0, 2);
    const next = prefix.slice(0, 1) + String.fromCodePoint(prefix.codePointAt(1)! + 1);
    for (const row of scan.iterate(prefix, next) as Iterable<{ term: string; doc: number }>)
      consider(alternative, row.term, row.doc, max);
    for (const language of languages)
      for (const term of glossaryStems(language)) if (term.startsWith(prefix)) consider(alternative, term, 0, max);
  }
  return (best as { term: string } | null)?.term ?? null;
}
