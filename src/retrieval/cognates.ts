import { foldDiacritics, type Language } from '../text/languages.js';

// German and English share many words from Latin and Greek that differ only in regular
// spellings: Organisation/organization, Konflikt/conflict, Technologie/technology,
// Prozess/process, Publizität/publicity, Politik/politic. These rules are the language
// pair's, not any corpus's: they turn a word into the other language's likely spelling.
const GERMAN_TO_ENGLISH: readonly [RegExp, string][] = [
  [/isation/g, 'ization'],
  [/itat$/, 'ity'],
  [/logie$/, 'logy'],
  [/ie$/, 'y'],
  [/ik$/, 'ic'],
  [/kt/g, 'ct'],
  [/^k(?=[aoulr])/, 'c'],
  [/z(?=[ei])/g, 'c'],
];

const ENGLISH_TO_GERMAN: readonly [RegExp, string][] = [
  [/ization/g, 'isation'],
  [/ity$/, 'itat'],
  [/logy$/, 'logie'],
  [/y$/, 'ie'],
  [/ic$/, 'ik'],
  [/ct/g, 'kt'],
  [/^c(?=[aoulr])/, 'k'],
  [/c(?=[ei])/g, 'z'],
];

// Inflections to try without: German plural and case endings, English plural.
const GERMAN_ENDINGS = ['en', 'n', 'e', 'er', 'es', 's'];
const ENGLISH_ENDINGS = ['es', 's'];

/** Spellings the word may have in the other language, by the pair's regular correspondences. */
export function cognates(word: string, from: Language, to: Language): string[] {
  if (from === to || word.length < 5) return [];
  const rules = from === 'de' ? GERMAN_TO_ENGLISH : ENGLISH_TO_GERMAN;
  const endings = from === 'de' ? GERMAN_ENDINGS : ENGLISH_ENDINGS;
  const folded = foldDiacritics(word.toLowerCase());
  const bases = [folded, ...endings.filter((e) => folded.endsWith(e)).map((e) => folded.slice(0, -e.length))];
  const out = new Set<string>();
  for (const base of bases) {
    if (base.length < 4) continue;
    const spelled = rules.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), base);
    if (spelled !== base) out.add(spelled);
  }
  return [...out];
}
