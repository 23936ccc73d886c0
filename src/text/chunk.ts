import { countWords, splitSentences } from './sentences.js';

/** Passage sizes in words: about a paragraph, small enough to cite precisely. */
export const MIN_PASSAGE_WORDS = 40;
export const MAX_PASSAGE_WORDS = 200;
/**
 * And in characters, for text that is not prose (a 500 KiB "word", a list without spaces).
 * Well below MAX_TEXT_FOR_TOKENS, so every character of a passage is indexed.
 */
export const MAX_PASSAGE_CHARS = 3_000;

/**
 * Split an article body into passages of about a paragraph.
 *
 * Paragraphs (blank-line or single-line breaks; some sources use one newline per
 * paragraph) shorter than MIN_PASSAGE_WORDS are joined to the next, so headings travel
 * with the text they introduce; paragraphs longer than MAX_PASSAGE_WORDS are cut
 * between sentences. A passage ends mid-sentence only when the sentence alone is over
 * the bounds (text without sentence ends): then it is cut between words, or within a
 * word longer than MAX_PASSAGE_CHARS. Every passage is within both bounds.
 */
export function splitIntoPassages(body: string, locale = 'en'): string[] {
  const paragraphs = body
    .split(/\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

  const pieces = paragraphs
    .flatMap((p) => (isOverBounds(p) ? splitLongParagraph(p, locale) : [p]))
    .map((text) => ({ text, words: countWords(text), heading: isHeading(text) }));
  const charsOf = (parts: typeof pieces) => parts.reduce((n, p) => n + p.text.length + 1, 0);

  const passages: string[] = [];
  let current: typeof pieces = [];
  let currentWords = 0;
  const flush = (parts: typeof pieces) => passages.push(parts.map((p) => p.text).join('\n'));
  for (const piece of pieces) {
    if (
      current.length > 0 &&
      (currentWords + piece.words > MAX_PASSAGE_WORDS || charsOf(current) + piece.text.length > MAX_PASSAGE_CHARS)
    ) {
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
    if (
      last !== undefined &&
      countWords(last) + currentWords <= MAX_PASSAGE_WORDS &&
      last.length + 1 + tail.length <= MAX_PASSAGE_CHARS
    ) {
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

const isOverBounds = (text: string): boolean => text.length > MAX_PASSAGE_CHARS || countWords(text) > MAX_PASSAGE_WORDS;

function splitLongParagraph(paragraph: string, locale: string): string[] {
  const sentences = splitSentences(paragraph, locale).flatMap((s) =>
    isOverBounds(s.text) ? splitBetweenWords(s.text) : [s.text],
  );
  const total = countWords(paragraph);
  // Aim for equal parts rather than a full part and a stub.
  const parts = Math.ceil(total / MAX_PASSAGE_WORDS);
  const target = Math.ceil(total / parts);
  const out: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const sentence of sentences) {
    const n = countWords(sentence);
    const chars = current.reduce((c, t) => c + t.length + 1, 0);
    if (
      current.length > 0 &&
      (words + n > MAX_PASSAGE_WORDS || words >= target || chars + sentence.length > MAX_PASSAGE_CHARS)
    ) {
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

/** Text with no sentence end to cut at: cut between words, and a word over the bound within it. */
function splitBetweenWords(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let chars = 0;
  const flush = () => {
    if (current.length > 0) out.push(current.join(' '));
    current = [];
    chars = 0;
  };
  for (const word of text.split(' ')) {
    for (let start = 0; start < word.length; start += MAX_PASSAGE_CHARS) {
      const piece = word.slice(start, start + MAX_PASSAGE_CHARS);
      if (current.length >= MAX_PASSAGE_WORDS || chars + piece.length + 1 > MAX_PASSAGE_CHARS) flush();
      current.push(piece);
      chars += piece.length + 1;
    }
  }
  flush();
  return out;
}
