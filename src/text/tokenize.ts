/** Longest input we look at; anything longer is cut, so a 10,000-character paste costs nothing. */
export const MAX_TEXT_FOR_TOKENS = 2_000;

/** One word of running text, lower-cased, with the forms a hyphenated compound also stands for. */
export interface Token {
  /** The word as written, lower-cased and NFKC-normalized ("e-mail" gives "e", "mail"). */
  readonly word: string;
  /** Start offset in the normalized text (for highlighting). */
  readonly start: number;
  readonly end: number;
}

// Letters and digits, with inner apostrophes and dots in numbers kept together ("44", "1.000", "don't").
const WORD = /[\p{L}\p{N}]+(?:[.,'’][\p{N}]+)*/gu;
// A hyphenated or dotted compound: "E-Mail", "KI-Entwicklung", "Silicon-Valley-Schwergewichten", "X.AI".
const COMPOUND = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+|\p{L}+(?:\.\p{L}+)+/gu;

/** Lower-case, NFKC, and strip control characters: what every path applies before tokenizing. */
export function normalizeText(text: string): string {
  return (
    text
      .slice(0, MAX_TEXT_FOR_TOKENS * 4)
      .normalize('NFKC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .toLowerCase()
  );
}

/** Split normalized text into word tokens; numbers keep their separators removed ("1,000" gives "1000"). */
export function tokenize(text: string): Token[] {
  const normalized = normalizeText(text).slice(0, MAX_TEXT_FOR_TOKENS * 4);
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(WORD)) {
    const raw = match[0];
    const word = /^\p{N}/u.test(raw) ? raw.replace(/[.,'’]/g, '') : raw.replace(/['’]s$/u, '').replace(/['’]/g, '');
    if (word) tokens.push({ word, start: match.index, end: match.index + raw.length });
  }
  return tokens;
}

/** The joined forms of compounds ("e-mail" gives "email", "x.ai" gives "xai"), so that both spellings meet. */
export function joinedCompounds(text: string): string[] {
  const normalized = normalizeText(text);
  return [...normalized.matchAll(COMPOUND)].map((m) => m[0].replace(/[-.]/g, ''));
}
