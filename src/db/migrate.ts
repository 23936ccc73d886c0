import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './database.js';

/**
 * The migrations folder that ships with the project: the nearest `migrations/` above this
 * module, so it is found both from src/ (tsx) and from dist/src/ (built).
 */
export const MIGRATIONS_DIR = findUp('migrations', dirname(fileURLToPath(import.meta.url)));

function findUp(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, name, '0001_corpus.sql'))) return join(dir, name);
    if (dirname(dir) === dir) throw new Error(`Cannot find the ${name} folder above ${from}.`);
  }
}

const FILE_NAME = /^(\d{4})_[\w-]+\.sql$/;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The numbered migrations in a folder, in order; a gap or a duplicate number is an error. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => FILE_NAME.test(name))
    .map((name) => ({ version: Number(FILE_NAME.exec(name)?.[1]), name, sql: readFileSync(join(dir, name), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migrations must be numbered 0001, 0002, … without gaps; found ${m.name}.`);
  });
  return migrations;
}

/**
 * Apply every migration newer than the database's `PRAGMA user_version`, each in its own
 * IMMEDIATE transaction together with the version bump, so a failed migration leaves the
 * database at the previous version. Forward only. Returns the names applied.
 */
export function migrate(db: Db, dir: string = MIGRATIONS_DIR): string[] {
  const migrations = readMigrations(dir);
  // Up to date (nearly always): no write lock at all, so a CLI search beside another process's
  // reload does not wait for it or fail with "database is locked".
  const newest = Math.max(0, ...migrations.map((m) => m.version));
  if ((db.pragma('user_version', { simple: true }) as number) >= newest) return [];
  const applied: string[] = [];
  for (const migration of migrations) {
    // The version is read inside the write lock, so two processes starting at once apply each file once.
    const ran = db
      .transaction(() => {
        const current = db.pragma('user_version', { simple: true }) as number;
        if (migration.version <= current) return false;
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
        return true;
      })
      .immediate();
    if (ran) applied.push(migration.name);
  }
  return applied;
}
