import type { Db } from '../db/database.js';
import type { TokenUsage } from '../llm/chatModel.js';
import { statement } from '../db/statements.js';
import type { Judged } from './types.js';
import { parseStoredResult } from './storedResult.js';

/** The cache key of an answer: the same question, language, corpus and model give the same answer. */
export interface AnswerKey {
  readonly question: string;
  readonly language: string;
  readonly corpusVersion: string;
  readonly model: string;
}

export function getCachedAnswer(db: Db, key: AnswerKey): Judged | null {
  const row = statement(
    db,
    'SELECT result FROM answer_cache WHERE question = ? AND language = ? AND corpus_version = ? AND model = ?',
  )
    .pluck()
    .get(key.question, key.language, key.corpusVersion, key.model);
  // A row that does not parse as an answer (another version wrote it) is a cache miss.
  return typeof row === 'string' ? parseStoredResult(row) : null;
}

/** A cached answer serves every asker of its key: it keeps neither one member's wording nor their follow-up's rewrite. */
export function putCachedAnswer(db: Db, key: AnswerKey, result: Judged): void {
  const { question: _question, standalone: _standalone, ...shared } = result;
  statement(
    db,
    `INSERT INTO answer_cache (question, language, corpus_version, model, result, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET result = excluded.result, created_at = excluded.created_at`,
  ).run(
    key.question,
    key.language,
    key.corpusVersion,
    key.model,
    JSON.stringify({ ...shared, question: '' }),
    Date.now(),
  );
}

/** Forget answers made for other corpus versions (after a reload). */
export function pruneAnswerCache(db: Db, corpusVersion: string): void {
  statement(db, 'DELETE FROM answer_cache WHERE corpus_version != ?').run(corpusVersion);
}

/** Who asked, as plain ids (a Discord server and member); absent for the CLI. */
export interface Asker {
  readonly guildId: string | null;
  /** Null when ids of members are not kept with questions (RETENTION_DAYS=0). */
  readonly userId: string | null;
}

export interface AnswerLogEntry {
  /** Null when question text is not kept (RETENTION_DAYS=0): the row then only counts. */
  readonly question: string | null;
  /** A follow-up as it was understood on its own, the key of its cached answer and translations. */
  readonly standalone: string | null;
  readonly asker: Asker | null;
  readonly refusal: string | null;
  readonly language: string;
  readonly mode: string;
  readonly model: string | null;
  readonly answered: boolean;
  readonly cached: boolean;
  readonly usage: TokenUsage | null;
  readonly ms: number;
  readonly fallbackReason: string | null;
  /** How sure the answer was; null for a refusal. */
  readonly confidence: number | null;
}

/** Record an answer and what it cost. */
export function logAnswer(db: Db, entry: AnswerLogEntry): void {
  statement(
    db,
    `INSERT INTO answer_log (created_at, question, language, mode, model, answered, cached, prompt_tokens, completion_tokens, ms, fallback_reason, guild_id, user_id, refusal, standalone, confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    Date.now(),
    // The column predates RETENTION_DAYS=0 and is NOT NULL: an empty string stands for "not kept".
    entry.question ?? '',
    entry.language,
    entry.mode,
    entry.model,
    entry.answered ? 1 : 0,
    entry.cached ? 1 : 0,
    entry.usage?.promptTokens ?? null,
    entry.usage?.completionTokens ?? null,
    Math.round(entry.ms),
    entry.fallbackReason,
    entry.asker?.guildId ?? null,
    entry.asker?.userId ?? null,
    entry.refusal,
    entry.standalone,
    entry.confidence,
  );
}
