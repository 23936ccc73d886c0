import type { Retrieval, SearchHit } from '../retrieval/searchPassages.js';
import { holdsAnswerType, isCheckable } from '../text/answerTypes.js';
import { focusCoverage, questionFocus, type QuestionFocus } from './questionFocus.js';
import { bodySentences } from './quotableText.js';
import { indexTerms } from '../text/analyze.js';

/** Why a question was refused before any answer was written. */
export type Refusal =
  /** Nothing in the corpus shares a content word with the question, nor means anything close. */
  | 'off-topic'
  /** Without a model: the passages do not cover what the question asks about, or hold nothing of the kind it asks for. */
  | 'weak-match'
  /** The model read the passages and said they do not cover the question. */
  | 'not-covered'
  /** There was no question: nothing but spaces. */
  | 'empty';

/** Whether the passages answer the question, how sure that can be, and what the question asks about and for. */
export type Verdict = (
  | { readonly answerable: true }
  | {
      readonly answerable: false;
      readonly refusal: Refusal;
    }
) & {
  /** How sure the answer can be (0–1), from how well the best passage covers the question's focus and type. */
  readonly confidence: number;
  /** What the question asks about and for: the quoting step chooses its sentences by it. */
  readonly focus: QuestionFocus;
};

/** Passages (best first) whose signals are read: the ones an answer would be built from. */
const CONSIDERED = 3;
/**
 * Cosine similarity above which a passage counts as "about the same thing" even with no
 * shared word. A low bar on purpose: it only keeps a question from being refused before a
 * model has seen it; the model judges. Cosine scales differ between models, so it decides
 * nothing else (see docs/quality.md).
 */
const SIMILARITY_BAR = 0.2;
/**
 * What is left of a passage's coverage when the question asks for a date, an amount or a
 * count and no sentence of it holds one: it is about the question, it does not answer it.
 */
const TYPE_MISSING_FACTOR = 0.25;
/** The share of a question's words that one shared word must be for a quote to stand on it alone. */
const SINGLE_WORD_SHARE = 0.3;
/**
 * What is left when the sentences name none of the people the question asks about ("when
 * did Altman leave…" answered by a sentence about Musk): they may still be about them.
 */
const OTHER_SUBJECT_FACTOR = 0.5;
/** A sentence that opens with a personal pronoun may be about the question's subject. */
const PRONOUN_SUBJECT = /^(?:he|she|they|er|sie)\b/iu;
/**
 * Without a model, the confidence below which the articles are taken not to answer, and
 * nothing is quoted. Calibrated on the member dev sets (docs/quality.md has the table).
 */
export const ANSWER_THRESHOLD = 0.3;

/**
 * Decide, in one place, whether a question gets an answer from these passages, and how
 * sure that answer is.
 *
 * A passage answers as far as it covers the question's focus (its specific words, words
 * the corpus never saw counting against it) and, for a question after a date, an amount
 * or a count, holds one. With a model, the model is the judge: only a question with
 * nothing in common with the corpus is refused before a model call is spent.
 */
export function judgeAnswerability(question: string, retrieval: Retrieval, options: { withModel: boolean }): Verdict {
  const focus = questionFocus(question, retrieval);
  const hits = retrieval.hits.slice(0, CONSIDERED);
  const sharesWords = retrieval.hits.slice(0, 5).some((h) => h.matchedWords > 0);
  const similar = retrieval.hits.slice(0, 5).some((h) => (h.similarity ?? 0) >= SIMILARITY_BAR);
  if (!sharesWords && !similar) return { answerable: false, refusal: 'off-topic', confidence: 0, focus };
  const confidence = Math.max(0, ...hits.map((hit) => passageConfidence(focus, hit)));
  if (options.withModel) return { answerable: true, confidence, focus };
  return confidence >= ANSWER_THRESHOLD && hasWordsToStandOn(retrieval)
    ? { answerable: true, confidence, focus }
    : { answerable: false, refusal: 'weak-match', confidence, focus };
}

/**
 * A quote needs words to stand on: a passage shares two of the question's words, or one
 * that is a fair share of what it asks ("what is Colossus", not "a good pizza place in San
 * Francisco"). Words the corpus has never seen never lower the count of shared words.
 */
function hasWordsToStandOn(retrieval: Retrieval): boolean {
  const mostShared = Math.max(0, ...retrieval.hits.slice(0, 5).map((h) => h.matchedWords));
  return mostShared >= 2 || mostShared / Math.max(1, retrieval.questionWords) >= SINGLE_WORD_SHARE;
}

/**
 * How well one passage answers: the best focus coverage of a sentence and the one after it
 * (an answer is a sentence or two, not words scattered over a paragraph), cut when the
 * question asks for a date, an amount or a count and those sentences hold none, and when
 * they name none of the people the question asks about.
 */
export function passageConfidence(focus: QuestionFocus, hit: SearchHit): number {
  const sentences = bodySentences(hit).map((s) => ({
    text: s.text,
    terms: new Set(indexTerms(s.text, hit.language)),
  }));
  let best = 0;
  sentences.forEach((sentence, i) => {
    const window = [sentence, ...sentences.slice(i + 1, i + 2)];
    const terms = new Set(window.flatMap((s) => [...s.terms]));
    const typed = !isCheckable(focus.type) || window.some((s) => holdsAnswerType(s.text, focus.type));
    const aboutSubject =
      focus.subjects.length === 0 ||
      focus.subjects.some((w) => w.alternatives.some((a) => terms.has(a))) ||
      PRONOUN_SUBJECT.test(sentence.text);
    const coverage = focusCoverage(focus, terms) * (typed ? 1 : TYPE_MISSING_FACTOR);
    best = Math.max(best, coverage * (aboutSubject ? 1 : OTHER_SUBJECT_FACTOR));
  });
  return best;
}
