import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, words } from '../../src/text/tokenize.js';

describe('tokenize', () => {
  it('splits compounds into parts and adds the joined form, which is never shown', () => {
    expect(tokenize('Die E-Mail von X.AI kostet 1.000 Dollar, Musk’s Plan').map((t) => [t.word, t.joined])).toEqual([
      ['die', false],
      ['e', false],
      ['mail', false],
      ['email', true],
      ['von', false],
      ['x', false],
      ['ai', false],
      ['xai', true],
      ['kostet', false],
      ['1000', false],
      ['dollar', false],
      ['musk', false],
      ['plan', false],
    ]);
  });

  it('gives offsets that point at the words in the normalized text', () => {
    const text = 'Ein Angebot von Microsoft, Azure-Kapazitäten';
    for (const t of tokenize(text).filter((t) => !t.joined))
      expect(text.toLowerCase().slice(t.start, t.end)).toBe(t.word);
  });
});

describe('words (the indexing path)', () => {
  it('gives exactly the words tokenize gives, for any text (property)', () => {
    const piece = fc.constantFrom(
      'Musk',
      'e-mail',
      'X.AI',
      '1.000',
      "don't",
      'Nutzer',
      '-',
      '.',
      ',',
      "'",
      ' ',
      'ö',
      '🤖',
      '\n',
      '2018',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.array(piece, { maxLength: 30 }).map((a) => a.join('')),
        ),
        (text) => {
          expect(words(text)).toEqual(tokenize(text).map((t) => t.word));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
