import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchPassages } from '../../src/retrieval/searchPassages.js';
import { bundledCore, type CoreWithDb } from '../helpers/corpus.js';

let core: CoreWithDb;
beforeAll(async () => {
  core = await bundledCore();
});
afterAll(() => core.close());

const topText = (question: string, limit = 5) =>
  searchPassages(core.db, question, { limit })
    .hits.map((h) => h.text)
    .join('\n');

describe('searchPassages on the bundled corpus', () => {
  it('finds the passage that answers an English question', () => {
    const hits = searchPassages(core.db, 'Why did Musk leave OpenAI?').hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(topText('Why did Musk leave OpenAI?')).toContain('resigned from the board in 2018');
    expect(hits[0]).toMatchObject({ articleId: expect.any(String), passageId: expect.stringMatching(/#\d+$/) });
  });

  it('answers an English question from a German article', () => {
    const hits = searchPassages(core.db, 'How many weekly users does ChatGPT have?').hits;
    expect(hits[0]?.language).toBe('de');
    expect(hits[0]?.text).toContain('700 Millionen wöchentliche Nutzer');
    expect(topText("What did Ilya Sutskever's email say?", 3)).toContain('E-Mail von Ilya Sutskever');
  });

  it('answers a German question from an English article', () => {
    expect(topText('Was sagte Musk über GPT-2?', 3)).toContain('GPT-2');
    expect(topText('Wie viel hat Musk 2015 gespendet?')).toContain('donated $1 billion');
  });

  it('forgives a typo', () => {
    expect(topText('What did Sutskevr write in his email?')).toContain('Sutskever');
  });

  it('returns nothing when no word of the question is in the corpus', () => {
    for (const q of ['What is the capital of France?', 'Wie wird das Wetter morgen in Berlin?']) {
      expect(searchPassages(core.db, q).hits, q).toEqual([]);
    }
  });

  it('ranks without a floor: a question sharing one stray word still gets candidates, which ask refuses', async () => {
    const q = 'What is the best recipe for apple pie?';
    expect(searchPassages(core.db, q).hits.length).toBeGreaterThan(0);
    const result = await core.ask(q);
    expect(result).toMatchObject({ outcome: 'refused', refusal: 'weak-match', citations: [] });
    expect(await core.ask('What is the capital of France?')).toMatchObject({
      outcome: 'refused',
      refusal: 'off-topic',
    });
  });

  it('refuses a question of nothing but spaces, and logs it like any refusal (issue 23, item 2)', async () => {
    const before = core.db.prepare("SELECT count(*) FROM answer_log WHERE refusal = 'empty'").pluck().get();
    expect(await core.ask(' \t ')).toMatchObject({ outcome: 'refused', refusal: 'empty', citations: [] });
    await core.settleWrites(1_000);
    const after = core.db.prepare("SELECT count(*) FROM answer_log WHERE refusal = 'empty'").pluck().get();
    expect(after).toBe(Number(before) + 1);
  });

  it('highlights matched words in the snippet', () => {
    const [hit] = searchPassages(core.db, 'Colossus').hits;
    expect(hit?.snippet).toContain('**Colossus');
  });

  it('honours the limit', () => {
    expect(searchPassages(core.db, 'Musk Altman OpenAI', { limit: 2 }).hits).toHaveLength(2);
    expect(searchPassages(core.db, 'Musk Altman OpenAI', { limit: 500 }).hits.length).toBeLessThanOrEqual(50);
  });

  it.each(['weighted', 'rrf'] as const)('fuses extra phrasings of the question (%s)', (fusion) => {
    const plain = searchPassages(core.db, 'Kapital', { limit: 5, fusion }).hits;
    const fused = searchPassages(core.db, 'Kapital', {
      limit: 5,
      fusion,
      extraQueries: ['Tesla mit OpenAI fusionieren'],
    }).hits;
    expect(plain.some((h) => h.text.includes('Tesla mit OpenAI zu fusionieren'))).toBe(false);
    expect(fused.some((h) => h.text.includes('Tesla mit OpenAI zu fusionieren'))).toBe(true);
  });

  it.each([
    '"',
    '""""',
    'NEAR(musk openai, 2)',
    'musk AND OR NOT openai',
    'title:musk',
    '{title body}: musk',
    'musk*',
    '^musk',
    '-musk',
    'musk -- ; DROP TABLE passages; --',
    '🤖🔥 Musk 💥',
    '\u0000\u0001\u001b[31m musk',
    '',
    '   ',
    'a'.repeat(10_000),
    'Musk '.repeat(2_000),
    '\uD800 lone surrogate',
    'ＭＵＳＫ full-width',
  ])('never throws on hostile input %#', (input) => {
    expect(() => searchPassages(core.db, input).hits).not.toThrow();
  });

  it('never throws on thousands of random strings (property)', () => {
    const fts5ish = fc.constantFrom(
      '"',
      '*',
      '^',
      '-',
      ':',
      '(',
      ')',
      'AND',
      'OR',
      'NOT',
      'NEAR',
      '{',
      '}',
      '+',
      ' ',
      'musk',
      'ö',
      '\u0000',
      '🤖',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.array(fts5ish, { maxLength: 40 }).map((a) => a.join('')),
        ),
        (input) => {
          const hits = searchPassages(core.db, input, { limit: 5 }).hits;
          expect(Array.isArray(hits)).toBe(true);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe('the query word cap (issue 21, item 15)', () => {
  it('is not used up by words the corpus never saw', async () => {
    const core = await bundledCore();
    try {
      const filler = Array.from(
        { length: 40 },
        (_, i) => `qxv${String.fromCharCode(97 + (i % 26))}${'z'.repeat(1 + Math.floor(i / 26))}k`,
      );
      const hits = await core.retrieve(`${filler.join(' ')} Altman Musk`);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits[0]!.matchedTerms).toEqual(expect.arrayContaining(['altman', 'musk']));
    } finally {
      core.close();
    }
  });
});
