import { describe, expect, it } from 'vitest';
import { getCachedAnswer, putCachedAnswer } from '../../src/answer/answerStore.js';
import { getAnswer, saveAnswer } from '../../src/answer/postedAnswers.js';
import type { Answered } from '../../src/answer/types.js';
import { aCitation, anAnswer } from '../helpers/builders.js';
import { migratedMemoryDb } from '../helpers/corpus.js';

// Issue 23, item 2: JSON read back from the database is checked, not cast.
const result: Answered = anAnswer({
  mode: 'llm',
  model: 'm',
  corpusVersion: 'v1',
  citations: [aCitation(1, { title: 'A', url: null, publisher: null, quote: 'Musk resigned from the board in 2018.' })],
});

describe('results stored as JSON', () => {
  it('are read back as written, and a row that does not fit is treated as absent', () => {
    const db = migratedMemoryDb();
    const key = { question: 'why did musk leave openai', language: 'en', corpusVersion: 'v1', model: 'm' };
    putCachedAnswer(db, key, result);
    expect(getCachedAnswer(db, key)).toMatchObject({ answer: result.answer, citations: result.citations });
    db.prepare('UPDATE answer_cache SET result = ?').run(JSON.stringify({ ...result, citations: [{ n: 'one' }] }));
    expect(getCachedAnswer(db, key)).toBeNull();
    db.prepare('UPDATE answer_cache SET result = ?').run('{not json');
    expect(getCachedAnswer(db, key)).toBeNull();

    saveAnswer(db, 7, { guildId: 'g', channelId: 'c', userId: 'u', isPrivate: false, result });
    expect(getAnswer(db, 7)?.result.citations[0]?.quote).toBe('Musk resigned from the board in 2018.');
    db.prepare('UPDATE bot_answers SET result = ?').run(JSON.stringify({ ...result, language: 'fr' }));
    expect(getAnswer(db, 7)).toBeNull();
  });

  it('reads an answer kept before results said their outcome as the same answer, so that its buttons still work', () => {
    const db = migratedMemoryDb();
    const { outcome: _outcome, ...fields } = result;
    saveAnswer(db, 8, { guildId: 'g', channelId: 'c', userId: 'u', isPrivate: false, result });
    db.prepare('UPDATE bot_answers SET result = ?').run(JSON.stringify({ ...fields, answered: true }));
    expect(getAnswer(db, 8)?.result).toEqual(result);
    // A refusal, or a busy result, was never posted with buttons: not an answer to show.
    db.prepare('UPDATE bot_answers SET result = ?').run(JSON.stringify({ ...fields, answered: false, citations: [] }));
    expect(getAnswer(db, 8)).toBeNull();
  });
});
