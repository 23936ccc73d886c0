import { describe, expect, it } from 'vitest';
import { cleanQuestion } from '../../src/retrieval/cleanQuestion.js';

describe('cleanQuestion', () => {
  it('removes user, role and channel mentions and @everyone/@here', () => {
    expect(cleanQuestion('@everyone @here why did Musk leave OpenAI? <@123> <@!45> <@&987> <#555>')).toBe(
      'why did Musk leave OpenAI?',
    );
  });

  it('keeps the words inside Markdown, spoilers and code, and drops the marks', () => {
    expect(cleanQuestion('||why|| did **Musk** leave __`OpenAI`__ ~~today~~?')).toBe(
      'why did Musk leave OpenAI today ?',
    );
    expect(cleanQuestion('```\nwhat is xai\n```')).toBe('what is xai');
    expect(cleanQuestion('> why did Musk leave\n-# small print\n## Heading')).toBe(
      'why did Musk leave small print Heading',
    );
  });

  it('removes emoji, custom emoji, timestamps, commands and bare links, and keeps a masked link’s text', () => {
    expect(cleanQuestion('why 🚀🔥 did <:pepe:12345> <a:dance:678> Musk </ask:1> leave <t:1700000000:R> 🇩🇪 👍🏽')).toBe(
      'why did Musk leave',
    );
    expect(cleanQuestion('see https://evil.example/x and [OpenAI](https://openai.com) www.a.b')).toBe('see and OpenAI');
  });

  it('leaves plain text and e-mail-like words alone', () => {
    expect(cleanQuestion('Wie viel Geld gab Musk OpenAI?')).toBe('Wie viel Geld gab Musk OpenAI?');
    expect(cleanQuestion('write to me@here.com')).toBe('write to me@here.com');
  });
});

describe('cleanQuestion on hostile input (issue 21, item 4)', () => {
  // Each took 9–26 s with the unbounded masked-link pattern; the timeout catches a return to that.
  it('strips a run of "[" or of "[a](" in linear time', { timeout: 3_000 }, () => {
    expect(cleanQuestion('['.repeat(100_000))).toBe('['.repeat(100_000));
    expect(cleanQuestion('[a]('.repeat(25_000)).length).toBeGreaterThan(0);
    expect(cleanQuestion(`see [the piece](https://example.com/a) ${'x'.repeat(10)}`)).toBe('see the piece xxxxxxxxxx');
  });
});
