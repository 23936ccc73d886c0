import { logPeerFailure } from './describeError.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { isSupportedLanguage, type Language } from '../text/languages.js';
import { TRANSLATION_JSON_SCHEMA, translationSchema } from './translationFormat.js';
import { type ChatModel, StructuredOutputUnsupportedError } from './chatModel.js';
import type { OutputModeMemory } from './modelAnswerer.js';
import { buildTranslationMessages } from './prompt.js';
import { getCachedTranslations, putCachedTranslations } from './translationStore.js';
import { normalizeQuestion } from '../text/normalizeQuestion.js';

const TRANSLATION_MAX_TOKENS = 200;
const MAX_QUERY_LENGTH = 300;
export const MAX_QUERIES_PER_LANGUAGE = 3;

export interface QueryTranslatorDeps {
  readonly db: Db;
  readonly model: ChatModel;
  readonly logger: Logger;
  readonly modes: OutputModeMemory;
  /** Where the cache write goes (now, or after a reload in progress). */
  readonly write: (fn: () => void) => void;
  /** Runs the model call within the concurrency bound (rejects with BusyError when full). */
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** False under RETENTION_DAYS=0: the translations, keyed by the question, are not stored. */
  readonly keepQuestions?: boolean;
}

/**
 * Search queries for a question in each corpus language, written by the model and cached
 * per (normalized question, corpus version, model). Any failure gives an empty list: the
 * search then goes on with the question alone.
 */
export async function translateQuery(
  deps: QueryTranslatorDeps,
  question: string,
  languages: readonly Language[],
  corpusVersion: string,
): Promise<string[]> {
  const key = { question: normalizeQuestion(question), corpusVersion, model: deps.model.model };
  const cached = getCachedTranslations(deps.db, key);
  if (cached !== null) return cached;

  let queries: string[];
  try {
    queries = await deps.limit(() => requestTranslations(deps, question, languages));
  } catch (error) {
    logPeerFailure(deps.logger, error, 'query translation failed');
    return [];
  }
  if (deps.keepQuestions !== false) deps.write(() => putCachedTranslations(deps.db, key, queries));
  return queries;
}

async function requestTranslations(
  deps: QueryTranslatorDeps,
  question: string,
  languages: readonly Language[],
): Promise<string[]> {
  const structured = !deps.modes.usesPlainText(deps.model.model);
  try {
    const reply = await deps.model.chat({
      messages: buildTranslationMessages(question, languages, structured),
      maxTokens: TRANSLATION_MAX_TOKENS,
      ...(structured ? { jsonSchema: { name: 'feudbot_queries', schema: TRANSLATION_JSON_SCHEMA } } : {}),
    });
    if (reply.finishReason === 'length' || reply.refusal) throw new Error('translation cut or refused');
    return structured ? parseStructured(reply.content, languages) : parsePlain(reply.content, languages);
  } catch (error) {
    if (!(error instanceof StructuredOutputUnsupportedError)) throw error;
    deps.modes.rememberPlainText(deps.model.model);
    return requestTranslations(deps, question, languages);
  }
}

function parseStructured(content: string, languages: readonly Language[]): string[] {
  const parsed = translationSchema.parse(JSON.parse(content));
  return clean(parsed.queries, languages);
}

function parsePlain(content: string, languages: readonly Language[]): string[] {
  const out: { language: string; query: string }[] = [];
  for (const line of content.split('\n')) {
    const match = /^[ \t]*([a-z]{2})[ \t]*[:\-–][ \t]*(.+)$/i.exec(line);
    if (match) out.push({ language: match[1]!.toLowerCase(), query: match[2]! });
  }
  return clean(out, languages);
}

/**
 * The model's queries in the corpus languages, trimmed, distinct, and at most a handful
 * per language: each one is a search, and a reply with 20,000 of them took minutes.
 */
function clean(queries: readonly { language: string; query: string }[], languages: readonly Language[]): string[] {
  const kept: string[] = [];
  const perLanguage = new Map<string, number>();
  for (const { language, query } of queries) {
    if (!isSupportedLanguage(language) || !languages.includes(language)) continue;
    const text = query.trim().slice(0, MAX_QUERY_LENGTH);
    const count = perLanguage.get(language) ?? 0;
    if (!text || kept.includes(text) || count >= MAX_QUERIES_PER_LANGUAGE) continue;
    perLanguage.set(language, count + 1);
    kept.push(text);
  }
  return kept;
}
