import type { SearchHit } from '../retrieval/searchPassages.js';
import { stem } from '../text/languages.js';
import { countWords, splitSentences } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import { citationFor } from './citations.js';
import type { Citation } from './types.js';

/** The answer's length: a few sentences, short enough to read in a chat. */
const MAX_SENTENCES = 3;
const MAX_WORDS = 110;
/** How many of the top passages sentences are drawn from. */
const PASSAGES_CONSIDERED = 3;

export interface ExtractiveAnswer {
  readonly answer: string;
  readonly citations: Citation[];
}

interface ScoredSentence {
  readonly text: string;
  readonly hit: SearchHit;
  readonly hitRank: number;
  readonly position: number;
  readonly score: number;
}

/**
 * Answer by quoting: the sentences of the top passages that contain the most of the
 * question's terms, each followed by the [n] of its passage, in the order the passages
 * ranked. Citations are numbered in order of first use and list only cited passages.
 */
export function buildExtractiveAnswer(hits: readonly SearchHit[]): ExtractiveAnswer {
  const scored: ScoredSentence[] = hits.slice(0, PASSAGES_CONSIDERED).flatMap((hit, hitRank) => {
    const terms = new Set(hit.matchedTerms);
    return splitSentences(hit.text, hit.language).map((sentence, position) => {
      const stems = new Set(tokenize(sentence.text).map((t) => stem(t.word, hit.language)));
      const matched = [...terms].filter((t) => stems.has(t)).length;
      // Earlier passages ranked higher; a small bonus keeps the best passage in front on ties.
      return { text: sentence.text, hit, hitRank, position, score: matched + (PASSAGES_CONSIDERED - hitRank) * 0.2 };
    });
  });

  const chosen: ScoredSentence[] = [];
  let words = 0;
  for (const sentence of [...scored].sort((a, b) => b.score - a.score)) {
    if (chosen.length >= MAX_SENTENCES) break;
    if (sentence.score < 1 && chosen.length > 0) break;
    const n = countWords(sentence.text);
    if (chosen.length > 0 && words + n > MAX_WORDS) continue;
    if (chosen.filter((c) => c.hit === sentence.hit).length >= 2) continue;
    chosen.push(sentence);
    words += n;
  }
  chosen.sort((a, b) => a.hitRank - b.hitRank || a.position - b.position);

  const numbers = new Map<string, number>();
  const citations: Citation[] = [];
  const parts = chosen.map((sentence) => {
    let n = numbers.get(sentence.hit.passageId);
    if (n === undefined) {
      n = citations.length + 1;
      numbers.set(sentence.hit.passageId, n);
      citations.push(citationFor(sentence.hit, n));
    }
    return `${sentence.text} [${n}]`;
  });
  return { answer: parts.join(' '), citations };
}
