import { buildExtractiveAnswer } from './answer/extractiveAnswer.js';
import { message } from './answer/messages.js';
import type { AskResult } from './answer/types.js';
import { getCorpusVersion } from './corpus/corpusMeta.js';
import { listSources, type SourcesListing } from './corpus/listSources.js';
import { reloadCorpus, type ReloadReport } from './corpus/reloadCorpus.js';
import { openDatabase, type Db } from './db/database.js';
import { migrate } from './db/migrate.js';
import type { Logger } from './logger.js';
import { searchPassages, type SearchHit, type SearchOptions } from './retrieval/searchPassages.js';
import { detectLanguage } from './text/detectLanguage.js';
import type { Language } from './text/languages.js';

export interface AskOptions {
  /** The language to answer in (e.g. from a Discord locale); by default the question's own. */
  readonly language?: Language;
}

/**
 * What the CLI and the bot both stand on: search, answer, list and reload. It knows
 * nothing of Discord or of the terminal; callers format what it returns.
 */
export interface FeudCore {
  readonly db: Db;
  search(question: string, options?: SearchOptions): SearchHit[];
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  sources(language?: Language): SourcesListing;
  reload(dir?: string): ReloadReport;
  close(): void;
}

export interface CoreDeps {
  readonly db: Db;
  readonly corpusDir: string;
  readonly logger: Logger;
}

/** Passages handed to the answerer. */
const PASSAGES_PER_ANSWER = 5;

export function createCore({ db, corpusDir, logger }: CoreDeps): FeudCore {
  return {
    db,
    search: (question, options) => searchPassages(db, question, options),

    async ask(question, options = {}) {
      const language = options.language ?? detectLanguage(question);
      const corpusVersion = getCorpusVersion(db);
      const base = { question, mode: 'extractive' as const, language, corpusVersion };
      if (!question.trim())
        return { ...base, answered: false, answer: message('emptyQuestion', language), citations: [] };

      const hits = searchPassages(db, question, { limit: PASSAGES_PER_ANSWER });
      if (hits.length === 0) {
        logger.debug({ question }, 'not covered');
        return { ...base, answered: false, answer: message('notCovered', language), citations: [] };
      }
      const { answer, citations } = buildExtractiveAnswer(hits);
      return { ...base, answered: true, answer, citations };
    },

    sources: (language) => listSources(db, language),

    reload(dir = corpusDir) {
      const report = reloadCorpus(db, dir);
      logger.info(
        {
          added: report.added.length,
          updated: report.updated.length,
          removed: report.removed.length,
          unchanged: report.unchanged.length,
          rejected: report.rejected,
          version: report.version,
          ms: report.ms,
        },
        'corpus reloaded',
      );
      return report;
    },

    close: () => db.close(),
  };
}

/**
 * Open the database, apply migrations, and on first use (no corpus yet) ingest the
 * corpus folder, so a fresh clone answers straight away.
 */
export function openCore(options: { dbPath: string; corpusDir: string; logger: Logger }): FeudCore {
  const db = openDatabase(options.dbPath);
  try {
    const applied = migrate(db);
    if (applied.length > 0) options.logger.info({ applied }, 'migrations applied');
    const core = createCore({ db, corpusDir: options.corpusDir, logger: options.logger });
    if (getCorpusVersion(db) === null) core.reload();
    return core;
  } catch (error) {
    db.close();
    throw error;
  }
}
