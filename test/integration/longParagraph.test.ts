import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { copyOfBundledCorpus, tempDir } from '../helpers/corpus.js';

const MiB = 1024 * 1024;

describe('an article that is one long paragraph (issue 21, item 1)', () => {
  let work: { path: string; cleanup: () => void };
  let corpus: { path: string; cleanup: () => void };
  beforeEach(() => {
    work = tempDir('feudbot-long-');
    corpus = copyOfBundledCorpus();
  });
  afterEach(() => {
    work.cleanup();
    corpus.cleanup();
  });

  it('is added by `add` with memory growth well under 300 MB', async () => {
    // Under the 512 KiB upload limit; the sentence splitter's memory grew with the square of it.
    const file = join(work.path, 'long.txt');
    const sentence = 'Musk and Altman argue about OpenAI governance today. ';
    writeFileSync(file, `# Musk and Altman, at length\n\n${sentence.repeat(9_600)}\n`);
    const env = { LOG_LEVEL: 'silent', CORPUS_DIR: corpus.path, FEUDBOT_DB_PATH: join(work.path, 'feudbot.db') };
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined };
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    expect(await runCli(['add', file, '--yes', '--json'], env, io)).toBe(0);
    const growth = process.resourceUsage().maxRSS * 1024 - peakBefore;
    expect(JSON.parse(out.join('\n'))).toMatchObject({ id: 'musk-and-altman-at-length' });
    expect(growth).toBeLessThan(300 * MiB);
  });
});
