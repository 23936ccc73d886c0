import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from '../../src/answer/extractiveAnswer.js';
import type { QuestionFocus } from '../../src/answer/questionFocus.js';
import type { AnswerType } from '../../src/text/answerTypes.js';
import { moneyFigures } from '../../src/text/moneyFigures.js';
import type { SearchHit } from '../../src/retrieval/searchPassages.js';
import { aHit } from '../helpers/builders.js';
import { splitSentences } from '../../src/text/sentences.js';

const hit = (
  articleId: string,
  ordinal: number,
  language: 'en' | 'de',
  text: string,
  matchedTerms: string[],
): SearchHit => aHit({ articleId, ordinal, language, text, matchedTerms });

/** A question's focus of these index terms (each its own word, weight 1), asking for `type`. */
const focus = (type: AnswerType, ...terms: string[]): QuestionFocus => ({
  type,
  words: terms.map((t) => ({ word: t, alternatives: [t], weight: 1, known: true })),
  subjects: [],
  uncoveredCap: Infinity,
  specificity: 1,
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
    const { answer, citations } = buildExtractiveAnswer([h], 'en', focus('other', 'board'));
    expect(answer).not.toContain('Musk and the board');
    expect(answer).toBe('Musk resigned from the board in 2018. [1] Musk left the board angry. [1]');
    expect(citations).toHaveLength(1);
  });

  it('prefers the asker’s language when passages answer equally well, and marks a quote in another language', () => {
    const en = hit('en-article', 1, 'en', 'Musk gave money to OpenAI.', ['musk', 'openai']);
    const de = hit('de-article', 1, 'de', 'Musk gab OpenAI Geld.', ['musk', 'openai']);
    const money = focus('other', 'musk', 'openai');
    const english = buildExtractiveAnswer([de, en], 'en', money);
    // The English sentence answers first; the German one follows, marked.
    expect(english.answer).toBe('Musk gave money to OpenAI. [1] Musk gab OpenAI Geld. (quoted in German) [2]');
    expect(buildExtractiveAnswer([en], 'de', money).answer).toBe(
      'Musk gave money to OpenAI. (auf Englisch zitiert) [1]',
    );
  });

  it('says that the sources differ when quotes from two articles name different amounts', () => {
    const one = hit('wynswell', 1, 'en', 'In 2015, Musk donated $1 billion to the organization.', ['musk', 'donat']);
    const two = hit('technews', 1, 'de', 'Elon Musk war mit 44 Millionen Dollar der größte Geldgeber.', [
      'musk',
      'geldgeb',
    ]);
    const donation = {
      ...focus('amount'),
      words: [{ word: 'donate', alternatives: ['donat', 'geldgeb'], weight: 1, known: true }],
    };
    const { answer } = buildExtractiveAnswer([one, two], 'en', donation);
    expect(answer).toMatch(/The sources give different amounts: \$1 billion \[1\], 44 Millionen Dollar \[2\]\.$/);
    const same = hit('other', 1, 'en', 'Musk donated $1 billion, the filing says.', ['musk', 'donat']);
    expect(buildExtractiveAnswer([one, same], 'en', donation).answer).not.toContain('different amounts');
    // Not asked for an amount: no comparison of amounts.
    expect(buildExtractiveAnswer([one, two], 'en', { ...donation, type: 'other' }).answer).not.toContain('different');
  });
});

describe('buildExtractiveAnswer: what the question asks for (issue 22)', () => {
  it('leads with the sentence that holds the date a "when" question asks for', () => {
    const h = hit(
      'a',
      1,
      'de',
      'Drei Jahre zuvor hatten die beiden OpenAI mitgegründet. Die Organisation wurde 2015 gegründet.',
      ['openai', 'gegrundet', 'mitgegrundet'],
    );
    const founding = [{ word: 'gegründet', alternatives: ['gegrundet', 'mitgegrundet'], weight: 1, known: true }];
    const founded = { ...focus('year'), words: founding };
    const { answer } = buildExtractiveAnswer([h], 'de', founded);
    expect(answer.startsWith('Die Organisation wurde 2015 gegründet. [1]')).toBe(true);
    // Without the type, the sentence order of the passage stands.
    expect(buildExtractiveAnswer([h], 'de', { ...founded, type: 'other' }).answer.startsWith('Drei Jahre')).toBe(true);
  });

  it('continues the answering sentence into the next one when that refers back', () => {
    const h = hit(
      'a',
      1,
      'en',
      'Altman spoke at length. Altman warned that AI will cost over $100 billion. He believes the cost is worth it. Other news followed.',
      ['altman', 'cost'],
    );
    const { answer } = buildExtractiveAnswer([h], 'en', focus('amount', 'cost'));
    expect(
      answer.startsWith('Altman warned that AI will cost over $100 billion. [1] He believes the cost is worth it. [1]'),
    ).toBe(true);
  });

  it('never quotes page furniture, even when it shares the most words', () => {
    const h = hit(
      'blog',
      9,
      'de',
      'Musk und Altman streiten weiter über OpenAI.\nWas denkst du über Musk und Altman? Schreib mir in den Kommentaren, wie du Musk und Altman siehst!',
      ['musk', 'altman'],
    );
    const { answer } = buildExtractiveAnswer([h], 'de', focus('other', 'musk', 'altman'));
    expect(answer).toBe('Musk und Altman streiten weiter über OpenAI. [1]');
  });

  it('does not set two different sums against each other: an offer of computing capacity and an investment', () => {
    const offer = hit(
      'blog',
      3,
      'de',
      'Ein Angebot von Microsoft, Azure-Kapazitäten im Wert von 60 Millionen Dollar bereitzustellen, wurde von Musk skeptisch betrachtet.',
      ['microsoft'],
    );
    const investment = hit('news', 4, 'de', 'Microsoft investierte 2023 10 Milliarden Dollar in OpenAI.', [
      'microsoft',
    ]);
    const { answer } = buildExtractiveAnswer([offer, investment], 'en', focus('amount', 'microsoft'));
    expect(answer).toContain('60 Millionen Dollar');
    expect(answer).toContain('10 Milliarden Dollar');
    expect(answer).not.toContain('different amounts');
  });

  it('does not quote again what the conversation already quoted when another sentence answers', () => {
    const h = hit(
      'news',
      2,
      'de',
      'Diesen Sommer reichte Musk eine Klage ein. Er wirft OpenAI und Apple vor, ein wettbewerbswidriges System entwickelt zu haben.',
      ['klag', 'apple'],
    );
    const before = 'Er wirft OpenAI und Apple vor, ein wettbewerbswidriges System entwickelt zu haben. [1]';
    const { answer } = buildExtractiveAnswer([h], 'en', focus('year', 'klag', 'apple'), { alreadyQuoted: before });
    expect(answer).toBe('Diesen Sommer reichte Musk eine Klage ein. (quoted in German) [1]');
  });
});

describe('buildExtractiveAnswer: sentence words as the index reads them', () => {
  it('does not take "quite" for "quit": stop words never match a question word', () => {
    const h = hit(
      'a',
      1,
      'en',
      'Musk resigned from the board in 2018. Altman said the cost of AI is quite astonishing.',
      ['resign', 'quit'],
    );
    const leave = {
      ...focus('reason'),
      words: [{ word: 'leave', alternatives: ['resign', 'quit'], weight: 1, known: true }],
    };
    expect(buildExtractiveAnswer([h], 'en', leave).answer).toBe('Musk resigned from the board in 2018. [1]');
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
