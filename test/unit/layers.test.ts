import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus.js';

/** Each file of src/ and the files it imports, as madge reads them (paths relative to src/). */
function importGraph(): Record<string, string[]> {
  const madge = join(PROJECT_ROOT, 'node_modules', '.bin', 'madge');
  const args = ['--json', '--extensions', 'ts', '--ts-config', 'tsconfig.json', 'src'];
  return JSON.parse(execFileSync(madge, args, { cwd: PROJECT_ROOT, encoding: 'utf8' })) as Record<string, string[]>;
}

const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : file.replace(/\.ts$/, ''));

describe('the dependency direction of src/', () => {
  it('has no cycle between folders: every arrow points one way', () => {
    const edges = new Map<string, Set<string>>();
    for (const [file, imports] of Object.entries(importGraph()))
      for (const imported of imports) {
        const [from, to] = [folderOf(file), folderOf(imported)];
        if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    // A folder that can reach itself through its imports is in a cycle.
    const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
      [...(edges.get(from) ?? [])].some(
        (next) => next === target || (!seen.has(next) && (seen.add(next), reaches(next, target, seen))),
      );
    expect([...edges.keys()].filter((folder) => reaches(folder, folder))).toEqual([]);
    expect(edges.size).toBeGreaterThan(5); // the graph was really read
  });

  it('points every import down the documented order of layers (docs/architecture.md)', () => {
    // Top to bottom; a file may import its own layer and any below it, never one above.
    const order = [
      ['bot'],
      ['cli', 'evaluation'],
      ['main', 'openCore', 'core', 'config', 'configFields', 'loadDotEnv'],
      ['insights', 'privacy', 'help'],
      ['answer'],
      ['articles', 'embeddings', 'llm'],
      ['retrieval'],
      ['corpus'],
      ['i18n', 'runtime'],
      ['db', 'logger', 'errors'],
      ['text'],
    ];
    const layerOf = (folder: string) => order.findIndex((layer) => layer.includes(folder));
    const upward: string[] = [];
    const unplaced = new Set<string>();
    for (const [file, imports] of Object.entries(importGraph()))
      for (const imported of imports) {
        const [from, to] = [layerOf(folderOf(file)), layerOf(folderOf(imported))];
        if (from < 0) unplaced.add(folderOf(file));
        if (to < 0) unplaced.add(folderOf(imported));
        if (from >= 0 && to >= 0 && to < from) upward.push(`${file} → ${imported}`);
      }
    expect([...unplaced]).toEqual([]);
    expect(upward).toEqual([]);
  });

  it('keeps Discord out of the core: only src/bot imports discord.js', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/from '(discord\.js|discord-api-types[^']*)'/.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    walk(join(PROJECT_ROOT, 'src'));
    expect(offenders.filter((p) => !p.includes(`${join('src', 'bot')}`))).toEqual([]);
    expect(offenders.length).toBeGreaterThan(0);
  });
});
