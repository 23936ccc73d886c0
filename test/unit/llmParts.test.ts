import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  citedNumbers,
  parsePlainAnswer,
  parseStructuredAnswer,
  partialAnswerField,
} from '../../src/llm/answerFormat.js';
import { BusyError, createLimiter } from '../../src/llm/limiter.js';
import { sanitizeModelText } from '../../src/llm/verifyCitations.js';
import { createLogger } from '../../src/logger.js';

describe('model reply parsing', () => {
  it('reads structured JSON, also inside a Markdown code block, and rejects anything else', () => {
    const json = '{"answered": true, "answer": "A [1].", "citations": [1]}';
    expect(parseStructuredAnswer(json)).toEqual({ answered: true, answer: 'A [1].', citations: [1] });
    expect(parseStructuredAnswer('```json\n' + json + '\n```')).not.toBeNull();
    expect(parseStructuredAnswer('{"answer": "no flag"}')).toBeNull();
    expect(parseStructuredAnswer('Sure! Here is the answer')).toBeNull();
  });

  it('reads plain text markers, including [1, 3] lists, and the not-covered marker', () => {
    expect(citedNumbers('A [2]. B [1, 3]. C [2].')).toEqual([2, 1, 3]);
    expect(parsePlainAnswer('NOT_COVERED')).toMatchObject({ answered: false });
    expect(parsePlainAnswer('  NOT_COVERED.  ')).toMatchObject({ answered: false });
    expect(parsePlainAnswer('It was 2018 [1].')).toEqual({
      answered: true,
      answer: 'It was 2018 [1].',
      citations: [1],
    });
  });

  it('decodes the answer field of JSON that is still arriving', () => {
    expect(partialAnswerField('{"answered": true, "ans')).toBe('');
    expect(partialAnswerField('{"answered": true, "answer": "Musk \\"left\\" in 20')).toBe('Musk "left" in 20');
    expect(partialAnswerField('{"answer": "Zur\\u00fcck\\n[1]", "citations": [1]}')).toBe('Zurück\n[1]');
    expect(partialAnswerField('{"answer": "cut at an escape \\')).toBe('cut at an escape ');
  });

  it('strips links and defuses mass mentions in model text', () => {
    expect(
      sanitizeModelText('See [this](https://x.example) and https://y.example/z. @everyone @here <@123456789012345678>'),
    ).toBe('See this and @\u200beveryone @\u200bhere');
  });
});

describe('createLimiter', () => {
  it('runs at most N at once, queues M, and turns away the rest', async () => {
    const limiter = createLimiter(2, 1);
    const release: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const task = () =>
      limiter.run(
        () =>
          new Promise<void>((resolve) => {
            running++;
            most = Math.max(most, running);
            release.push(() => {
              running--;
              resolve();
            });
          }),
      );
    const accepted = [task(), task(), task()];
    await expect(task()).rejects.toBeInstanceOf(BusyError);
    expect(limiter.waiting).toBe(1);
    while (release.length > 0 || running > 0) {
      release.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(accepted);
    expect(most).toBe(2);
  });
});

describe('logger redaction', () => {
  it('never writes tokens, keys or authorization headers', () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        token: 'discord-token-123',
        config: { discord: { token: 'discord-token-456' }, openai: { apiKey: 'sk-789' } },
        request: { headers: { authorization: 'Bot discord-token-abc' } },
        interaction: { token: 'interaction-token-def' },
      },
      'hello',
    );
    logger.error(
      {
        err: Object.assign(
          new Error('Unknown interaction at /api/v10/interactions/123/aW50ZXJhY3Rpb24tc2VjcmV0/callback'),
          { url: 'https://discord.com/api/v10/webhooks/456/c2VjcmV0LXdlYmhvb2s/messages/@original' },
        ),
      },
      'failed',
    );
    expect(written).toContain('hello');
    expect(written).toContain('/interactions/123/[redacted]/callback');
    for (const secret of [
      'discord-token-123',
      'discord-token-456',
      'sk-789',
      'discord-token-abc',
      'interaction-token-def',
    ]) {
      expect(written).not.toContain(secret);
    }
  });
});
