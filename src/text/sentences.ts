/** A sentence of a passage. */
export interface Sentence {
  readonly text: string;
  /**
   * False for a heading (a line without closing punctuation, "Interne Konflikte und
   * Enthüllungen") or a fragment of fewer than three words: text to index, never to quote.
   */
  readonly quotable: boolean;
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

// Abbreviations that end with a full stop without ending a sentence. ICU knows such lists
// (its "ss=standard" suppressions) but Node's Intl.Segmenter does not apply them. General
// language, not corpus words: titles, Latin and business abbreviations, months, counts.
const ABBREVIATIONS = new Set(
  `vs v mr mrs ms dr prof st jr sr inc ltd co corp no nos nr approx ca eg ie cf al fig gen gov sen rep
   jan feb mar apr jun jul aug sep sept oct nov dec mio mrd bzw vgl ggf inkl evtl zb dh ua usw jh abs
   hr fr str tsd`.split(/\s+/),
);
/** "U.S.", "z.B.", "J.": dotted initials are not sentence ends. */
const DOTTED_INITIALS = /(?:^|\s)(?:\p{L}\.)+$/u;
/** "1." of a numbered heading, or a German ordinal ("am 5. Mai"); a year ("in 2018.") does end one. */
const NUMBER_WITH_DOT = /(?:^|\s)\d{1,2}\.$/u;
const CLOSES_SENTENCE = /[.!?…:;]["'’”»)\]]*$/u;

/** Does a segment ICU ended really end, or is its last full stop an abbreviation's? */
function endsOnAbbreviation(segment: string): boolean {
  // The last word is all that matters; a bounded tail keeps this constant-time on long text.
  const trimmed = segment.slice(-64).trimEnd();
  if (!trimmed.endsWith('.')) return false;
  const lastWord = /([\p{L}.]+)\.$/u.exec(trimmed)?.[1]?.toLowerCase().replace(/\./g, '') ?? '';
  return ABBREVIATIONS.has(lastWord) || DOTTED_INITIALS.test(trimmed) || NUMBER_WITH_DOT.test(trimmed);
}

/**
 * The longest text handed to the segmenter at once. V8's sentence iterator costs time that
 * grows with the square of its input, and keeping its segments memory that does too, so a
 * long paragraph is segmented in windows that end where a sentence ends.
 */
export const SEGMENT_WINDOW_CHARS = 2_000;

/**
 * A line cut into pieces of at most SEGMENT_WINDOW_CHARS: after the last sentence-ending
 * mark followed by a space within the window, else after its last space, else at the bound.
 * Each cut looks back at most one window, so the whole is linear in the line.
 */
export function* segmentWindows(line: string): Generator<string> {
  let start = 0;
  while (line.length - start > SEGMENT_WINDOW_CHARS) {
    const limit = start + SEGMENT_WINDOW_CHARS;
    let cut = -1;
    let space = -1;
    for (let i = limit - 1; i > start; i--) {
      if (!/\s/u.test(line[i]!)) continue;
      if (space < 0) space = i + 1;
      if (/[.!?…]/u.test(line[i - 1]!)) {
        cut = i + 1;
        break;
      }
    }
    const end = cut > 0 ? cut : space > 0 ? space : limit;
    yield line.slice(start, end);
    start = end;
  }
  yield line.slice(start);
}

/**
 * Sentences by ICU's rules (Node ships full ICU), with its splits after abbreviations
 * ("Musk vs. Altman", "z. B.", "Mr. Jones", "U.S.") and numbered headings ("1. Die
 * Kontrolle …") joined again. Each line is segmented on its own, so a heading never
 * runs into the sentence below it.
 */
export function splitSentences(text: string, locale = 'en'): Sentence[] {
  const out: Sentence[] = [];
  const segmenter = segmenterFor(locale);
  for (const line of text.split(/\n+/)) {
    let pending = '';
    for (const window of segmentWindows(line)) {
      // A window cut between words, not after a sentence: its last piece runs on into the next.
      const runsOn = !/[.!?…]\s*$/u.test(window);
      const segments = [...segmenter.segment(window)].map((s) => s.segment);
      segments.forEach((segment, i) => {
        pending += segment;
        if (endsOnAbbreviation(pending) || (runsOn && i === segments.length - 1)) return;
        push(pending);
        pending = '';
      });
    }
    push(pending);
  }
  return out;

  function push(raw: string): void {
    const sentence = raw.replace(/\s+/g, ' ').trim();
    if (!sentence) return;
    out.push({ text: sentence, quotable: CLOSES_SENTENCE.test(sentence) && countWords(sentence) >= 3 });
  }
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
