import { moneyFigures } from './moneyFigures.js';

/**
 * What a question asks for, the expected answer type of classic question answering: a
 * date for "when", an amount for "how much", a count for "how many", a person for "who",
 * a reason for "why"; `other` for everything else.
 */
export type AnswerType = 'year' | 'amount' | 'count' | 'person' | 'reason' | 'other';

// English and German question forms, read in both languages whatever the question's
// detected language (a short question is often misread). "when" and "who" are questions
// only before a verb form ("when did", "who is"), not as conjunctions ("what did he say when…").
const AUXILIARY = String.raw`(?:did|does|do|was|were|is|are|has|had|have|will|would|can|could|should|exactly|roughly|approximately)`;
const QUESTION_FORMS: readonly [AnswerType, RegExp][] = [
  [
    'year',
    new RegExp(String.raw`\b(?:since when|what year|which year|what date|how long ago|when ${AUXILIARY})\b`, 'iu'),
  ],
  ['year', /^\W*when\b|\bwhen\W*$/iu],
  ['year', /\b(?:seit wann|wann|welche[mns]? jahr|in welchem jahr|welche[mns]? datum)\b/iu],
  ['count', /\b(?:how many|wie viele|wieviele|wie vielen)\b/iu],
  [
    'amount',
    /\b(?:how much|what amount|how expensive|what (?:is|was) (?:it|\w+) worth|wie ?viel|welche[rn]? betrag|wie teuer)\b/iu,
  ],
  // "what does it cost", "was kostet das", "was hat das gekostet"
  [
    'amount',
    /\b(?:what (?:does|did|do|will|would)\b.{0,40}\bcost|was kostet|was kosten|was hat\b.{0,40}\bgekostet)\b/iu,
  ],
  ['person', new RegExp(String.raw`(?:^\W*who\b|\bwho ${AUXILIARY}|\bwho\W*$|\bwer\b|\bwem\b|\bwen\b)`, 'iu')],
  ['reason', /\b(?:why|how come|for what reason|warum|wieso|weshalb|weswegen|aus welchem grund)\b/iu],
];

/** The answer type a question asks for: the first question form it contains, in the order above. */
export function expectedAnswerType(question: string): AnswerType {
  for (const [type, pattern] of QUESTION_FORMS) if (pattern.test(question)) return type;
  return 'other';
}

/** Words that name the answer type itself ("what year", "wie viel Geld"): no part of a question's topic. */
export const TYPE_WORDS: Readonly<Record<AnswerType, readonly string[]>> = {
  year: ['year', 'years', 'date', 'jahr', 'jahre', 'datum', 'time', 'zeit', 'zeitpunkt'],
  amount: ['amount', 'money', 'sum', 'price', 'betrag', 'geld', 'summe', 'preis'],
  count: ['number', 'anzahl', 'zahl'],
  person: ['person', 'people', 'leute'],
  reason: ['reason', 'reasons', 'grund', 'gründe', 'gruende'],
  other: [],
};

const YEAR = /\b(?:1[89]\d\d|20\d\d)\b/u;
const MONTHS =
  /\b(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|march|märz|maerz|apr(?:il)?|may|mai|june?|juni|july|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?)\b\.?\s*\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|march|märz|april|may|mai|june|juni|july|juli|august|september|oct(?:ober)?|okt(?:ober)?|november|dec(?:ember)?|dez(?:ember)?)\b/iu;
/** "this summer", "last year", "im vergangenen Herbst": a date, relative to when the article was written. */
const RELATIVE_DATE =
  /\b(?:this|last|next|earlier this|later that|diesen|dieses|diesem|letzten|letztes|nächsten|vergangenen)\s+(?:spring|summer|autumn|fall|winter|year|month|week|frühling|frühjahr|sommer|herbst|winter|jahr|monat|woche)\b/iu;
const SCALED_NUMBER =
  /\b\d+(?:[.,]\d+)?\s?(?:%|percent|prozent|thousand|million|billion|trillion|tsd|mio|mrd|millionen|milliarden|billionen)\b/iu;
const NUMBER = /\b\d+(?:[.,]\d+)*\b/u;
const NUMBER_WORDS =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dutzende?|hunderte?|tausende?)\b/iu;
// Two capitalized words in a row not at a sentence's start: a name ("Sam Altman", "Ilya Sutskever").
const NAME = /(?<=\S\s+)\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u;
const REASON =
  /\b(?:because|since|due to|owing to|in order to|so that|as a result|reason|motivated|concern(?:s|ed)?|weil|denn|wegen|aufgrund|grund|gründe|deshalb|daher|um\s+\S+(?:\s+\S+){0,6}\s+zu)\b/iu;

/** Does the text hold something of the type: a year or date, an amount, a number, a name, a reason? */
export function holdsAnswerType(text: string, type: AnswerType): boolean {
  switch (type) {
    case 'year':
      return YEAR.test(text) || MONTHS.test(text) || RELATIVE_DATE.test(text);
    case 'amount':
      return moneyFigures(text).length > 0 || SCALED_NUMBER.test(text);
    case 'count':
      return NUMBER.test(text.replace(YEAR, '')) || NUMBER_WORDS.test(text);
    case 'person':
      return NAME.test(text);
    case 'reason':
      return REASON.test(text);
    case 'other':
      return true;
  }
}

/** Types whose presence can be read off the text reliably enough to decide whether a passage answers. */
export function isCheckable(type: AnswerType): boolean {
  return type === 'year' || type === 'amount' || type === 'count';
}
