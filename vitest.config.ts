import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start servers on loopback and a real SQLite per test; none needs more than this.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Most tests wait on loopback servers, child processes and timers rather than the CPU, so
    // one worker more than there are cores keeps the cores busy (docs/architecture.md has the timings).
    maxWorkers: availableParallelism() + 1,
    // No test mocks a module or keeps state in one, so files share a worker's module cache:
    // loading discord.js, openai and the sources once per worker, not once per file (50 s → 36 s).
    isolate: false,
    // Tests must never inherit a developer's keys or tokens.
    env: {
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
      EMBEDDINGS_MODEL: '',
      EMBEDDINGS_BASE_URL: '',
      EMBEDDINGS_API_KEY: '',
      DISCORD_TOKEN: '',
      LOG_LEVEL: 'silent',
    },
  },
});
