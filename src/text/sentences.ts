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
  const trimmed = segment.trimEnd();
  if (!trimmed.endsWith('.')) return false;
  const lastWord = /([\p{L}.]+)\.$/u.exec(trimmed)?.[1]?.toLowerCase().replace(/\./g, '') ?? '';
  return ABBREVIATIONS.has(lastWord) || DOTTED_INITIALS.test(trimmed) || NUMBER_WITH_DOT.test(trimmed);
}

/**
 * Sentences by ICU's rules (Node ships full ICU), with its splits after abbreviations
 * ("Musk vs. Altman", "z. B.", "Mr. Jones", "U.S.") and numbered headings ("1. Die
 * Kontrolle …") joined again. Each line is segmented on its own, so a heading never
 * runs into the sentence below it.
 */
export function splitSentences(text: string, locale = 'en'): Sentence[] {
  const out: Sentence[] = [];
  for (const line of text.split(/\n+/)) {
    const segments = [...segmenterFor(locale).segment(line)].map((s) => s.segment);
    let pending = '';
    for (const segment of segments) {
      pending += segment;
      if (endsOnAbbreviation(pending)) continue;
      push(pending);
      pending = '';
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
