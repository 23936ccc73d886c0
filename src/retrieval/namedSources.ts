import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { foldDiacritics, stem, type Language } from '../text/languages.js';
import { words } from '../text/tokenize.js';
import { RETRIEVAL_PARAMETERS } from './retrievalParameters.js';

/** Source-name words (from publishers and authors) and the articles each one names. */
export type SourceNames = ReadonlyMap<string, readonly string[]>;

/** One row per distinct publisher and author (few, however many articles share them), from the covering index. */
export const SOURCE_NAMES_SQL = `SELECT publisher, author, json_group_array(id) AS ids, count(*) AS n
  FROM articles INDEXED BY articles_sources GROUP BY publisher, author`;

/**
 * The words by which a member can name where an article comes from ("according to the
 * wynswell piece", "what does Liam Carter say"): the words of its publisher and author.
 * A word that the passages themselves use is a subject, not a source name, and a word
 * shared by half the articles or more picks nothing out; neither is kept.
 */
export function readSourceNames(db: Db, languages: readonly Language[]): SourceNames {
  const rows = statement(db, SOURCE_NAMES_SQL).all() as {
    publisher: string | null;
    author: string | null;
    ids: string;
    n: number;
  }[];
  const articles = rows.reduce((sum, row) => sum + row.n, 0);
  const isIndexed = statement(db, 'SELECT 1 FROM term_df WHERE term = ?').pluck();
  const names = new Map<string, string[]>();
  for (const row of rows) {
    const ids = JSON.parse(row.ids) as string[];
    for (const word of new Set(nameWords(`${row.publisher ?? ''} ${row.author ?? ''}`))) {
      const named = names.get(word) ?? [];
      // One by one: spreading 100,000 ids of one publisher into push() would exceed the argument limit.
      for (const id of ids) named.push(id);
      names.set(word, named);
    }
  }
  const usedInText = (word: string): boolean =>
    [word, ...languages.map((language) => stem(word, language))].some((term) => isIndexed.get(term) !== undefined);
  for (const [word, ids] of names) if (ids.length * 2 >= Math.max(2, articles) || usedInText(word)) names.delete(word);
  return names;
}

/** The words of a question that name a source (a publisher's or an author's name). */
export function sourceWordsOf(question: string, names: SourceNames): string[] {
  return names.size === 0 ? [] : nameWords(question).filter((word) => names.has(word));
}

/** The articles a question names by source, if any. */
export function namedArticles(question: string, names: SourceNames): Set<string> {
  const named = new Set<string>();
  if (names.size === 0) return named;
  for (const word of nameWords(question)) for (const id of names.get(word) ?? []) named.add(id);
  return named;
}

function nameWords(text: string): string[] {
  return words(text)
    .map(foldDiacritics)
    .filter((w) => w.length >= RETRIEVAL_PARAMETERS.minSourceNameLength && !/^\d+$/.test(w));
}
