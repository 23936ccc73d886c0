import type { SearchHit } from '../retrieval/searchPassages.js';
import { holdsAnswerType, isCheckable } from '../text/answerTypes.js';
import type { Language } from '../text/languages.js';
import { countWords } from '../text/sentences.js';
import { indexTerms } from '../text/analyze.js';
import { citationFor } from '../retrieval/citation.js';
import { say } from '../i18n/words.js';
import type { QuestionFocus } from './questionFocus.js';
import { bodySentences } from './quotableText.js';
import { differingFigures } from './sameFact.js';
import type { Citation } from './types.js';

/** The answer's length: a few sentences, short enough to read in a chat. */
const MAX_SENTENCES = 3;
const MAX_WORDS = 110;
/** How many of the top passages sentences are drawn from. */
const PASSAGES_CONSIDERED = 3;
/** A sentence holding what the question asks for (a date for "when") outranks one that only shares its words. */
const TYPE_BONUS = 1;
/** A sentence that names whom the question asks about ("what did Altman say") beats one that does not. */
const SUBJECT_BONUS = 0.5;
/** Prefer a sentence in the asker's language over an equally good one in another. */
const SAME_LANGUAGE_BONUS = 0.25;
/** Earlier passages ranked higher: a small bonus per place keeps the best passage in front on ties. */
const RANK_BONUS = 0.1;
/** Each of the question's words a sentence holds, focus or not, breaks ties between sentences. */
const MATCHED_WORD_BONUS = 0.05;
/**
 * A sentence that opens by pointing back ("He believes…", "Dies…") continues the one
 * before it: quoted after an answering sentence, it completes the thought.
 */
const REFERS_BACK =
  /^(?:he|she|it|they|this|that|these|those|his|her|its|their|there|then|er|sie|es|dies|diese|dieser|dieses|das|dabei|damit|daher|deshalb|dort|dann|sein|seine|ihr|ihre)\b/iu;

export interface ExtractiveAnswer {
  readonly answer: string;
  readonly citations: Citation[];
}

export interface QuoteOptions {
  /** Sentences already quoted to this asker (a follow-up's earlier turn): quoted again only when nothing else answers. */
  readonly alreadyQuoted?: string;
}

/** A body sentence of a top passage, scored against the question. */
export interface ScoredSentence {
  readonly text: string;
  readonly hit: SearchHit;
  readonly hitRank: number;
  readonly position: number;
  /** Share of the question's focus the sentence holds. */
  readonly focus: number;
  /** How many of the question's words (focus or not) it holds. */
  readonly matched: number;
  readonly typed: boolean;
  readonly score: number;
}

/**
 * Answer by quoting, in `language` (the asker's): first the sentence of the top passages
 * that best holds the question's focus and what it asks for (a date for "when", an amount
 * for "how much"), continued into the next one when that refers back, then up to two more
 * sentences that share the focus, in the order the passages ranked; each followed by the
 * [n] of its passage. Headings, fragments and page furniture are never quoted; a quote in
 * another language is marked; when two articles give different amounts for the same fact,
 * the answer says that the sources differ.
 */
export function buildExtractiveAnswer(
  hits: readonly SearchHit[],
  language: Language,
  focus: QuestionFocus,
  options: QuoteOptions = {},
): ExtractiveAnswer {
  const chosen = chooseSentences(
    scoreSentences(hits, language, focus),
    options.alreadyQuoted ?? '',
    focus.words.length === 0,
    isCheckable(focus.type),
  );
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
  const differ = focus.type === 'amount' ? differingFigures(chosen, focus) : null;
  const note = differ
    ? say('sourcesDiffer', language, {
        list: `${differ[0].figure} [${numberOf(differ[0].hit)}], ${differ[1].figure} [${numberOf(differ[1].hit)}]`,
      })
    : null;
  return { answer: [...parts, ...(note ? [note] : [])].join(' '), citations };
}

function scoreSentences(hits: readonly SearchHit[], language: Language, focus: QuestionFocus): ScoredSentence[] {
  const totalWeight = focus.words.reduce((sum, w) => sum + w.weight, 0);
  return hits.slice(0, PASSAGES_CONSIDERED).flatMap((hit, hitRank) => {
    const terms = new Set(hit.matchedTerms);
    return bodySentences(hit).map(({ text, position }) => {
      const stems = new Set(indexTerms(text, hit.language));
      const held = focus.words.filter((w) => w.alternatives.some((a) => stems.has(a)));
      const focusShare = totalWeight > 0 ? held.reduce((sum, w) => sum + w.weight, 0) / totalWeight : 0;
      const matched = [...terms].filter((t) => stems.has(t)).length;
      const typed = focus.type !== 'other' && holdsAnswerType(text, focus.type);
      const named = focus.subjects.filter((w) => w.alternatives.some((a) => stems.has(a))).length;
      const score =
        focusShare +
        (focus.subjects.length > 0 ? (named / focus.subjects.length) * SUBJECT_BONUS : 0) +
        (typed && (focusShare > 0 || totalWeight === 0) ? TYPE_BONUS : 0) +
        matched * MATCHED_WORD_BONUS +
        (PASSAGES_CONSIDERED - hitRank) * RANK_BONUS +
        (hit.language === language ? SAME_LANGUAGE_BONUS : 0);
      return { text, hit, hitRank, position, focus: focusShare, matched, typed, score };
    });
  });
}

/**
 * The answering sentence, the one after it when it refers back, then the best others that
 * share the focus, in passage order, within the length limits; sentences already quoted to
 * the asker come last.
 */
function chooseSentences(
  scored: readonly ScoredSentence[],
  alreadyQuoted: string,
  focusless: boolean,
  asksType: boolean,
): ScoredSentence[] {
  const fresh = (s: ScoredSentence) => !alreadyQuoted.includes(s.text);
  // For a question after a date, an amount or a count, a sentence that holds one (and the focus) comes first,
  // quoted before or not; otherwise what was not quoted yet comes first.
  const answers = (s: ScoredSentence) => asksType && s.typed && (s.focus > 0 || focusless);
  const ranked = [...scored].sort(
    (a, b) => Number(answers(b)) - Number(answers(a)) || Number(fresh(b)) - Number(fresh(a)) || b.score - a.score,
  );
  const chosen: ScoredSentence[] = [];
  let words = 0;
  const take = (sentence: ScoredSentence): boolean => {
    const n = countWords(sentence.text);
    if (chosen.includes(sentence) || (chosen.length > 0 && words + n > MAX_WORDS)) return false;
    chosen.push(sentence);
    words += n;
    return true;
  };
  const anchor = ranked[0];
  if (!anchor) return [];
  take(anchor);
  const next = scored.find((s) => s.hit === anchor.hit && s.position === anchor.position + 1);
  if (next && fresh(next) && REFERS_BACK.test(next.text)) take(next);
  for (const sentence of ranked) {
    if (chosen.length >= MAX_SENTENCES) break;
    // Further sentences must share the focus (or, for a question that has none, its words).
    if (sentence.focus === 0 && (focusless ? sentence.matched === 0 : true)) continue;
    if (!fresh(sentence) && fresh(anchor)) continue;
    if (chosen.filter((c) => c.hit === sentence.hit).length >= 2) continue;
    take(sentence);
  }
  // The answering sentence (and what continues it) first, then the others in passage order.
  const lead = chosen.slice(0, chosen.length > 1 && chosen[1] === next ? 2 : 1);
  const rest = chosen.slice(lead.length).sort((a, b) => a.hitRank - b.hitRank || a.position - b.position);
  return [...lead, ...rest];
}
