import { describe, expect, it } from 'vitest';
import { expectedAnswerType, holdsAnswerType } from '../../src/text/answerTypes.js';
import { isChatFiller } from '../../src/text/chatFiller.js';

describe('expectedAnswerType (issue 22, item 1)', () => {
  it('reads what English and German questions ask for', () => {
    const cases: [string, string][] = [
      ['when did the lawsuits start', 'year'],
      ['when was openai founded lol', 'year'],
      ['since when has he been suing them??', 'year'],
      ['what year did microsoft become the main partner', 'year'],
      ['zoff seit wann??', 'year'],
      ['wann hat musk geklagt', 'year'],
      ['how much did musk donate', 'amount'],
      ['wie viel hat microsoft investiert', 'amount'],
      ['how many users does chatgpt have', 'count'],
      ['wie viele Nutzer hat X', 'count'],
      ['who took his seat on the board', 'person'],
      ['wer hat das gesagt', 'person'],
      ['why did musk leave', 'reason'],
      ['warum ist er gegangen', 'reason'],
      ['what does altman think of musk', 'other'],
    ];
    for (const [question, type] of cases)
      expect({ question, type: expectedAnswerType(question) }).toEqual({ question, type });
  });

  it('does not read "when" or "who" as the question when they join a clause', () => {
    expect(expectedAnswerType('what did musk say when altman became ceo')).toBe('other');
    expect(expectedAnswerType('what did the man who left say about it')).toBe('other');
  });
});

describe('holdsAnswerType', () => {
  it('finds years, dates and relative dates, amounts and counts in English and German', () => {
    expect(holdsAnswerType('Musk resigned from the board in 2018.', 'year')).toBe(true);
    expect(holdsAnswerType('In an interview on December 24 he said so.', 'year')).toBe(true);
    expect(holdsAnswerType('Diesen Sommer reichte er eine Klage ein.', 'year')).toBe(true);
    expect(holdsAnswerType('Drei Jahre zuvor hatten die beiden OpenAI mitgegründet.', 'year')).toBe(false);
    expect(holdsAnswerType('developing AI could require over $100 billion', 'amount')).toBe(true);
    expect(holdsAnswerType('mit 44 Millionen Dollar der größte Geldgeber', 'amount')).toBe(true);
    expect(holdsAnswerType('Musk took to Twitter to express his concerns.', 'amount')).toBe(false);
    expect(holdsAnswerType('X hat 600 Millionen monatliche Nutzer.', 'count')).toBe(true);
    expect(holdsAnswerType('He left in 2018.', 'count')).toBe(false);
  });
});

describe('isChatFiller', () => {
  it('knows chat abbreviations, stretched or not, and no real word', () => {
    for (const word of ['lol', 'LOLLL', 'rn', 'pls', 'fr', 'tbh', 'ngl']) expect(isChatFiller(word)).toBe(true);
    for (const word of ['net', 'worth', 'jury', 'gpt', 'married', 'tall']) expect(isChatFiller(word)).toBe(false);
  });
});
