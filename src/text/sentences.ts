/** A sentence of a passage, with its offsets in that passage. */
export interface Sentence {
  readonly text: string;
  readonly start: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** Sentences by ICU's rules (Node ships full ICU), so "Dr." or "1.000" do not end one. */
export function splitSentences(text: string, locale = 'en'): Sentence[] {
  const out: Sentence[] = [];
  for (const { segment, index } of segmenterFor(locale).segment(text)) {
    const trimmed = segment.trim();
    if (trimmed) out.push({ text: trimmed, start: index + segment.indexOf(trimmed) });
  }
  return out;
}

/** Words separated by white space; counted without building an array (the chunker calls this a lot). */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12 || c === 11;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
