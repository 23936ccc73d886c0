import { stem, type Language } from './languages.js';
import { isStopword } from './stopwords.js';
import { words } from './tokenize.js';

/**
 * The terms a passage is indexed under: each content word stemmed for the passage's
 * own language, plus the joined form of hyphenated compounds ("E-Mail" is indexed as
 * "e", "mail" and "email"). Stop words are left out. The result is the text stored
 * in the FTS5 column, space-separated, so FTS5's own tokenizer only has to split it.
 */
export function indexTerms(text: string, language: Language): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (isStopword(word, language)) continue;
    terms.push(stem(word, language));
  }
  return terms;
}
