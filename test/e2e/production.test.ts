import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, tempDir } from '../helpers/corpus.js';
import { startFakeDiscord } from '../helpers/fakeDiscord.js';
import { savedPage } from '../helpers/pageServer.js';

/** Every package the compiled code imports by name (node: built-ins left out). */
function packagesImportedBy(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.name.endsWith('.js')) continue;
    const code = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const [, spec] of code.matchAll(/\bfrom '([^'.][^']*)'|\bimport\('([^'.][^']*)'\)/g)) {
      if (!spec || spec.startsWith('node:')) continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return found;
}

describe('the production start (README, "Running it permanently")', () => {
  it('the built bot, after npm prune --omit=dev, runs with plain node, answers, and stops cleanly on SIGTERM', async () => {
    // npm prune --omit=dev, in a copy of the installation (hard links: fast, and the original keeps its tools).
    const work = tempDir();
    const install = join(work.path, 'install');
    try {
      execFileSync('cp', ['-al', PROJECT_ROOT.replace(/\/$/, ''), install], { stdio: 'ignore' });
    } catch {
      // Hard links cannot cross file systems (a /tmp of its own): a full copy then, 270 MB.
      rmSync(install, { recursive: true, force: true });
      execFileSync('cp', ['-a', PROJECT_ROOT.replace(/\/$/, ''), install]);
    }
    rmSync(join(install, 'data'), { recursive: true, force: true });
    // npm run build, in the copy: the working tree never gets a dist/ from a test run.
    rmSync(join(install, 'dist'), { recursive: true, force: true });
    execFileSync(join(install, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: install });
    // The compiled bot must need nothing but runtime dependencies (npm prune --omit=dev).
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const imported = [...packagesImportedBy(join(install, 'dist', 'src'))];
    expect(imported.filter((name) => !(name in pkg.dependencies))).toEqual([]);
    // Files npm may rewrite in place become copies of their own, so the original's never change.
    for (const file of ['package.json', 'package-lock.json', join('node_modules', '.package-lock.json')]) {
      rmSync(join(install, file), { force: true });
      if (existsSync(join(PROJECT_ROOT, file))) copyFileSync(join(PROJECT_ROOT, file), join(install, file));
    }
    execFileSync('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], {
      cwd: install,
      stdio: 'ignore',
    });
    expect(existsSync(join(install, 'node_modules', 'vitest'))).toBe(false);
    expect(existsSync(join(PROJECT_ROOT, 'node_modules', 'vitest'))).toBe(true);

    const discord = await startFakeDiscord();
    try {
      const child = spawn(process.execPath, [join(install, 'dist', 'src', 'bot', 'main.js')], {
        cwd: work.path, // not the installation folder: paths must not depend on it
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: 'prod-test-token.not-real.0123456789',
          DISCORD_APPLICATION_ID: discord.applicationId,
          DISCORD_API_URL: discord.api,
          FEUDBOT_HOME: work.path,
          LOG_LEVEL: 'info',
          // The fake's file server is on loopback.
          ARTICLE_FETCH_ALLOW_PRIVATE: 'true',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

      await discord.ready;
      const record = discord.slash(discord.users.member, 'ask', { question: 'What is Colossus?' });
      await discord.waitFor(() => record.edits.length > 0, 20_000, 'the answer');
      expect(JSON.stringify(record.edits.at(-1))).toContain('Colossus');
      // Articles are read in a worker thread, whose script the build must carry.
      const file = discord.upload('page.html', savedPage('en-liveblog.html'), 'text/html');
      const preview = discord.slash(
        discord.users.moderator,
        'article',
        {},
        { subcommand: 'add', attachments: { file } },
      );
      await discord.waitFor(() => preview.edits.length > 0, 20_000, 'the preview');
      expect(JSON.stringify(preview.edits.at(-1))).toContain('Musk and Altman trade barbs over Stargate project');
      // The bot keeps its status beside the database, for `feudbot health`.
      const status = JSON.parse(readFileSync(join(work.path, 'data', 'feudbot.db.status.json'), 'utf8')) as object;
      expect(status).toMatchObject({ pid: child.pid, gateway: 'connected' });

      child.kill('SIGTERM');
      const code = await exited;
      expect(code).toBe(0);
      expect(stderr).toContain('"msg":"shutting down"');
      expect(stderr).toContain('"msg":"stopped"');
      expect(stderr).not.toContain('prod-test-token');
      expect(existsSync(join(work.path, 'data', 'feudbot.db.status.json'))).toBe(false);
    } finally {
      await discord.close();
      work.cleanup();
    }
    // Building, pruning a copy of the installation and starting it: a minute on a busy machine.
  }, 120_000);
});
