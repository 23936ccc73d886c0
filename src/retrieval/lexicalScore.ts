import type { WeightedWord } from './weighWords.js';

/** Index terms apart that still count as "together". */
const PROXIMITY_WINDOW = 3;

/** How a passage's index terms relate to the question's words. */
export interface LexicalSignals {
  /** Share (0–1) of the weight of the question's known words that the passage contains. */
  readonly coverage: number;
  /** Share (0–1) of the question's words that stand near another of its words in the passage. */
  readonly proximity: number;
  /** Index terms of the question that the passage contains (for highlighting and extractive answers). */
  readonly matchedTerms: string[];
  /** How many of the question's known words the passage contains. */
  readonly matchedWords: number;
}

/**
 * Score one passage against the weighed question words. Words the corpus has never seen
 * have weight 0, so they count neither for nor against a passage.
 */
export function lexicalSignals(sequence: readonly string[], words: readonly WeightedWord[]): LexicalSignals {
  const terms = new Set(sequence);
  const totalWeight = words.reduce((sum, w) => sum + w.weight, 0);
  const matched = words.filter((w) => w.weight > 0 && w.alternatives.some((a) => terms.has(a)));
  const coverage = totalWeight > 0 ? matched.reduce((sum, w) => sum + w.weight, 0) / totalWeight : 0;
  const known = words.filter((w) => w.weight > 0);
  const wordOf = new Map<string, number>();
  known.forEach((w, index) => w.alternatives.forEach((a) => wordOf.set(a, index)));
  return {
    coverage,
    proximity: proximity(sequence, wordOf, known.length),
    matchedTerms: matched.flatMap((w) => w.alternatives.filter((a) => terms.has(a))),
    matchedWords: matched.length,
  };
}

/**
 * BM25 orders by term frequency and length; coverage rewards passages that match more of
 * the question; proximity rewards its words standing together, as they do in text about
 * the question and seldom in text that merely shares its vocabulary.
 */
export function lexicalScore(bm25Share: number, signals: LexicalSignals): number {
  return bm25Share * 0.3 + signals.coverage * 0.5 + signals.proximity * 0.2;
}

/** Share (0–1) of the words that stand within PROXIMITY_WINDOW index terms of another of the words. */
export function proximity(sequence: readonly string[], wordOf: ReadonlyMap<string, number>, wordCount: number): number {
  if (wordCount < 2) return 0;
  const near = new Set<number>();
  const recent: { word: number; at: number }[] = [];
  sequence.forEach((term, at) => {
    const word = wordOf.get(term);
    if (word === undefined) return;
    while (recent.length > 0 && at - recent[0]!.at > PROXIMITY_WINDOW) recent.shift();
    for (const other of recent) {
      if (other.word !== word) {
        near.add(word);
        near.add(other.word);
      }
    }
    recent.push({ word, at });
  });
  return near.size / wordCount;
}
