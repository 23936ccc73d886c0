import type { Db } from '../db/database.js';
import type { TokenUsage } from '../llm/chatModel.js';
import {
  type BudgetScope,
  budgetReached,
  recordTokens,
  type Spender,
  spenderOf,
  type TokenBudgets,
} from '../llm/tokenBudget.js';

export interface BudgetDeps {
  readonly db: Db;
  readonly budgets?: TokenBudgets;
  readonly keepQuestions: boolean;
  readonly write: (fn: () => void) => void;
}

/** Who pays for a question's model call, and the budget they have used up today, if any. */
export function checkBudget(
  deps: BudgetDeps,
  asker: Spender | null,
): { spender: Spender | null; reached: BudgetScope | null } {
  const { budgets } = deps;
  if (!asker || !budgets || (budgets.perMember === null && budgets.perServer === null))
    return { spender: null, reached: null };
  const spender = spenderOf(deps.db, asker, deps.keepQuestions);
  return { spender, reached: spender ? budgetReached(deps.db, budgets, spender) : null };
}

/** Charge what the model call cost to the spender's day (through the write gate). */
export function chargeTokens(deps: BudgetDeps, spender: Spender | null, usage: TokenUsage | null): void {
  if (!spender || !usage) return;
  const tokens = usage.promptTokens + usage.completionTokens;
  deps.write(() => recordTokens(deps.db, spender, tokens));
}
