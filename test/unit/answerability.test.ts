import { describe, expect, it } from 'vitest';
import { judgeAnswerability } from '../../src/answer/answerability.js';
import type { Retrieval, SearchHit } from '../../src/retrieval/searchPassages.js';

const hit = (matchedWords: number, similarity: number | null = null): SearchHit => ({
  articleId: 'a',
  title: 'A',
  editorialTitle: false,
  url: null,
  publisher: null,
  language: 'en',
  published: null,
  passageId: 'a#1',
  ordinal: 1,
  text: 'text',
  snippet: 'text',
  score: 1,
  coverage: matchedWords > 0 ? 1 : 0,
  similarity,
  lexicalRank: matchedWords > 0 ? 1 : null,
  semanticRank: similarity === null ? null : 1,
  matchedWords,
  matchedTerms: [],
});
const retrieval = (hits: SearchHit[], questionWords: number): Retrieval => ({ hits, questionWords });

describe('judgeAnswerability', () => {
  it('refuses a question with nothing in common with the corpus, with or without a model', () => {
    for (const withModel of [true, false]) {
      expect(judgeAnswerability(retrieval([], 3), { withModel })).toEqual({ answerable: false, refusal: 'off-topic' });
      expect(judgeAnswerability(retrieval([hit(0, 0.1)], 3), { withModel })).toEqual({
        answerable: false,
        refusal: 'off-topic',
      });
    }
  });

  it('leaves the judgement to the model once anything is shared', () => {
    expect(judgeAnswerability(retrieval([hit(1)], 8), { withModel: true })).toEqual({ answerable: true });
    expect(judgeAnswerability(retrieval([hit(0, 0.45)], 8), { withModel: true })).toEqual({ answerable: true });
  });

  it('offline, answers two shared words, or one that is a fair share of the question', () => {
    expect(judgeAnswerability(retrieval([hit(1), hit(2)], 9), { withModel: false }).answerable).toBe(true);
    expect(judgeAnswerability(retrieval([hit(1)], 1), { withModel: false }).answerable).toBe(true);
    expect(judgeAnswerability(retrieval([hit(1)], 3), { withModel: false }).answerable).toBe(true);
  });

  it('offline, refuses a lone shared word in a long question, however close a vector is', () => {
    for (const similarity of [null, 0.9]) {
      expect(judgeAnswerability(retrieval([hit(1, similarity)], 6), { withModel: false })).toEqual({
        answerable: false,
        refusal: 'weak-match',
      });
    }
    // A close vector with no shared word is not off-topic, but there is nothing to quote.
    expect(judgeAnswerability(retrieval([hit(0, 0.6)], 6), { withModel: false })).toEqual({
      answerable: false,
      refusal: 'weak-match',
    });
  });

  it('reads only the passages an answer would use', () => {
    const deep = [hit(1), hit(1), hit(1), hit(1), hit(1), hit(3)];
    expect(judgeAnswerability(retrieval(deep, 6), { withModel: false }).answerable).toBe(false);
  });
});
