import type { SearchHit } from '../retrieval/searchPassages.js';
import { lineKind } from '../text/lineKinds.js';
import { splitSentences } from '../text/sentences.js';

/** A sentence of a passage's body, with its place in the passage. */
export interface BodySentence {
  readonly text: string;
  /** Order within the passage. */
  readonly position: number;
  /** The passage line (paragraph) it stands on. */
  readonly line: number;
}

/**
 * The sentences of a passage that may be quoted as an answer: whole sentences of its body
 * lines, never a heading, a fragment or page furniture (calls to comment, "first appeared
 * in", teasers, credits). Furniture stays in the index and in "Show quotes": it is text of
 * the page, just never an answer.
 */
export function bodySentences(hit: Pick<SearchHit, 'text' | 'language'>): BodySentence[] {
  const out: BodySentence[] = [];
  hit.text.split('\n').forEach((line, lineIndex) => {
    if (lineKind(line) !== 'body') return;
    for (const sentence of splitSentences(line, hit.language))
      if (sentence.quotable) out.push({ text: sentence.text, position: out.length, line: lineIndex });
  });
  return out;
}
