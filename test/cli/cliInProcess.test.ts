import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { BUNDLED_CORPUS, tempDir } from '../helpers/corpus.js';

/** The CLI's logic in this process: the same main(argv, env, io) the binary runs, with its output captured. */
async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { LOG_LEVEL: 'silent', ...env },
    { out: (t) => out.push(t), err: (t) => err.push(t) },
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('feudbot CLI (in process)', () => {
  let work: { path: string; cleanup: () => void };
  let env: Record<string, string>;
  beforeEach(() => {
    work = tempDir('feudbot-cli-');
    env = { CORPUS_DIR: BUNDLED_CORPUS, FEUDBOT_DB_PATH: join(work.path, 'feudbot.db') };
  });
  afterEach(() => work.cleanup());

  it('the first ingest on a fresh database reports what it added', async () => {
    const { code, stdout } = await cli(['ingest', '--json'], env);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { added: string[]; articles: number; previousVersion: string | null };
    expect(report.previousVersion).toBeNull();
    expect(report.added).toHaveLength(5);
    expect(report.articles).toBe(5);
  });

  it('ingest of a folder with no valid article says so and keeps the corpus; --allow-empty empties it', async () => {
    await cli(['ingest'], env);
    const other = tempDir();
    try {
      // runCli throws a UserFacingError; main() prints its message and exits 1.
      await expect(cli(['ingest', '--corpus', other.path, '--json'], env)).rejects.toThrow(
        /no valid article.*--allow-empty/,
      );
      const sources = JSON.parse((await cli(['sources', '--json'], env)).stdout) as { articles: unknown[] };
      expect(sources.articles).toHaveLength(5);
      const emptied = await cli(['ingest', '--corpus', other.path, '--allow-empty', '--json'], env);
      expect(JSON.parse(emptied.stdout)).toMatchObject({ articles: 0, warnings: [expect.stringContaining('5 of 5')] });
    } finally {
      other.cleanup();
    }
  });

  it('ask --json says why a question was refused', async () => {
    const offTopic = JSON.parse((await cli(['ask', 'What is the capital of France?', '--json'], env)).stdout);
    expect(offTopic).toMatchObject({ answered: false, refusal: 'off-topic', citations: [] });
    const weak = JSON.parse(
      (await cli(['ask', 'recommend me a good pizza place in san francisco', '--json'], env)).stdout,
    );
    expect(weak).toMatchObject({ answered: false, refusal: 'weak-match' });
    const answered = JSON.parse(
      (await cli(['ask', '@everyone @here why did Musk leave OpenAI? <@123>', '--json'], env)).stdout,
    ) as Record<string, unknown>;
    expect(answered).toMatchObject({ answered: true });
    expect(answered.refusal).toBeUndefined();
  });
});
