import type { SearchHit } from '../retrieval/searchPassages.js';
import { stem, type Language } from '../text/languages.js';
import { countWords, splitSentences } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import { citationFor } from '../retrieval/citation.js';
import { say } from '../i18n/words.js';
import { moneyFigures } from './moneyFigures.js';
import type { Citation } from './types.js';

/** The answer's length: a few sentences, short enough to read in a chat. */
const MAX_SENTENCES = 3;
const MAX_WORDS = 110;
/** How many of the top passages sentences are drawn from. */
const PASSAGES_CONSIDERED = 3;
/**
 * Score added to a sentence in the asker's language: enough to prefer it over an equally
 * good one in another language, not enough to beat one that matches a word more.
 */
const SAME_LANGUAGE_BONUS = 0.5;

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
 * Answer by quoting, in `language` (the asker's): the whole sentences of the top passages
 * that contain the most of the question's terms, each followed by the [n] of its passage,
 * in the order the passages ranked. Headings and fragments are never quoted; a quote in
 * another language is marked ("quoted in German"); when the quotes from different
 * articles name different amounts of money, the answer says that the sources differ.
 */
export function buildExtractiveAnswer(hits: readonly SearchHit[], language: Language): ExtractiveAnswer {
  const chosen = chooseSentences(hits, language);
  const numbers = new Map<string, number>();
  const citations: Citation[] = [];
  const numberOf = (hit: SearchHit) => {
    let n = numbers.get(hit.passageId);
    if (n === undefined) {
      n = citations.length + 1;
      numbers.set(hit.passageId, n);
      citations.push(citationFor(hit, n));
    }
    return n;
  };
  const parts = chosen.map((sentence) => {
    const n = numberOf(sentence.hit);
    const marked =
      sentence.hit.language === language
        ? sentence.text
        : `${sentence.text} (${say('quotedIn', language, { language: say(`language_${sentence.hit.language}`, language) })})`;
    return `${marked} [${n}]`;
  });
  const differ = differingFigures(chosen, numberOf, language);
  return { answer: [...parts, ...(differ ? [differ] : [])].join(' '), citations };
}

function chooseSentences(hits: readonly SearchHit[], language: Language): ScoredSentence[] {
  const scored: ScoredSentence[] = hits.slice(0, PASSAGES_CONSIDERED).flatMap((hit, hitRank) => {
    const terms = new Set(hit.matchedTerms);
    return splitSentences(hit.text, hit.language).flatMap((sentence, position) => {
      if (!sentence.quotable) return [];
      const stems = new Set(tokenize(sentence.text).map((t) => stem(t.word, hit.language)));
      const matched = [...terms].filter((t) => stems.has(t)).length;
      // Earlier passages ranked higher; a small bonus keeps the best passage in front on ties.
      const rankBonus = (PASSAGES_CONSIDERED - hitRank) * 0.2;
      const languageBonus = hit.language === language ? SAME_LANGUAGE_BONUS : 0;
      return [{ text: sentence.text, hit, hitRank, position, score: matched + rankBonus + languageBonus }];
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
  return chosen.sort((a, b) => a.hitRank - b.hitRank || a.position - b.position);
}

/**
 * "The sources give different amounts: $1 billion [1], 44 Millionen Dollar [2]." when
 * quotes from different articles each name one amount in the same currency and the
 * amounts are not the same; null otherwise.
 */
function differingFigures(
  chosen: readonly ScoredSentence[],
  numberOf: (hit: SearchHit) => number,
  language: Language,
): string | null {
  const named = chosen.flatMap((s) => {
    const figures = moneyFigures(s.text);
    return figures.length === 1 ? [{ figure: figures[0]!, sentence: s }] : [];
  });
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const a = named[i]!;
      const b = named[j]!;
      if (a.sentence.hit.articleId === b.sentence.hit.articleId) continue;
      if (a.figure.currency !== b.figure.currency || a.figure.value === b.figure.value) continue;
      const list = `${a.figure.text} [${numberOf(a.sentence.hit)}], ${b.figure.text} [${numberOf(b.sentence.hit)}]`;
      return say('sourcesDiffer', language, { list });
    }
  }
  return null;
}
