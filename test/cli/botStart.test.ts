import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CORPUS, PROJECT_ROOT, tempDir } from '../helpers/corpus.js';
import { startFakeDiscord } from '../helpers/fakeDiscord.js';

function run(
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), [join(PROJECT_ROOT, script)], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('npm start and deploy-commands without Discord credentials', () => {
  it.each(['src/bot/main.ts', 'src/bot/deploy.ts'])('%s stops at once and says where to get them', async (script) => {
    const work = tempDir();
    try {
      const result = await run(script, {}, work.path);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DISCORD_TOKEN is not set');
      expect(result.stderr).toContain('Reset Token');
      expect(result.stderr).toContain('DISCORD_APPLICATION_ID is not set');
    } finally {
      work.cleanup();
    }
  });
});

describe('npm start when Discord rejects the token', () => {
  it('logs the close code and what to do, and exits non-zero so a supervisor restarts it', async () => {
    const discord = await startFakeDiscord({ identifyCloseCode: 4004 });
    const work = tempDir();
    try {
      const result = await run(
        'src/bot/main.ts',
        {
          DISCORD_TOKEN: 'rejected-token.not-real.0123456789',
          DISCORD_APPLICATION_ID: discord.applicationId,
          DISCORD_API_URL: discord.api,
          CORPUS_DIR: BUNDLED_CORPUS,
          FEUDBOT_DB_PATH: ':memory:',
        },
        work.path,
      );
      // Before the fix: no log line at all, and exit code 0.
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('4004 (AuthenticationFailed)');
      expect(result.stderr).toContain('Reset Token');
      expect(result.stderr).not.toContain('rejected-token');
    } finally {
      work.cleanup();
      await discord.close();
    }
  });
});
