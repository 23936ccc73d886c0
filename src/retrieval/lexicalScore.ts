import type { WeightedWord } from './weighWords.js';
import { RETRIEVAL_PARAMETERS } from './retrievalParameters.js';

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
 * A scorer of passages against the weighed question words, with the question's side
 * (its weights, which index term stands for which word) worked out once per query.
 * Words the corpus has never seen have weight 0, so they count neither for nor against.
 */
export function lexicalScorer(words: readonly WeightedWord[]): (sequence: readonly string[]) => LexicalSignals {
  const known = words.filter((w) => w.weight > 0);
  const totalWeight = known.reduce((sum, w) => sum + w.weight, 0);
  const wordOf = new Map<string, number>();
  known.forEach((w, index) => w.alternatives.forEach((a) => wordOf.set(a, index)));
  return (sequence) => {
    const present = new Set<number>();
    const matchedTerms = new Set<string>();
    for (const term of sequence) {
      const word = wordOf.get(term);
      if (word === undefined) continue;
      present.add(word);
      matchedTerms.add(term);
    }
    let matchedWeight = 0;
    for (const word of present) matchedWeight += known[word]!.weight;
    return {
      coverage: totalWeight > 0 ? matchedWeight / totalWeight : 0,
      proximity: proximity(sequence, wordOf, known.length),
      matchedTerms: [...matchedTerms],
      matchedWords: present.size,
    };
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

/** Share (0–1) of the words that stand within `proximityWindow` index terms of another of the words. */
export function proximity(sequence: readonly string[], wordOf: ReadonlyMap<string, number>, wordCount: number): number {
  if (wordCount < 2) return 0;
  const near = new Set<number>();
  const recent: { word: number; at: number }[] = [];
  sequence.forEach((term, at) => {
    const word = wordOf.get(term);
    if (word === undefined) return;
    while (recent.length > 0 && at - recent[0]!.at > RETRIEVAL_PARAMETERS.proximityWindow) recent.shift();
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
