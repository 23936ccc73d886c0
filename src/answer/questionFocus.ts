import { cleanQuestion } from '../retrieval/cleanQuestion.js';
import type { Retrieval } from '../retrieval/searchPassages.js';
import type { WeightedWord } from '../retrieval/weighWords.js';
import { words } from '../text/tokenize.js';
import { type AnswerType, expectedAnswerType, TYPE_WORDS } from '../text/answerTypes.js';
import { isChatFiller } from '../text/chatFiller.js';
import { everydayWeight } from '../text/everydayWords.js';
import { foldDiacritics } from '../text/languages.js';

/**
 * A word found in more than this share of passages says nothing about whether a passage
 * answers: in a corpus about a feud, the names of its two sides.
 */
const UBIQUITOUS_SHARE = 0.3;
/**
 * A word with digits in it ("GPT-4" read as "gpt4", "PS5", "H100") or a year names one
 * thing: text without it is about another one ("GPT-2"), whatever else it shares.
 */
const IDENTIFIER = /^(?:(?=.*\p{L})(?=.*\p{N})[\p{L}\p{N}]+|\d{4})$/u;
const MISSING_IDENTIFIER_FACTOR = 0.5;
/** Words for the text a question is asked of ("according to the piece"): they say where to look, not what about. */
const SOURCE_NOUNS = new Set(
  'article articles piece story post report blog blogger author interview artikel beitrag bericht autor autorin text'.split(
    ' ',
  ),
);
/**
 * How sure a passage can make an answer to a question about nothing but the corpus's main
 * subjects ("what is OpenAI", "who is Elon Musk"): many passages cover those words, and
 * which of them answers is a guess. Enough to answer, not enough to speak unasked.
 */
const SUBJECTS_ONLY = 0.6;

/** One word of what a question is about, and how much it weighs in deciding that. */
export interface FocusWord {
  readonly word: string;
  readonly alternatives: readonly string[];
  readonly weight: number;
  /** False for a word the corpus never saw: no passage can cover it. */
  readonly known: boolean;
}

/** What a question asks about (its focus) and what kind of answer it asks for. */
export interface QuestionFocus {
  readonly type: AnswerType;
  readonly words: readonly FocusWord[];
  /**
   * The most the uncovered words count against a passage, for a question that names what
   * the corpus is about: as much as one word the corpus never saw. A long, chatty question
   * about the feud is not refused for its length, while one specific word that no passage
   * holds ("married", "PS5") still weighs as much as a covered one. A question that names
   * nothing the corpus is about has no such allowance (Infinity).
   */
  readonly uncoveredCap: number;
  /**
   * How much the question says: 1 once its focus weighs as much as one rare word, less for a
   * focus of one everyday word ("did they ever make up"), which many passages cover without
   * answering; SUBJECTS_ONLY for a question about nothing but what the corpus is about.
   */
  readonly specificity: number;
  /** Words in most of the corpus that the question names (the sides of the feud): who the answer is about. */
  readonly subjects: readonly FocusWord[];
}

/**
 * The focus of a question: its content words less the words that name the answer type
 * ("what year"), chat filler ("lol", "rn"), a source it asks about ("the wynswell
 * piece": retrieval already keeps to that source) and words in most of the corpus. A word the
 * corpus never saw stays: it is what the question asks about ("net worth", "GPT-6"),
 * weighed as the rarest known word, less when people use it every day.
 */
