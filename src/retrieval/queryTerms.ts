import { cognates } from './cognates.js';
import { translateStem } from './glossary.js';
import { stem, type Language } from '../text/languages.js';
import { isStopword } from '../text/stopwords.js';
import { tokenize } from '../text/tokenize.js';
import { RETRIEVAL_PARAMETERS } from './retrievalParameters.js';

/**
 * One word of the question and every index term that may stand for it: its stem in each
 * corpus language, and the glossary's words for it in the other languages. A passage
 * matches the word when it contains any of the alternatives.
 */
export interface QueryWord {
  readonly word: string;
  readonly alternatives: readonly string[];
  /** The glossary has the word: it is a real word (not a typo), even if these articles lack it. */
  readonly inGlossary: boolean;
}

/**
 * Turn free text into query words. Nothing of the text's syntax survives: only letters
 * and digits are kept, so quotes, operators, column filters and emoji cannot reach FTS5.
 */
export function buildQueryWords(
  text: string,
  questionLanguage: Language,
  corpusLanguages: readonly Language[],
): QueryWord[] {
  const words = tokenize(text).map((t) => t.word);
  const seen = new Set<string>();
  const out: QueryWord[] = [];
  for (const word of words) {
    if (word.length < 2 && !/^\p{N}+$/u.test(word)) continue;
    if (isStopword(word, questionLanguage)) continue;
    const alternatives = new Set<string>();
    for (const language of corpusLanguages) {
      for (const alternative of expandStem(stem(word, language), language, corpusLanguages))
        alternatives.add(alternative);
    }
    const inGlossary = alternatives.size > corpusLanguages.length;
    // The other language's regular spelling of a shared word (Organisation/organization).
    for (const language of corpusLanguages)
      for (const cognate of cognates(word, questionLanguage, language)) alternatives.add(stem(cognate, language));
    const key = [...alternatives].sort().join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ word, alternatives: [...alternatives], inGlossary });
    if (out.length >= RETRIEVAL_PARAMETERS.maxWordsLookedUp) break;
  }
  return out;
}

/** A stem with the glossary's synonyms and translations of it into the corpus languages. */
export function expandStem(stemmed: string, language: Language, corpusLanguages: readonly Language[]): string[] {
  const out = new Set([stemmed]);
  for (const other of corpusLanguages) {
    for (const translated of translateStem(stemmed, language, other)) out.add(translated);
  }
  return [...out];
}

/** A string as one FTS5 phrase: in double quotes, inner quotes doubled, so it is never read as syntax. */
export function quoteFts(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** An FTS5 MATCH expression that matches any alternative of any query word; null when there is nothing to search. */
export function buildMatchExpression(terms: readonly string[]): string | null {
  const unique = [...new Set(terms.filter((t) => t.length > 0))];
  return unique.length > 0 ? unique.map(quoteFts).join(' OR ') : null;
}
