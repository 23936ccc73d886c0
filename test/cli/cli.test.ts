import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../../src/cli/runMain.js';
import { articleFile, BUNDLED_CORPUS, copyOfBundledCorpus, prose, tempDir, writeArticle } from '../helpers/corpus.js';
import { runFeudbot } from '../helpers/runCommand.js';

/** The command's logic in this process: the same runMain(argv, env, io) the binary runs, output captured. */
async function feudbot(argv: string[], options: { env: Record<string, string> }) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(`${t}\n`), err: (t: string) => err.push(`${t}\n`) };
  const code = await runMain(argv, { LOG_LEVEL: 'silent', ...options.env }, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

// Each test has a scratch folder and a database of its own. Most run the command in this
// process; the real process is kept for what only it shows (exit codes, a clean stderr).
let work: { path: string; cleanup: () => void };
let env: Record<string, string>;
beforeEach(() => {
  work = tempDir('feudbot-cli-');
  env = { CORPUS_DIR: BUNDLED_CORPUS, FEUDBOT_DB_PATH: join(work.path, 'db', 'feudbot.db') };
});
afterEach(() => work.cleanup());

describe('feudbot CLI', () => {
  it('ask answers offline on first use, creating and filling the database itself (a real process)', async () => {
    const result = await runFeudbot(['ask', 'why did Musk leave OpenAI?'], { cwd: work.path, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(env.FEUDBOT_DB_PATH!)).toBe(true);
    expect(result.stdout).toMatch(/\[1\]/);
    expect(result.stdout).toContain('Quoted from the articles');
    expect(result.stdout).toMatch(/Sources:\n\[1(, \d)*\] /);
  });

  it('ask --json has the documented shape, with citations that point at real passages', async () => {
    const result = await feudbot(['ask', 'How many weekly users does ChatGPT have?', '--json'], { env });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown> & { citations: Record<string, unknown>[] };
    expect(json).toMatchObject({
      question: 'How many weekly users does ChatGPT have?',
      answered: true,
      mode: 'extractive',
      language: 'en',
      answer: expect.stringContaining('[1]'),
    });
    expect(json.confidence).toBeGreaterThan(0.3);
    expect(json.confidence).toBeLessThanOrEqual(1);
    expect(json.citations[0]).toMatchObject({
      n: 1,
      articleId: 'technewsxpress-schluessel-tech-kampf',
      title: expect.any(String),
      url: expect.stringMatching(/^https:\/\//),
      passageId: expect.stringMatching(/^technewsxpress-schluessel-tech-kampf#\d+$/),
      quote: expect.stringContaining('700 Millionen'),
    });
  });

  it('ask refuses in the language of the question when the articles do not cover it', async () => {
    const en = await feudbot(['ask', 'What is the capital of France?', '--json'], { env });
    expect(JSON.parse(en.stdout)).toMatchObject({
      answered: false,
      citations: [],
      language: 'en',
      answer: expect.stringContaining("don't cover"),
    });
    const de = await feudbot(['ask', 'Wie wird das Wetter morgen in Berlin?'], { env });
    expect(de.stdout.trim()).toBe('Dazu steht nichts in den Artikeln.');
  });

  it('search --json lists ranked passages with the documented fields', async () => {
    const result = await feudbot(['search', 'Colossus', '--json', '--limit', '2'], { env });
    const json = JSON.parse(result.stdout) as { query: string; results: Record<string, unknown>[] };
    expect(json.query).toBe('Colossus');
    expect(json.results.length).toBeGreaterThan(0);
    expect(json.results.length).toBeLessThanOrEqual(2);
    expect(Object.keys(json.results[0]!).sort()).toEqual(
      ['articleId', 'title', 'url', 'publisher', 'language', 'passageId', 'ordinal', 'text', 'snippet', 'score'].sort(),
    );
  });

  it('never prints terminal escape codes from an article title or publisher (issue 21, item 8)', async () => {
    const corpus = copyOfBundledCorpus();
    try {
      const title = 'Musk \u001b]0;pwned\u0007and \u001b[2JAltman \u009b31m news';
      writeArticle(
        corpus.path,
        'escapes.md',
        articleFile({ id: 'escapes', title, publisher: 'Evil\u001b[31m Times', language: 'en' }, prose(60)),
      );
      const listed = await feudbot(['sources'], { env: { ...env, CORPUS_DIR: corpus.path } });
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('Musk ]0;pwnedand [2JAltman 31m news');
      const controls = [...listed.stdout].filter((c) => c !== '\n' && c !== '\t' && /\p{Cc}/u.test(c));
      expect(controls).toEqual([]);
    } finally {
      corpus.cleanup();
    }
  });

  it('says the database is damaged, exit 1, when a page breaks while answering or ingesting (issue 21, item 13)', async () => {
    expect((await feudbot(['ask', 'why did Musk leave OpenAI?'], { env })).code).toBe(0);
    // Overwrite the leaf pages of the passages and of the full-text index: the schema still opens.
    const db = new Database(env.FEUDBOT_DB_PATH);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db
      .prepare("SELECT pageno FROM dbstat WHERE name IN ('passages', 'passages_fts_data') AND pagetype = 'leaf'")
      .pluck()
      .all() as number[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    expect(pages.length).toBeGreaterThan(0);
    const fd = openSync(env.FEUDBOT_DB_PATH!, 'r+');
    for (const page of pages) writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    // An article changed since: the reload reads the old passages to replace them.
    const corpus = copyOfBundledCorpus();
    const changed = join(corpus.path, 'wynswell-ai-face-off.md');
    writeFileSync(
      changed,
      `${readFileSync(changed, 'utf8')}\nOne more paragraph about Musk and Altman, added later.\n`,
    );
    const changedEnv = { ...env, CORPUS_DIR: corpus.path };
    for (const argv of [['ask', 'why did Musk leave OpenAI?'], ['ingest'], ['search', 'Musk board']]) {
      const result = await feudbot(argv, { env: changedEnv });
      expect({ argv, code: result.code }).toEqual({ argv, code: 1 });
      expect(result.stderr).toMatch(/is damaged\. Restore it from a backup/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    corpus.cleanup();
  });

  it('search takes FTS5 syntax as plain words', async () => {
    const result = await feudbot(['search', '"NEAR(Musk* AND -OpenAI', '--json'], { env });
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  it('sources --json lists the five articles with empty fields left null', async () => {
    const result = await feudbot(['sources', '--json'], { env });
    const json = JSON.parse(result.stdout) as { version: string; articles: Record<string, unknown>[] };
    expect(json.version).toMatch(/^[0-9a-f]{12}$/);
    expect(json.articles).toHaveLength(5);
    expect(json.articles.find((a) => a.id === 'abmedia-altman-interview-musk')).toMatchObject({
      url: null,
      author: null,
      published: null,
      publisher: 'Chain News (ABMedia)',
      language: 'en',
      passages: expect.any(Number),
    });
  });

  it('ingest reports rejected files and keeps going', async () => {
    const corpus = copyOfBundledCorpus();
    try {
      writeArticle(corpus.path, 'broken.md', articleFile({ id: 'broken', language: 'en' }, prose(50)));
      writeArticle(corpus.path, 'extra.md', articleFile({ id: 'extra', title: 'Extra', language: 'en' }, prose(50)));
      const result = await feudbot(['ingest', '--corpus', corpus.path, '--json'], { env });
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as { added: string[]; rejected: { file: string; reason: string }[] };
      expect(report.added).toContain('extra');
      expect(report.rejected).toEqual([{ file: 'broken.md', reason: 'missing title' }]);
      const text = await feudbot(['ingest', '--corpus', corpus.path], { env });
      expect(text.stdout).toContain('broken.md: missing title');
      expect(text.stdout).toMatch(/unchanged: 6/);
    } finally {
      corpus.cleanup();
    }
  });

  it('migrate applies the migrations once, then reports an up-to-date database', async () => {
    const first = await feudbot(['migrate'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied: 0001_corpus\.sql, /);
    const result = await feudbot(['migrate'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('The database is up to date.');
  });

  it('a wrong setting stops with a sentence that names the variable', async () => {
    const result = await feudbot(['ask', 'x'], { env: { ...env, OPENAI_TIMEOUT_MS: 'soon' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('OPENAI_TIMEOUT_MS must be a whole number of milliseconds');
    expect(result.stderr).not.toContain('    at ');
  });

  it('a database path that cannot work gets a sentence naming it, not a stack trace (issue 15, item 9)', async () => {
    const bad = join(work.path, 'bad');
    mkdirSync(join(bad, 'folder.db'), { recursive: true });
    writeFileSync(join(bad, 'random.db'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const cases = [
      [join(bad, 'random.db'), 'is not a feudbot database'],
      [join(bad, 'folder.db'), 'is a folder'],
      [join(bad, 'random.db', 'inside.db'), 'Cannot create the folder'],
    ] as const;
    for (const [path, says] of cases) {
      const result = await feudbot(['search', 'musk'], { env: { ...env, FEUDBOT_DB_PATH: path } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(says);
      expect(result.stderr).toContain(path.endsWith('inside.db') ? join(bad, 'random.db') : path);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack
    }
  });

  it('a corpus folder that does not exist is a sentence, and no database is left behind', async () => {
    const dbPath = join(work.path, 'elsewhere', 'feudbot.db');
    const result = await feudbot(['ask', 'why did Musk leave?'], {
      env: { CORPUS_DIR: join(work.path, 'no-such-folder'), FEUDBOT_DB_PATH: dbPath },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The corpus folder ${join(work.path, 'no-such-folder')} does not exist`);
    expect(existsSync(dbPath)).toBe(false);
  });

  it('health: exit 0 when the database holds a corpus and a running bot is connected', async () => {
    expect(await feudbot(['health'], { env })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no database'),
    });
    await feudbot(['ingest'], { env });
    const idle = await feudbot(['health'], { env });
    expect(idle).toMatchObject({ code: 0, stdout: expect.stringMatching(/^corpus [0-9a-f]{12}: 5 articles/) });
    expect(idle.stdout).toContain('bot: not running');
    // A running bot keeps a status file beside the database (this process stands in for it).
    const status = (gateway: string, updatedAt = Date.now()) =>
      writeFileSync(`${env.FEUDBOT_DB_PATH}.status.json`, JSON.stringify({ pid: process.pid, gateway, updatedAt }));
    status('connected');
    expect(await feudbot(['health'], { env })).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('gateway connected'),
    });
    status('lost');
    expect((await feudbot(['health'], { env })).code).toBe(1);
    status('connected', Date.now() - 10 * 60_000);
    expect(await feudbot(['health'], { env })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('has not updated'),
    });
    // A bot that died leaves its status file behind, naming a process that is gone (issue 25, item 3).
    const child = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    writeFileSync(
      `${env.FEUDBOT_DB_PATH}.status.json`,
      JSON.stringify({ pid: child.pid, gateway: 'connected', updatedAt: Date.now() }),
    );
    expect(await feudbot(['health'], { env })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('bot: dead'),
    });
  });

  it('a wrong command line exits 2 with the usage (a real process)', async () => {
    const unknown = await runFeudbot(['frobnicate'], { cwd: work.path, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const badLimit = await runFeudbot(['search', 'x', '--limit', 'lots'], { cwd: work.path, env });
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--limit must be a whole number');
  });

  it('eval --json prints the scores', async () => {
    const questions = join(work.path, 'q.jsonl');
    writeArticle(
      work.path,
      'q.jsonl',
      [
        JSON.stringify({ id: 'a', q: 'What is Merge Labs?', gold: ['Merge Labs'], kind: 'cross' }),
        JSON.stringify({ id: 'b', q: 'What is the capital of France?', gold: [], kind: 'off' }),
      ].join('\n'),
    );
    const result = await feudbot(['eval', '--questions', questions, '--json'], { env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { overall: Record<string, number>; byKind: Record<string, unknown> };
    expect(report.overall).toMatchObject({ questions: 2, recallAt1: 1, recallAt5: 1, mrr: 1, refusalAccuracy: 1 });
    expect(Object.keys(report.byKind).sort()).toEqual(['cross', 'off']);
  });
});
