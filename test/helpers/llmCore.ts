import { createCore } from '../../src/core.js';
import { createLimiter, type Limiter } from '../../src/llm/limiter.js';
import { createOpenAiChatModel } from '../../src/llm/openAiChatModel.js';
import type { Logger } from '../../src/logger.js';
import { BUNDLED_CORPUS, type CoreWithDb, migratedMemoryDb, silentLogger } from './corpus.js';
import type { FakeOpenAI } from './fakeOpenAI.js';

export const FAKE_MODEL = 'fake-model-1';
export const FAKE_API_KEY = 'sk-test-not-a-real-key';

/** A core over the bundled corpus whose model is the real `openai` client talking to the fake server. */
export async function coreWithFakeModel(
  fake: FakeOpenAI,
  options: { timeoutMs?: number; maxRetries?: number; limiter?: Limiter; corpusDir?: string; logger?: Logger } = {},
): Promise<CoreWithDb> {
  const db = migratedMemoryDb();
  const core = createCore({
    db,
    corpusDir: options.corpusDir ?? BUNDLED_CORPUS,
    logger: options.logger ?? silentLogger,
    model: createOpenAiChatModel({
      apiKey: FAKE_API_KEY,
      baseURL: fake.baseURL,
      model: FAKE_MODEL,
      timeoutMs: options.timeoutMs ?? 5_000,
      maxRetries: options.maxRetries ?? 2,
    }),
    limiter: options.limiter ?? createLimiter(4, 32),
  });
  await core.reload();
  return Object.assign(core, { db });
}

/** A structured answer as the model would send it. */
export function structured(answer: string, citations: number[], answered = true): string {
  return JSON.stringify({ answered, answer, citations });
}
