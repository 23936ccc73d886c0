import type { Config } from '../config.js';
import type { FeudCore } from '../core.js';
import { readEvalQuestions, runEval } from '../evaluation/runEval.js';
import { MAX_QUESTION_CHARS } from '../text/questionLength.js';
import { UserFacingError } from '../errors.js';
import type { Progress } from './progress.js';
import { MAX_LIMIT } from '../retrieval/searchPassages.js';
import { isSupportedLanguage, SUPPORTED_LANGUAGES, type Language } from '../text/languages.js';
import { addArticle, type Confirm, removeArticle } from './articleCommands.js';
import { chat } from './chatCommand.js';
import { exportFeedback, report } from './reportCommands.js';
import { formatAnswer, formatEval, formatReload, formatSearch, formatSources } from './formatText.js';
import { askJson, reloadJson, searchJson, sourcesJson } from './jsonShapes.js';

/** The command line once parsed: the flags, and the words after the command. */
export interface CommandLine {
  readonly values: {
    readonly json: boolean;
    readonly limit?: string | undefined;
    readonly language?: string | undefined;
    readonly corpus?: string | undefined;
    readonly questions?: string | undefined;
    readonly 'allow-empty': boolean;
    readonly yes: boolean;
    readonly days?: string | undefined;
    readonly 'from-feedback'?: string | undefined;
  };
  readonly rest: readonly string[];
}

/** The command line was wrong; the message says how. */
export class UsageError extends Error {}

/** The question on the command line; a missing or overlong one is a usage error (exit 2). */
function questionOf(rest: readonly string[], command: string): string {
  const question = rest.join(' ').trim();
  if (!question)
    throw new UsageError(`${command} needs a question, e.g. npm run cli -- ${command} why did Musk leave OpenAI`);
  if (question.length > MAX_QUESTION_CHARS)
    throw new UsageError(`A question is at most ${MAX_QUESTION_CHARS} characters; this one has ${question.length}.`);
  return question;
}

/** What a command may use of the terminal beyond printing. */
export interface Terminal {
  /** A yes/no question to a person; absent when nobody is there (piped input, --json). */
  readonly confirm: Confirm;
  /** Lines of input, for `chat`. */
  readonly lines: () => AsyncIterable<string>;
  /** Output as it happens (one line of `chat` at a time), not once at the end. */
  readonly write: (text: string) => void;
  /** How far long work is (on stderr: a bar at a terminal, plain lines otherwise). */
  readonly progress: Progress;
}

type Command = (
  core: FeudCore,
  line: CommandLine,
  print: (json: unknown, text: string) => void,
  terminal: Terminal,
) => Promise<void>;

/** The commands that run on a core (`migrate` runs before one can be opened). */
export const CORE_COMMANDS = {
  async ask(core, { values, rest }, print) {
    const result = await core.ask(questionOf(rest, 'ask'), { language: optionalLanguage(values.language) });
    // Exit 1 when answering failed; a damaged file is explained by the caller, which knows its path.
    if (result.outcome === 'failed' && result.failure === 'damaged')
      throw Object.assign(new Error('damaged database'), { code: 'SQLITE_CORRUPT' });
    if (result.outcome === 'failed') throw new UserFacingError(result.answer);
    print(askJson(result), formatAnswer(result));
  },
  async search(core, { values, rest }, print) {
    const question = questionOf(rest, 'search');
    const hits = await core.retrieve(question, { limit: positiveInteger(values.limit, 'limit') ?? 5 });
    print(searchJson(question, hits), formatSearch(hits));
  },
  async sources(core, { values }, print) {
    const listing = core.sources(optionalLanguage(values.language));
    print(sourcesJson(listing), formatSources(listing));
  },
  async ingest(core, { values }, print, { progress }) {
    const onProgress = (done: number, total: number) => progress('indexing articles', done, total);
    const report = await core.reload(undefined, { allowEmpty: values['allow-empty'], onProgress });
    // The index is live once reloaded; the report waits for the vectors.
    const embeddings = await core.fillEmbeddings((done, total) => progress('embedding passages', done, total));
    print(reloadJson(report, embeddings), formatReload(report, embeddings));
  },
  async eval(core, { values, rest }, print, { progress }) {
    if (rest[0] === 'export') {
      const file = values['from-feedback'];
      if (!file) throw new UsageError('eval export needs --from-feedback FILE (the file to write)');
      exportFeedback(core, file, (positiveDays(values.days) ?? core.retentionDays) || 90, print);
      return;
    }
    if (!values.questions) throw new UsageError('eval needs --questions FILE');
    await core.fillEmbeddings((done, total) => progress('embedding passages', done, total));
    const limit = positiveInteger(values.limit, 'limit') ?? 5;
    const questions = readEvalQuestions(values.questions);
    const report = await runEval(core, questions, limit, (done, total) => progress('asking', done, total));
    print(report, formatEval(report));
  },
  async chat(core, { values }, _print, terminal) {
    await chat(core, terminal.lines(), values.json, terminal.write);
  },
  async add(core, { values, rest }, print, { confirm }) {
    if (rest.length !== 1)
      throw new UsageError('add needs one link or file, e.g. feudbot add https://example.com/news/article');
    await addArticle(core, rest[0]!, values.yes, print, confirm);
  },
  async report(core, { values }, print) {
    report(core, positiveDays(values.days) ?? 30, print);
  },
  async remove(core, { rest }, print) {
    if (rest.length !== 1) throw new UsageError('remove needs the id of an article (see feudbot sources)');
    await removeArticle(core, rest[0]!, print);
  },
} satisfies Record<string, Command>;

export type CoreCommandName = keyof typeof CORE_COMMANDS;

export function isCoreCommand(name: string): name is CoreCommandName {
  return Object.hasOwn(CORE_COMMANDS, name);
}

/** The corpus folder a command works on: `--corpus`, else the configured one. */
export function corpusDirOf(line: CommandLine, config: Config): string {
  return line.values.corpus ?? config.corpusDir;
}

function optionalLanguage(value: string | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (!isSupportedLanguage(value))
    throw new UsageError(`--language must be one of: ${SUPPORTED_LANGUAGES.join(', ')}.`);
  return value;
}

function positiveDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3_650) throw new UsageError('--days must be a whole number from 1 to 3650.');
  return n;
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
    throw new UsageError(`--${name} must be a whole number from 1 to ${MAX_LIMIT}.`);
  return n;
}
