import { countWords } from './sentences.js';

/** What a line (paragraph) of an article is: text to quote, a heading, or page furniture. */
export type LineKind = 'body' | 'heading' | 'furniture';

// General features of text that is about the page rather than the news, in English and
// German; none names a site or a topic.
/** Speaks to the reader: second person ("you", "du", "euch"). News prose reports; it does not address. */
const ADDRESSES_READER = /\b(?:you|your|yours|du|dir|dich|dein|deine|deinen|deinem|deiner|euch|euer|eure|euren)\b/iu;
/** Speaks about the text itself: "this article", "first appeared in", "dieser Beitrag". */
const ABOUT_ITSELF =
  /\b(?:this (?:article|story|post|piece)|first (?:appeared|published)|originally (?:appeared|published)|(?:dieser|diesem|dieses) (?:artikel|beitrag|text)|erschien zuerst|zuerst erschienen)\b/iu;
/** A credit, byline or teaser: a label and a colon or a name, without a sentence. */
const LABELLED =
  /^(?:by|von|photo|foto|image|bild|credit|quelle|source|read more|read also|also read|see also|related|lesen sie auch|mehr zum thema|auch interessant|anzeige|advertisement|sponsored)\b/iu;
const CREDIT_MARKS = /©|\bgetty images\b|\bimago\b|\bdpa\b\s*$/iu;
const CLOSES = /[.!?…"“”»)]$/u;

/**
 * Classify a line by general features: a whole line in parentheses (an aside or a teaser
 * to another article), a line that addresses the reader or speaks about the article
 * itself, a label with a colon (credits, "Read more:"), a byline are furniture; a short
 * line without closing punctuation, or a short one that is a label and a question
 * ("Musk vs. Altman: Worum geht es?"), is a heading; everything else is body.
 */
export function lineKind(line: string): LineKind {
  const text = line.trim();
  const words = countWords(text);
  if (/^[([].*[)\]]$/su.test(text)) return 'furniture';
  if (ADDRESSES_READER.test(text) || ABOUT_ITSELF.test(text) || CREDIT_MARKS.test(text)) return 'furniture';
  if (LABELLED.test(text) && words < 25 && !/[.!?]\s+\p{Lu}/u.test(text)) return 'furniture';
  if (!CLOSES.test(text) && words < 20) return 'heading';
  if (words <= 8 && /^[^:]{1,40}:\s/u.test(text) && text.endsWith('?')) return 'heading';
  return 'body';
}
