import type { Retrieval } from '../retrieval/searchPassages.js';

/** Why a question was refused before any answer was written. */
export type Refusal =
  /** Nothing in the corpus shares a content word with the question, nor means anything close. */
  | 'off-topic'
  /** Without a model: the passages share too little with the question to quote as an answer. */
  | 'weak-match'
  /** The model read the passages and said they do not cover the question. */
  | 'not-covered';

export interface Verdict {
  readonly answerable: boolean;
  readonly refusal?: Refusal;
}

/** Passages (best first) whose signals are read: the ones an answer would be built from. */
const CONSIDERED = 5;
/**
 * Cosine similarity above which a passage counts as "about the same thing" even with no
 * shared word. A low bar on purpose: it only keeps a question from being refused before a
 * model has seen it; the model judges. Cosine scales differ between models, so it decides
 * nothing else: with all-MiniLM-L6-v2 the off-topic dev questions scored 0.10–0.14 against
 * the corpus and the answerable ones 0.22–0.79, and unrelated on-topic ones as high as 0.62.
 */
const SIMILARITY_BAR = 0.2;
/**
 * Without a model, a single shared word answers only when it is a fair part of what the
 * question asks: "what is Colossus" (1 of 1) or "what did Sutskever say" in chat (1 of 3),
 * not "a good pizza place in San Francisco" (1 of 6) or "best recipe for apple pie" (1 of 4).
 * Chosen on the member-style dev set; see the README's eval section for the trade-off.
 */
const SINGLE_WORD_SHARE = 0.3;

/**
 * Decide, in one place, whether a question gets an answer from these passages.
 *
 * With a model, the model is the judge: only a question with nothing in common with the
 * corpus (no known content word in any passage, no similar vector) is refused before a
 * model call is spent. Without one, a passage must share two of the question's words, or
 * one word that is a fair share of the question: a quote needs words to stand on. Words the corpus
 * has never seen (chat filler, slang, mentions) never lower the count of shared words;
 * they only make a lone shared word a smaller share of the question.
 */
export function judgeAnswerability(retrieval: Retrieval, options: { withModel: boolean }): Verdict {
  const hits = retrieval.hits.slice(0, CONSIDERED);
  const sharesWords = hits.some((h) => h.matchedWords > 0);
  const similar = hits.some((h) => (h.similarity ?? 0) >= SIMILARITY_BAR);
  if (!sharesWords && !similar) return { answerable: false, refusal: 'off-topic' };
  if (options.withModel) return { answerable: true };

  const mostShared = Math.max(...hits.map((h) => h.matchedWords));
  if (mostShared >= 2) return { answerable: true };
  const share = mostShared / Math.max(1, retrieval.questionWords);
  return share >= SINGLE_WORD_SHARE ? { answerable: true } : { answerable: false, refusal: 'weak-match' };
}
