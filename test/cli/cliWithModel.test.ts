import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CORPUS, tempDir } from '../helpers/corpus.js';
import { type FakeOpenAI, isTranslationRequest, startFakeOpenAI } from '../helpers/fakeOpenAI.js';
import { structured } from '../helpers/llmCore.js';
import { runFeudbot } from '../helpers/runCommand.js';

describe('feudbot ask with a model configured', () => {
  let fake: FakeOpenAI;
  let work: { path: string; cleanup: () => void };
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    work = tempDir('feudbot-cli-llm-');
    env = {
      CORPUS_DIR: BUNDLED_CORPUS,
      FEUDBOT_DB_PATH: join(work.path, 'feudbot.db'),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-cli-test-secret',
      OPENAI_MODEL: 'llama3.1:8b',
      OPENAI_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'info',
    };
  });
  afterAll(async () => {
    await fake.close();
    work.cleanup();
  });

  it('reports mode "llm" and the model when the model answered', async () => {
    fake.script((request) =>
      isTranslationRequest(request)
        ? {
            kind: 'completion',
            content: JSON.stringify({ queries: [{ language: 'de', query: 'Musk Abgang OpenAI' }] }),
          }
        : { kind: 'completion', content: structured('Musk resigned from the board in 2018 [1].', [1]) },
    );
    const result = await runFeudbot(['ask', 'why did Musk leave OpenAI?', '--json'], { cwd: work.path, env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'llm', model: 'llama3.1:8b', answered: true });
    expect(fake.requests.some((r) => r.headers.authorization === 'Bearer sk-cli-test-secret')).toBe(true);
    // Logs go to stderr, and never carry the key.
    expect(result.stderr).toContain('"msg":"answered"');
    expect(result.stderr).not.toContain('sk-cli-test-secret');
  });

  it('reports mode "extractive" with the reason when the model fails', async () => {
    fake.script(() => ({ kind: 'error', status: 400, message: 'model not found' }));
    const result = await runFeudbot(['ask', 'What is Merge Labs?', '--json'], { cwd: work.path, env });
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ mode: 'extractive', answered: true, fallbackReason: 'HTTP 400' });
    expect(json.model).toBeUndefined();
    const text = await runFeudbot(['ask', 'What is Longshot Space?'], { cwd: work.path, env });
    expect(text.stdout).toContain('The language model could not answer just now, so this is quoted from the articles.');
  });
});
