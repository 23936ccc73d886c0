import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type FeudCore } from '../../src/core.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';

/** The corpus that ships with the project. */
export const BUNDLED_CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const silentLogger = createLogger('silent');

/** A fresh in-memory database with the real migrations applied. */
export function migratedMemoryDb(): Db {
  const db = openDatabase(':memory:');
  migrate(db);
  return db;
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'feudbot-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** A copy of the bundled corpus in a temporary folder, for tests that edit it. */
export function copyOfBundledCorpus(): { path: string; cleanup: () => void } {
  const dir = tempDir('feudbot-corpus-');
  cpSync(BUNDLED_CORPUS, dir.path, { recursive: true });
  return dir;
}

/** An article file in the corpus format. */
export function articleFile(fields: Record<string, string | boolean | undefined>, body: string): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

export function writeArticle(dir: string, name: string, content: string | Uint8Array): void {
  writeFileSync(join(dir, name), content);
}

/** A core, and the database it was given: tests read and check tables the core keeps to itself. */
export type CoreWithDb = FeudCore & { readonly db: Db };

/** A core over an in-memory database with the bundled corpus ingested. */
export async function bundledCore(): Promise<CoreWithDb> {
  const db = migratedMemoryDb();
  const core = createCore({ db, corpusDir: BUNDLED_CORPUS, logger: silentLogger });
  await core.reload();
  return Object.assign(core, { db });
}

/** About `words` words of plausible prose, in sentences. */
export function prose(words: number, seed = 'musk'): string {
  const vocabulary = ['the', 'board', 'met', 'again', 'and', 'talked', 'about', seed, 'research', 'funding', 'plans'];
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const word = vocabulary[i % vocabulary.length]!;
    const startsSentence = i % 12 === 0;
    const capitalized = startsSentence ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    out.push(i % 12 === 11 ? `${capitalized}.` : capitalized);
  }
  const text = out.join(' ');
  return text.endsWith('.') ? text : `${text}.`;
}
