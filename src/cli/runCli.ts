import type { FeudCore } from '../core.js';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { resolve } from 'node:path';
import { backupDatabase } from '../db/backup.js';
import { explainOpenError, isDamage, openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createLogger, secretsOf } from '../logger.js';
import { openCoreFromConfig } from '../openCore.js';
import { checkHealth } from './health.js';
import type { Confirm } from './articleCommands.js';
import type { Progress } from './progress.js';
import { type CommandLine, CORE_COMMANDS, corpusDirOf, isCoreCommand, UsageError } from './commands.js';

export { UsageError };

export const USAGE = `feudbot: answers questions about the Musk–Altman feud from news articles.

Usage (from a clone: npm run cli -- <command>; after npm run build && npm link: feudbot <command>):
  feudbot ask "<question>" [--json] [--language en|de]
  feudbot search "<question>" [--json] [--limit N]
  feudbot sources [--json] [--language en|de]
  feudbot ingest [--corpus DIR] [--allow-empty] [--json]
  feudbot add <url|file> [--yes] [--json]   add an article to the corpus folder (a preview first)
  feudbot remove <id> [--json]              delete an article's file from the corpus folder
  feudbot migrate
  feudbot backup FILE       a consistent copy of the live database (safe while the bot runs)
  feudbot health            exit 0 when the database holds a corpus and a running bot is connected
  feudbot eval --questions FILE [--limit K] [--json]
  feudbot chat [--json]     a conversation: one question a line, follow-ups read with the turns before
  feudbot report [--days N] [--json]   what members asked, what was not covered, what was voted down
  feudbot eval export --from-feedback FILE [--days N]   voted-down and refused questions as eval lines

Settings come from the environment or .env (see .env.example).`;

/** Exit codes: 0 done, 1 something failed, 2 the command line was wrong. */
export const EXIT_USAGE = 2;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** A yes/no question at the terminal (add's preview); absent when no one is there to answer. */
  confirm?: Confirm;
  /** Lines of input (`chat`); none by default. */
  lines?: () => AsyncIterable<string>;
  /** Progress of long work (ingest, embedding, eval); none by default. */
  progress?: Progress;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let line: CommandLine & { command: string | undefined; help: boolean };
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    io.err(`${commandLineProblem(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { command } = line;
  if (line.help || !command || command === 'help') {
    io.out(USAGE);
    return command || line.help ? 0 : EXIT_USAGE;
  }
  const config = loadConfig(env);
  if (command === 'migrate') return migrateOnly(config.dbPath, io);
  if (command === 'backup') return backup(config.dbPath, line.rest[0], io);
  if (command === 'health') {
    const health = checkHealth(config.dbPath);
    (health.ok ? io.out : io.err)(health.lines.join('\n'));
    return health.ok ? 0 : 1;
  }
  if (!isCoreCommand(command)) throw new UsageError(`Unknown command "${command}".`);

  const logger = createLogger(config.logLevel ?? 'warn', undefined, secretsOf(config));
  // `ingest` reports what it ingests; the others ingest the configured corpus on first use.
  const core = await openCoreFromConfig(config, logger, {
    corpusDir: corpusDirOf(line, config),
    ingestOnFirstUse: command !== 'ingest',
  });
  try {
    await CORE_COMMANDS[command](
      core,
      line,
      (json, text) => io.out(line.values.json ? JSON.stringify(json, null, 2) : text),
      {
        confirm: line.values.json ? undefined : io.confirm,
        lines: io.lines ?? async function* () {},
        write: io.out,
        progress: io.progress ?? (() => undefined),
      },
    );
    await keepWrites(core, io);
    return 0;
  } catch (error) {
    // A damaged page met while working: the same sentence as when opening, never a stack.
    throw isDamage(error) ? explainOpenError(config.dbPath, error) : error;
  } finally {
    core.close();
  }
}

/** How long a command waits at its end for another process's lock, so that its writes (the question's log) are kept. */
const LOCK_WAIT_MS = 60_000;

/** Wait for writes another process's lock held back, saying so; say plainly if some could not be kept. */
async function keepWrites(core: FeudCore, io: Io): Promise<void> {
  const left = await core.settleWrites(LOCK_WAIT_MS, () =>
    io.err('Another process (an ingest?) holds the database; waiting for it to save what this command recorded…'),
  );
  if (left > 0)
    io.err(
      `The database stayed locked for ${LOCK_WAIT_MS / 1000} s: ${left} record(s) of this command (such as the question's log entry) were not saved.`,
    );
}

/** Node's parseArgs errors in a sentence of our own (its unknown-option message leaves a quote open). */
function commandLineProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown)
    return `Unknown option ${unknown[1]}. A question that starts with "-" goes after "--": ask -- "${unknown[1]} …"`;
  return message;
}

function parseCommandLine(argv: string[]): CommandLine & { command: string | undefined; help: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      language: { type: 'string' },
      corpus: { type: 'string' },
      questions: { type: 'string' },
      'allow-empty': { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      days: { type: 'string' },
      'from-feedback': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  return { values, rest, command, help: values.help };
}

async function backup(dbPath: string, target: string | undefined, io: Io): Promise<number> {
  if (!target) throw new UsageError('backup needs the file to write, e.g. feudbot backup feudbot-2026-11-23.db');
  const { pages } = await backupDatabase(dbPath, resolve(target));
  io.out(`Backed up ${dbPath} to ${resolve(target)} (${pages} pages).`);
  return 0;
}

function migrateOnly(dbPath: string, io: Io): number {
  const db = openDatabase(dbPath);
  try {
    const applied = migrate(db);
    io.out(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    db.close();
  }
  return 0;
}
