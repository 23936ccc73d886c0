import type { Answered, Citation } from '../../src/answer/types.js';
import type { PassageRecord } from '../../src/retrieval/passageRecords.js';
import type { SearchHit } from '../../src/retrieval/searchPassages.js';

/** Passage `ordinal` of article `articleId` as the index stores it (English, no terms); override the rest. */
export function aPassage(
  rowid: number,
  articleId = 'a',
  ordinal = 0,
  over: Partial<PassageRecord> = {},
): PassageRecord {
  return {
    rowid,
    articleId,
    ordinal,
    title: articleId,
    editorialTitle: false,
    url: null,
    publisher: null,
    language: 'en',
    published: null,
    passageId: `${articleId}#${ordinal}`,
    text: `passage ${rowid}`,
    terms: [],
    ...over,
  };
}

/** A search hit with plausible defaults (passage `a#0`, English, a full match); override what a test is about. */
export function aHit(over: Partial<SearchHit> = {}): SearchHit {
  const {
    rowid: _rowid,
    terms: _terms,
    ...passage
  } = aPassage(0, over.articleId, over.ordinal, {
    text: 'Musk resigned from the board in 2018.',
    ...(over.text !== undefined ? { text: over.text } : {}),
  });
  const matchedTerms = over.matchedTerms ?? [];
  return {
    ...passage,
    snippet: passage.text,
    score: 1,
    coverage: 1,
    similarity: null,
    lexicalRank: 1,
    semanticRank: null,
    matchedWords: matchedTerms.length,
    matchedTerms,
    ...over,
  };
}

/** Citation `n` of article `a{n}`, quoting its first passage. */
export function aCitation(n: number, over: Partial<Citation> = {}): Citation {
  return {
    n,
    articleId: `a${n}`,
    title: `Title ${n}`,
    url: `https://example.org/${n}`,
    publisher: 'Example',
    language: 'en',
    passageId: `a${n}#1`,
    quote: 'Quote.',
    ...over,
  };
}

/** A quoted answer citing one article; override what a test is about. */
export function anAnswer(over: Partial<Answered> = {}): Answered {
  return {
    outcome: 'answered',
    question: 'Why did Musk leave OpenAI?',
    mode: 'extractive',
    language: 'en',
    answer: 'He left in 2018 [1].',
    citations: [aCitation(1)],
    corpusVersion: 'abcdef123456',
    confidence: 0.8,
    ...over,
  };
}
