import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from '../../src/answer/extractiveAnswer.js';
import { moneyFigures } from '../../src/answer/moneyFigures.js';
import type { SearchHit } from '../../src/retrieval/searchPassages.js';
import { splitSentences } from '../../src/text/sentences.js';

const hit = (
  articleId: string,
  ordinal: number,
  language: 'en' | 'de',
  text: string,
  matchedTerms: string[],
): SearchHit => ({
  articleId,
  title: articleId,
  editorialTitle: false,
  url: null,
  publisher: null,
  language,
  published: null,
  passageId: `${articleId}#${ordinal}`,
  ordinal,
  text,
  snippet: text,
  score: 1,
  coverage: 1,
  similarity: null,
  lexicalRank: 1,
  semanticRank: null,
  matchedWords: matchedTerms.length,
  matchedTerms,
});

describe('splitSentences', () => {
  it('does not end a sentence at an abbreviation, an initial or a number', () => {
    expect(
      splitSentences('Musk vs. Altman is old news. Dr. Smith met Mr. Jones in the U.S. last year.', 'en').map(
        (s) => s.text,
      ),
    ).toEqual(['Musk vs. Altman is old news.', 'Dr. Smith met Mr. Jones in the U.S. last year.']);
    expect(splitSentences('Das kostete z. B. 5 Mio. Dollar. Siehe Nr. 5 der Liste.', 'de').map((s) => s.text)).toEqual([
      'Das kostete z. B. 5 Mio. Dollar.',
      'Siehe Nr. 5 der Liste.',
    ]);
  });

  it('keeps a numbered heading with its text and marks headings and fragments as not quotable', () => {
    const sentences = splitSentences('Interne Konflikte und Enthüllungen\n1. Die Kontrolle war strittig. Ja.', 'de');
    expect(sentences).toEqual([
      { text: 'Interne Konflikte und Enthüllungen', quotable: false },
      { text: '1. Die Kontrolle war strittig.', quotable: true },
      { text: 'Ja.', quotable: false },
    ]);
  });
});

describe('buildExtractiveAnswer', () => {
  it('never quotes a heading, and lists a passage once however many of its sentences are quoted', () => {
    const h = hit(
      'a',
      1,
      'en',
      'Musk and the board\nMusk resigned from the board in 2018. Musk left the board angry.',
      ['musk', 'board'],
    );
    const { answer, citations } = buildExtractiveAnswer([h], 'en');
    expect(answer).not.toContain('Musk and the board');
    expect(answer).toBe('Musk resigned from the board in 2018. [1] Musk left the board angry. [1]');
    expect(citations).toHaveLength(1);
  });

  it('prefers the asker’s language when passages answer equally well, and marks a quote in another language', () => {
    const en = hit('en-article', 1, 'en', 'Musk gave money to OpenAI.', ['musk', 'openai']);
    const de = hit('de-article', 1, 'de', 'Musk gab OpenAI Geld.', ['musk', 'openai']);
    expect(buildExtractiveAnswer([de, en], 'en').answer.startsWith('Musk gave money')).toBe(false); // rank order kept
    const english = buildExtractiveAnswer([de, en], 'en');
    expect(english.answer).toContain('Musk gab OpenAI Geld. (quoted in German) [1]');
    expect(english.answer).toContain('Musk gave money to OpenAI. [2]');
    expect(buildExtractiveAnswer([en], 'de').answer).toBe('Musk gave money to OpenAI. (auf Englisch zitiert) [1]');
  });

  it('says that the sources differ when quotes from two articles name different amounts', () => {
    const one = hit('wynswell', 1, 'en', 'In 2015, Musk donated $1 billion to the organization.', ['musk', 'donat']);
    const two = hit('technews', 1, 'de', 'Elon Musk war mit 44 Millionen Dollar der größte Geldgeber.', [
      'musk',
      'geldgeb',
    ]);
    const { answer } = buildExtractiveAnswer([one, two], 'en');
    expect(answer).toMatch(/The sources give different amounts: \$1 billion \[1\], 44 Millionen Dollar \[2\]\.$/);
    const same = hit('other', 1, 'en', 'Musk donated $1 billion, the filing says.', ['musk', 'donat']);
    expect(buildExtractiveAnswer([one, same], 'en').answer).not.toContain('different amounts');
  });
});

describe('moneyFigures', () => {
  it('reads English and German notation', () => {
    expect(
      moneyFigures('over $100 billion and 44 Millionen Dollar, 1,5 Mio. Euro').map((f) => [f.value, f.currency]),
    ).toEqual([
      [100e9, 'USD'],
      [44e6, 'USD'],
      [1.5e6, 'EUR'],
    ]);
  });
});
