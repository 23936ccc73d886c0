import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { type BotStatus, STATUS_REFRESH_MS, statusFilePath } from '../runtime/statusFile.js';

export interface Health {
  readonly ok: boolean;
  readonly lines: string[];
}

/**
 * For process managers and monitors: healthy when the database opens and holds a
 * corpus, and, when the bot is running, when its gateway is connected and its status
 * file is fresh. Reads only; never creates the database.
 */
export function checkHealth(dbPath: string, now = Date.now()): Health {
  if (dbPath === ':memory:' || !existsSync(dbPath)) return { ok: false, lines: [`no database at ${dbPath}`] };
  let corpus: { version: string | null; articles: number; passages: number };
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      corpus = db
        .prepare(
          `SELECT (SELECT value FROM meta WHERE key = 'corpus_version') AS version,
                  (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM passages) AS passages`,
        )
        .get() as typeof corpus;
    } finally {
      db.close();
    }
  } catch (error) {
    return { ok: false, lines: [`the database ${dbPath} cannot be read: ${(error as Error).message}`] };
  }
  if (!corpus.version) return { ok: false, lines: [`the database ${dbPath} holds no corpus yet (run feudbot ingest)`] };
  const lines = [`corpus ${corpus.version}: ${corpus.articles} articles, ${corpus.passages} passages`];
  const bot = botHealth(statusFilePath(dbPath), now);
  return { ok: bot.ok, lines: [...lines, bot.line] };
}

/**
 * A bot that stops on its own removes its status file; a file left behind by a process
 * that is gone means the bot died (crashed, killed, out of memory): unhealthy, so that a
 * monitor tells a dead bot from one an operator stopped.
 */
function botHealth(path: string, now: number): { ok: boolean; line: string } {
  if (!existsSync(path)) return { ok: true, line: 'bot: not running (stopped, or never started)' };
  let status: BotStatus;
  try {
    status = JSON.parse(readFileSync(path, 'utf8')) as BotStatus;
  } catch {
    return { ok: false, line: `bot: its status file ${path} cannot be read` };
  }
  if (!isRunning(status.pid))
    return {
      ok: false,
      line: `bot: dead — its process (pid ${status.pid}) ended without stopping (crashed or killed); restart it, or delete ${path} if it was stopped on purpose`,
    };
  const age = now - status.updatedAt;
  if (age > 3 * STATUS_REFRESH_MS)
    return { ok: false, line: `bot: pid ${status.pid} has not updated its status for ${Math.round(age / 1000)} s` };
  return { ok: status.gateway === 'connected', line: `bot: pid ${status.pid}, gateway ${status.gateway}` };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
