import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start servers on loopback and a real SQLite per test; none needs more than this.
    testTimeout: 30_000,
    hookTimeout: 30_000,
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
