import { countWords, splitSentences } from './sentences.js';

/** Passage sizes in words: about a paragraph, small enough to cite precisely. */
export const MIN_PASSAGE_WORDS = 40;
export const MAX_PASSAGE_WORDS = 200;

/**
 * Split an article body into passages of about a paragraph.
 *
 * Paragraphs (blank-line or single-line breaks; some sources use one newline per
 * paragraph) shorter than MIN_PASSAGE_WORDS are joined to the next, so headings travel
 * with the text they introduce; paragraphs longer than MAX_PASSAGE_WORDS are cut
 * between sentences. A passage never ends mid-sentence.
 */
export function splitIntoPassages(body: string, locale = 'en'): string[] {
  const paragraphs = body
    .split(/\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

  const pieces = paragraphs
    .flatMap((p) => (countWords(p) > MAX_PASSAGE_WORDS ? splitLongParagraph(p, locale) : [p]))
    .map((text) => ({ text, words: countWords(text), heading: isHeading(text) }));

  const passages: string[] = [];
  let current: typeof pieces = [];
  let currentWords = 0;
  const flush = (parts: typeof pieces) => passages.push(parts.map((p) => p.text).join('\n'));
  for (const piece of pieces) {
    if (current.length > 0 && currentWords + piece.words > MAX_PASSAGE_WORDS) {
      // A heading belongs to the text after it, so it moves on with the piece that did not fit.
      const carried: typeof pieces = [];
      while (current.length > 1 && current.at(-1)!.heading) carried.unshift(current.pop()!);
      flush(current);
      current = carried;
      currentWords = carried.reduce((n, p) => n + p.words, 0);
    }
    current.push(piece);
    currentWords += piece.words;
    if (currentWords >= MIN_PASSAGE_WORDS && !piece.heading) {
      flush(current);
      current = [];
      currentWords = 0;
    }
  }
  if (current.length > 0) {
    // A short tail joins the passage before it when that stays within bounds.
    const last = passages.at(-1);
    const tail = current.map((p) => p.text).join('\n');
    if (last !== undefined && countWords(last) + currentWords <= MAX_PASSAGE_WORDS) {
      passages[passages.length - 1] = `${last}\n${tail}`;
    } else {
      passages.push(tail);
    }
  }
  return passages;
}

/** A short line without closing punctuation: a heading or a kicker, not a sentence. */
function isHeading(piece: string): boolean {
  return !/[.!?…"“”»)]$/u.test(piece) && countWords(piece) < 20;
}

function splitLongParagraph(paragraph: string, locale: string): string[] {
  const sentences = splitSentences(paragraph, locale).map((s) => s.text);
  const total = countWords(paragraph);
  // Aim for equal parts rather than a full part and a stub.
  const parts = Math.ceil(total / MAX_PASSAGE_WORDS);
  const target = Math.ceil(total / parts);
  const out: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const sentence of sentences) {
    const n = countWords(sentence);
    if (current.length > 0 && (words + n > MAX_PASSAGE_WORDS || words >= target)) {
      out.push(current.join(' '));
      current = [];
      words = 0;
    }
    current.push(sentence);
    words += n;
  }
  if (current.length > 0) out.push(current.join(' '));
  return out;
}
