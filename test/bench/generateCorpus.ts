import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleFile, type Article } from '../../src/corpus/articleFile.js';
import type { Language } from '../../src/text/languages.js';

/** A small, fast, seeded PRNG (mulberry32), so every run generates the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf's exponent for news text: word frequency falls as 1 / rank^s. */
const ZIPF_S = 1.07;
/** Distinct words per language: the real corpus's own, then made-up ones for the long tail. */
const VOCABULARY_SIZE = 30_000;

interface Vocabulary {
  readonly words: string[];
  /** Cumulative Zipf weights, for sampling by binary search. */
  readonly cumulative: Float64Array;
}

/**
 * The vocabulary of one language: the real articles' words first, ranked by how often they
 * occur there (so "Musk", "OpenAI" and "Altman" are as common as in a real archive on this
 * feud), then made-up words that fill the Zipf tail.
 */
function buildVocabulary(texts: string[], random: () => number, language: Language): Vocabulary {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
      counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const consonants = language === 'de' ? 'bdfghklmnprstwzsch' : 'bcdfghklmnprstvw';
  const vowels = language === 'de' ? 'aeiouäöü' : 'aeiouy';
  const pick = (s: string) => s[Math.floor(random() * s.length)]!;
  const seen = new Set(words.map((w) => w.toLowerCase()));
  while (words.length < VOCABULARY_SIZE) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++)
      word += pick(consonants) + pick(vowels) + (random() < 0.3 ? pick(consonants) : '');
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let r = 0; r < words.length; r++) cumulative[r] = total += 1 / Math.pow(r + 1, ZIPF_S);
  for (let r = 0; r < words.length; r++) cumulative[r]! /= total;
  return { words, cumulative };
}

function sampleWord(vocabulary: Vocabulary, random: () => number): string {
  const x = random();
  let lo = 0;
  let hi = vocabulary.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vocabulary.cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary.words[lo]!;
}

function sentence(vocabulary: Vocabulary, random: () => number): string {
  const length = 8 + Math.floor(random() * 18);
  const words = Array.from({ length }, () => sampleWord(vocabulary, random));
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(' ')}.`;
}

/** The bundled corpus, parsed. */
export function readRealArticles(corpusDir: string): Article[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => parseArticleFile(readFileSync(join(corpusDir, f))))
    .flatMap((r) => (r.ok ? [r.article] : []));
}

export interface GeneratedCorpus {
  readonly dir: string;
  readonly articles: number;
  /** Bytes of article text (bodies), for MB/s. */
  readonly textBytes: number;
}

/**
 * Write the real articles plus generated ones into `dir`, until the corpus holds about
 * `passages` passages (each generated paragraph is one passage of 60–140 words).
 * Deterministic for a given seed. English and German in the real corpus's proportion.
 */
export function generateCorpus(
  dir: string,
  realArticles: readonly Article[],
  passages: number,
  options: { seed?: number; paragraphsPerArticle?: number } = {},
): GeneratedCorpus {
  const random = seededRandom(options.seed ?? 20261122);
  mkdirSync(dir, { recursive: true });
  const byLanguage = (language: Language) => realArticles.filter((a) => a.language === language).map((a) => a.body);
  const vocabularies = {
    en: buildVocabulary(byLanguage('en'), random, 'en'),
    de: buildVocabulary(byLanguage('de'), random, 'de'),
  };
  const germanShare = realArticles.filter((a) => a.language === 'de').length / Math.max(1, realArticles.length);

  let textBytes = 0;
  let written = 0;
  for (const article of realArticles) {
    writeFileSync(join(dir, `${article.id}.md`), articleText(article));
    textBytes += Buffer.byteLength(article.body);
    written++;
  }
  // About ten passages per real article; generated articles make up the rest.
  let remaining = passages - realArticles.length * 10;
  const perArticle = options.paragraphsPerArticle ?? 10;
  for (let i = 0; remaining > 0; i++) {
    const language: Language = random() < germanShare ? 'de' : 'en';
    const count = Math.min(remaining, perArticle);
    const paragraphs: string[] = [];
    for (let p = 0; p < count; p++) {
      const sentences: string[] = [];
      let words = 0;
      const target = 60 + Math.floor(random() * 80);
      while (words < target) {
        const s = sentence(vocabularies[language], random);
        words += s.split(' ').length;
        sentences.push(s);
      }
      paragraphs.push(sentences.join(' '));
    }
    const body = paragraphs.join('\n\n');
    const article: Article = {
      id: `gen-${String(i).padStart(6, '0')}`,
      title: sentence(vocabularies[language], random).slice(0, 80),
      editorialTitle: false,
      url: null,
      publisher: 'Generated',
      language,
      author: null,
      published: null,
      body,
    };
    writeFileSync(join(dir, `${article.id}.md`), articleText(article));
    textBytes += Buffer.byteLength(body);
    written++;
    remaining -= count;
  }
  return { dir, articles: written, textBytes };
}

function articleText(a: Article): string {
  const q = (v: string | null) => (v === null ? '' : JSON.stringify(v));
  return `---\nid: ${a.id}\ntitle: ${q(a.title)}\nurl: ${q(a.url)}\npublisher: ${q(a.publisher)}\nlanguage: ${a.language}\n---\n\n${a.body}\n`;
}
