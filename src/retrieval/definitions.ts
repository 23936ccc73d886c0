import type { Language } from '../text/languages.js';
import type { CorpusStats } from './corpusStats.js';
import { lexicalSearch } from './lexicalSearch.js';
import type { RankingStage } from './rankingStage.js';
import { buildQueryWords } from './queryTerms.js';
import { isStopword } from '../text/stopwords.js';
import { words } from '../text/tokenize.js';

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
export const definitionsStage: RankingStage = {
  name: 'definitions',
  rerank(ranking, { db, question, asked, stats, ownHits, parameters }) {
    const subject = definitionSubject(question);
    if (!subject) return { ranking: [...ranking] };
    const subjectText = subject.join(' ');
    // The subject is read in the question's language: a German question's subject is German words.
    // "what is X" usually has no content word but X's: then the question's own search is the subject's
    // search, and running it again cost a second full search.
    const candidates =
      queryWordsKey(question, asked, stats) === queryWordsKey(subjectText, asked, stats)
        ? ownHits
        : lexicalSearch(db, subjectText, stats, parameters.definitionCandidates, asked).hits;
    // Only passages with every known word of the subject: "Musk's Colossus project" is not defined by "Musk, the CEO".
    const defining = candidates.filter(
      (h) => h.signals.coverage >= 0.999 && introducesSubject(h.passage.text, subject),
    );
    if (defining.length === 0) return { ranking: [...ranking] };
    // Above everything else, in their own order; scores stay monotone so that "higher is better" holds.
    const top = ranking[0]?.score ?? 1;
    const first = defining.map((h, i) => ({ id: h.passage.rowid, score: top * 2 - i * 1e-6 }));
    const firstIds = new Set(first.map((e) => e.id));
    return {
      ranking: [...first, ...ranking.filter((e) => !firstIds.has(e.id))],
      added: defining.map((h) => h.passage),
    };
  },
};

/** The words a text is searched by, with every index term that stands for each: equal keys, equal searches. */
function queryWordsKey(text: string, language: Language, stats: CorpusStats): string {
  return buildQueryWords(text, language, stats.languages)
    .map((w) => `${w.word}:${[...w.alternatives].sort().join('|')}`)
    .join(' ');
}
