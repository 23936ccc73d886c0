import { describe, expect, it } from 'vitest';
import { readQuestion, reworded } from '../../src/answer/question.js';

// Issue 23, item 1: a question is read once (its cleaned text and its languages), not by each step from its own input.
describe('reading a question once', () => {
  it('decides the language from the words asked, not from the chat syntax around them', () => {
    const q = readQuestion(
      '<@123456789012345678> Warum hat Musk OpenAI verlassen? https://example.com/why-did-he-leave-the-board',
    );
    expect(q.cleaned).toBe('Warum hat Musk OpenAI verlassen?');
    expect(q).toMatchObject({ writtenIn: 'de', answerIn: 'de' });
  });

  it("answers in the asker's language when it is known, and keeps it for another wording", () => {
    const q = readQuestion('Warum hat Musk OpenAI verlassen?', 'en');
    expect(q).toMatchObject({ writtenIn: 'de', answerIn: 'en' });
    const rewritten = reworded(q, 'Why did Elon Musk leave the board of OpenAI in 2018?');
    expect(rewritten).toMatchObject({ writtenIn: 'en', answerIn: 'en' });
    expect(reworded(q, q.text)).toBe(q);
  });
});
