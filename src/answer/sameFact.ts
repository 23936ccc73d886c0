import { buildQueryWords } from '../retrieval/queryTerms.js';
import { SUPPORTED_LANGUAGES } from '../text/languages.js';
import { moneyFigures } from '../text/moneyFigures.js';
import type { SearchHit } from '../retrieval/searchPassages.js';
import type { QuestionFocus } from './questionFocus.js';

/** A quoted sentence, as far as comparing its figure goes. */
interface Quoted {
  readonly text: string;
  readonly hit: SearchHit;
}

/** An amount a quote names, with the words of its clause: what the amount is of. */
interface NamedFigure {
  readonly figure: string;
  readonly value: number;
  readonly currency: string;
  readonly hit: SearchHit;
  /** Each word of the figure's clause as its stems in every language (translations included). */
  readonly clauseWords: readonly ReadonlySet<string>[];
  /** Focus words of the question the sentence holds. */
  readonly focusHeld: string;
}

/**
 * Two amounts from different articles that describe the same fact and differ: "$1 billion"
 * and "44 Millionen Dollar", both what Musk gave. The same fact means the same act of the
 * same subject, read as: both sentences hold the same focus words of the question (at
 * least one), and the clauses the amounts stand in share a content word, through stems and
 * translations. Two different sums that merely sit in the quoted sentences (an offer of
 * computing capacity, an investment) are never contrasted. Null when there are none.
 */
export function differingFigures(
  quoted: readonly Quoted[],
  focus: QuestionFocus,
): [{ figure: string; hit: SearchHit }, { figure: string; hit: SearchHit }] | null {
  const named = quoted.flatMap((q) => namedFigure(q, focus));
  for (let i = 0; i < named.length; i++)
    for (let j = i + 1; j < named.length; j++) {
      const a = named[i]!;
      const b = named[j]!;
      if (a.hit.articleId === b.hit.articleId || a.currency !== b.currency || a.value === b.value) continue;
      if (!a.focusHeld || a.focusHeld !== b.focusHeld || !shareAWord(a.clauseWords, b.clauseWords)) continue;
      return [a, b];
    }
  return null;
}

function namedFigure(quoted: Quoted, focus: QuestionFocus): NamedFigure[] {
  const figures = moneyFigures(quoted.text);
  if (figures.length !== 1) return [];
  const figure = figures[0]!;
  const language = quoted.hit.language;
  const words = buildQueryWords(quoted.text, language, SUPPORTED_LANGUAGES);
  const sentenceTerms = new Set(words.flatMap((w) => w.alternatives));
  const focusHeld = focus.words
    .filter((w) => w.alternatives.some((a) => sentenceTerms.has(a)))
    .map((w) => w.word)
    .sort()
    .join(' ');
  const clause = clauseAround(quoted.text, figure.text);
  const clauseWords = buildQueryWords(clause.replace(figure.text, ' '), language, SUPPORTED_LANGUAGES)
    .filter((w) => !/^\p{N}/u.test(w.word))
    .map((w) => new Set(w.alternatives));
  return [
    { figure: figure.text, value: figure.value, currency: figure.currency, hit: quoted.hit, clauseWords, focusHeld },
  ];
}

/** The part of a sentence between the punctuation marks around the figure. */
function clauseAround(sentence: string, figure: string): string {
  const at = sentence.indexOf(figure);
  if (at < 0) return sentence;
  const before = sentence.slice(0, at);
  const after = sentence.slice(at + figure.length);
  const start = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':')) + 1;
  const ends = [',', ';', ':'].map((mark) => after.indexOf(mark)).filter((i) => i >= 0);
  const end = ends.length > 0 ? Math.min(...ends) : after.length;
  return `${before.slice(start)} ${figure} ${after.slice(0, end)}`;
}

function shareAWord(a: readonly ReadonlySet<string>[], b: readonly ReadonlySet<string>[]): boolean {
  return a.some((word) => b.some((other) => [...word].some((stem) => other.has(stem))));
}
