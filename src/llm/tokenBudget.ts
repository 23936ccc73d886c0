import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { getMeta, setMeta } from '../db/meta.js';
import { statement } from '../db/statements.js';

/** Daily model-token budgets; null: unlimited. */
export interface TokenBudgets {
  readonly perMember: number | null;
  readonly perServer: number | null;
}

export type BudgetScope = 'member' | 'server';

/** Who spends: the ids a question came with (none from the CLI, which has no budget). */
export interface Spender {
  readonly guildId: string | null;
  readonly userId: string | null;
}

const dayOf = (now: number) => new Date(now).toISOString().slice(0, 10);

/** The first budget the spender has used up today, or null. Read from the database, so it holds across processes and restarts. */
export function budgetReached(db: Db, budgets: TokenBudgets, spender: Spender, now = Date.now()): BudgetScope | null {
  const spent = (scope: BudgetScope, id: string) =>
    (statement(db, 'SELECT tokens FROM token_usage WHERE day = ? AND scope = ? AND id = ?')
      .pluck()
      .get(dayOf(now), scope, id) as number | undefined) ?? 0;
  if (budgets.perMember !== null && spender.userId && spent('member', spender.userId) >= budgets.perMember)
    return 'member';
  if (budgets.perServer !== null && spender.guildId && spent('server', spender.guildId) >= budgets.perServer)
    return 'server';
  return null;
}

/** Add what a model call cost to the spender's day. */
export function recordTokens(db: Db, spender: Spender, tokens: number, now = Date.now()): void {
  if (tokens <= 0) return;
  const add = statement(
    db,
    `INSERT INTO token_usage (day, scope, id, tokens) VALUES (?, ?, ?, ?)
       ON CONFLICT (day, scope, id) DO UPDATE SET tokens = tokens + excluded.tokens`,
  );
  if (spender.userId) add.run(dayOf(now), 'member', spender.userId, tokens);
  if (spender.guildId) add.run(dayOf(now), 'server', spender.guildId, tokens);
}

/**
 * The spender of a question. Under RETENTION_DAYS=0 no member id is stored anywhere, so a
 * member's budget is kept under a keyed hash of their id (the key a random one of this
 * database's): the same member every time, never their id.
 */
export function spenderOf(db: Db, asker: Spender | null, keepIds: boolean): Spender | null {
  if (!asker) return null;
  if (keepIds || !asker.userId) return asker;
  let key = getMeta(db, 'token_budget_key');
  if (!key) {
    key = randomBytes(16).toString('hex');
    setMeta(db, 'token_budget_key', key);
  }
  return {
    guildId: asker.guildId,
    userId: createHash('sha256').update(`${key}:${asker.userId}`).digest('hex').slice(0, 32),
  };
}
