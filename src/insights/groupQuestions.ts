import { detectLanguage } from '../text/detectLanguage.js';
import { stem } from '../text/languages.js';
import { isStopword } from '../text/stopwords.js';
import { words } from '../text/tokenize.js';
import { normalizeQuestion } from '../text/normalizeQuestion.js';

/** One question as members asked it in one or more wordings. */
export interface QuestionGroup {
  /** The wording asked most often. */
  readonly question: string;
  readonly count: number;
  /** Every distinct wording, most frequent first. */
  readonly wordings: readonly string[];
}

/**
 * Two questions share at least this share of their content words (Jaccard) to count as one:
 * high enough that one different name ("what did Musk say" / "what did Altman say": 3 of 5)
 * keeps them apart, so that a missing article is not hidden behind another's question.
 */
const SAME_QUESTION = 0.75;

/**
 * Group questions that are the same question in different words: the same normalized text,
 * or the same content words (stemmed, function words of either language left out) for the
 * most part. "Why did Musk leave OpenAI?" and "why did musk leave openai" are one; so are
 * "when did Musk quit OpenAI's board" and "Musk quit the board of OpenAI when?".
 */
export function groupQuestions(questions: readonly string[]): QuestionGroup[] {
  const groups: { key: Set<string>; wordings: Map<string, number>; count: number }[] = [];
  const byWord = new Map<string, Set<number>>();
  const byText = new Map<string, number>();
  for (const question of questions) {
    const text = normalizeQuestion(question);
    const key = contentWords(question);
    let index = byText.get(text) ?? bestMatch(key, groups, byWord);
    if (index === undefined) {
      index = groups.push({ key, wordings: new Map(), count: 0 }) - 1;
      for (const word of key) byWord.set(word, (byWord.get(word) ?? new Set()).add(index));
    }
    byText.set(text, index);
    const group = groups[index]!;
    group.count += 1;
    const wording = question.replace(/\s+/g, ' ').trim();
    group.wordings.set(wording, (group.wordings.get(wording) ?? 0) + 1);
  }
  return groups
    .map((g) => {
      const wordings = [...g.wordings.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
      return { question: wordings[0] ?? '', count: g.count, wordings };
    })
    .sort((a, b) => b.count - a.count);
}

function contentWords(question: string): Set<string> {
  const language = detectLanguage(question);
  return new Set(
    words(question)
      .filter((w) => !isStopword(w, 'en') && !isStopword(w, 'de'))
      .map((w) => stem(w, language)),
  );
}

/** The group sharing most content words with `key`, if it shares enough; candidates come from an index by word. */
function bestMatch(
  key: Set<string>,
  groups: { key: Set<string> }[],
  byWord: Map<string, Set<number>>,
): number | undefined {
  if (key.size === 0) return undefined;
  const shared = new Map<number, number>();
  for (const word of key) for (const index of byWord.get(word) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
  let best: number | undefined;
  let bestScore = SAME_QUESTION;
  for (const [index, common] of shared) {
    const score = common / (key.size + groups[index]!.key.size - common);
    if (score >= bestScore) [best, bestScore] = [index, score];
  }
  return best;
}
