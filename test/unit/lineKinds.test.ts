import { describe, expect, it } from 'vitest';
import { lineKind } from '../../src/text/lineKinds.js';

describe('lineKind (issue 22, item 4)', () => {
  it('marks page furniture by general features', () => {
    const furniture = [
      'Was denkst du? Schreib mir in den Kommentaren, wie du die Entwicklung von OpenAI siehst!',
      'Let us know what you think in the comments below.',
      'In this article, Altman discusses the AI competition and conflict with Musk. This first appeared in Chain News.',
      '(The US-China sanctions war: the US does not provide chips to China.)',
      'Photo: Jane Doe / Getty Images',
      'Read more: Musk sues OpenAI again',
      'By Liam Carter',
      'In diesem Artikel erklären wir den Streit.',
    ];
    for (const line of furniture) expect({ line, kind: lineKind(line) }).toEqual({ line, kind: 'furniture' });
  });

  it('marks headings, and keeps news prose as body', () => {
    expect(lineKind('Musk vs. Altman: Worum geht es?')).toBe('heading');
    expect(lineKind('Interne Konflikte und Enthüllungen')).toBe('heading');
    for (const line of [
      'Musk resigned from the board in 2018 due to dissatisfaction with OpenAI gradually deviating from its non-profit model.',
      'Für uns als Beobachter bleibt die Frage: Können Unternehmen wie OpenAI jemals ihren Idealen treu bleiben?',
      'According to the report, Microsoft invested 10 billion dollars in 2023.',
    ])
      expect({ line, kind: lineKind(line) }).toEqual({ line, kind: 'body' });
  });
});
