import { stem, type Language } from '../text/languages.js';
import { tokenize } from '../text/tokenize.js';
import { RETRIEVAL_PARAMETERS } from './retrievalParameters.js';

const SNIPPET_WORDS = RETRIEVAL_PARAMETERS.snippetWords;

/**
 * A short excerpt of the passage around the first word that matched, with matched words
 * in **bold** (Markdown, which both the terminal reader and Discord understand).
 */
export function highlightSnippet(text: string, matchedTerms: ReadonlySet<string>, language: Language): string {
  const tokens = tokenize(text).filter((t) => !t.joined);
  const isMatch = tokens.map((t) => matchedTerms.has(stem(t.word, language)) || matchedTerms.has(t.word));
  const first = Math.max(0, isMatch.indexOf(true));
  const from = Math.max(0, first - Math.floor(SNIPPET_WORDS / 3));
  const to = Math.min(tokens.length, from + SNIPPET_WORDS);
  if (tokens.length === 0) return '';

  // Offsets come from the normalized text; NFKC can change lengths, so fall back to plain words if it did.
  if (text.normalize('NFKC').toLowerCase().length !== text.length) {
    const words = tokens.slice(from, to).map((t, i) => (isMatch[from + i] ? `**${t.word}**` : t.word));
    return `${from > 0 ? '… ' : ''}${words.join(' ')}${to < tokens.length ? ' …' : ''}`;
  }
  const start = tokens[from]!.start;
  const end = tokens[to - 1]!.end;
  let out = '';
  let cursor = start;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    out += text.slice(cursor, token.start);
    out += isMatch[i] ? `**${text.slice(token.start, token.end)}**` : text.slice(token.start, token.end);
    cursor = token.end;
  }
  out += text.slice(cursor, end);
  return `${from > 0 ? '… ' : ''}${out.replace(/\s+/g, ' ').trim()}${to < tokens.length ? ' …' : ''}`;
}
