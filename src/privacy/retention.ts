import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';

/** How long questions, answers and votes are kept unless RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/** What one pruning deleted, per table. */
export type Pruned = Record<string, number>;

/**
 * Delete what is older than the retention period: the answer log, posted answers (their
 * votes go with them) and votes, and the caches keyed by question text. With
 * RETENTION_DAYS=0 nothing holds question text or a member's id in the first place, and the
 * rows that remain (counts for /insights) are kept for the default period.
 */
export function pruneExpired(db: Db, retentionDays: number, now = Date.now()): Pruned {
  const cutoff = now - (retentionDays > 0 ? retentionDays : DEFAULT_RETENTION_DAYS) * DAY_MS;
  const targets: [table: string, column: string][] = [
    ['answer_log', 'created_at'],
    ['feedback', 'updated_at'],
    ['bot_answers', 'created_at'],
    ['answer_cache', 'created_at'],
    ['query_translations', 'created_at'],
    // A conversation's turns go with it.
    ['conversations', 'last_active'],
    ['help_posts', 'created_at'],
  ];
  const pruned: Pruned = {};
  // Budgets count today only; yesterday's row is kept for a day's overlap across time zones of the log.
  const lastBudgetDay = new Date(now - DAY_MS).toISOString().slice(0, 10);
  db.transaction(() => {
    for (const [table, column] of targets)
      pruned[table] = statement(db, `DELETE FROM ${table} WHERE ${column} < ?`).run(cutoff).changes;
    pruned.token_usage = statement(db, 'DELETE FROM token_usage WHERE day < ?').run(lastBudgetDay).changes;
  })();
  return pruned;
}
