import type { Citation } from './types.js';

/** One article under "Sources", with every [n] that cites one of its passages. */
export interface CitedArticle {
  readonly numbers: readonly number[];
  readonly articleId: string;
  readonly title: string;
  readonly url: string | null;
  readonly publisher: string | null;
  readonly language: Citation['language'];
}

/**
 * The cited articles, each once, in the order of their first citation: two passages of
 * one article are two [n] in the text but one line under Sources ("[1, 3] Title").
 */
export function citedArticles(citations: readonly Citation[]): CitedArticle[] {
  const byArticle = new Map<string, { numbers: number[] } & Omit<CitedArticle, 'numbers'>>();
  for (const c of [...citations].sort((a, b) => a.n - b.n)) {
    const entry = byArticle.get(c.articleId);
    if (entry) entry.numbers.push(c.n);
    else
      byArticle.set(c.articleId, {
        numbers: [c.n],
        articleId: c.articleId,
        title: c.title,
        url: c.url,
        publisher: c.publisher,
        language: c.language,
      });
  }
  return [...byArticle.values()];
}

/** "[1]" or "[1, 3]". */
export function citationNumbers(article: CitedArticle): string {
  return `[${article.numbers.join(', ')}]`;
}
