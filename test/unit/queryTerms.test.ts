import { definitionSubject, introducesSubject } from '../../src/retrieval/definitions.js';
import { cognates } from '../../src/retrieval/cognates.js';
import { describe, expect, it } from 'vitest';
import { buildMatchExpression, buildQueryWords, quoteFts } from '../../src/retrieval/queryTerms.js';
import { RETRIEVAL_PARAMETERS } from '../../src/retrieval/retrievalParameters.js';

const both = ['en', 'de'] as const;

describe('buildQueryWords', () => {
  it('drops stop words of the question language and stems for every corpus language', () => {
    const words = buildQueryWords('Why did Musk leave OpenAI?', 'en', both);
    expect(words.map((w) => w.word)).toEqual(['musk', 'leave', 'openai']);
    const leave = words.find((w) => w.word === 'leave')!;
    // English stem, plus the glossary's German words for leaving.
    expect(leave.alternatives).toContain('leav');
    expect(leave.alternatives).toContain('abgang');
  });

  it('carries a German word into English through the glossary', () => {
    const words = buildQueryWords('Wie viele wöchentliche Nutzer?', 'de', both);
    const users = words.find((w) => w.word === 'nutzer')!;
    expect(users.alternatives).toEqual(expect.arrayContaining(['nutz', 'user']));
  });

  it('keeps only letters and digits: FTS5 syntax in user text becomes plain words', () => {
    const words = buildQueryWords('"Musk" AND title:OpenAI NEAR(x y) * ^board -resigned', 'en', both);
    for (const w of words) {
      for (const a of w.alternatives) expect(a).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(words.map((w) => w.word)).toEqual(expect.arrayContaining(['musk', 'title', 'openai', 'board', 'resigned']));
  });

  it('joins hyphenated and dotted compounds so both spellings meet', () => {
    expect(buildQueryWords('E-Mail', 'de', both).flatMap((w) => w.alternatives)).toContain('email');
    expect(buildQueryWords('X.AI', 'en', both).map((w) => w.word)).toContain('xai');
  });

  it('returns nothing for text without words', () => {
    expect(buildQueryWords('🤖 *** "" ^^ --', 'en', both)).toEqual([]);
    expect(buildQueryWords('', 'en', both)).toEqual([]);
  });

  it('caps a pasted essay at a bounded number of words', () => {
    const essay = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    // Looked up: a bounded number; searched: at most 32 the corpus knows (weighWords keeps those).
    expect(buildQueryWords(essay, 'en', both).length).toBeLessThanOrEqual(RETRIEVAL_PARAMETERS.maxWordsLookedUp);
  });
});

describe('buildMatchExpression', () => {
  it('quotes every term and ORs them', () => {
    expect(buildMatchExpression(['musk', 'openai', 'musk'])).toBe('"musk" OR "openai"');
  });

  it('doubles inner quotes so a term can never close its phrase', () => {
    expect(quoteFts('a"b')).toBe('"a""b"');
  });

  it('is null when there is nothing to search', () => {
    expect(buildMatchExpression([])).toBeNull();
    expect(buildMatchExpression([''])).toBeNull();
  });
});

describe('cognates', () => {
  it('spells a word the way the other language regularly does, both ways', () => {
    expect(cognates('Organisationen', 'de', 'en')).toContain('organization');
    expect(cognates('Konflikt', 'de', 'en')).toContain('conflict');
    expect(cognates('Technologie', 'de', 'en')).toContain('technology');
    expect(cognates('Prozess', 'de', 'en')).toContain('process');
    expect(cognates('conflicts', 'en', 'de')).toContain('konflikt');
    expect(cognates('technology', 'en', 'de')).toContain('technologie');
    expect(cognates('Musk', 'de', 'en')).toEqual([]); // too short to say
    expect(cognates('Konflikt', 'de', 'de')).toEqual([]);
  });

  it('lets a German question find an English passage through a shared word', () => {
    const [word] = buildQueryWords('Organisationen', 'de', ['de', 'en']);
    expect(word?.alternatives).toContain('organ'); // the English stem of "organization"
    expect(word?.inGlossary).toBe(false);
  });
});

describe('definition questions', () => {
  it('finds what a "what is X" question asks about, in English and German', () => {
    expect(definitionSubject('whats Glydways?')).toEqual(['glydways']);
    expect(definitionSubject("who's Elon Musk")).toEqual(['elon', 'musk']);
    expect(definitionSubject('Was ist Applied Intuition?')).toEqual(['applied', 'intuition']);
    expect(definitionSubject('why did Musk leave OpenAI?')).toBeNull();
  });

  it('recognizes where news text introduces something', () => {
    expect(introducesSubject('OpenAI, a research organization co-founded by Sam Altman', ['openai'])).toBe(true);
    expect(introducesSubject('und Glydways , ein Netzwerk von Roboterautos', ['glydways'])).toBe(true);
    expect(introducesSubject('Colossus is a data centre in Memphis', ['colossus'])).toBe(true);
    expect(introducesSubject('OpenAI released GPT-2, a language model', ['openai'])).toBe(false);
  });
});
