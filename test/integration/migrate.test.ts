import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { explainOpenError, openDatabase } from '../../src/db/database.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { tempDir } from '../helpers/corpus.js';

describe('migrations', () => {
  it('apply once, record the version, and open with WAL, NORMAL sync, foreign keys and a busy timeout', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir.path, 'nested', 'feudbot.db'));
    try {
      const applied = migrate(db);
      expect(applied).toEqual(readMigrations().map((m) => m.name));
      expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
      expect(migrate(db)).toEqual([]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
      dir.cleanup();
    }
  });

  it('roll back a failing migration whole and stay at the previous version', () => {
    const dir = tempDir();
    const migrations = join(dir.path, 'migrations');
    mkdirSync(migrations);
    writeFileSync(join(migrations, '0001_ok.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(migrations, '0002_bad.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);');
    const db = openDatabase(':memory:');
    try {
      expect(() => migrate(db, migrations)).toThrow(/nowhere/);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    } finally {
      db.close();
      dir.cleanup();
    }
  });

  it('refuse a numbering gap', () => {
    const dir = tempDir();
    writeFileSync(join(dir.path, '0001_a.sql'), '');
    writeFileSync(join(dir.path, '0003_c.sql'), '');
    try {
      expect(() => readMigrations(dir.path)).toThrow(/without gaps/);
    } finally {
      dir.cleanup();
    }
  });

  it('take no write lock when there is nothing to migrate (a CLI beside a running reload)', () => {
    const dir = tempDir();
    const path = join(dir.path, 'feudbot.db');
    const writer = openDatabase(path);
    const reader = openDatabase(path);
    try {
      migrate(writer);
      reader.pragma('busy_timeout = 50');
      writer.exec('BEGIN IMMEDIATE'); // another process's reload holds the write lock
      expect(migrate(reader)).toEqual([]); // before the fix: SqliteError "database is locked"
      writer.exec('ROLLBACK');
    } finally {
      reader.close();
      writer.close();
      dir.cleanup();
    }
  });

  it('explains a read-only database file with its path and what to do', () => {
    const dir = tempDir();
    const path = join(dir.path, 'feudbot.db');
    try {
      migrate(openDatabase(path));
      // Root ignores file modes, so the read-only error is produced by opening the file read-only.
      const readOnly = new Database(path, { readonly: true });
      let error: unknown;
      try {
        readOnly.exec('CREATE TABLE t (x)');
      } catch (caught) {
        error = caught;
      }
      readOnly.close();
      const explained = explainOpenError(path, error) as Error;
      expect(explained.message).toContain(`The database ${path} is read-only for this user`);
      const other = new Error('something else');
      expect(explainOpenError(path, other)).toBe(other);
    } finally {
      dir.cleanup();
    }
  });
});
