import { describe, expect, it } from 'vitest';
import { everydayRank, everydayWeight } from '../../src/text/everydayWords.js';

describe('everyday words', () => {
  it('ranks words by how common they are in everyday English or German, diacritics folded', () => {
    expect(everydayRank('make')).toBeLessThan(everydayRank('lawsuit')!);
    expect(everydayRank('Überhaupt')).toBe(everydayRank('uberhaupt'));
    expect(everydayRank('überhaupt')).not.toBeNull();
    expect(everydayRank('openai')).toBeNull();
  });

  it('keeps the whole weight of rare words and names, and less of commoner ones', () => {
    expect(everydayWeight('colossus')).toBe(1);
    expect(everydayWeight('sutskever')).toBe(1);
    expect(everydayWeight('make')).toBeLessThan(everydayWeight('lawsuit'));
    expect(everydayWeight('lawsuit')).toBeLessThan(1);
    for (const word of ['make', 'keep', 'names', 'fine', 'leute', 'genau'])
      expect(everydayWeight(word)).toBeGreaterThanOrEqual(0.25);
  });
});
