import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { chat } from '../../src/cli/chatCommand.js';
import { UsageError } from '../../src/cli/commands.js';
import { openCore } from '../../src/openCore.js';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../src/db/database.js';
import { BUNDLED_CORPUS, copyOfBundledCorpus, prose, silentLogger, tempDir } from '../helpers/corpus.js';
import { type PageServer, startPageServer } from '../helpers/pageServer.js';

/** The CLI's logic in this process: the same main(argv, env, io) the binary runs, with its output captured. */
async function cli(argv: string[], env: Record<string, string>, confirm?: (prompt: string) => Promise<boolean>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { LOG_LEVEL: 'silent', ...env },
    { out: (t) => out.push(t), err: (t) => err.push(t), ...(confirm ? { confirm } : {}) },
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

  it('ask and search without a question, or with one longer than a question can be, are usage errors (exit 2)', async () => {
    for (const argv of [['ask'], ['ask', '  '], ['search'], ['ask', 'x'.repeat(1_001)]])
      await expect(cli(argv, env)).rejects.toBeInstanceOf(UsageError);
  });

  it('chat answers a 1 MB line with a sentence, and goes on', async () => {
    const out: string[] = [];
    const lines = (async function* () {
      yield 'x'.repeat(1_000_000);
      yield 'why did Musk leave OpenAI?';
    })();
    const core = await openCore({ dbPath: env.FEUDBOT_DB_PATH!, corpusDir: BUNDLED_CORPUS, logger: silentLogger });
    try {
      await chat(core, lines, false, (t) => out.push(t));
    } finally {
      core.close();
    }
    expect(out[0]).toMatch(/longer than a question can be/);
    expect(out[1]).toContain('[1]');
  });

  it(
    'beside another process holding the write lock: add says what happened, ask waits and keeps its log row (issue 21, item 10)',
    { timeout: 20_000 },
    async () => {
      const corpus = copyOfBundledCorpus();
      const lockedEnv = { ...env, CORPUS_DIR: corpus.path };
      try {
        await cli(['ingest'], lockedEnv);
        const other = openDatabase(env.FEUDBOT_DB_PATH!);
        const logged = () => other.prepare('SELECT count(*) FROM answer_log').pluck().get() as number;
        const before = logged();
        other.exec('BEGIN IMMEDIATE');
        const file = join(work.path, 'note.txt');
        writeFileSync(file, `# A note on the board\n\n${prose(120, 'zeppelin')}\n`);
        await expect(cli(['add', file, '--yes'], lockedEnv)).rejects.toThrow(
          /^Added `a-note-on-the-board` to the corpus folder \(a-note-on-the-board\.md\), but the index was not reloaded/,
        );
        expect(readdirSync(corpus.path)).toContain('a-note-on-the-board.md');
        // The lock goes while ask waits at its end to save the question's log row.
        setTimeout(() => other.exec('COMMIT'), 300);
        const asked = await cli(['ask', 'why did Musk leave OpenAI?'], lockedEnv);
        expect(asked.code).toBe(0);
        expect(asked.stderr).toMatch(/waiting for it to save what this command recorded/);
        expect(logged()).toBe(before + 1);
        other.close();
      } finally {
        corpus.cleanup();
      }
    },
  );

  it('ingest reports its progress as it indexes a large folder (issue 25, item 5)', async () => {
    const corpus = copyOfBundledCorpus();
    try {
      for (let i = 0; i < 120; i++)
        writeFileSync(
          join(corpus.path, `bulk-${i}.md`),
          `---\nid: bulk-${i}\ntitle: "Bulk ${i}"\nlanguage: en\n---\n\n${prose(60, `w${i}`)}\n`,
        );
      const seen: string[] = [];
      const code = await runCli(
        ['ingest'],
        { LOG_LEVEL: 'silent', ...env, CORPUS_DIR: corpus.path },
        {
          out: () => undefined,
          err: () => undefined,
          progress: (label, done, total) => seen.push(`${label} ${done}/${total}`),
        },
      );
      expect(code).toBe(0);
      expect(seen[0]).toBe('indexing articles 0/125');
      expect(seen.at(-1)).toBe('indexing articles 125/125');
    } finally {
      corpus.cleanup();
    }
  });

  it('eval refuses a questions file that never ends, reading no more than its cap (issue 21, item 5)', async () => {
    await expect(cli(['eval', '--questions', '/dev/zero'], env)).rejects.toThrow(/larger than 16 MiB/);
  });

  it('ask --json says why a question was refused', async () => {
    const offTopic = JSON.parse((await cli(['ask', 'What is the capital of France?', '--json'], env)).stdout);
    expect(offTopic).toMatchObject({ answered: false, refusal: 'off-topic', citations: [] });
    const weak = JSON.parse(
      (await cli(['ask', 'recommend me a good pizza place for tesla fans', '--json'], env)).stdout,
    );
    expect(weak).toMatchObject({ answered: false, refusal: 'weak-match' });
    const answered = JSON.parse(
      (await cli(['ask', '@everyone @here why did Musk leave OpenAI? <@123>', '--json'], env)).stdout,
    ) as Record<string, unknown>;
    expect(answered).toMatchObject({ answered: true });
    expect(answered.refusal).toBeUndefined();
  });

  describe('add and remove', () => {
    let corpus: { path: string; cleanup: () => void };
    let site: PageServer;
    beforeEach(async () => {
      corpus = copyOfBundledCorpus();
      site = await startPageServer();
      // The page server is on 127.0.0.1: the operator's switch for a private news mirror lets it through.
      env = { ...env, CORPUS_DIR: corpus.path, ARTICLE_FETCH_ALLOW_PRIVATE: 'true' };
    });
    afterEach(async () => {
      await site.close();
      corpus.cleanup();
    });

    it('add shows the preview and adds only when confirmed or told --yes; remove deletes', async () => {
      const link = `${site.origin}/de/prozess`;
      // Nobody at a terminal and no --yes: the preview, and nothing added.
      const out: string[] = [];
      await expect(
        runCli(['add', link], { LOG_LEVEL: 'silent', ...env }, { out: (t) => out.push(t), err: () => undefined }),
      ).rejects.toThrow(/Not added. Run again with --yes/);
      expect(out.join('\n')).toMatch(
        /Title: +Musk gegen OpenAI: Der Prozess rückt näher\nPublisher: +Beispiel-Rundschau/,
      );
      expect(readdirSync(corpus.path)).toHaveLength(6);

      const prompts: string[] = [];
      const confirmed = await cli(['add', link], env, async (prompt) => (prompts.push(prompt), true));
      expect(confirmed.code).toBe(0);
      expect(prompts[0]).toMatch(/Language: +German[\s\S]*Add it\? \[y\/N\]/);
      expect(confirmed.stdout).toMatch(/^Added beispiel-rundschau-musk-gegen-openai-der-prozess/);

      await expect(cli(['add', link, '--yes'], env)).rejects.toThrow(/already in the corpus as beispiel-rundschau/);
      const other = JSON.parse(
        (await cli(['add', `${site.origin}/en/openai-board-rejects-bid`, '--yes', '--json'], env)).stdout,
      ) as { id: string; reload: { added: string[] } };
      expect(other).toMatchObject({ added: true, preview: { language: 'en', publisher: 'The Example Ledger' } });
      expect(other.reload.added).toEqual([other.id]);

      const removed = JSON.parse((await cli(['remove', other.id, '--json'], env)).stdout);
      expect(removed).toMatchObject({ removed: true, id: other.id, reload: { removed: [other.id] } });
      const sources = JSON.parse((await cli(['sources', '--json'], env)).stdout) as { articles: { id: string }[] };
      expect(sources.articles.map((a) => a.id)).not.toContain(other.id);
      expect(sources.articles).toHaveLength(6);
    });
  });

  it('report shows what was asked and not covered; eval export writes those questions as eval lines', async () => {
    await cli(['ask', 'What is the capital of France?'], env);
    await cli(['ask', 'what is the capital of france'], env);
    await cli(['ask', 'why did Musk leave OpenAI'], env);
    const report = JSON.parse((await cli(['report', '--days', '7', '--json'], env)).stdout) as {
      totals: { asked: number; refused: number };
      uncovered: { count: number; wordings: string[] }[];
    };
    expect(report.totals).toMatchObject({ asked: 3, refused: 2 });
    expect(report.uncovered).toEqual([expect.objectContaining({ count: 2, wordings: expect.any(Array) as unknown })]);
    const text = (await cli(['report'], env)).stdout;
    expect(text).toMatch(/asked 3, answered 1, not covered 2/);
    expect(text).toMatch(/ {3}2× what is the capital of france/i);

    const file = join(work.path, 'from-feedback.jsonl');
    expect((await cli(['eval', 'export', '--from-feedback', file], env)).stdout).toMatch(/^Wrote 1 questions/);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { id: 'feedback-1', q: expect.stringMatching(/capital of france/i) as unknown, gold: [], kind: 'from-feedback' },
    ]);
    // An existing file is never overwritten.
    await expect(cli(['eval', 'export', '--from-feedback', file], env)).rejects.toThrow(
      /exists already; give a new file name/,
    );
  });

  it('chat answers each line, reading a follow-up with the turns before it; --json gives one line per answer', async () => {
    const out: string[] = [];
    const lines = async function* () {
      yield* ['Why did Musk leave OpenAI?', '', 'when was that?', 'exit', 'never asked'];
    };
    const code = await runCli(
      ['chat', '--json'],
      { LOG_LEVEL: 'silent', ...env },
      { out: (t) => out.push(t), err: () => undefined, lines },
    );
    expect(code).toBe(0);
    const answers = out.map(
      (line) => JSON.parse(line) as { question: string; standalone?: string; citations: { quote: string }[] },
    );
    expect(answers.map((a) => a.question)).toEqual(['Why did Musk leave OpenAI?', 'when was that?']);
    expect(answers[1]!.standalone).toMatch(/musk.*leave.*openai/i);
    expect(answers[1]!.citations.map((c) => c.quote).join(' ')).toContain('2018');
  });
});
