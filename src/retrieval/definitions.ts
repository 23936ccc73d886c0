import type { Db } from '../db/database.js';
import type { Language } from '../text/languages.js';
import type { CorpusStats } from './corpusStats.js';
import { lexicalSearch, type LexicalHit } from './lexicalSearch.js';
import type { PassageRecord } from './passageRecords.js';
import { buildQueryWords } from './queryTerms.js';
import { isStopword } from '../text/stopwords.js';
import { words } from '../text/tokenize.js';

/** Lexical matches of a definition question's subject searched for an introduction of it. */
const DEFINITION_CANDIDATES = 50;

// "what is X", "who's X", "whats X", "was ist X", "wer sind X": a question that asks what
// something is. Its best answer is usually where an article introduces X.
const DEFINITION_QUESTION =
  /^(?:(?:what|who)(?:'s|’s|s|\s+(?:is|are|was|were))|(?:was|wer)\s+(?:ist|sind|war|waren))\s+(.+)$/iu;

/** The words of what a definition question asks about, or null for any other question. */
export function definitionSubject(question: string): string[] | null {
  const match = DEFINITION_QUESTION.exec(question.trim().replace(/[?!.]+$/u, ''));
  if (!match) return null;
  const subject = words(match[1]!).filter((w) => w.length >= 3 && !isStopword(w, 'en') && !isStopword(w, 'de'));
  return subject.length > 0 && subject.length <= 4 ? subject : null;
}

/**
 * Whether a passage introduces the subject the way news text does: an apposition
 * ("OpenAI, a research organization", "Glydways , ein Netzwerk") or a copula
 * ("Colossus is a data centre", "X ist ein …").
 */
export function introducesSubject(text: string, subject: readonly string[]): boolean {
  return subject.some((word) => {
    const w = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(
      // After a comma, German der/die/das usually opens a relative clause ("OpenAI, das …"), not an apposition.
      `(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])(?:\\s*,\\s*(?:a|an|the|ein|eine|einer)|\\s+(?:is|ist|was|war)\\s+(?:a|an|the|ein|eine|der|die|das))\\s`,
      'iu',
    ).test(text);
  });
}

/**
 * A question that asks what something is ("what is openai even") is best answered where an
 * article introduces it; such passages, among the subject's best lexical matches, go first.
 */
export function preferDefinitions(
  db: Db,
  question: string,
  language: Language,
  stats: CorpusStats,
  fused: { id: number; score: number }[],
  records: Map<number, PassageRecord>,
  questionHits: readonly LexicalHit[],
): { id: number; score: number }[] {
  const subject = definitionSubject(question);
  if (!subject) return fused;
  const subjectText = subject.join(' ');
  // The subject is read in the question's language: a German question's subject is German words.
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
