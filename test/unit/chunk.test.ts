import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/corpus/articleFile.js';
import { MAX_PASSAGE_CHARS, MAX_PASSAGE_WORDS, MIN_PASSAGE_WORDS, splitIntoPassages } from '../../src/text/chunk.js';
import { countWords, SEGMENT_WINDOW_CHARS, segmentWindows, splitSentences } from '../../src/text/sentences.js';
import { BUNDLED_CORPUS, prose } from '../helpers/corpus.js';

const endsASentence = (text: string) => /[.!?…"“”»)]$/u.test(text.trim());

describe('splitIntoPassages', () => {
  it('keeps a paragraph of normal length whole', () => {
    const paragraph = prose(80);
    expect(splitIntoPassages(paragraph)).toEqual([paragraph]);
  });

  it('joins a short heading to the paragraph after it', () => {
    const passages = splitIntoPassages(`A heading\n\n${prose(60)}`);
    expect(passages).toHaveLength(1);
    expect(passages[0]).toMatch(/^A heading\n/);
  });

  it('bounds text without sentence ends in words and characters, losing nothing (issue 15, item 6)', () => {
    const unpunctuated = Array.from({ length: 2_005 }, (_, i) => `word${i}`).join(' ');
    const oneWord = 'x'.repeat(511 * 1024);
    for (const body of [unpunctuated, oneWord, `${prose(30)}\n${'y'.repeat(5_000)} end`]) {
      const passages = splitIntoPassages(body);
      for (const p of passages) {
        expect(countWords(p)).toBeLessThanOrEqual(MAX_PASSAGE_WORDS);
        expect(p.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      }
      expect(passages.join('').replace(/\s+/g, '')).toBe(body.replace(/\s+/g, ''));
    }
  });

  it('cuts a long paragraph between sentences into parts of at most 200 words', () => {
    const long = prose(500);
    const passages = splitIntoPassages(long);
    expect(passages.length).toBeGreaterThanOrEqual(3);
    for (const p of passages) {
      expect(countWords(p)).toBeLessThanOrEqual(MAX_PASSAGE_WORDS);
      expect(endsASentence(p)).toBe(true);
    }
    expect(passages.join(' ').split(/\s+/)).toEqual(long.split(/\s+/));
  });

  it('splits every bundled article into passages of about a paragraph, none mid-sentence', () => {
    // The articles, not the folder's README (which readCorpusDir skips too).
    for (const file of readdirSync(BUNDLED_CORPUS).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
      const parsed = parseArticleFile(readFileSync(join(BUNDLED_CORPUS, file)));
      if (!parsed.ok) throw new Error(`${file}: ${parsed.reason}`);
      const passages = splitIntoPassages(parsed.article.body, parsed.article.language);
      expect(passages.length).toBeGreaterThan(3);
      passages.forEach((p, i) => {
        const words = countWords(p);
        expect(words, `${file} passage ${i + 1}`).toBeLessThanOrEqual(MAX_PASSAGE_WORDS);
        // Only the last passage of an article may be short.
        if (i < passages.length - 1)
          expect(words, `${file} passage ${i + 1}`).toBeGreaterThanOrEqual(MIN_PASSAGE_WORDS);
        expect(endsASentence(p), `${file} passage ${i + 1} ends mid-sentence: …${p.slice(-40)}`).toBe(true);
      });
      // Nothing is lost or reordered.
      expect(passages.join(' ').replace(/\s+/g, ' ')).toBe(parsed.article.body.replace(/\s+/g, ' '));
    }
  });
});

describe('segmentWindows (issue 21, item 1)', () => {
  it('hands the segmenter bounded pieces that end where a sentence ends, losing nothing', () => {
    const line = 'Musk and Altman argue about OpenAI governance today. '.repeat(500);
    const windows = [...segmentWindows(line)];
    expect(windows.length).toBeGreaterThan(10);
    expect(windows.every((w) => w.length <= SEGMENT_WINDOW_CHARS)).toBe(true);
    expect(windows.slice(0, -1).every((w) => w.endsWith('today. '))).toBe(true);
    expect(windows.join('')).toBe(line);
  });

  it('cuts text without sentence ends between words, and a word longer than the bound within it', () => {
    const words = 'lorem ipsum '.repeat(400);
    expect([...segmentWindows(words)].every((w) => w.endsWith(' ') || w === '')).toBe(true);
    const word = 'x'.repeat(SEGMENT_WINDOW_CHARS * 2 + 5);
    expect([...segmentWindows(word)].map((w) => w.length)).toEqual([SEGMENT_WINDOW_CHARS, SEGMENT_WINDOW_CHARS, 5]);
  });

  it('gives the same sentences for a long paragraph as for its sentences one by one', () => {
    const sentences = Array.from({ length: 300 }, (_, i) => `Sentence number ${i} says Mr. Musk met Dr. Altman.`);
    expect(splitSentences(sentences.join(' ')).map((s) => s.text)).toEqual(sentences);
  });
});