export function questionFocus(question: string, retrieval: Retrieval): QuestionFocus {
  const cleaned = cleanQuestion(question);
  const type = expectedAnswerType(cleaned);
  const typeWords = new Set(TYPE_WORDS[type]);
  const rarestIdf = Math.log(1 + (retrieval.passages - 0.5) / 1.5);
  const sources = new Set(retrieval.sourceWords);
  const isContent = (w: WeightedWord) =>
    !typeWords.has(w.word) &&
    !isChatFiller(w.word) &&
    !SOURCE_NOUNS.has(w.word) &&
    !sources.has(foldDiacritics(w.word));
  const content = retrieval.queryWords.filter(isContent);
  const ubiquitous = (df: number) => df > retrieval.passages * UBIQUITOUS_SHARE;
  const specific = content.filter((w) => !ubiquitous(w.df));
  const chosen = specific.length > 0 ? specific : content;
  const focusWords = chosen.map((w): FocusWord =>
    w.df > 0
      ? { word: w.word, alternatives: w.alternatives, weight: w.weight, known: true }
      : {
          word: w.word,
          alternatives: w.alternatives,
          weight: rarestIdf * everydayWeight(w.word),
          known: false,
        },
  );
  // Who a follow-up asks about is in its own words ("and what did Altman say?"), not in those of the turn before.
  const asked = new Set(words(cleaned));
  const named = content.filter((w) => ubiquitous(w.df));
  const ownNamed = named.filter((w) => asked.has(w.word));
  const subjects = specific.length === 0 ? [] : ownNamed.length > 0 ? ownNamed : named;
  return {
    type,
    uncoveredCap: subjects.length > 0 ? rarestIdf : Infinity,
    specificity: specific.length > 0 ? Math.min(1, total(focusWords) / rarestIdf) : SUBJECTS_ONLY,
    words: asNames(
      focusWords.filter((w) => w.weight > 0),
      cleaned,
      retrieval.hits.map((h) => h.text),
    ),
    subjects: subjects.map((w) => ({ word: w.word, alternatives: w.alternatives, weight: w.weight, known: true })),
  };
}

/**
 * How far a set of index terms (a sentence or two) answers the focus (0–1): the share of its
 * weight they hold, the uncovered part counted up to `uncoveredCap`; 0 for a question with
 * no focus at all (nothing but chat and question words).
 */
export function focusCoverage(focus: QuestionFocus, terms: ReadonlySet<string>): number {
  const all = total(focus.words);
  if (all === 0) return 0;
  const isCovered = (w: FocusWord) => w.alternatives.some((a) => terms.has(a));
  const covered = total(focus.words.filter(isCovered));
  const share = covered / (covered + Math.min(all - covered, focus.uncoveredCap));
  const missesIdentifier = focus.words.some((w) => IDENTIFIER.test(w.word) && !isCovered(w));
  return share * focus.specificity * (missesIdentifier ? MISSING_IDENTIFIER_FACTOR : 1);
}

/** A word that can be part of a name: known to the corpus, and not a number or an identifier (those keep their own check). */
const isNamePart = (w: FocusWord): boolean => w.known && !IDENTIFIER.test(w.word);

/**
 * Two known focus words that the question writes together, and a passage found for it writes
 * together too, name one thing ("Ilya Sutskever", "Merge Labs"): they count once, at the
 * weight of the rarer, and either covers it. Counted twice, a passage about the name without
 * what the question asks of it ("why did Ilya Sutskever leave") passed for an answer.
 */
function asNames(focus: readonly FocusWord[], question: string, passages: readonly string[]): FocusWord[] {
  const lower = (text: string) => foldDiacritics(text.toLowerCase());
  const asked = lower(question);
  const found = passages.map(lower);
  const out: FocusWord[] = [];
  for (let i = 0; i < focus.length; i++) {
    const [a, b] = [focus[i]!, focus[i + 1]];
    const phrase = b ? `${lower(a.word)} ${lower(b.word)}` : '';
    if (b && isNamePart(a) && isNamePart(b) && asked.includes(phrase) && found.some((t) => t.includes(phrase))) {
      out.push({
        word: `${a.word} ${b.word}`,
        alternatives: [...a.alternatives, ...b.alternatives],
        weight: Math.max(a.weight, b.weight),
        known: true,
      });
      i++;
    } else out.push(a);
  }
  return out;
}

const total = (words: readonly FocusWord[]): number => words.reduce((sum, w) => sum + w.weight, 0);
