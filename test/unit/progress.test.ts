import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

describe('createProgress (issue 25, item 5)', () => {
  it('at a terminal, redraws one bar in place, at most every 100 ms, and ends it with a newline', () => {
    const written: string[] = [];
    let clock = 0;
    const progress = createProgress(
      (t) => written.push(t),
      true,
      () => clock,
    );
    progress('indexing articles', 0, 1000);
    clock = 50;
    progress('indexing articles', 500, 1000); // too soon: not drawn
    clock = 200;
    progress('indexing articles', 600, 1000);
    progress('indexing articles', 1000, 1000);
    expect(written).toEqual([
      '\rindexing articles [------------------------] 0% (0/1000)',
      '\rindexing articles [##############----------] 60% (600/1000)',
      '\rindexing articles [########################] 100% (1000/1000)\n',
    ]);
  });

  it('elsewhere, writes a plain line at each tenth', () => {
    const written: string[] = [];
    const progress = createProgress((t) => written.push(t), false);
    for (let done = 0; done <= 100; done++) progress('asking', done, 100);
    expect(written).toHaveLength(11);
    expect(written[0]).toBe('asking: 0 of 100\n');
    expect(written.at(-1)).toBe('asking: 100 of 100\n');
  });
});
