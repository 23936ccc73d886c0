import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import type { FeudCore } from '../core.js';
import { openCoreFromConfig } from '../openCore.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { readEvalQuestions, runEval } from '../evaluation/runEval.js';
import { createLogger } from '../logger.js';
import { isSupportedLanguage, SUPPORTED_LANGUAGES, type Language } from '../text/languages.js';
import { formatAnswer, formatEval, formatReload, formatSearch, formatSources } from './formatText.js';
import { askJson, reloadJson, searchJson, sourcesJson } from './jsonShapes.js';

export const USAGE = `feudbot: answers questions about the Musk–Altman feud from news articles.

Usage:
  feudbot ask "<question>" [--json] [--language en|de]
  feudbot search "<question>" [--json] [--limit N]
  feudbot sources [--json] [--language en|de]
  feudbot ingest [--corpus DIR] [--allow-empty] [--json]
  feudbot migrate
  feudbot eval --questions FILE [--limit K] [--json]

Settings come from the environment or .env (see .env.example).`;

/** Exit codes: 0 done, 1 something failed, 2 the command line was wrong. */
export const EXIT_USAGE = 2;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        language: { type: 'string' },
        corpus: { type: 'string' },
        questions: { type: 'string' },
        'allow-empty': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    io.out(USAGE);
    return command || values.help ? 0 : EXIT_USAGE;
  }

  const config = loadConfig(env);
  const logger = createLogger(config.logLevel ?? 'warn');
  const print = (json: unknown, text: string) => io.out(values.json ? JSON.stringify(json, null, 2) : text);

  if (command === 'migrate') {
    const db = openDatabase(config.dbPath);
    try {
      const applied = migrate(db);
      io.out(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      db.close();
    }
    return 0;
  }

  const commands: Record<string, (core: FeudCore) => Promise<number> | number> = {
    async ask(core) {
      const question = rest.join(' ');
      const result = await core.ask(question, { language: optionalLanguage(values.language) });
      print(askJson(result), formatAnswer(result));
      return 0;
    },
    async search(core) {
      const question = rest.join(' ');
      const hits = await core.retrieve(question, { limit: positiveInteger(values.limit, 'limit') ?? 5 });
      print(searchJson(question, hits), formatSearch(hits));
      return 0;
    },
    sources(core) {
      const listing = core.sources(optionalLanguage(values.language));
      print(sourcesJson(listing), formatSources(listing));
      return 0;
    },
    async ingest(core) {
      const report = await core.reload(values.corpus ?? config.corpusDir, { allowEmpty: values['allow-empty'] });
      // The report comes first (the index is live); then vectors fill in, with progress in the log.
      const embeddings = await core.fillEmbeddings();
      print(reloadJson(report, embeddings), formatReload(report, embeddings));
      return 0;
    },
    async eval(core) {
      if (!values.questions) throw new UsageError('eval needs --questions FILE');
      await core.fillEmbeddings();
      const report = await runEval(
        core,
        readEvalQuestions(values.questions),
        positiveInteger(values.limit, 'limit') ?? 5,
      );
      print(report, formatEval(report));
      return 0;
    },
  };
  const handler = commands[command];
  if (!handler) throw new UsageError(`Unknown command "${command}".`);

  // `ingest` reads its own folder; the others ingest the configured corpus on first use.
  const core = await openCoreFromConfig(config, logger, {
    ...(values.corpus ? { corpusDir: values.corpus } : {}),
    ingestOnFirstUse: command !== 'ingest',
  });
  try {
    return await handler(core);
  } finally {
    core.close();
  }
}

/** The command line was wrong; the message says how. */
export class UsageError extends Error {}

function optionalLanguage(value: string | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (!isSupportedLanguage(value))
    throw new UsageError(`--language must be one of: ${SUPPORTED_LANGUAGES.join(', ')}.`);
  return value;
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new UsageError(`--${name} must be a whole number from 1 to 50.`);
  return n;
}
