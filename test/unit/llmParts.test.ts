import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { citedNumbers, parsePlainAnswer, parseStructuredAnswer } from '../../src/llm/answerFormat.js';
import { BusyError, createLimiter } from '../../src/llm/limiter.js';
import { capWords } from '../../src/llm/modelAnswerer.js';
import { AnswerFieldReader, progressReporter } from '../../src/llm/streamedAnswer.js';

/** The answer field of a reply that has arrived this far, read in one piece. */
function partialAnswerField(buffer: string): string {
  const reader = new AnswerFieldReader();
  reader.push(buffer);
  return reader.text;
}
import { sanitizeModelText, verifyCitations } from '../../src/llm/verifyCitations.js';
import { aHit } from '../helpers/builders.js';
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

  it('decodes a reply streamed in pieces exactly as the whole, cut anywhere, even inside an escape', () => {
    const json = '{"answered": true, "answer": "Zur\\u00fcck \\"hier\\"\\n[1]", "citations": [1]}';
    for (const size of [1, 2, 3, 5, 7]) {
      const reader = new AnswerFieldReader();
      for (let i = 0; i < json.length; i += size) reader.push(json.slice(i, i + size));
      expect(reader.text).toBe('Zurück "hier"\n[1]');
    }
  });

  it('strips links and defuses mass mentions in model text', () => {
    expect(
      sanitizeModelText('See [this](https://x.example) and https://y.example/z. @everyone @here <@123456789012345678>'),
    ).toBe('See this and @\u200beveryone @\u200bhere');
  });

  it('strips links in any case or scheme, and Markdown that changes a line (issue 15, item 10)', () => {
    const hostile = [
      'a HTTPS://EVIL.EXAMPLE b',
      'a Https://evil.example/x b',
      'a [z](hxxps://evil) b',
      'a [w](//evil.example) b',
      'a www.evil.example b',
      'a //evil.example/path b',
    ];
    for (const text of hostile) expect(sanitizeModelText(text).replace(/\s+/g, ' ')).toMatch(/^a (z |w )?b$/);
    expect(sanitizeModelText('# Heading\n> quote\n-# subtext\n>>> all\n### small')).toBe(
      'Heading\nquote\nsubtext\nall\nsmall',
    );
  });
});

describe('citation markers', () => {
  const sent = [1, 2, 3].map((n) => aHit({ articleId: `a${n}`, title: `T${n}`, text: `Passage ${n}.` }));

  it('keeps plain numbers of passages sent and drops every other citation-like marker', () => {
    const { answer, citations, dropped } = verifyCitations('A [-1]. B [1e9]. C [ 2 ]. D [2, 9]. E [0]. F [see].', sent);
    expect(answer).toBe('A. B. C [1]. D [1]. E. F [see].');
    expect(citations.map((c) => c.passageId)).toEqual(['a2#0']);
    expect(dropped).toEqual([-1, 1e9, 9, 0]);
  });

  it('costs linear time on hostile replies (issue 15, item 3)', () => {
    // Each took 5–8 s before: the patterns backtracked over runs of "[" and of white space.
    const hostile = [
      '['.repeat(200_000),
      '\n'.repeat(200_000),
      ' '.repeat(200_000) + '[1]',
      '[1'.repeat(100_000),
      '](http://'.repeat(20_000),
      'a.'.repeat(100_000),
    ];
    const started = process.cpuUsage();
    for (const text of hostile) verifyCitations(sanitizeModelText(text), sent);
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(1_000);
  });

  it('shows streamed progress checked like the final answer, in linear work', () => {
    const shown: string[] = [];
    const report = progressReporter(sent, (t) => shown.push(t));
    let text = '';
    for (const piece of ['Musk left [', '1] and [4', '2] then ', '[9', '] came back [3]', ' **and** more']) {
      text += piece;
      report(text);
    }
    // "[4" then "2]" is [42], not sent: dropped once it closes; [3] is the second passage cited, so [2].
    expect(shown).toEqual([
      'Musk left',
      'Musk left [1] and',
      'Musk left [1] and then',
      'Musk left [1] and then came back [2]',
      'Musk left [1] and then came back [2] **and** more',
    ]);
    // 200,000 one-character pieces: shown a bounded number of times, never past the cap.
    const calls: string[] = [];
    const flood = progressReporter(sent, (t) => calls.push(t));
    let long = '';
    for (let i = 0; i < 200_000; i++) flood((long += 'x'));
    expect(calls.length).toBeLessThan(300);
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThanOrEqual(4_000);
  });

  it('cuts an answer far past the words asked for at a sentence end', () => {
    const sentence = 'Musk left the board in 2018 after a dispute over control [1].';
    const long = Array(40).fill(sentence).join(' ');
    const cut = capWords(long, 270);
    expect(cut.split(/\s+/).length).toBeLessThanOrEqual(270);
    expect(cut.endsWith('[1].')).toBe(true);
    expect(capWords('short answer [1].', 270)).toBe('short answer [1].');
    expect(capWords('word '.repeat(1000), 10)).toBe(`${'word '.repeat(10).trim()} …`);
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
