import type { SearchHit } from '../retrieval/searchPassages.js';
import type { Citation } from './types.js';

/** A citation for a passage, numbered n; the quote is the passage's own text. */
export function citationFor(hit: SearchHit, n: number): Citation {
  return {
    n,
    articleId: hit.articleId,
    title: hit.title,
    url: hit.url,
    publisher: hit.publisher,
    language: hit.language,
    passageId: hit.passageId,
    quote: hit.text,
  };
}
