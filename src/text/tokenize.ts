/** Longest input we look at; anything longer is cut, so a 10,000-character paste costs nothing. */
export const MAX_TEXT_FOR_TOKENS = 8_000;

/** One word of running text, lower-cased and NFKC-normalized. */
export interface Token {
  readonly word: string;
  /** Offsets in the normalized text (for highlighting). */
  readonly start: number;
  readonly end: number;
  /**
   * True for the joined form of a compound ("email" from "e-mail", "xai" from "x.ai"),
   * which follows its parts; it is indexed and searched but never shown.
   */
  readonly joined: boolean;
}

// A run of letters and digits, possibly joined by hyphens, dots, commas or apostrophes:
// "e-mail", "x.ai", "1.000", "musk's". One pass of one regex: this is the indexing hot path.
const RUN = /[\p{L}\p{N}]+(?:[-.,'’][\p{L}\p{N}]+)*/gu;
const hasSeparator = (run: string): boolean => /[-.,'’]/.test(run);
const DIGITS_ONLY = /^[\p{N}.,'’]+$/u;

/** Lower-case, NFKC, and strip control characters: what every path applies before tokenizing. */
export function normalizeText(text: string): string {
  return (
    text
      .slice(0, MAX_TEXT_FOR_TOKENS)
      .normalize('NFKC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .toLowerCase()
  );
}

/**
 * Split text into words. A number keeps its separators out ("1,000" gives "1000"); a
 * possessive loses its "'s"; a compound gives its parts and then its joined form.
 */
export function tokenize(text: string): Token[] {
  const normalized = normalizeText(text);
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(RUN)) {
    const run = match[0];
    const start = match.index;
    if (!hasSeparator(run)) {
      tokens.push({ word: run, start, end: start + run.length, joined: false });
      continue;
    }
    if (DIGITS_ONLY.test(run)) {
      tokens.push({ word: run.replace(/[.,'’]/g, ''), start, end: start + run.length, joined: false });
      continue;
    }
    const cleaned = run.replace(/['’]s$/u, '').replace(/['’]/g, '');
    let offset = start;
    const parts = cleaned.split(/[-.,]/);
    for (const part of parts) {
      const at = normalized.indexOf(part, offset);
      const partStart = at >= 0 ? at : offset;
      if (part) tokens.push({ word: part, start: partStart, end: partStart + part.length, joined: false });
      offset = partStart + part.length;
    }
    if (parts.length > 1) tokens.push({ word: parts.join(''), start, end: start + run.length, joined: true });
  }
  return tokens;
}

/**
 * The words of a text, as `tokenize` gives them, without offsets: the lean path for
 * indexing, where building a token object per word was a fifth of the ingest time.
 */
export function words(text: string): string[] {
  const normalized = normalizeText(text);
  const out: string[] = [];
  // A regex of its own: RUN's lastIndex would leak into the tokenize() call below (matchAll copies it).
  const run = new RegExp(RUN.source, RUN.flags);
  for (let match = run.exec(normalized); match !== null; match = run.exec(normalized)) {
    const text = match[0];
    if (!hasSeparator(text)) out.push(text);
    else for (const token of tokenize(text)) out.push(token.word);
  }
  return out;
}
