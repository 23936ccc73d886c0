import type { Language } from '../text/languages.js';
import type { SearchHit } from './searchPassages.js';

/** One numbered source of an answer: the passage that says it, and its article. */
export interface Citation {
  readonly n: number;
  readonly articleId: string;
  readonly title: string;
  readonly url: string | null;
  readonly publisher: string | null;
  readonly language: Language;
  readonly passageId: string;
  /** The passage's own text (never model-written), for "show quotes". */
  readonly quote: string;
}

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
