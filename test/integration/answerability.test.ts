import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_THRESHOLD, judgeAnswerability } from '../../src/answer/answerability.js';
import { questionFocus } from '../../src/answer/questionFocus.js';
import { searchPassages } from '../../src/retrieval/searchPassages.js';
import { bundledCore, type CoreWithDb } from '../helpers/corpus.js';

// Issue 22: whether the best passages hold what a question asks about and for, on the
// bundled corpus with the real retrieval.
let core: CoreWithDb;
beforeAll(async () => {
  core = await bundledCore();
});
afterAll(() => core.close());

const judge = (question: string, withModel = false) =>
  judgeAnswerability(question, searchPassages(core.db, question), { withModel });

describe('the focus of a question', () => {
  it('counts a name written as two words once, so that a passage about the name alone is not sure', () => {
    const q = 'Why did Ilya Sutskever leave OpenAI?';
    const focus = questionFocus(q, searchPassages(core.db, q));
    expect(focus.words.map((w) => w.word)).toEqual(['ilya sutskever', 'leave']);
    // The best passage names him but says nothing of his leaving: an answer, not one to give unasked.
    expect(judge(q).confidence).toBeLessThan(0.7);
  });

  it('leaves out chat filler, the words naming the answer type and the corpus’s main subjects', () => {
    const focus = questionFocus(
      'what year did microsoft become openai’s main partner lol',
      searchPassages(core.db, 'what year did microsoft become openai’s main partner lol'),
    );
    expect(focus.type).toBe('year');
    const words = focus.words.map((w) => w.word);
    expect(words).toEqual(expect.arrayContaining(['microsoft', 'partner']));
    for (const left of ['lol', 'year', 'openai']) expect(words).not.toContain(left);
  });

  it('keeps a word the corpus never saw when it is a real word, not when it is chat', () => {
    const words = (q: string) => questionFocus(q, searchPassages(core.db, q)).words.map((w) => [w.word, w.known]);
    const focus = words('how tall is sam altman rn');
    expect(focus).toContainEqual(['tall', false]);
    expect(focus.map(([word]) => word)).not.toContain('rn');
  });
});

describe('judgeAnswerability, offline', () => {
  it('refuses on-topic questions the articles do not answer', () => {
    for (const question of [
      'how tall is sam altman lol',
      'when did altman get married',
      'how much did musk pay for twitter',
      'when will gpt-6 come out',
    ])
      expect({ question, ...judge(question) }).toMatchObject({ question, answerable: false, refusal: 'weak-match' });
  });

  it('refuses a question off the topic whatever it shares, with or without a model', () => {
    for (const withModel of [false, true])
      expect(judge('What is the capital of France?', withModel)).toMatchObject({
        answerable: false,
        refusal: 'off-topic',
      });
  });

  it('answers what the articles do answer, surer when the passage holds what is asked for', () => {
    const donation = judge('How much did Musk donate to OpenAI?');
    expect(donation.answerable).toBe(true);
    expect(donation.confidence).toBeGreaterThanOrEqual(0.7);
    const leaving = judge('why did musk leave openai lol rn');
    expect(leaving).toMatchObject({ answerable: true });
    // Chat filler changes nothing.
    expect(leaving.confidence).toBe(judge('why did musk leave openai').confidence);
  });

  it('weighs a "how much" question whose passages hold no amount as a weak one', () => {
    const question = 'how much did musk tweet about gpt2';
    const asked = judge(question);
    const about = judge('did musk tweet about gpt2');
    expect(about.answerable).toBe(true);
    expect(asked.confidence).toBeLessThan(about.confidence / 2);
    expect(asked.answerable).toBe(false);
  });

  it('leaves the judgement to the model once anything is shared', () => {
    expect(judge('how tall is sam altman lol', true)).toMatchObject({ answerable: true });
    expect(ANSWER_THRESHOLD).toBeGreaterThan(0);
  });
});
